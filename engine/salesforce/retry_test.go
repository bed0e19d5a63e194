package salesforce

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
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
	}{
		{"first", 1, 0, 50 * time.Millisecond, 100 * time.Millisecond},
		{"third", 3, 0, 200 * time.Millisecond, 400 * time.Millisecond},
		{"capped", 10, 0, 500 * time.Millisecond, time.Second},
		{"retry after wins", 1, 700 * time.Millisecond, 700 * time.Millisecond, 700 * time.Millisecond},
		{"retry after capped", 1, time.Hour, time.Second, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 50 {
				d := p.backoff(tt.attempt, tt.retryAfter)
				if d < tt.lo || d > tt.hi {
					t.Fatalf("backoff(%d, %v) = %v, want within [%v, %v]", tt.attempt, tt.retryAfter, d, tt.lo, tt.hi)
				}
			}
		})
	}
}
