package czsim

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// rateLimiter admits at most limit requests in any one-second window, the
// organization-wide limit Clarizen introduced in June 2020 (25 requests per
// second). Rejected requests do not use up the window.
type rateLimiter struct {
	mu     sync.Mutex
	limit  int
	recent []time.Time // admitted request times within the last second, oldest first
}

func newRateLimiter(limit int) *rateLimiter { return &rateLimiter{limit: limit} }

func (l *rateLimiter) allow(now time.Time) bool {
	if l.limit <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	cutoff := now.Add(-time.Second)
	drop := 0
	for drop < len(l.recent) && !l.recent[drop].After(cutoff) {
		drop++
	}
	l.recent = l.recent[drop:]
	if len(l.recent) >= l.limit {
		return false
	}
	l.recent = append(l.recent, now)
	return true
}

// writeRateLimited writes the rate-limit response byte for byte as the real
// service sends it; its body is not the usual error object.
func (s *Server) writeRateLimited(w http.ResponseWriter) {
	limit := s.opts.RateLimit
	if limit <= 0 {
		limit = 25
	}
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusTooManyRequests)
	fmt.Fprintf(w, `{"statusCode":"Too Many Requests","message":"API calls quota exceeded! maximum admitted %d per Second.","retryAfter":"1"}`, limit)
}
