// Package czsim simulates a Clarizen (Planview AdaptiveWork) organization's
// REST API v2 on loopback HTTP, for Liaison's tests, demo workspace and
// benchmarks. It is a library first: New starts an organization on
// 127.0.0.1:0 and the cmd/czsim command serves a seeded one.
//
// The simulator follows the wire format of the real service, including its
// surprises:
//
//   - getServerDefinition on the discovery path (DiscoveryURL) returns
//     serverLocation, appLocation and organizationId; every other path
//     hangs off serverLocation (/v2.0/services).
//   - Paths, JSON keys and type and field names match without regard to
//     case.
//   - PUT data/objects creates and POST updates.
//   - Most failures are HTTP 500 with {"errorCode", "message",
//     "referenceId"}; missing or bad credentials are HTTP 401 (errorCode
//     Unauthorized, LoginFailure or SessionTimeout); the rate limit returns
//     429 with Retry-After: 1 and the real service's own body; upsert returns
//     201 when it creates.
//   - Sessions are shaped <uuid>_<orgId> and end after an idle timeout.
//     API keys go in "Authorization: ApiKey <key>", sessions in
//     "Authorization: Session <id>".
//   - Entity ids are /Type/ExternalID with a generated 29-character
//     [a-z0-9] ExternalID unless the caller supplies one. References are
//     written as "/Type/id" and read as {"id": "/Type/id"}; picklist values
//     are references to the picklist type (/State/Active); date-times are
//     read as 2006-01-02T15:04:05.0000000 without a zone.
//   - Queries page with {"from", "limit"}: the answer's paging object has
//     from already advanced, so sending it back unchanged reads the next
//     page; hasMore is true when there is one.
//
// Where public sources leave the behaviour open, the simulator picks one and
// marks it NOTE in the code: the read shape of multi-select picklists,
// transactional bulk semantics, CaseState and DependencyType values, and the
// maximum page size (5000).
//
// The entity store is in memory and guarded by one mutex; an API request
// holds it for its whole run. Test controls live under /__sim/ and as Go
// methods. Create, Update, Delete, Get and All give direct data access.
// ExpireSessions ends every session, APICalls and Logins count calls, and
// Faults injects failures into the next matching API requests:
//
//   - FailNext(n, code): HTTP 500 with errorCode code (General if empty).
//   - RateLimitNext(n): HTTP 429 with the rate-limit body, a burst.
//   - SessionTimeoutNext(n): HTTP 401 SessionTimeout; the session ends.
//   - DropAfterNextWrite(n): the write is applied, then the connection
//     closes without a response.
//   - Add(Fault{...}) does the same with a Path or Method filter, and
//     SetLatency(d) slows every response.
//
// Faults skip authentication endpoints unless their Path names one.
//
// Options.Demo seeds a demo organization whose users match the Salesforce
// simulator's demo users by email; Generate adds a large numbered data set
// (customers, projects, milestones, tasks, dependencies) for benchmarks.
//
// The package and its czql subpackage import nothing else from engine/, so
// a misreading of the wire format cannot hide in code shared with the
// Clarizen client.
package czsim
