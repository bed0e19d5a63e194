package clarizen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
)

// RetryPolicy bounds the retries of transient failures. Zero fields take
// the defaults below.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt too (default 5).
	MaxAttempts int
	// BaseDelay is the wait before the first retry (default 500ms); each
	// further retry doubles it, up to MaxDelay (default 30s). The wait is
	// drawn between half and all of that value.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits out
	// (default 2m); a longer one ends the retries.
	MaxRetryAfter time.Duration
}

// Default retry settings.
const (
	DefaultMaxAttempts   = 5
	DefaultBaseDelay     = 500 * time.Millisecond
	DefaultMaxDelay      = 30 * time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
)

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	return p
}

// delay returns the wait before retry number attempt (1 for the first
// retry), and false when the service asked for a longer wait than
// MaxRetryAfter. A Retry-After is waited out in full, plus up to a tenth
// more so that clients it throttled together do not return together.
func (p RetryPolicy) delay(attempt int, retryAfter time.Duration) (time.Duration, bool) {
	if retryAfter > 0 {
		if retryAfter > p.MaxRetryAfter {
			return 0, false
		}
		return retryAfter + jitter(retryAfter/10), true
	}
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	return d/2 + jitter(d/2), true
}

// jitter returns a random duration between 0 and limit, both included.
func jitter(limit time.Duration) time.Duration {
	if limit <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(limit) + 1))
}

// RetryEvent reports one retry to Options.OnRetry.
type RetryEvent struct {
	Op       string
	EntityID string
	// Attempt is the number of the attempt that failed.
	Attempt int
	Delay   time.Duration
	Err     error
}

// retrySender repeats a request after a transient failure, the one place
// in this package that retries.
type retrySender struct {
	next    sender
	policy  RetryPolicy
	logger  *slog.Logger
	onRetry func(RetryEvent)
}

func (s *retrySender) send(ctx context.Context, r *request) (*response, error) {
	for attempt := 1; ; attempt++ {
		resp, err := s.next.send(ctx, r)
		if err == nil {
			resp.attempts = attempt
			return resp, nil
		}
		var apiErr *Error
		if !errors.As(err, &apiErr) {
			return nil, err // the context ended or the rate limiter gave up
		}
		apiErr.Attempts = attempt
		if attempt >= s.policy.MaxAttempts || !shouldRetry(apiErr, r.idempotent) {
			return nil, apiErr
		}
		wait, ok := s.policy.delay(attempt, apiErr.RetryAfter)
		if !ok {
			return nil, apiErr
		}
		s.report(r, attempt, wait, apiErr)
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%w (retry stopped: %w)", apiErr, err)
		}
	}
}

func (s *retrySender) report(r *request, attempt int, wait time.Duration, err *Error) {
	s.logger.Warn("retrying request",
		slog.String("op", r.op),
		slog.String("entity_id", r.entityID),
		slog.Int("attempt", attempt),
		slog.Duration("delay", wait),
		slog.String(logging.KeyError, err.Error()),
	)
	if s.onRetry != nil {
		s.onRetry(RetryEvent{Op: r.op, EntityID: r.entityID, Attempt: attempt, Delay: wait, Err: err})
	}
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
