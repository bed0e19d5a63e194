package salesforce

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
	"github.com/liaison-sync/liaison/engine/servertime"
)

// APIUsage is the org's daily API request count as the last response's
// Sforce-Limit-Info header reported it.
type APIUsage struct {
	Used int
	Max  int
	// At is when the response carrying these numbers arrived.
	At time.Time
}

// Remaining returns the requests left today.
func (u APIUsage) Remaining() int { return max(u.Max-u.Used, 0) }

// RemainingFraction returns the share of the daily budget left, from 0 to
// 1; 1 when the maximum is unknown.
func (u APIUsage) RemainingFraction() float64 {
	if u.Max <= 0 {
		return 1
	}
	return float64(u.Remaining()) / float64(u.Max)
}

// UnderReserve reports whether the share of the daily budget left is under
// reservePercent percent. A maximum that is not known, or a reserve of 0
// or less, never is.
func (u APIUsage) UnderReserve(reservePercent int) bool {
	if u.Max <= 0 || reservePercent <= 0 {
		return false
	}
	return u.RemainingFraction()*100 < float64(reservePercent)
}

// ParseLimitInfo reads the api-usage part of a Sforce-Limit-Info header,
// such as "api-usage=18/5000; per-app-api-usage=17/250(appName=x)".
func ParseLimitInfo(header string) (used, maxRequests int, ok bool) {
	for _, part := range strings.Split(header, ";") {
		name, value, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found || name != "api-usage" {
			continue
		}
		u, m, found := strings.Cut(value, "/")
		if !found {
			return 0, 0, false
		}
		used, err1 := strconv.Atoi(strings.TrimSpace(u))
		maxRequests, err2 := strconv.Atoi(strings.TrimSpace(m))
		if err1 != nil || err2 != nil {
			return 0, 0, false
		}
		return used, maxRequests, true
	}
	return 0, 0, false
}

// usageTracker keeps the latest APIUsage.
type usageTracker struct {
	mu    sync.Mutex
	usage APIUsage
	ok    bool
}

func (u *usageTracker) observe(h http.Header, now time.Time) {
	used, maxRequests, ok := ParseLimitInfo(h.Get("Sforce-Limit-Info"))
	if !ok {
		return
	}
	u.mu.Lock()
	u.usage, u.ok = APIUsage{Used: used, Max: maxRequests, At: now}, true
	u.mu.Unlock()
}

func (u *usageTracker) get() (APIUsage, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.usage, u.ok
}

// usageTransport feeds every response's Sforce-Limit-Info to the tracker
// and its Date header to the server clock.
type usageTransport struct {
	next    http.RoundTripper
	tracker *usageTracker
	clock   *servertime.Clock
	now     func() time.Time
}

func (t *usageTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if resp != nil {
		t.tracker.observe(resp.Header, t.now())
		t.clock.Observe(resp.Header)
	}
	return resp, err
}

// APIUsage returns the daily API usage of the latest response, and false
// before any response carried the header.
func (c *Client) APIUsage() (APIUsage, bool) { return c.usage.get() }

// Limits returns the org's limits (GET /limits), keyed by limit name such
// as DailyApiRequests.
func (c *Client) Limits(ctx context.Context) (map[string]api.Limit, error) {
	var out map[string]api.Limit
	if err := c.getJSON(ctx, call{op: "get limits", path: "/limits"}, &out); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, fmt.Errorf("get limits: empty response")
	}
	return out, nil
}
