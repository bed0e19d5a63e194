// Package oauth owns Salesforce OAuth 2.0 for Liaison: the web-server flow
// with PKCE (S256) and state, the loopback callback listener that lives for
// one login, the paste-the-callback fallback when the callback port is busy,
// a token source that refreshes one request at a time and persists rotated
// refresh tokens before use, and revocation.
//
// The same code serves real orgs and the local simulator; only the login
// host differs. Token persistence is a callback (TokenStore) so that the
// keychain package decides where secrets live; this package writes no files.
// Access and refresh tokens are Secret values that redact themselves in
// fmt, slog and encoding/json output.
//
// It must not import app/, Wails, or any other engine/ package.
package oauth
