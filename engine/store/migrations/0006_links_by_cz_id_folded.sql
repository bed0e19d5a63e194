-- Clarizen ids are compared without regard to case: the sync engine looks
-- links up by lower(cz_id) to find a Clarizen entity that is linked to
-- another Salesforce record under the same mapping before it saves a new
-- link.
CREATE INDEX links_by_cz_id_folded ON links (mapping_id, cz_connection, lower(cz_id));
