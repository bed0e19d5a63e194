// Package store owns Liaison's SQLite database: opening it with the right
// pragmas, the numbered schema migrations, and every SQL statement the
// engine runs. No other package talks SQL.
//
// The database holds configuration (connections without their secrets,
// mappings, events, settings) and sync state (links with their last synced
// values, watermarks, the registry). Secrets never reach it; they live in
// the OS keychain (package secrets).
//
// store imports only the standard library, the SQLite driver and pure engine
// packages; it must not import the API clients, app/ or Wails.
package store
