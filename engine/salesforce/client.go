package salesforce

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
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/servertime"
)

// Supported API versions. Collections need 42.0 and collection upsert
// 46.0; MaxAPIVersion is the newest version Liaison was tested with.
const (
	MinAPIVersion = "46.0"
	MaxAPIVersion = "62.0"
)

// Options configure a Client.
type Options struct {
	// InstanceURL is the org's REST base from the token response.
	InstanceURL string
	Tokens      TokenSource
	// APIVersion such as "62.0"; empty means the newest version the org
	// offers up to MaxAPIVersion, chosen by Connect.
	APIVersion string
	// Transport sends the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	Retry     RetryPolicy
	Logger    *slog.Logger
	// CallClient is sent as Sforce-Call-Options client=<name>, so that
	// Change Data Capture events show which changes Liaison made.
	CallClient string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Client talks to one org's REST API. It is safe for concurrent use.
type Client struct {
	base    string // instance URL without trailing slash
	tokens  TokenSource
	http    *http.Client
	log     *slog.Logger
	now     func() time.Time
	call    string
	usage   *usageTracker
	clock   *servertime.Clock
	retries atomic.Int64
	// retry is the one retry loop of the client's requests and of the
	// records that failed alone inside a collection call.
	retry *retrier

	mu      sync.Mutex
	version string

	describes describeCache
}

// New builds a Client. It sends no request; call Connect next.
func New(opts Options) (*Client, error) {
	base, err := checkInstanceURL(opts.InstanceURL)
	if err != nil {
		return nil, err
	}
	if opts.Tokens == nil {
		return nil, fmt.Errorf("create salesforce client: missing token source")
	}
	if opts.APIVersion != "" {
		if _, err := strconv.ParseFloat(opts.APIVersion, 64); err != nil {
			return nil, fmt.Errorf("create salesforce client: invalid API version %q", opts.APIVersion)
		}
	}

	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Transport == nil {
		opts.Transport = http.DefaultTransport
	}
	if opts.CallClient == "" {
		opts.CallClient = "Liaison"
	}

	c := &Client{
		base:    base,
		tokens:  opts.Tokens,
		log:     opts.Logger.With(logging.KeyComponent, "salesforce"),
		now:     opts.Now,
		call:    opts.CallClient,
		usage:   &usageTracker{},
		clock:   &servertime.Clock{},
		version: opts.APIVersion,
	}
	c.retry = &retrier{policy: opts.Retry.withDefaults(), log: c.log, retries: &c.retries}

	// Retries wrap everything, so each attempt gets a fresh token and its
	// response is counted against the daily budget.
	var rt http.RoundTripper = &authTransport{next: opts.Transport, tokens: opts.Tokens}
	rt = &usageTransport{next: rt, tracker: c.usage, clock: c.clock, now: opts.Now}
	rt = &debugTransport{next: rt, log: c.log}
	rt = &retryTransport{next: rt, retry: c.retry}
	c.http = &http.Client{
		Transport: rt,
		// Redirects would carry the bearer token to another host.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

func checkInstanceURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("create salesforce client: invalid instance URL %q", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// InstanceURL returns the base URL requests go to.
func (c *Client) InstanceURL() string { return c.base }

// APIVersion returns the version in use ("" before Connect negotiated it).
func (c *Client) APIVersion() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

// Retries returns how many requests this client has repeated.
func (c *Client) Retries() int64 { return c.retries.Load() }

// call is one REST request.
type call struct {
	op, object, recordID string
	method               string // default GET
	// path is relative to /services/data/vXX.X unless it starts with
	// /services/ (nextRecordsUrl, the versions list).
	path   string
	query  url.Values
	body   any
	header http.Header
	// idempotent overrides the method-based retry rule when set.
	idempotent *bool
	// accept lists non-2xx statuses the caller handles itself (300, 304).
	accept []int
}

func (c *Client) url(cl call) (string, error) {
	path := cl.path
	if !strings.HasPrefix(path, "/services/") {
		v := c.APIVersion()
		if v == "" {
			return "", fmt.Errorf("%s: no API version chosen; call Connect first", cl.op)
		}
		path = "/services/data/v" + v + path
	}
	u := c.base + path
	if len(cl.query) > 0 {
		u += "?" + cl.query.Encode()
	}
	return u, nil
}

// send performs cl and returns the status and body. Statuses outside 2xx
// and cl.accept become an *Error carrying op, object and record id.
func (c *Client) send(ctx context.Context, cl call) (int, http.Header, []byte, error) {
	fail := func(status int, err error) error {
		return &Error{Op: cl.op, Object: cl.object, RecordID: cl.recordID, Status: status, Err: err}
	}
	u, err := c.url(cl)
	if err != nil {
		return 0, nil, nil, err
	}
	var body io.Reader
	if cl.body != nil {
		data, err := json.Marshal(cl.body)
		if err != nil {
			return 0, nil, nil, fail(0, fmt.Errorf("encode request: %w", err))
		}
		body = bytes.NewReader(data)
	}
	if cl.idempotent != nil {
		ctx = withIdempotent(ctx, *cl.idempotent)
	}
	method := cl.method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return 0, nil, nil, fail(0, err)
	}
	for k, vs := range cl.header {
		req.Header[k] = vs
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Sforce-Call-Options", "client="+c.call)

	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, nil, fail(0, unwrapURLError(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, resp.Header, nil, fail(resp.StatusCode, fmt.Errorf("read response: %w", err))
	}
	if resp.StatusCode >= 300 && !slices.Contains(cl.accept, resp.StatusCode) {
		se := errorFromResponse(resp.StatusCode, data)
		se.Op, se.Object, se.RecordID = cl.op, cl.object, cl.recordID
		se.RetryAfter = retryAfter(resp)
		return resp.StatusCode, resp.Header, data, se
	}
	return resp.StatusCode, resp.Header, data, nil
}

// unwrapURLError drops the *url.Error layer, whose text repeats the full
// request URL (with the SOQL of a query) in every message.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", ue.Op, redactQuery(ue.URL), ue.Err)
	}
	return err
}

func redactQuery(raw string) string {
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		return raw[:i]
	}
	return raw
}

// getJSON performs cl and decodes the JSON response into out.
func (c *Client) getJSON(ctx context.Context, cl call, out any) error {
	_, _, data, err := c.send(ctx, cl)
	if err != nil {
		return err
	}
	return c.decode(cl, data, out)
}

func (c *Client) decode(cl call, data []byte, out any) error {
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(out); err != nil {
		return &Error{Op: cl.op, Object: cl.object, RecordID: cl.recordID, Err: fmt.Errorf("decode response: %w", err)}
	}
	return nil
}

func boolPtr(b bool) *bool { return &b }
