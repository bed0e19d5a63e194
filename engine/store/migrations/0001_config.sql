-- Settings and connections. Connection rows hold only what is not secret:
-- tokens, passwords, API keys and session ids live in the OS keychain.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE connections (
    id            TEXT PRIMARY KEY,   -- "salesforce", "clarizen1", "clarizen2"
    system        TEXT NOT NULL CHECK (system IN ('salesforce', 'clarizen')),
    environment   TEXT NOT NULL CHECK (environment IN ('production', 'sandbox', 'mydomain')),
    login_url     TEXT NOT NULL DEFAULT '',  -- Salesforce login host or Clarizen discovery URL
    instance_url  TEXT NOT NULL DEFAULT '',  -- Salesforce instance_url or Clarizen serverLocation
    app_url       TEXT NOT NULL DEFAULT '',  -- Clarizen appLocation, for "View in Clarizen"
    auth_method   TEXT NOT NULL DEFAULT '',  -- oauth, password, apikey
    org_id        TEXT NOT NULL DEFAULT '',
    user_id       TEXT NOT NULL DEFAULT '',
    username      TEXT NOT NULL DEFAULT '',
    is_sandbox    INTEGER NOT NULL DEFAULT 0,
    state         TEXT NOT NULL DEFAULT 'disconnected',
    state_detail  TEXT NOT NULL DEFAULT '',
    api_used      INTEGER NOT NULL DEFAULT 0,  -- from Sforce-Limit-Info
    api_max       INTEGER NOT NULL DEFAULT 0,
    last_synced_at TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
