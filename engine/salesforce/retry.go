package salesforce

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
)

// RetryPolicy bounds the retries of one request. Every retry of this
// client goes through one retrier with this policy: retryTransport repeats
// whole requests that shouldRetry allows, and sendChunk repeats the records
// of a collection call that failed alone with an error retryable allows.
type RetryPolicy struct {
	// MaxAttempts counts the first try; 1 disables retries. Default 5.
	MaxAttempts int
	// BaseDelay is the wait before the first retry. Each retry doubles it
	// up to MaxDelay, and a random jitter takes up to half of it away.
	// Defaults 500ms and 30s.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits out in
	// full (default 2 minutes). A longer one ends the retries, and the
	// error carries the wait the service asked for.
	MaxRetryAfter time.Duration
	// AttemptTimeout bounds one attempt until its response headers and
	// body are read. Default 2 minutes.
	AttemptTimeout time.Duration
	// OnRetry, when set, hears about each retry before its wait, so that
	// the caller decides what to show.
	OnRetry func(RetryEvent)
}

// RetryEvent describes one retry.
type RetryEvent struct {
	Method  string
	Path    string
	Attempt int // the attempt that failed, from 1
	Delay   time.Duration
	Err     error
	// Records counts the records sent again when a collection call
	// repeats the records that failed alone; 0 for a whole request.
	Records int
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 5
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 30 * time.Second
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = 2 * time.Minute
	}
	if p.AttemptTimeout <= 0 {
		p.AttemptTimeout = 2 * time.Minute
	}
	return p
}

// backoff returns the wait after the given failed attempt, and false when
// the service asked for a longer wait than MaxRetryAfter. A Retry-After is
// waited out in full, plus up to a tenth more, so that clients it
// throttled together do not come back together. Without one, the wait is
// exponential with jitter, at most MaxDelay.
func (p RetryPolicy) backoff(attempt int, retryAfter time.Duration) (time.Duration, bool) {
	if retryAfter > 0 {
		if retryAfter > p.MaxRetryAfter {
			return 0, false
		}
		return retryAfter + time.Duration(rand.Int64N(int64(retryAfter)/10+1)), true
	}
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	return d - time.Duration(rand.Int64N(int64(d)/2+1)), true
}

// retrier is this client's one retry loop body: it decides whether a
// failed attempt gets another, reports the retry, and waits.
type retrier struct {
	policy  RetryPolicy
	log     *slog.Logger
	retries *atomic.Int64
}

// pause is called after failed attempt number ev.Attempt. It returns false
// when the attempts are used up or the service asked for a wait longer
// than MaxRetryAfter, and the context's error when ctx ends during the
// wait. Otherwise it waits and returns true.
func (r *retrier) pause(ctx context.Context, retryAfter time.Duration, ev RetryEvent) (bool, error) {
	if ev.Attempt >= r.policy.MaxAttempts {
		return false, nil
	}
	delay, ok := r.policy.backoff(ev.Attempt, retryAfter)
	if !ok {
		r.log.Warn("salesforce request not retried: the service asked for a longer wait than the maximum",
			"method", ev.Method, "path", ev.Path, "retry_after", retryAfter, "max_retry_after", r.policy.MaxRetryAfter,
			logging.KeyError, ev.Err)
		return false, nil
	}
	ev.Delay = delay
	r.retries.Add(1)
	r.log.Warn("salesforce request retry", "method", ev.Method, "path", ev.Path, "attempt", ev.Attempt,
		"records", ev.Records, "delay", delay, logging.KeyError, ev.Err)
	if r.policy.OnRetry != nil {
		r.policy.OnRetry(ev)
	}
	if err := sleep(ctx, delay); err != nil {
		return false, err
	}
	return true, nil
}

// idempotencyKey marks a request's safety to repeat in its context.
type idempotencyKey struct{}

// withIdempotent records whether repeating the request could duplicate a
// write. Requests without the mark fall back to their HTTP method.
func withIdempotent(ctx context.Context, idempotent bool) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, idempotent)
}

// isIdempotent decides whether a request may be sent again after its
// outcome became unknown (the connection dropped after the request left).
//
//   - GET, HEAD, PUT and DELETE are safe; deleting twice at worst reports
//     ENTITY_IS_DELETED.
//   - PATCH is safe: an update by id writes the same values again, and an
//     upsert by external id finds the record the first attempt created
//     instead of creating a second one.
//   - POST is not safe unless the caller marked it (collection retrieve):
//     a create sent twice creates two records.
func isIdempotent(req *http.Request) bool {
	if v, ok := req.Context().Value(idempotencyKey{}).(bool); ok {
		return v
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions:
		return true
	}
	return false
}

// shouldRetry is this client's retry classifier for whole requests. It
// returns false at once when ctx has ended, and for errors that are not
// transient. A request that is not idempotent (a create) is repeated only
// when it failed before it was fully written to the connection. Once it
// left, even an error response is not repeated here, so that a create can
// never run twice. The caller gets the transient error and decides. The
// sync engine writes new records through Upsert with an external id, which
// is idempotent.
func shouldRetry(ctx context.Context, req *http.Request, resp *http.Response, body []byte, err error, sent bool) (bool, error) {
	if ctx.Err() != nil {
		return false, err
	}
	if err != nil {
		if !isNetworkTransient(err) {
			return false, err
		}
		return isIdempotent(req) || !sent, err
	}
	if resp.StatusCode < 400 {
		return false, nil
	}
	se := errorFromResponse(resp.StatusCode, body)
	return retryable(se, isIdempotent(req)), se
}

// retryable reports whether a request, or one record of a collection call,
// that failed with se may be sent again: the error is transient and
// repeating the write cannot duplicate it.
func retryable(se *Error, idempotent bool) bool {
	return se.Class() == Transient && idempotent
}

// retryTransport repeats the requests that shouldRetry allows, through the
// client's retrier, and stops when the context ends.
type retryTransport struct {
	next  http.RoundTripper
	retry *retrier
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 1; ; attempt++ {
		resp, body, sent, err := t.attempt(req)
		retry, cause := shouldRetry(ctx, req, resp, body, err, sent)
		canReplay := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
		if !retry || !canReplay {
			return resp, err
		}
		ev := RetryEvent{Method: req.Method, Path: req.URL.Path, Attempt: attempt, Err: cause}
		again, waitErr := t.retry.pause(ctx, retryAfter(resp), ev)
		if !again && waitErr == nil {
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		if waitErr != nil {
			return nil, waitErr
		}
	}
}

// attempt sends one copy of req. It reports whether the whole request was
// written to the connection, and reads the body of error responses so that
// shouldRetry can classify them (the caller reads it again from memory).
func (t *retryTransport) attempt(req *http.Request) (*http.Response, []byte, bool, error) {
	var sent atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				sent.Store(true)
			}
		},
	}

	ctx, cancel := context.WithTimeout(req.Context(), t.retry.policy.AttemptTimeout)
	r := req.Clone(httptrace.WithClientTrace(ctx, trace))
	if req.GetBody != nil {
		b, err := req.GetBody()
		if err != nil {
			cancel()
			return nil, nil, false, err
		}
		r.Body = b
	}

	resp, err := t.next.RoundTrip(r)
	if err != nil {
		cancel()
		return nil, nil, sent.Load(), err
	}
	if resp.StatusCode < 400 {
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
		return resp, nil, sent.Load(), nil
	}

	body, rerr := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	cancel()
	if rerr != nil {
		return nil, nil, sent.Load(), rerr
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, body, sent.Load(), nil
}

// cancelOnClose ends an attempt's context once its body is consumed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// retryAfter reads a Retry-After header given in seconds.
func retryAfter(resp *http.Response) time.Duration {
	if resp == nil {
		return 0
	}
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || secs <= 0 {
		return 0
	}
	return time.Duration(secs) * time.Second
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
