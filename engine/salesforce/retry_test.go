package salesforce

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/oauth"
)

func TestShouldRetry(t *testing.T) {
	lockRow := []byte(`[{"message":"locked","errorCode":"UNABLE_TO_LOCK_ROW"}]`)
	unavailable := []byte(`[{"message":"down","errorCode":"SERVER_UNAVAILABLE"}]`)
	quota := []byte(`[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]`)
	invalid := []byte(`[{"message":"bad","errorCode":"INVALID_FIELD"}]`)
	tests := []struct {
		name   string
		method string
		status int
		body   []byte
		err    error
		sent   bool
		want   bool
	}{
		{name: "GET dropped after send", method: "GET", err: io.ErrUnexpectedEOF, sent: true, want: true},
		{name: "PATCH upsert dropped after send", method: "PATCH", err: io.ErrUnexpectedEOF, sent: true, want: true},
		{name: "POST create dropped after send", method: "POST", err: io.ErrUnexpectedEOF, sent: true, want: false},
		{name: "POST create failed before send", method: "POST", err: io.ErrUnexpectedEOF, sent: false, want: true},
		{name: "POST create 503", method: "POST", status: 503, body: unavailable, sent: true, want: false},
		{name: "POST create lock row", method: "POST", status: 400, body: lockRow, sent: true, want: false},
		{name: "PATCH lock row", method: "PATCH", status: 400, body: lockRow, sent: true, want: true},
		{name: "POST create 500", method: "POST", status: 500, body: []byte(`[{"message":"oops","errorCode":"UNKNOWN_EXCEPTION"}]`), sent: true, want: false},
		{name: "GET 500", method: "GET", status: 500, sent: true, want: true},
		{name: "GET quota", method: "GET", status: 403, body: quota, sent: true, want: false},
		{name: "PATCH invalid field", method: "PATCH", status: 400, body: invalid, sent: true, want: false},
		{name: "GET ok", method: "GET", status: 200, sent: true, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "http://127.0.0.1/x", nil)
			var resp *http.Response
			if tt.err == nil {
				resp = &http.Response{StatusCode: tt.status, Header: http.Header{}}
			}
			got, _ := shouldRetry(context.Background(), req, resp, tt.body, tt.err, tt.sent)
			if got != tt.want {
				t.Errorf("shouldRetry = %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("context ended", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequest("GET", "http://127.0.0.1/x", nil)
		if got, _ := shouldRetry(ctx, req, nil, nil, io.ErrUnexpectedEOF, true); got {
			t.Error("shouldRetry = true after the context ended")
		}
	})
	t.Run("POST marked idempotent", func(t *testing.T) {
		req := httptest.NewRequest("POST", "http://127.0.0.1/x", nil)
		req = req.WithContext(withIdempotent(req.Context(), true))
		if got, _ := shouldRetry(context.Background(), req, nil, nil, io.ErrUnexpectedEOF, true); !got {
			t.Error("shouldRetry = false for a POST marked idempotent")
		}
	})
}

func TestRetryPolicy_backoff(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}.withDefaults()
	tests := []struct {
		name       string
		attempt    int
		retryAfter time.Duration
		lo, hi     time.Duration
		stop       bool
	}{
		{name: "first", attempt: 1, lo: 50 * time.Millisecond, hi: 100 * time.Millisecond},
		{name: "third", attempt: 3, lo: 200 * time.Millisecond, hi: 400 * time.Millisecond},
		{name: "capped", attempt: 10, lo: 500 * time.Millisecond, hi: time.Second},
		{name: "retry after wins", attempt: 1, retryAfter: 700 * time.Millisecond, lo: 700 * time.Millisecond, hi: 770 * time.Millisecond},
		{name: "retry after past max delay waited in full", attempt: 1, retryAfter: 90 * time.Second, lo: 90 * time.Second, hi: 99 * time.Second},
		{name: "retry after at the maximum", attempt: 1, retryAfter: 2 * time.Minute, lo: 2 * time.Minute, hi: 132 * time.Second},
		{name: "retry after past the maximum stops", attempt: 1, retryAfter: time.Hour, stop: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 50 {
				d, ok := p.backoff(tt.attempt, tt.retryAfter)
				if ok == tt.stop {
					t.Fatalf("backoff(%d, %v) retries = %v, want %v", tt.attempt, tt.retryAfter, ok, !tt.stop)
				}
				if !tt.stop && (d < tt.lo || d > tt.hi) {
					t.Fatalf("backoff(%d, %v) = %v, want within [%v, %v]", tt.attempt, tt.retryAfter, d, tt.lo, tt.hi)
				}
			}
		})
	}
}

// TestRetryTransport_RetryAfterPastMaximum checks that a Retry-After longer
// than MaxRetryAfter ends the retries at once and that the error names the
// wait the service asked for.
func TestRetryTransport_RetryAfterPastMaximum(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Retry-After", "300")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, `[{"message":"down for maintenance","errorCode":"SERVER_UNAVAILABLE"}]`)
	}))
	defer srv.Close()

	var events []RetryEvent
	c, err := New(Options{InstanceURL: srv.URL, APIVersion: "62.0", Tokens: staticTokens{},
		Retry: RetryPolicy{BaseDelay: time.Millisecond, OnRetry: func(ev RetryEvent) { events = append(events, ev) }}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Limits(context.Background())
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("Limits() error = %v, want *Error", err)
	}
	if se.RetryAfter != 5*time.Minute {
		t.Errorf("RetryAfter = %v, want 5m0s", se.RetryAfter)
	}
	if !strings.Contains(se.Error(), "retry after 5m0s") {
		t.Errorf("error %q does not name the requested wait", se.Error())
	}
	if calls != 1 {
		t.Errorf("requests = %d, want 1", calls)
	}
	if len(events) != 0 {
		t.Errorf("retry events = %d, want none", len(events))
	}
	if c.Retries() != 0 {
		t.Errorf("Retries() = %d, want 0", c.Retries())
	}
}

// staticTokens hands out one fixed access token.
type staticTokens struct{}

func (staticTokens) Token(context.Context) (oauth.Token, error) {
	return oauth.Token{AccessToken: "test-access-token"}, nil
}

func (s staticTokens) Refresh(ctx context.Context, _ oauth.Token) (oauth.Token, error) {
	return s.Token(ctx)
}
