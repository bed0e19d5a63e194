// Package servertime keeps a remote service's clock as the Date headers of
// its responses report it. The Salesforce and Clarizen clients use it so
// that watermarks come from the service's clock, not the local one. It
// imports nothing else from the engine.
package servertime

import (
	"net/http"
	"sync"
	"time"
)

// Clock is the newest Date header seen in a service's responses. Its zero
// value is ready to use and safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	newest time.Time
}

// Observe records the Date header of h when it parses and is newer than
// the newest one seen.
func (c *Clock) Observe(h http.Header) {
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if date.After(c.newest) {
		c.newest = date.UTC()
	}
}

// Now returns the newest time seen, in UTC, and false before any response
// carried a Date header.
func (c *Clock) Now() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.newest, !c.newest.IsZero()
}
