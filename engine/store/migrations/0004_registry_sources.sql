-- The record that caused each registry row's operation: the record that
-- changed, fired an event (for every operation the firing led to) or was
-- deleted. A later run reads these records again to resume Pending rows
-- and retried ones, whatever the watermarks say.
CREATE TABLE registry_sources (
    registry_id INTEGER PRIMARY KEY REFERENCES registry(id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('salesforce', 'clarizen')),
    connection  TEXT NOT NULL,
    object      TEXT NOT NULL,
    record_id   TEXT NOT NULL
) STRICT;
