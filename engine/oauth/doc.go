// Package oauth owns Salesforce OAuth 2.0 for Liaison. It runs the
// web-server flow with PKCE (S256) and state, with a loopback callback
// listener that lives for one login and a paste-the-callback fallback when
// the callback port is busy. Its token source refreshes one request at a
// time and persists rotated refresh tokens before use. It also revokes.
//
// The same code serves real orgs and the local simulator; only the login
// host differs. Token persistence is a callback (TokenStore) so that the
// keychain package decides where secrets live; this package writes no files.
// Access and refresh tokens are Secret values that redact themselves in
// fmt, slog and encoding/json output.
//
// It must not import app/ or Wails, and its non-test code imports no other
// engine/ package than engine/logging, for the shared log attribute keys
// (the tests drive the Salesforce simulator). The Clarizen client imports
// it for Secret, so it must stay free of Salesforce API calls.
package oauth
