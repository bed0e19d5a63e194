-- Times are now stored with all nine fractional digits, so that text order
-- is time order: the registry's date filter compares updated_at as text.
-- Older values dropped trailing zeros ("12:00:00Z", "12:00:00.5Z"); this
-- pads the registry's times to the fixed width. Other tables' times are
-- never compared in SQL and are read either way.
UPDATE registry SET
    updated_at = substr(updated_at, 1, 19) || '.' || substr(
        CASE WHEN instr(updated_at, '.') > 0 THEN substr(updated_at, 21, length(updated_at) - 21) ELSE '' END
        || '000000000', 1, 9) || 'Z'
WHERE updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
    AND length(updated_at) <> 30;

UPDATE registry SET
    created_at = substr(created_at, 1, 19) || '.' || substr(
        CASE WHEN instr(created_at, '.') > 0 THEN substr(created_at, 21, length(created_at) - 21) ELSE '' END
        || '000000000', 1, 9) || 'Z'
WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
    AND length(created_at) <> 30;
