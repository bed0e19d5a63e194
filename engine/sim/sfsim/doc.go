// Package sfsim is an in-process Salesforce simulator for tests, benchmarks
// and the demo workspace. It serves the REST API surface Liaison uses with
// the paths, JSON shapes, status codes and error bodies of a real org, so
// that unchanged clients run against it. The surface is the OAuth 2.0
// web-server flow with PKCE, versions, describe, SOQL query and queryAll,
// record CRUD, upsert, sObject collections, composite, getUpdated and
// getDeleted, Chatter record feeds, the Tooling API for custom objects and
// fields, and limits.
//
// New starts three loopback listeners: the instance (My Domain) host and two
// login hosts that stand in for the production and sandbox login servers.
// Test controls live under the reserved path prefix /__sim/ and as Go methods
// (fault injection, token expiry, sandbox refresh, direct data access).
//
// The package keeps every record in memory behind one mutex. It must not
// import anything else from engine/, so that a misreading of the wire format
// cannot hide in code shared with the client.
package sfsim
