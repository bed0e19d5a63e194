package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/store"
)

// Emitter publishes events; *events.Bus implements it.
type Emitter interface {
	Emit(t events.Type, data any) events.Event
}

// EnvironmentURLs are the production and sandbox URLs of one system: the
// Salesforce login hosts or the Clarizen discovery endpoints. An empty
// field means the real service's URL; tests and the demo set the
// simulators' URLs.
type EnvironmentURLs struct {
	Production string
	Sandbox    string
}

// DefaultUsageWriteInterval is how often at most the Salesforce API usage
// seen in responses is written to the connection row.
const DefaultUsageWriteInterval = 10 * time.Second

// Options configure a Manager. Store and Secrets are required, and ClientID
// is required for Salesforce logins.
type Options struct {
	Store   *store.DB
	Secrets secrets.Store
	// Events receives a connection.changed event with the connection's
	// Status on every change; nil sends none.
	Events Emitter
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// ClientID is the connected app's consumer key.
	ClientID string
	// ClientSecret stays empty for a connected app that does not require a
	// secret for the web-server flow, which is the normal desktop setup.
	ClientSecret string
	// Browser shows the Salesforce authorize page; nil means the system
	// browser.
	Browser oauth.Opener
	// CallbackAddr is the loopback address of the OAuth callback listener
	// (oauth.DefaultCallbackAddr when empty). Its port must match the
	// callback URL registered in the connected app.
	CallbackAddr string
	// CallbackPath is the callback URL's path (oauth.DefaultCallbackPath
	// when empty).
	CallbackPath string

	// SalesforceLogin overrides the Salesforce login hosts.
	SalesforceLogin EnvironmentURLs
	// ClarizenDiscovery overrides the Clarizen discovery endpoints.
	ClarizenDiscovery EnvironmentURLs

	// HTTPClient sends the OAuth token and revoke requests and the Clarizen
	// requests; nil means each package's default.
	HTTPClient *http.Client
	// Transport sends the Salesforce REST requests; nil means
	// http.DefaultTransport.
	Transport http.RoundTripper

	// SalesforceRetry and ClarizenRetry tune the clients' retries of
	// transient failures; zero values mean the clients' defaults.
	SalesforceRetry salesforce.RetryPolicy
	ClarizenRetry   clarizen.RetryPolicy

	// LinkKeys finds each link's key for ResolveOrgChange; nil means
	// MappingLinkKeys.
	LinkKeys LinkKeyFunc

	// UsageWriteInterval limits how often API usage is written to the
	// store (DefaultUsageWriteInterval when 0; negative writes every
	// change).
	UsageWriteInterval time.Duration
}

// Manager owns the three connections. It is safe for concurrent use.
type Manager struct {
	db      *store.DB
	secrets secrets.Store
	events  Emitter
	log     *slog.Logger
	now     func() time.Time
	opts    Options

	// loginMu serializes Salesforce logins; a new login cancels the one
	// waiting for its callback (cancelLogin).
	loginMu     sync.Mutex
	cancelMu    sync.Mutex
	cancelLogin context.CancelFunc

	// tokenMu orders token writes to the keychain, so that a refresh
	// finishing during a re-authentication cannot overwrite the new tokens.
	tokenMu sync.Mutex

	// clientIDMu guards clientID, the consumer key of the next login.
	clientIDMu sync.Mutex
	clientID   string

	// usageWriteMu keeps two API usage writes from landing out of order.
	usageWriteMu sync.Mutex

	// stateMu serializes state changes and the mapping updates that follow
	// them.
	stateMu sync.Mutex

	mu       sync.Mutex
	sf       *sfConn
	sfGen    uint64
	sfClient *salesforce.Client
	pending  *pendingLogin
	cz       map[string]*clarizen.Client
	czGen    map[string]uint64
	usage    usageState
}

// New returns a Manager. It does no I/O.
func New(opts Options) (*Manager, error) {
	if opts.Store == nil {
		return nil, errors.New("create connection manager: missing store")
	}
	if opts.Secrets == nil {
		return nil, errors.New("create connection manager: missing secrets store")
	}

	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Browser == nil {
		opts.Browser = oauth.SystemBrowser{}
	}

	if opts.CallbackAddr == "" {
		opts.CallbackAddr = oauth.DefaultCallbackAddr
	}
	if opts.CallbackPath == "" {
		opts.CallbackPath = oauth.DefaultCallbackPath
	}

	if opts.SalesforceLogin.Production == "" {
		opts.SalesforceLogin.Production = oauth.ProductionLoginURL
	}
	if opts.SalesforceLogin.Sandbox == "" {
		opts.SalesforceLogin.Sandbox = oauth.SandboxLoginURL
	}
	if opts.ClarizenDiscovery.Production == "" {
		opts.ClarizenDiscovery.Production = clarizen.ProductionDiscoveryURL
	}
	if opts.ClarizenDiscovery.Sandbox == "" {
		opts.ClarizenDiscovery.Sandbox = clarizen.SandboxDiscoveryURL
	}

	if opts.UsageWriteInterval == 0 {
		opts.UsageWriteInterval = DefaultUsageWriteInterval
	}
	if opts.Transport == nil {
		opts.Transport = http.DefaultTransport
	}
	if opts.LinkKeys == nil {
		opts.LinkKeys = MappingLinkKeys
	}

	return &Manager{
		db:       opts.Store,
		secrets:  opts.Secrets,
		events:   opts.Events,
		log:      opts.Logger.With(slog.String(logging.KeyComponent, "connect")),
		now:      opts.Now,
		opts:     opts,
		clientID: opts.ClientID,
		cz:       map[string]*clarizen.Client{},
		czGen:    map[string]uint64{},
	}, nil
}

// SetClientID sets the connected app's consumer key for the next
// Salesforce login. The current connection keeps the key it logged in
// with while Liaison runs. After a restart its refresh token is sent
// with the new key, which Salesforce rejects when the key belongs to
// another connected app, so the connection then needs a new login.
func (m *Manager) SetClientID(clientID string) {
	m.clientIDMu.Lock()
	defer m.clientIDMu.Unlock()
	m.clientID = clientID
}

// ClientID returns the consumer key the next Salesforce login uses.
func (m *Manager) ClientID() string {
	m.clientIDMu.Lock()
	defer m.clientIDMu.Unlock()
	return m.clientID
}

// Close writes the latest Salesforce API usage to the store.
func (m *Manager) Close(ctx context.Context) error {
	return m.flushUsage(ctx)
}

// probeKeychain fails with secrets.ErrUnavailable before a login starts
// when no keychain runs, so the user does not log in for nothing.
func (m *Manager) probeKeychain(ctx context.Context, id string) error {
	_, err := m.secrets.Get(ctx, id, secrets.AccessToken)
	if err == nil || errors.Is(err, secrets.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("check keychain: %w", err)
}

// connection returns the stored row of id; ErrNotConnected when there is
// none or it is disconnected.
func (m *Manager) connection(ctx context.Context, id string) (store.Connection, error) {
	c, err := m.db.Connection(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Connection{}, ErrNotConnected
	}
	if err != nil {
		return store.Connection{}, err
	}
	if c.State == StateDisconnected {
		return store.Connection{}, ErrNotConnected
	}
	return c, nil
}

// emit publishes the current status of connection id.
func (m *Manager) emit(ctx context.Context, id string) {
	if m.events == nil {
		return
	}
	st, err := m.status(ctx, id)
	if err != nil {
		m.log.Warn("read connection for event failed", slog.String(logging.KeyConnection, id), slog.Any(logging.KeyError, err))
		return
	}
	m.events.Emit(events.ConnectionChange, st)
}

func wrap(op, id string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Connection: id, Err: err}
}

// withEnvironment records on a login's *Error the environment it chose,
// for the hint.
func withEnvironment(err error, env string) error {
	var ce *Error
	if errors.As(err, &ce) {
		ce.Environment = env
	}
	return err
}
