-- A Clarizen create's row used to carry the id the create was meant to
-- get before the create was sent, so a failed create showed a record id
-- for a record that never existed. Rows now get the id once the create
-- succeeds; this clears it from the rows of creates and link entities
-- that have not succeeded.
UPDATE registry SET cz_id = ''
WHERE target = 'clarizen' AND operation IN ('create', 'link') AND state <> 'Success';
