package czsim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind selects what an injected fault does.
type FaultKind int

const (
	// FaultServerError returns HTTP 500 with an error object
	// (errorCode General unless Fault.ErrorCode sets another).
	FaultServerError FaultKind = iota
	// FaultRateLimit returns HTTP 429 with the rate-limit body.
	FaultRateLimit
	// FaultSessionTimeout returns HTTP 401 SessionTimeout and ends the
	// caller's session, as an idle timeout would.
	FaultSessionTimeout
	// FaultDropAfterWrite applies a write, then closes the connection
	// without a response. It hits only endpoints that change data.
	FaultDropAfterWrite
)

func (k FaultKind) String() string {
	switch k {
	case FaultServerError:
		return "serverError"
	case FaultRateLimit:
		return "rateLimit"
	case FaultSessionTimeout:
		return "sessionTimeout"
	case FaultDropAfterWrite:
		return "dropAfterWrite"
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

var faultKindNames = map[string]FaultKind{
	"servererror": FaultServerError, "ratelimit": FaultRateLimit,
	"sessiontimeout": FaultSessionTimeout, "dropafterwrite": FaultDropAfterWrite,
}

// Fault is one injected failure.
type Fault struct {
	Kind FaultKind
	// Times is how many matching requests the fault hits; 0 means 1.
	Times int
	// Path limits the fault to requests whose path below serverLocation
	// contains this text, compared without regard to case (for example
	// "data/query"). Empty matches every API request.
	Path string
	// Method limits the fault to one HTTP method (PUT, POST, ...); empty
	// matches every method. Items of a bulk call are not matched apart:
	// the fault matches the bulk call itself.
	Method string
	// ErrorCode and Message set the error object of FaultServerError.
	ErrorCode string
	Message   string
}

// Faults holds the injected failures of one Server. Faults apply in the
// order they were added; authentication endpoints are never hit except by a
// fault whose Path names them.
type Faults struct {
	mu    sync.Mutex
	queue []*Fault
	delay time.Duration
}

func newFaults() *Faults { return &Faults{} }

// Add queues a fault.
func (f *Faults) Add(fault Fault) {
	if fault.Times <= 0 {
		fault.Times = 1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, &fault)
}

// FailNext makes the next n API requests fail with HTTP 500 and errorCode
// code (General when empty).
func (f *Faults) FailNext(n int, code string) {
	f.Add(Fault{Kind: FaultServerError, Times: n, ErrorCode: code})
}

// RateLimitNext makes the next n API requests fail with 429, a burst beyond
// the organization's rate limit.
func (f *Faults) RateLimitNext(n int) { f.Add(Fault{Kind: FaultRateLimit, Times: n}) }

// SessionTimeoutNext makes the next n API requests fail with SessionTimeout.
func (f *Faults) SessionTimeoutNext(n int) { f.Add(Fault{Kind: FaultSessionTimeout, Times: n}) }

// DropAfterNextWrite makes the next n writes apply and then lose their
// response.
func (f *Faults) DropAfterNextWrite(n int) { f.Add(Fault{Kind: FaultDropAfterWrite, Times: n}) }

// SetLatency delays every API response by d; 0 turns the delay off.
func (f *Faults) SetLatency(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.delay = d
}

// Clear removes every queued fault and the latency.
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = nil
	f.delay = 0
}

// Pending returns how many fault hits are still queued.
func (f *Faults) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, fault := range f.queue {
		n += fault.Times
	}
	return n
}

func (f *Faults) latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.delay
}

type faultPhase int

const (
	beforeHandler faultPhase = iota
	afterWrite
)

// take consumes one hit of the first fault that matches the request.
func (f *Faults) take(method, path string, write bool, phase faultPhase) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, fault := range f.queue {
		if (fault.Kind == FaultDropAfterWrite) != (phase == afterWrite) {
			continue
		}
		if phase == afterWrite && !write {
			continue
		}
		if fault.Path != "" && !strings.Contains(strings.ToLower(path), strings.ToLower(strings.Trim(fault.Path, "/"))) {
			continue
		}
		if fault.Method != "" && !strings.EqualFold(fault.Method, method) {
			continue
		}
		if fault.Path == "" && strings.HasPrefix(strings.ToLower(path), "/authentication/") {
			continue
		}
		fault.Times--
		hit := *fault
		if fault.Times <= 0 {
			f.queue = append(f.queue[:i], f.queue[i+1:]...)
		}
		return hit, true
	}
	return Fault{}, false
}

// writeFault responds to a request with an injected failure.
func (s *Server) writeFault(w http.ResponseWriter, r *http.Request, fault Fault) {
	switch fault.Kind {
	case FaultRateLimit:
		s.writeRateLimited(w)
	case FaultSessionTimeout:
		if scheme, value := splitAuthorization(r.Header.Get("Authorization")); scheme == "session" {
			s.mu.Lock()
			delete(s.sessions, value)
			s.mu.Unlock()
		}
		writeError(w, authErrorf(codeSessionTimeout, "session expired; log in again"))
	default:
		code := fault.ErrorCode
		if code == "" {
			code = codeGeneral
		}
		msg := fault.Message
		if msg == "" {
			msg = fmt.Sprintf("injected failure (%s)", code)
		}
		writeError(w, errorf(code, "%s", msg))
	}
}
