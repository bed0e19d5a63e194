package clarizen

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"
)

// DefaultRequestsPerSecond keeps the client under the service's limit of
// 25 requests per second per organisation, counted over a sliding
// 1-second window (in force since June 2020). With a burst of 1, a rate of
// 24 lets at most 25 requests start in any closed 1-second window.
const DefaultRequestsPerSecond = 24

// newLimiter returns the limiter for requestsPerSecond: the default for 0,
// none for a negative value.
func newLimiter(requestsPerSecond float64) *rate.Limiter {
	switch {
	case requestsPerSecond < 0:
		return nil
	case requestsPerSecond == 0:
		requestsPerSecond = DefaultRequestsPerSecond
	}
	return rate.NewLimiter(rate.Limit(requestsPerSecond), 1)
}

// limitSender waits for the rate limiter before each attempt, so retries
// count against the limit too.
type limitSender struct {
	next    sender
	limiter *rate.Limiter
}

func (s *limitSender) send(ctx context.Context, r *request) (*response, error) {
	if s.limiter != nil {
		if err := s.limiter.Wait(ctx); err != nil {
			return nil, fmt.Errorf("%s: wait for rate limit: %w", r.describe(), err)
		}
	}
	return s.next.send(ctx, r)
}
