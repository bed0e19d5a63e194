package clarizen

import (
	"net/http"
	"sync"
	"time"
)

// serverClock keeps the newest Date header the service's responses
// carried.
type serverClock struct {
	mu     sync.Mutex
	newest time.Time
}

func (s *serverClock) observe(h http.Header) {
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	s.mu.Lock()
	if date.After(s.newest) {
		s.newest = date.UTC()
	}
	s.mu.Unlock()
}

func (s *serverClock) get() (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newest, !s.newest.IsZero()
}

// ServerTime returns the service's clock as the newest Date header of a
// response, in UTC and in whole seconds, and false before any response
// carried one. A watermark compared with LastUpdatedOn should come from
// here or from the newest LastUpdatedOn read, because the local clock may
// run ahead of the service's or behind it.
func (c *Client) ServerTime() (time.Time, bool) { return c.transport.clock.get() }
