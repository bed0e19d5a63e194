package sfsim

import (
	"strings"
	"sync"
	"time"
)

// FaultKind names one kind of injected failure.
type FaultKind string

// Fault kinds.
const (
	// FaultUnavailable returns 503 with errorCode SERVER_UNAVAILABLE.
	FaultUnavailable FaultKind = "unavailable"
	// FaultLockRow fails a record write with UNABLE_TO_LOCK_ROW. In sObject
	// Collections it counts and fails single records, not whole requests.
	FaultLockRow FaultKind = "lock_row"
	// FaultRequestLimit returns 403 REQUEST_LIMIT_EXCEEDED.
	FaultRequestLimit FaultKind = "request_limit"
	// FaultLatency delays the response by Delay.
	FaultLatency FaultKind = "latency"
	// FaultExpireSession voids every access token, so the request gets 401.
	FaultExpireSession FaultKind = "expire_session"
	// FaultDropAfterWrite applies a write, then closes the connection
	// without sending the response.
	FaultDropAfterWrite FaultKind = "drop_after_write"
	// FaultConcurrentLimit returns 403 REQUEST_LIMIT_EXCEEDED for the
	// concurrent-request limit, which a client may retry later.
	FaultConcurrentLimit FaultKind = "concurrent_limit"
)

// Fault is one injection rule. It applies to API calls under
// /services/data/vXX.X whose "METHOD /path" (path relative to the version
// root, e.g. "PATCH /composite/sobjects") contains Match. An empty Match
// applies to every API call. A latency fault whose Match is part of
// "POST /services/oauth2/token" delays refresh-token requests instead, so
// that overlapping refreshes of one token can be tested.
type Fault struct {
	Kind  FaultKind     `json:"kind"`
	Match string        `json:"match,omitempty"`
	After int           `json:"after,omitempty"` // let this many matching calls pass first
	Times int           `json:"times,omitempty"` // fail this many calls; 0 = every call after After
	Delay time.Duration `json:"delay,omitempty"` // FaultLatency only
}

// oauthTokenCall is the call string of a refresh-token request.
const oauthTokenCall = "POST /services/oauth2/token"

// Faults contains the active injection rules of one Server.
type Faults struct {
	mu     sync.Mutex
	active []*activeFault
	fired  map[FaultKind]int
}

type activeFault struct {
	Fault
	seen, applied int
}

// Add switches a fault on.
func (f *Faults) Add(fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.active = append(f.active, &activeFault{Fault: fault})
}

// Clear switches every fault off.
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.active = nil
}

// Fired returns how often faults of the kind have fired since the Server
// started; Clear does not reset it.
func (f *Faults) Fired(kind FaultKind) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fired[kind]
}

// ConcurrentLimit makes the next n API calls fail with the
// concurrent-request variant of REQUEST_LIMIT_EXCEEDED.
func (f *Faults) ConcurrentLimit(n int) { f.Add(Fault{Kind: FaultConcurrentLimit, Times: n}) }

// Unavailable makes the next n API calls return 503.
func (f *Faults) Unavailable(n int) { f.Add(Fault{Kind: FaultUnavailable, Times: n}) }

// LockRow makes the next n record writes fail with UNABLE_TO_LOCK_ROW.
func (f *Faults) LockRow(n int) { f.Add(Fault{Kind: FaultLockRow, Times: n}) }

// RequestLimitAfter lets n more API calls through, then fails every call
// with 403 REQUEST_LIMIT_EXCEEDED until Clear.
func (f *Faults) RequestLimitAfter(n int) { f.Add(Fault{Kind: FaultRequestLimit, After: n}) }

// Latency delays every API call by d until Clear.
func (f *Faults) Latency(d time.Duration) { f.Add(Fault{Kind: FaultLatency, Delay: d}) }

// DropAfterWrite makes the next n writes whose call contains match apply
// and then lose their response.
func (f *Faults) DropAfterWrite(match string, n int) {
	f.Add(Fault{Kind: FaultDropAfterWrite, Match: match, Times: n})
}

// take returns the first rule of the kind that fires for this call, counting
// the call against every matching rule of that kind.
func (f *Faults) take(kind FaultKind, call string) *Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	var fired *Fault
	for _, a := range f.active {
		if a.Kind != kind || !strings.Contains(call, a.Match) {
			continue
		}
		if a.Match == "" && call == oauthTokenCall {
			continue // an unmatched fault applies to REST calls only
		}
		a.seen++
		if a.seen <= a.After || (a.Times > 0 && a.applied >= a.Times) {
			continue
		}
		a.applied++
		if fired == nil {
			if f.fired == nil {
				f.fired = map[FaultKind]int{}
			}
			f.fired[kind]++
			fault := a.Fault
			fired = &fault
		}
	}
	return fired
}
