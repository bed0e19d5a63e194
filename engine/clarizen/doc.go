// Package clarizen is Liaison's client for the Clarizen REST API v2
// (Planview AdaptiveWork). The same code talks to real instances and to the
// simulator in engine/sim/czsim.
//
// It owns server discovery and login (user name and password to a session,
// or an API key), the session's renewal after SessionTimeout, metadata and
// its translation into engine/schema, entity reads and writes, CZQL and
// entityQuery paging, bulk calls, discussions, and the one place where
// requests are rate-limited and retried. Wire types are in the api
// subpackage and the CZQL builder in czql.
//
// Requests pass through a chain of senders, outermost first: session
// renewal (one re-login shared by concurrent callers, then one replay),
// retry (classifier plus bounded exponential backoff with jitter), the
// client-side rate limiter and the HTTP exchange. Methods return *Error for
// every API failure; Class tells transient, auth and permanent failures
// apart.
//
// Secrets (password, API key, session id) are Secret values that print and
// log as "[redacted]"; server messages are scrubbed of them too.
//
// The package imports engine/schema, engine/logging (the shared log
// attribute keys) and engine/oauth (its Secret type, which redacts every
// credential) and nothing else from engine/; in particular not the
// Salesforce client. Its tests run against engine/sim/czsim over loopback
// HTTP.
package clarizen
