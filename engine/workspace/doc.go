// Package workspace keeps the admin's mappings and events. It lists,
// saves and deletes them in engine/store and validates them against the
// live describes of both systems before they can be enabled. It enables
// events with the count of records that already match shown first and the
// choice whether those records fire, and it exports and imports the
// definitions in the versioned JSON format of engine/mapping.
//
// The rules a definition must follow live in engine/mapping; this package
// adds the I/O around them. It must not import app/, Wails or any UI
// package.
package workspace
