-- The social sync looks up the registry rows of one record's posts and
-- comments by their Salesforce ids, once per linked record and run.
CREATE INDEX registry_by_sf_id ON registry (mapping_id, sf_id);
