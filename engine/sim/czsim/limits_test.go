package czsim

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const quotaBody = `{"statusCode":"Too Many Requests","message":"API calls quota exceeded! maximum admitted 25 per Second.","retryAfter":"1"}`

func expectQuotaAnswer(t *testing.T, resp response) {
	t.Helper()
	if resp.status != http.StatusTooManyRequests {
		t.Fatalf("status = %d, want 429", resp.status)
	}
	if got := resp.header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want 1", got)
	}
	if got := resp.header.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if string(resp.raw) != quotaBody {
		t.Errorf("body = %s\nwant %s", resp.raw, quotaBody)
	}
}

func TestRateLimit_SlidingWindow(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{RateLimit: 25, Clock: func() time.Time { return now }})
	c := loggedIn(t, s) // login does not count against the limit

	for i := 0; i < 25; i++ {
		c.must("GET", "/metadata/listEntities", nil)
		now = now.Add(10 * time.Millisecond)
	}
	expectQuotaAnswer(t, c.do("GET", "/metadata/listEntities", nil))

	// The first request leaves the window one second after it was made.
	now = time.Date(2024, 5, 1, 9, 0, 1, 1, time.UTC)
	c.must("GET", "/metadata/listEntities", nil)
	expectQuotaAnswer(t, c.do("GET", "/metadata/listEntities", nil))

	// Authentication calls are not limited.
	c.must("POST", "/authentication/login", map[string]any{"userName": DefaultUserName, "password": DefaultPassword})
}

func TestRateLimit_OffByDefault(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	for i := 0; i < 60; i++ {
		c.must("GET", "/metadata/listEntities", nil)
	}
}

func TestFaults_Injected(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)

	t.Run("server errors", func(t *testing.T) {
		s.Faults().FailNext(2, "")
		expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusInternalServerError, codeGeneral)
		expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusInternalServerError, codeGeneral)
		c.must("GET", "/metadata/listEntities", nil)
	})
	t.Run("rate limit burst", func(t *testing.T) {
		s.Faults().RateLimitNext(1)
		expectQuotaAnswer(t, c.do("GET", "/metadata/listEntities", nil))
		c.must("GET", "/metadata/listEntities", nil)
	})
	t.Run("session timeout ends the session", func(t *testing.T) {
		s.Faults().SessionTimeoutNext(1)
		expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeSessionTimeout)
		expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeSessionTimeout)
		c = loggedIn(t, s)
	})
	t.Run("path and method filter", func(t *testing.T) {
		s.Faults().Add(Fault{Kind: FaultServerError, Path: "data/query", Method: "POST", ErrorCode: codeInternal})
		c.must("GET", "/metadata/listEntities", nil)
		c.must("GET", "/data/query?q=SELECT%20Name%20FROM%20Task", nil)
		expectError(t, c.do("POST", "/data/query", map[string]any{"q": "SELECT Name FROM Task"}), http.StatusInternalServerError, codeInternal)
		if n := s.Faults().Pending(); n != 0 {
			t.Errorf("Pending = %d, want 0", n)
		}
	})
	t.Run("drop after write", func(t *testing.T) {
		s.Faults().DropAfterNextWrite(1)
		c.must("GET", "/metadata/listEntities", nil) // reads are not hit
		req, err := http.NewRequest("PUT", s.ServerLocation()+"/data/objects/Task/dropped", strings.NewReader(`{"Name":"applied"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", c.auth)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			t.Fatalf("write answered with status %d, want a dropped connection", resp.StatusCode)
		}
		if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "EOF") && !strings.Contains(err.Error(), "reset") {
			t.Logf("dropped connection error: %v", err)
		}
		if _, ok := s.Get("/Task/dropped"); !ok {
			t.Error("the write was not applied before the connection dropped")
		}
	})
	t.Run("latency", func(t *testing.T) {
		s.Faults().SetLatency(30 * time.Millisecond)
		defer s.Faults().SetLatency(0)
		start := time.Now()
		c.must("GET", "/metadata/listEntities", nil)
		if elapsed := time.Since(start); elapsed < 30*time.Millisecond {
			t.Errorf("request took %v, want at least the 30ms latency", elapsed)
		}
	})
	t.Run("control endpoint", func(t *testing.T) {
		ctl := newClient(t, s)
		ctl.must("POST", s.URL()+"/__sim/faults", map[string]any{"kind": "serverError", "times": 1, "errorCode": "Internal"})
		expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusInternalServerError, codeInternal)
		resp := ctl.do("POST", s.URL()+"/__sim/faults", map[string]any{"kind": "meteorStrike"})
		expectError(t, resp, http.StatusInternalServerError, codeInvalidArgument)
	})
}
