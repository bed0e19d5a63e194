-- The fix a failed registry row suggests to the user: which object, field
-- and setting to look at. Written by the sync engine with the row's result.
ALTER TABLE registry ADD COLUMN error_hint TEXT NOT NULL DEFAULT '';
