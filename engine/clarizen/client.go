package clarizen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"golang.org/x/time/rate"

	"github.com/liaison-sync/liaison/engine/logging"
)

// Options configure a Client. Credentials is required; every other field
// has a default.
type Options struct {
	// DiscoveryURL is the base URL of getServerDefinition:
	// ProductionDiscoveryURL when empty, SandboxDiscoveryURL for a sandbox,
	// the simulator's DiscoveryURL in tests.
	DiscoveryURL string
	// ServerLocation skips discovery when the data centre is already known
	// from an earlier run.
	ServerLocation string
	Credentials    CredentialProvider
	// Session is a session id stored by an earlier run. It is tried before
	// logging in; a SessionTimeout on it leads to a normal login.
	Session Secret
	// OnNewSession receives each session opened by a login or re-login, so
	// the caller can store its id.
	OnNewSession func(Session)
	// HTTPClient defaults to a client without a timeout of its own; each
	// request gets one (2 minutes, 10 for bulk calls).
	HTTPClient *http.Client
	Logger     *slog.Logger
	// RequestsPerSecond is the client-side rate limit
	// (DefaultRequestsPerSecond when 0; negative turns it off).
	RequestsPerSecond float64
	// Limiter replaces RequestsPerSecond, so that clients of the same
	// organisation can share one limit.
	Limiter *rate.Limiter
	Retry   RetryPolicy
	// OnRetry is called before each retry, for progress display.
	OnRetry func(RetryEvent)
	// BulkLimit is the number of sub-requests per bulk call (default 100).
	BulkLimit int
	// PageSize is the paging limit sent with queries (default 1000).
	PageSize int
	// Requester is sent as the ClzApiRequester header (default "Liaison").
	Requester string
}

// Defaults for Options.
const (
	DefaultBulkLimit = 100
	DefaultPageSize  = 1000
	DefaultRequester = "Liaison"
)

// Client talks to one Clarizen organisation. It is safe for concurrent
// use.
type Client struct {
	transport *httpSender
	chain     sender
	auth      *authenticator
	logger    *slog.Logger
	bulkLimit int
	pageSize  int
	metadata  *metadataCache
}

// New returns a client. It does no I/O: the first call (or Connect) runs
// discovery and login.
func New(opts Options) (*Client, error) {
	if opts.Credentials == nil {
		return nil, errors.New("new clarizen client: missing credentials provider")
	}
	if opts.DiscoveryURL == "" {
		opts.DiscoveryURL = ProductionDiscoveryURL
	}
	if opts.ServerLocation != "" {
		if err := checkServerLocation(opts.ServerLocation); err != nil {
			return nil, fmt.Errorf("new clarizen client: %w", err)
		}
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Requester == "" {
		opts.Requester = DefaultRequester
	}
	if opts.BulkLimit <= 0 {
		opts.BulkLimit = DefaultBulkLimit
	}
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	limiter := opts.Limiter
	if limiter == nil {
		limiter = newLimiter(opts.RequestsPerSecond)
	}
	logger := opts.Logger.With(slog.String(logging.KeyComponent, "clarizen"))

	scrub := &scrubber{}
	auth := &authenticator{
		provider:     opts.Credentials,
		discoveryURL: opts.DiscoveryURL,
		storedID:     opts.Session,
		onNewSession: opts.OnNewSession,
		scrub:        scrub,
		logger:       logger,
		lock:         make(chan struct{}, 1),
	}
	auth.server.ServerLocation = opts.ServerLocation

	transport := &httpSender{
		client:    opts.HTTPClient,
		location:  auth.location,
		requester: opts.Requester,
		scrub:     scrub,
		logger:    logger,
	}
	retrying := &retrySender{
		next:    &limitSender{next: transport, limiter: limiter},
		policy:  opts.Retry.withDefaults(),
		logger:  logger,
		onRetry: opts.OnRetry,
	}
	auth.next = retrying

	return &Client{
		transport: transport,
		chain:     &sessionSender{next: retrying, auth: auth},
		auth:      auth,
		logger:    logger,
		bulkLimit: opts.BulkLimit,
		pageSize:  opts.PageSize,
		metadata:  newMetadataCache(),
	}, nil
}

// APICalls returns the number of API requests this client has sent,
// retries included and a bulk call counted once, as the service counts
// them. Discovery, login and logout are left out because they do not count
// towards the service's quota.
func (c *Client) APICalls() int64 { return c.transport.apiCalls.Load() }

// do sends an authenticated request with body encoded as JSON and decodes
// the response into out (when out is not nil).
func (c *Client) do(ctx context.Context, r *request, body, out any) (*response, error) {
	r.auth = true
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("%s: encode request: %w", r.describe(), err)
		}
		r.body = data
	}
	resp, err := c.chain.send(ctx, r)
	if err != nil {
		return nil, err
	}
	if err := decodeBody(r, resp, out); err != nil {
		return nil, err
	}
	return resp, nil
}

// get sends a GET request.
func (c *Client) get(ctx context.Context, op, entityID, path string, query url.Values, out any) error {
	r := &request{op: op, entityID: entityID, method: http.MethodGet, path: path, query: query, idempotent: true}
	_, err := c.do(ctx, r, nil, out)
	return err
}

// post sends a POST request; idempotent marks whether a retry after a lost
// response is safe.
func (c *Client) post(ctx context.Context, op, entityID, path string, idempotent bool, body, out any) (*response, error) {
	r := &request{op: op, entityID: entityID, method: http.MethodPost, path: path, idempotent: idempotent}
	return c.do(ctx, r, body, out)
}
