package clarizen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/servertime"
)

// request is one API call as the senders pass it down the chain.
type request struct {
	op       string // operation name for errors and logs ("create")
	entityID string // entity id or type name for errors and logs
	method   string
	path     string // relative to the server location, used when url is empty
	url      string // absolute URL (discovery)
	query    url.Values
	body     []byte // JSON body, nil for none
	header   http.Header
	timeout  time.Duration
	// idempotent marks requests that may be applied twice with the effect of
	// once; see shouldRetry.
	idempotent bool
	// auth marks requests that carry the Authorization header; the session
	// sender fills authorization.
	auth          bool
	authorization string
}

// describe names the request for error messages without secrets.
func (r *request) describe() string {
	if r.entityID == "" {
		return r.op
	}
	return r.op + " " + r.entityID
}

// newError starts an *Error for r.
func (r *request) newError() *Error {
	return &Error{Op: r.op, EntityID: r.entityID}
}

// response is a successful (2xx) HTTP response.
type response struct {
	status   int
	header   http.Header
	body     []byte
	attempts int
}

// sender is one link of the request chain: session, retry, rate limit and
// HTTP. Failures are *Error, or a wrapped context or rate-limiter error.
type sender interface {
	send(ctx context.Context, r *request) (*response, error)
}

// Request timeouts. Bulk calls get the longer one because the service can
// take minutes over a large bulk.
const (
	defaultRequestTimeout = 2 * time.Minute
	bulkRequestTimeout    = 10 * time.Minute
	// maxResponseBytes bounds a response body held in memory.
	maxResponseBytes = 256 << 20
)

// httpSender performs one HTTP exchange.
type httpSender struct {
	client    *http.Client
	location  func() string // the server location, read at send time
	requester string
	scrub     *scrubber
	apiCalls  atomic.Int64 // requests sent with credentials, see Client.APICalls
	clock     servertime.Clock
	// logger gets one debug line per exchange; nil logs nothing.
	logger *slog.Logger
}

func (h *httpSender) send(ctx context.Context, r *request) (*response, error) {
	timeout := r.timeout
	if timeout == 0 {
		timeout = defaultRequestTimeout
	}
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	req, err := h.newHTTPRequest(callCtx, r)
	if err != nil {
		e := r.newError()
		e.Err = err
		return nil, e
	}
	if r.auth {
		h.apiCalls.Add(1)
	}
	started := time.Now()
	resp, err := h.client.Do(req)
	h.logExchange(ctx, r, resp, err, time.Since(started))
	if err != nil {
		return nil, h.transportError(ctx, r, err)
	}
	defer resp.Body.Close()
	h.clock.Observe(resp.Header)

	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, h.transportError(ctx, r, fmt.Errorf("read response body: %w", err))
	}
	if len(data) > maxResponseBytes {
		e := r.newError()
		e.HTTPStatus = resp.StatusCode
		e.Err = fmt.Errorf("response body larger than %d bytes", maxResponseBytes)
		return nil, e
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, h.decodeError(r, resp, data)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// logExchange writes one debug line for an exchange: the operation, the
// path without its query and the status. Bodies and headers stay out,
// because they carry passwords and session ids.
func (h *httpSender) logExchange(ctx context.Context, r *request, resp *http.Response, err error, took time.Duration) {
	if h.logger == nil || !h.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	path := r.path
	if r.url != "" {
		if u, perr := url.Parse(r.url); perr == nil {
			path = u.Path
		}
	}
	attrs := []any{"op", r.op, "entity_id", r.entityID, "method", r.method, "path", path, "duration", took}
	if resp != nil {
		attrs = append(attrs, "status", resp.StatusCode)
	}
	if err != nil {
		attrs = append(attrs, logging.KeyError, err)
	}
	h.logger.DebugContext(ctx, "clarizen request", attrs...)
}

func (h *httpSender) newHTTPRequest(ctx context.Context, r *request) (*http.Request, error) {
	target := r.url
	if target == "" {
		location := h.location()
		if location == "" {
			return nil, errNoServerLocation
		}
		target = joinURL(location, r.path)
	}
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}

	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}

	req.Header.Set("Accept", "application/json")
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.authorization != "" {
		req.Header.Set("Authorization", r.authorization)
	}
	if h.requester != "" {
		req.Header.Set("ClzApiRequester", h.requester)
	}
	for name, values := range r.header {
		for _, v := range values {
			req.Header.Add(name, v)
		}
	}
	return req, nil
}

// transportError wraps a failure that left no complete response. When the
// caller's context ended, the context error is returned so that nothing
// retries it.
func (h *httpSender) transportError(ctx context.Context, r *request, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("%s: %w", r.describe(), ctxErr)
	}
	e := r.newError()
	e.Err = err
	return e
}

// decodeError turns a non-2xx response into *Error. The 429 response has its
// own body ({"statusCode": "Too Many Requests", "message", "retryAfter"});
// every other failure carries the error object, when it carries a body.
func (h *httpSender) decodeError(r *request, resp *http.Response, data []byte) *Error {
	e := r.newError()
	e.HTTPStatus = resp.StatusCode
	if resp.StatusCode == http.StatusTooManyRequests {
		var quota api.QuotaExceeded
		_ = json.Unmarshal(data, &quota) // the header alone is enough
		e.Code = CodeRateLimited
		e.Message = h.scrub.scrub(quota.Message)
		e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), quota.RetryAfter, time.Now())
		return e
	}
	var body api.Error
	if json.Unmarshal(data, &body) == nil && body.ErrorCode != "" {
		e.Code = body.ErrorCode
		e.Message = h.scrub.scrub(body.Message)
		e.ReferenceID = body.ReferenceID
		return e
	}
	e.Message = http.StatusText(resp.StatusCode)
	return e
}

// parseRetryAfter reads the Retry-After header (seconds or an HTTP date),
// falling back to the body's retryAfter seconds.
func parseRetryAfter(header, body string, now time.Time) time.Duration {
	for _, s := range []string{header, body} {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if secs, err := strconv.ParseFloat(s, 64); err == nil && secs >= 0 {
			return time.Duration(secs * float64(time.Second))
		}
		if t, err := http.ParseTime(s); err == nil {
			if d := t.Sub(now); d > 0 {
				return d
			}
			return 0
		}
	}
	return 0
}

func joinURL(base, path string) string {
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(path, "/")
}

// objectPath returns "data/objects/Type/value" with each part escaped.
func objectPath(id EntityID) string {
	return "data/objects/" + url.PathEscape(id.Type()) + "/" + url.PathEscape(id.Value())
}

// errNoServerLocation is returned when a call needs the data centre before
// discovery ran.
var errNoServerLocation = errors.New("no server location: discovery has not run")
