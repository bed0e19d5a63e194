package clarizen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestError_Class(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want Class
	}{
		{"rate limited", &Error{HTTPStatus: 429, Code: CodeRateLimited}, Transient},
		{"general 500", &Error{HTTPStatus: 500, Code: CodeGeneral}, Transient},
		{"internal 500", &Error{HTTPStatus: 500, Code: CodeInternal}, Transient},
		{"503 without body", &Error{HTTPStatus: 503}, Transient},
		{"entity not found is 500 but permanent", &Error{HTTPStatus: 500, Code: CodeEntityNotFound}, Permanent},
		{"invalid field", &Error{HTTPStatus: 500, Code: CodeInvalidField}, Permanent},
		{"duplicate key", &Error{HTTPStatus: 500, Code: CodeDuplicateKey}, Permanent},
		{"validation rule", &Error{HTTPStatus: 500, Code: CodeValidationRuleError}, Permanent},
		{"unknown code", &Error{HTTPStatus: 500, Code: "SomethingNew"}, Permanent},
		{"unauthorized", &Error{HTTPStatus: 401, Code: CodeUnauthorized}, Auth},
		{"login failure", &Error{HTTPStatus: 500, Code: CodeLoginFailure}, Auth},
		{"session timeout", &Error{HTTPStatus: 500, Code: CodeSessionTimeout}, Auth},
		{"401 without body", &Error{HTTPStatus: 401}, Auth},
		{"400 without body", &Error{HTTPStatus: 400}, Permanent},
		{"connection reset", &Error{Err: syscall.ECONNRESET}, Transient},
		{"connection refused", &Error{Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, Transient},
		{"unexpected eof", &Error{Err: io.ErrUnexpectedEOF}, Transient},
		{"request timeout", &Error{Err: context.DeadlineExceeded}, Transient},
		{"name not found", &Error{Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", IsNotFound: true}}}, Permanent},
		{"other failure", &Error{Err: errors.New("x509: certificate signed by unknown authority")}, Permanent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Class(); got != tt.want {
				t.Errorf("Class() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestClassOf(t *testing.T) {
	wrapped := fmt.Errorf("sync project: %w", &Error{HTTPStatus: 429})
	if got := ClassOf(wrapped); got != Transient {
		t.Errorf("ClassOf(wrapped 429) = %v, want transient", got)
	}
	if got := ClassOf(context.Canceled); got != Permanent {
		t.Errorf("ClassOf(context.Canceled) = %v, want permanent", got)
	}
}

func TestError_Is(t *testing.T) {
	err := fmt.Errorf("update: %w", &Error{Op: "update", EntityID: "/Task/a", HTTPStatus: 500, Code: "entitynotfound"})
	if !errors.Is(err, ErrEntityNotFound) {
		t.Error("errors.Is(err, ErrEntityNotFound) = false, want true (codes match case-insensitively)")
	}
	if errors.Is(err, ErrDuplicateKey) {
		t.Error("errors.Is(err, ErrDuplicateKey) = true for another code")
	}
	var e *Error
	if !errors.As(err, &e) || e.EntityID != "/Task/a" {
		t.Errorf("errors.As = %v, entity %q", e, e.EntityID)
	}
}

func TestError_Message(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"full", &Error{Op: "get", EntityID: "/Task/a", HTTPStatus: 500, Code: CodeEntityNotFound, Message: "Entity not found", ReferenceID: "r1", Attempts: 1},
			"get /Task/a: EntityNotFound: Entity not found (HTTP 500, reference r1)"},
		{"network", &Error{Op: "query", Err: io.ErrUnexpectedEOF, Attempts: 5},
			"query: unexpected EOF (5 attempts)"},
		{"code only", &Error{Op: "login", Code: CodeLoginFailure}, "login: LoginFailure"},
		{"rejected api key", &Error{Op: "discover server", HTTPStatus: 401, Code: CodeUnauthorized, Message: "invalid API key",
			ReferenceID: "r2", rejected: "Clarizen at api.clarizen.com rejected the API key"},
			"Clarizen at api.clarizen.com rejected the API key: invalid API key (Unauthorized, HTTP 401, reference r2)"},
		{"rejected but not auth", &Error{Op: "discover server", HTTPStatus: 503, Message: "busy", rejected: "Clarizen rejected the API key"},
			"discover server: busy (HTTP 503)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShouldRetry(t *testing.T) {
	dialRefused := &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name       string
		err        *Error
		idempotent bool
		want       bool
	}{
		{"429 non-idempotent", &Error{HTTPStatus: 429}, false, true},
		{"500 general idempotent", &Error{HTTPStatus: 500, Code: CodeGeneral}, true, true},
		{"500 general non-idempotent", &Error{HTTPStatus: 500, Code: CodeGeneral}, false, false},
		{"reset non-idempotent", &Error{Err: syscall.ECONNRESET}, false, false},
		{"reset idempotent", &Error{Err: syscall.ECONNRESET}, true, true},
		{"dial refused non-idempotent", &Error{Err: dialRefused}, false, true},
		{"permanent idempotent", &Error{HTTPStatus: 500, Code: CodeInvalidField}, true, false},
		{"auth idempotent", &Error{HTTPStatus: 401, Code: CodeUnauthorized}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shouldRetry(tt.err, tt.idempotent); got != tt.want {
				t.Errorf("shouldRetry() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRetryPolicy_Delay(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second, MaxRetryAfter: 10 * time.Second}.withDefaults()
	tests := []struct {
		name       string
		attempt    int
		retryAfter time.Duration
		min, max   time.Duration
		ok         bool
	}{
		{"first retry", 1, 0, 50 * time.Millisecond, 100 * time.Millisecond, true},
		{"third retry doubles twice", 3, 0, 200 * time.Millisecond, 400 * time.Millisecond, true},
		{"capped", 20, 0, 500 * time.Millisecond, time.Second, true},
		{"retry-after honoured", 1, 2 * time.Second, 2 * time.Second, 2200 * time.Millisecond, true},
		{"retry-after too long", 1, time.Minute, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 50 { // the jitter is random: every draw must stay in bounds
				got, ok := p.delay(tt.attempt, tt.retryAfter)
				if ok != tt.ok {
					t.Fatalf("ok = %v, want %v", ok, tt.ok)
				}
				if got < tt.min || got > tt.max {
					t.Fatalf("delay = %v, want within [%v, %v]", got, tt.min, tt.max)
				}
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name         string
		header, body string
		want         time.Duration
	}{
		{"header seconds", "1", "", time.Second},
		{"body seconds", "", "2", 2 * time.Second},
		{"header wins", "3", "1", 3 * time.Second},
		{"http date", now.Add(5 * time.Second).Format(http.TimeFormat), "", 5 * time.Second},
		{"past date", now.Add(-time.Minute).Format(http.TimeFormat), "", 0},
		{"none", "", "", 0},
		{"garbage", "soon", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRetryAfter(tt.header, tt.body, now); got != tt.want {
				t.Errorf("parseRetryAfter() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSecret_Redaction(t *testing.T) {
	creds := Credentials{UserName: "admin@example.org", Password: "hunter2-pass", APIKey: "key-12345"}
	session := Session{ID: "0f8fad5b-d9cb-469f-a165-70867728950e_42", UserID: "u1"}
	outputs := []string{
		fmt.Sprint(creds), fmt.Sprintf("%v %+v %#v %s %q", creds, creds, creds, creds.Password, creds.APIKey),
		fmt.Sprintf("%v %+v %#v", session, session, session),
	}
	for _, out := range outputs {
		for _, secret := range []string{"hunter2-pass", "key-12345", "0f8fad5b-d9cb-469f-a165-70867728950e_42"} {
			if strings.Contains(out, secret) {
				t.Errorf("output %q contains a secret", out)
			}
		}
	}
	if creds.Password.Reveal() != "hunter2-pass" {
		t.Error("Reveal() does not return the value")
	}
}

func TestScrubber(t *testing.T) {
	s := &scrubber{}
	s.add("session-abc-123")
	s.add("abc") // too short to scrub safely
	got := s.scrub("Session session-abc-123 expired for abc")
	if want := "Session [redacted] expired for abc"; got != want {
		t.Errorf("scrub() = %q, want %q", got, want)
	}
}

func TestChunkNames(t *testing.T) {
	names := []string{"Project", "Task", "Milestone", "User"}
	chunks := chunkNames(names, 14)
	want := [][]string{{"Project", "Task"}, {"Milestone", "User"}}
	if fmt.Sprint(chunks) != fmt.Sprint(want) {
		t.Errorf("chunkNames() = %v, want %v", chunks, want)
	}
	for _, c := range chunks {
		if n := len(strings.Join(c, ",")); n > 14 {
			t.Errorf("chunk %v is %d characters long", c, n)
		}
	}
}
