-- Mappings, events and the sync state: links with their last synced values,
-- event firings, watermarks, runs and the sync registry.

CREATE TABLE mappings (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    clarizen_connection TEXT NOT NULL,      -- "clarizen1" or "clarizen2"
    definition      TEXT NOT NULL,          -- JSON of the mapping model
    enabled         INTEGER NOT NULL DEFAULT 0,
    state           TEXT NOT NULL DEFAULT 'ok',  -- ok, needs_reauth
    last_result     TEXT NOT NULL DEFAULT '',
    package_item    TEXT NOT NULL DEFAULT '',    -- best-practices item it came from
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    triggered_by    TEXT NOT NULL CHECK (triggered_by IN ('salesforce', 'clarizen')),
    clarizen_connection TEXT NOT NULL,
    definition      TEXT NOT NULL,          -- JSON of the event model
    enabled         INTEGER NOT NULL DEFAULT 0,
    enabled_at      TEXT NOT NULL DEFAULT '',
    fire_existing   INTEGER NOT NULL DEFAULT 0,
    last_result     TEXT NOT NULL DEFAULT '',
    package_item    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- A record fires an event once: the first time it matches after enabling.
CREATE TABLE event_fires (
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    record_id  TEXT NOT NULL,
    fired_at   TEXT NOT NULL,
    PRIMARY KEY (event_id, record_id)
) STRICT;

-- A link pairs a Salesforce record with a Clarizen entity under a mapping.
-- base holds each mapped field's value on each side after the last
-- successful sync; the stamps are each side's modification stamp right
-- after Liaison's own write.
CREATE TABLE links (
    id           INTEGER PRIMARY KEY,
    mapping_id   TEXT NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
    sf_object    TEXT NOT NULL,
    sf_id        TEXT NOT NULL,
    cz_connection TEXT NOT NULL,
    cz_type      TEXT NOT NULL,
    cz_id        TEXT NOT NULL,
    base         TEXT NOT NULL DEFAULT '{}',
    sf_stamp     TEXT NOT NULL DEFAULT '',
    cz_stamp     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (mapping_id, sf_id),
    UNIQUE (mapping_id, cz_connection, cz_id)
) STRICT;

CREATE TABLE watermarks (
    scope      TEXT PRIMARY KEY,   -- e.g. "salesforce:Opportunity", "clarizen1:Project"
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    trigger     TEXT NOT NULL,      -- manual, schedule, social, demo, cli
    dry_run     INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,      -- running, succeeded, failed, stopped, cancelled
    summary     TEXT NOT NULL DEFAULT '{}',
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT ''
) STRICT;

-- Every operation a run applies: written Pending before the remote call,
-- then set to Success or Failed with the remote error.
CREATE TABLE registry (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER REFERENCES runs(id),
    mapping_id      TEXT NOT NULL DEFAULT '',
    event_id        TEXT NOT NULL DEFAULT '',
    operation       TEXT NOT NULL,     -- create, update, delete, link, post
    target          TEXT NOT NULL CHECK (target IN ('salesforce', 'clarizen')),
    state           TEXT NOT NULL CHECK (state IN ('Pending', 'Success', 'Failed')),
    sf_object       TEXT NOT NULL DEFAULT '',
    sf_id           TEXT NOT NULL DEFAULT '',
    cz_connection   TEXT NOT NULL DEFAULT '',
    cz_type         TEXT NOT NULL DEFAULT '',
    cz_id           TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL DEFAULT '',
    fields          TEXT NOT NULL DEFAULT '[]',   -- [{field, before, after}]
    error_code      TEXT NOT NULL DEFAULT '',
    error_message   TEXT NOT NULL DEFAULT '',
    error_class     TEXT NOT NULL DEFAULT '',
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX registry_by_state ON registry (state, updated_at);
CREATE INDEX registry_by_mapping ON registry (mapping_id, updated_at);
CREATE INDEX registry_by_key ON registry (idempotency_key);
