package salesforce_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

// testClock is a clock shared by the simulator and the client.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock {
	return &testClock{now: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// syncBuffer is a bytes.Buffer safe for concurrent log writes.
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

// tokenEvents records, in order, when a token was saved and when an access
// token was first sent, by a short hash so that the test keeps no secret.
type tokenEvents struct {
	mu     sync.Mutex
	events []string
	seen   map[string]bool
}

func tokenHash(s oauth.Secret) string {
	sum := sha256.Sum256([]byte(s.Reveal()))
	return hex.EncodeToString(sum[:6])
}

func (e *tokenEvents) add(kind string, s oauth.Secret) {
	e.mu.Lock()
	defer e.mu.Unlock()
	key := kind + ":" + tokenHash(s)
	if kind == "use" {
		if e.seen[key] {
			return
		}
		if e.seen == nil {
			e.seen = map[string]bool{}
		}
		e.seen[key] = true
	}
	e.events = append(e.events, key)
}

func (e *tokenEvents) index(event string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, ev := range e.events {
		if ev == event {
			return i
		}
	}
	return -1
}

// recordingTransport notes each access token's first use and counts the
// requests per "METHOD path" and the If-Modified-Since exchanges.
type recordingTransport struct {
	events      *tokenEvents
	mu          sync.Mutex
	calls       map[string]int
	notModified atomic.Int64
}

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if h := req.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		r.events.add("use", oauth.Secret(strings.TrimPrefix(h, "Bearer ")))
	}
	r.mu.Lock()
	if r.calls == nil {
		r.calls = map[string]int{}
	}
	r.calls[req.Method+" "+req.URL.Path]++
	r.mu.Unlock()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusNotModified {
		r.notModified.Add(1)
	}
	return resp, err
}

// count returns how many requests had a path containing fragment.
func (r *recordingTransport) count(method, fragment string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for k, v := range r.calls {
		if strings.HasPrefix(k, method+" ") && strings.Contains(k, fragment) {
			n += v
		}
	}
	return n
}

// tokenCounter counts token endpoint requests.
type tokenCounter struct{ n atomic.Int64 }

func (c *tokenCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasSuffix(req.URL.Path, "/services/oauth2/token") {
		c.n.Add(1)
	}
	return http.DefaultTransport.RoundTrip(req)
}

// org is a simulated org with a logged-in client.
type org struct {
	sim       *sfsim.Server
	clock     *testClock
	cfg       oauth.Config
	tokens    *oauth.TokenSource
	client    *salesforce.Client
	transport *recordingTransport
	events    *tokenEvents
	tokenReqs *tokenCounter
	logs      *syncBuffer
	identity  salesforce.Identity

	savedMu sync.Mutex
	saved   []oauth.Token
	seen    []oauth.Token // every token this org's source handed out
}

type orgOption func(*sfsim.Options, *salesforce.Options)

func newOrg(t *testing.T, opts ...orgOption) *org {
	t.Helper()
	clock := newTestClock()
	simOpts := sfsim.Options{Seed: 7, Clock: clock.Now}
	clientOpts := salesforce.Options{
		Retry: salesforce.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxAttempts: 4},
		Now:   clock.Now,
	}
	for _, o := range opts {
		o(&simOpts, &clientOpts)
	}
	sim, err := sfsim.New(simOpts)
	if err != nil {
		t.Fatalf("start sfsim: %v", err)
	}
	t.Cleanup(func() { sim.Close() })

	o := &org{sim: sim, clock: clock, events: &tokenEvents{}, tokenReqs: &tokenCounter{}, logs: &syncBuffer{}}
	logger := slog.New(slog.NewJSONHandler(o.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	loginURL := sim.LoginURL()
	if simOpts.Sandbox {
		loginURL = sim.SandboxLoginURL()
	}
	o.cfg = oauth.Config{
		ClientID:     sfsim.DefaultClientID,
		Host:         oauth.LoginHost{Kind: oauth.HostCustom, URL: loginURL},
		CallbackAddr: "127.0.0.1:0",
		HTTPClient:   &http.Client{Transport: o.tokenReqs},
		Logger:       logger,
		Now:          clock.Now,
	}
	tok := o.login(t)
	o.tokens = oauth.NewTokenSource(o.cfg, tok, oauth.TokenStoreFunc(o.save))

	o.transport = &recordingTransport{events: o.events}
	clientOpts.InstanceURL = tok.InstanceURL
	clientOpts.Tokens = o.tokens
	clientOpts.Transport = o.transport
	clientOpts.Logger = logger
	o.client, err = salesforce.New(clientOpts)
	if err != nil {
		t.Fatal(err)
	}
	o.identity, err = o.client.Connect(context.Background(), "")
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { o.checkNoSecrets(t) })
	return o
}

func withSim(f func(*sfsim.Options)) orgOption {
	return func(s *sfsim.Options, _ *salesforce.Options) { f(s) }
}

func withClient(f func(*salesforce.Options)) orgOption {
	return func(_ *sfsim.Options, c *salesforce.Options) { f(c) }
}

func (o *org) save(_ context.Context, tok oauth.Token) error {
	o.events.add("save", tok.AccessToken)
	o.savedMu.Lock()
	o.saved = append(o.saved, tok)
	o.savedMu.Unlock()
	return nil
}

// login runs the whole web-server flow with a browser that logs in on the
// simulator's authorize page and then follows the redirect to the callback.
func (o *org) login(t *testing.T) oauth.Token {
	t.Helper()
	browser := oauth.OpenerFunc(func(ctx context.Context, authURL string) error {
		cb, err := o.sim.BrowserLogin(ctx, authURL, sfsim.DefaultUsername, sfsim.DefaultPassword)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, cb, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.Body.Close()
	})
	flow, err := oauth.NewFlow(o.cfg, browser)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := flow.Login(context.Background())
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	o.savedMu.Lock()
	o.seen = append(o.seen, tok)
	o.savedMu.Unlock()
	return tok
}

// checkNoSecrets fails when any token this org saw appears in its logs.
func (o *org) checkNoSecrets(t *testing.T) {
	t.Helper()
	o.savedMu.Lock()
	toks := append(append([]oauth.Token{}, o.seen...), o.saved...)
	o.savedMu.Unlock()
	if o.tokens != nil {
		toks = append(toks, o.tokens.Current())
	}
	logs := o.logs.String()
	for _, tok := range toks {
		for _, s := range []oauth.Secret{tok.AccessToken, tok.RefreshToken} {
			if s != "" && strings.Contains(logs, s.Reveal()) {
				t.Errorf("a token appears in the log output")
				return
			}
		}
	}
}

// secretsIn reports whether any token the org saw appears in s.
func (o *org) secretsIn(s string) bool {
	o.savedMu.Lock()
	defer o.savedMu.Unlock()
	toks := append(append([]oauth.Token{o.tokens.Current()}, o.seen...), o.saved...)
	for _, tok := range toks {
		for _, sec := range []oauth.Secret{tok.AccessToken, tok.RefreshToken} {
			if sec != "" && strings.Contains(s, sec.Reveal()) {
				return true
			}
		}
	}
	return false
}

func mustInsert(t *testing.T, sim *sfsim.Server, object string, fields map[string]any) string {
	t.Helper()
	id, err := sim.Insert(object, fields)
	if err != nil {
		t.Fatalf("insert %s: %v", object, err)
	}
	return id
}
