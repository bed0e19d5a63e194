// Package salesforce is Liaison's client for the Salesforce REST API, the
// same code for real orgs and the local simulator.
//
// It owns the calls the sync engine makes. Connect reads the identity (org
// id, user, sandbox flag), so that a refreshed sandbox is noticed. Describe
// responses are cached with If-Modified-Since and translated into
// engine/schema. SOQL queries are paged through nextRecordsUrl, and a
// builder escapes their literals. Writes cover single records, upserts and
// sObject Collections in chunks of 200 with per-record results. It also
// reads getUpdated/getDeleted windows, Chatter feeds and comments, creates
// custom objects and fields through the Tooling API, and tracks the daily
// budget from Sforce-Limit-Info. Wire types live in the api subpackage.
//
// Every request passes through one chain of transport decorators: retries,
// usage tracking, and authentication (refresh once on INVALID_SESSION_ID,
// single-flight through the token source). One retrier repeats both whole
// requests and the records of a collection call that failed alone, with
// bounded exponential backoff and jitter. It waits out a Retry-After in
// full up to RetryPolicy.MaxRetryAfter, and a longer one ends the retries.
// Errors are *Error values carrying the operation, object and record id,
// sorted into the classes Transient, Auth, Quota and Permanent.
//
// It may import engine/schema, engine/oauth and engine/logging (for the
// shared log attribute keys); it must not import app/, Wails, the
// simulators (except in tests) or any other engine/ package.
package salesforce
