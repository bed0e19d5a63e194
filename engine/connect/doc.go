// Package connect owns Liaison's connections: one Salesforce org and up to
// two Clarizen instances ("salesforce", "clarizen1", "clarizen2").
//
// A Manager runs the logins: the Salesforce OAuth web-server flow with PKCE
// through engine/oauth, with a paste fallback when the callback port is
// busy, and Clarizen discovery and login through engine/clarizen. It stores
// the non-secret part of each connection in the store and every secret in
// the OS keychain through engine/secrets, and hands authenticated clients
// to the rest of the engine. It tracks each connection's health (connected,
// needs re-authentication, unreachable, disconnected, org changed), pauses
// the mappings of a connection that needs the admin, records the Salesforce
// daily API budget, and disconnects (revoke, log out, delete the secrets).
//
// A re-authentication that reaches another Salesforce org than the one the
// links were made with (a refreshed sandbox) leaves a pending decision:
// re-match the links by key fields, or reset them.
//
// Secrets never reach SQLite, logs, errors or events: where no keychain
// runs, a login fails with secrets.ErrUnavailable and nothing is stored.
//
// connect imports the store, secrets, events, oauth, both API clients, and
// plan and workspace/definition for reading link bases and stored
// mappings. It must not import app/, Wails, the sync engine or the
// simulators.
package connect
