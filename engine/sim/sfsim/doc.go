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
// login hosts that play the production and sandbox login servers. A sandbox
// org (Options.Sandbox) logs in only through SandboxLoginURL and the
// instance host. The admin user logs in with Options.Username and
// Options.Password (DefaultUsername and DefaultPassword when empty).
//
// Test controls are Go methods and, for the standalone command, HTTP
// endpoints under the reserved prefix /__sim/ (see serveControls):
//   - Faults switches on 503s, UNABLE_TO_LOCK_ROW, REQUEST_LIMIT_EXCEEDED,
//     latency, session expiry and connections dropped after a write, and
//     counts how often each fired.
//   - ExpireAccessTokens, RefreshSandbox, SetAPIUsage and IssueTokens.
//   - Insert, Update, Delete, Get and All read and write records directly;
//     CreateCustomObject and CreateCustomField change the schema as the
//     Tooling API does.
//   - Options.Demo seeds the demo org (DemoUsers lists its users), and
//     GenerateLargeOrg adds accounts and opportunities for benchmarks.
//
// The command in cmd/sfsim serves a seeded org on a loopback port and prints
// its URLs.
//
// The package keeps every record in memory behind one mutex. It must not
// import anything else from engine/, so that a misreading of the wire format
// cannot hide in code shared with the client.
package sfsim
