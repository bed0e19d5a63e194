package connect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
)

// Clarizen logins of the two simulated instances.
const (
	czUser     = "admin@clarizen-one.example"
	czPassword = "cz-one-password-7781"
	czAPIKey   = "cz-one-api-key-5f1d0c9a"
	cz2User    = "admin@clarizen-two.example"
	cz2APIKey  = "cz-two-api-key-88aa1b3e"
)

// testEnv is one product setup on loopback: the store in a temporary
// folder, the in-memory keychain, the event bus, captured logs, the
// simulators and a Manager.
type testEnv struct {
	t       *testing.T
	ctx     context.Context
	dbPath  string
	db      *store.DB
	secrets *recordingSecrets
	bus     *events.Bus
	logs    *syncBuffer
	sf      *sfsim.Server
	cz1     *czsim.Server
	cz2     *czsim.Server
	browser *testBrowser
	opts    connect.Options
	m       *connect.Manager
}

type envConfig struct {
	sfOptions sfsim.Options
	// callbackAddr overrides the loopback callback address (port 0 when
	// empty, so parallel tests do not collide).
	callbackAddr string
}

func newEnv(t *testing.T, cfg envConfig) *testEnv {
	t.Helper()
	ctx := context.Background()
	e := &testEnv{t: t, ctx: ctx, logs: &syncBuffer{}, bus: events.NewBus(0)}

	var err error
	e.dbPath = filepath.Join(t.TempDir(), store.FileName)
	e.db, err = store.Open(ctx, e.dbPath)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { e.db.Close() })
	e.secrets = newRecordingSecrets()

	e.sf, err = sfsim.New(cfg.sfOptions)
	if err != nil {
		t.Fatalf("start salesforce simulator: %v", err)
	}
	t.Cleanup(func() { e.sf.Close() })
	e.cz1, err = czsim.New(czsim.Options{OrgID: 7100001, Users: []czsim.User{
		{UserName: czUser, Password: czPassword, APIKey: czAPIKey, FirstName: "Ada", LastName: "One"},
	}})
	if err != nil {
		t.Fatalf("start clarizen simulator 1: %v", err)
	}
	t.Cleanup(func() { e.cz1.Close() })
	e.cz2, err = czsim.New(czsim.Options{OrgID: 7200002, Users: []czsim.User{
		{UserName: cz2User, Password: "cz-two-password-0042", APIKey: cz2APIKey, FirstName: "Bo", LastName: "Two"},
	}})
	if err != nil {
		t.Fatalf("start clarizen simulator 2: %v", err)
	}
	t.Cleanup(func() { e.cz2.Close() })

	e.browser = &testBrowser{sim: e.sf, username: sfsim.DefaultUsername, password: sfsim.DefaultPassword, deliver: true}
	if cfg.sfOptions.Username != "" {
		e.browser.username, e.browser.password = cfg.sfOptions.Username, cfg.sfOptions.Password
	}
	addr := cfg.callbackAddr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	e.opts = connect.Options{
		Store:           e.db,
		Secrets:         e.secrets,
		Events:          e.bus,
		Logger:          slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		ClientID:        sfsim.DefaultClientID,
		Browser:         e.browser,
		CallbackAddr:    addr,
		SalesforceLogin: connect.EnvironmentURLs{Production: e.sf.LoginURL(), Sandbox: e.sf.SandboxLoginURL()},
		// Clarizen production is the first simulator and sandbox the
		// second, so a test can tell which discovery endpoint was used.
		ClarizenDiscovery: connect.EnvironmentURLs{Production: e.cz1.DiscoveryURL(), Sandbox: e.cz2.DiscoveryURL()},
		// Retries stay on, with waits short enough for tests.
		SalesforceRetry:    salesforce.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond},
		ClarizenRetry:      clarizen.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond},
		UsageWriteInterval: -1,
	}
	e.m = e.newManager()
	return e
}

// newManager returns another Manager over the same store and keychain, as
// a restarted Liaison would have.
func (e *testEnv) newManager() *connect.Manager {
	e.t.Helper()
	m, err := connect.New(e.opts)
	if err != nil {
		e.t.Fatalf("create manager: %v", err)
	}
	return m
}

func (e *testEnv) connectSalesforce(env string) connect.SalesforceIdentity {
	e.t.Helper()
	id, err := e.m.ConnectSalesforce(e.ctx, connect.SalesforceLogin{Environment: env})
	if err != nil {
		e.t.Fatalf("connect salesforce (%s): %v", env, err)
	}
	return id
}

func (e *testEnv) connectClarizen(login connect.ClarizenLogin) connect.ClarizenIdentity {
	e.t.Helper()
	id, err := e.m.ConnectClarizen(e.ctx, login)
	if err != nil {
		e.t.Fatalf("connect %s: %v", login.ConnectionID, err)
	}
	return id
}

func (e *testEnv) row(id string) store.Connection {
	e.t.Helper()
	c, err := e.db.Connection(e.ctx, id)
	if err != nil {
		e.t.Fatalf("read connection %s: %v", id, err)
	}
	return c
}

func (e *testEnv) secret(connection, kind string) string {
	e.t.Helper()
	v, err := e.secrets.Get(e.ctx, connection, kind)
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		e.t.Fatalf("read %s of %s: %v", kind, connection, err)
	}
	return v
}

func (e *testEnv) saveMapping(id, name, czConnection string) {
	e.t.Helper()
	e.saveMappingOf(id, name, czConnection, mapping.Mapping{})
}

// saveMappingOf stores m under id, as the mappings screen would.
func (e *testEnv) saveMappingOf(id, name, czConnection string, m mapping.Mapping) {
	e.t.Helper()
	m.ID, m.Name, m.Enabled = id, name, true
	data, err := json.Marshal(m)
	if err != nil {
		e.t.Fatal(err)
	}
	err = e.db.SaveMapping(e.ctx, store.Definition{ID: id, Name: name, ClarizenConnection: czConnection,
		JSON: data, Enabled: true})
	if err != nil {
		e.t.Fatalf("save mapping %s: %v", id, err)
	}
}

func (e *testEnv) mappingState(id string) string {
	e.t.Helper()
	d, err := e.db.Mapping(e.ctx, id)
	if err != nil {
		e.t.Fatalf("read mapping %s: %v", id, err)
	}
	return d.State
}

// connectionEvents returns the states carried by connection.changed
// events of connection id, in order.
func (e *testEnv) connectionEvents(id string) []string {
	evs, _ := e.bus.Since(0)
	var states []string
	for _, ev := range evs {
		if ev.Type != events.ConnectionChange {
			continue
		}
		st, ok := ev.Data.(connect.Status)
		if ok && st.ID == id {
			states = append(states, st.State)
		}
	}
	return states
}

// testBrowser is the user's browser: it logs in on the simulator's
// authorize page, approves, and follows the redirect to Liaison's
// loopback callback. The edit functions change what a real browser would
// carry, for the negative cases.
type testBrowser struct {
	sim                *sfsim.Server
	username, password string
	deliver            bool
	editAuthorize      func(string) string
	editCallback       func(string) string

	mu        sync.Mutex
	opened    []string
	callbacks []string
}

func (b *testBrowser) OpenURL(ctx context.Context, authorizeURL string) error {
	b.mu.Lock()
	b.opened = append(b.opened, authorizeURL)
	b.mu.Unlock()
	if b.editAuthorize != nil {
		authorizeURL = b.editAuthorize(authorizeURL)
	}
	callback, err := b.sim.BrowserLogin(ctx, authorizeURL, b.username, b.password)
	if err != nil {
		return err
	}
	if b.editCallback != nil {
		callback = b.editCallback(callback)
	}
	b.mu.Lock()
	b.callbacks = append(b.callbacks, callback)
	b.mu.Unlock()
	if !b.deliver {
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, callback, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (b *testBrowser) lastCallback() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.callbacks) == 0 {
		return ""
	}
	return b.callbacks[len(b.callbacks)-1]
}

func (b *testBrowser) openCount() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.opened)
}

// setQuery returns raw with query parameter name set to value.
func setQuery(raw, name, value string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set(name, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// recordingSecrets is the in-memory keychain that also remembers every
// value ever stored, including values replaced or deleted later, for the
// leak scan. failSet, when set, makes Set fail for chosen kinds.
type recordingSecrets struct {
	*secretstest.Memory
	mu      sync.Mutex
	all     []string
	failSet func(connection, kind string) error
}

func newRecordingSecrets() *recordingSecrets {
	return &recordingSecrets{Memory: secretstest.NewMemory()}
}

func (r *recordingSecrets) Set(ctx context.Context, connection, kind, value string) error {
	r.mu.Lock()
	fail := r.failSet
	r.mu.Unlock()
	if fail != nil {
		if err := fail(connection, kind); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.all = append(r.all, value)
	r.mu.Unlock()
	return r.Memory.Set(ctx, connection, kind, value)
}

func (r *recordingSecrets) setFailure(fail func(connection, kind string) error) {
	r.mu.Lock()
	r.failSet = fail
	r.mu.Unlock()
}

func (r *recordingSecrets) everStored() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.all...)
}

// unavailableSecrets is a keychain that is not running.
type unavailableSecrets struct{}

func (unavailableSecrets) Get(context.Context, string, string) (string, error) {
	return "", secrets.ErrUnavailable
}

func (unavailableSecrets) Set(context.Context, string, string, string) error {
	return secrets.ErrUnavailable
}

func (unavailableSecrets) Delete(context.Context, string, string) error {
	return secrets.ErrUnavailable
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// accountsMapping returns a mapping of Clarizen customers to accounts
// keyed by name on both sides.
func accountsMapping() mapping.Mapping {
	return mapping.Mapping{ClarizenInstance: 1, ClarizenEntity: "Customer", SalesforceObject: "Account",
		ClarizenKeyField: "Name", SalesforceKeyField: "Name"}
}

// baseWithName is a link base holding the Salesforce Name as last synced.
func baseWithName(t *testing.T, name string) []byte {
	t.Helper()
	data, err := plan.Base{Salesforce: map[string]any{"Name": name}, Clarizen: map[string]any{"Name": name}}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// errRefused is the error of a dial to a port without a listener.
var errRefused = &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}

// salesforceQueryOptions are the default query options.
var salesforceQueryOptions = salesforce.QueryOptions{}

// refreshWith sends a refresh request with token straight to the login
// host, as a stolen or leftover token would be used.
func refreshWith(e *testEnv, loginURL, token string) error {
	cfg := oauth.Config{ClientID: sfsim.DefaultClientID, Host: oauth.LoginHost{Kind: oauth.HostCustom, URL: loginURL}}
	_, err := oauth.NewTokenSource(cfg, oauth.Token{RefreshToken: oauth.Secret(token)}, nil).Token(e.ctx)
	return err
}

// waitFor polls cond for up to two seconds; it is for state that another
// goroutine writes, never for timing.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("parse %q: %v", raw, err)
	}
	return u.Query()
}

func codeOf(err error) string {
	var ce *connect.Error
	if errors.As(err, &ce) {
		return ce.ErrorCode()
	}
	return ""
}
