package clarizen_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

// Test logins. The secrets are long enough to be found in any output that
// leaks them.
const (
	testUser     = "ada@example.org"
	testPassword = "correct-horse-battery-staple"
	testAPIKey   = "ak-0123456789abcdef0123456789"
)

func testUsers() []czsim.User {
	return []czsim.User{{
		UserName: testUser, Password: testPassword, APIKey: testAPIKey,
		Email: testUser, FirstName: "Ada", LastName: "Lovelace", License: "Full",
	}}
}

// callCounter is an http.RoundTripper that counts requests by their path
// below the services prefix ("authentication/login", "data/query"); every
// data/objects path counts as "data/objects".
type callCounter struct {
	next  http.RoundTripper
	mu    sync.Mutex
	calls map[string]int
}

func (c *callCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	key := strings.ToLower(req.URL.Path)
	if i := strings.Index(key, "/services/"); i >= 0 {
		key = key[i+len("/services/"):]
	}
	if strings.HasPrefix(key, "data/objects") {
		key = "data/objects"
	}
	c.mu.Lock()
	c.calls[key]++
	c.mu.Unlock()
	return c.next.RoundTrip(req)
}

func (c *callCounter) count(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[key]
}

func (c *callCounter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

// syncBuffer collects log output from several goroutines.
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

// env is a simulator with a client connected to it.
type env struct {
	sim    *czsim.Server
	client *clarizen.Client
	calls  *callCounter
	logs   *syncBuffer

	mu       sync.Mutex
	sessions []clarizen.Session
	retries  []clarizen.RetryEvent
}

func (e *env) newSessions() []clarizen.Session {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]clarizen.Session(nil), e.sessions...)
}

func (e *env) retryEvents() []clarizen.RetryEvent {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]clarizen.RetryEvent(nil), e.retries...)
}

// startSim starts a simulator with the test users; it is closed when the
// test ends.
func startSim(t *testing.T, opts czsim.Options) *czsim.Server {
	t.Helper()
	if opts.Users == nil {
		opts.Users = testUsers()
	}
	if opts.Seed == 0 {
		opts.Seed = 7
	}
	sim, err := czsim.New(opts)
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(func() {
		if err := sim.Close(); err != nil {
			t.Errorf("close simulator: %v", err)
		}
	})
	return sim
}

// newEnv starts a simulator and a password-login client with fast retries
// and no client-side rate limit; tweak adjusts the client options.
func newEnv(t *testing.T, simOpts czsim.Options, tweak func(*clarizen.Options)) *env {
	t.Helper()
	e := &env{sim: startSim(t, simOpts), logs: &syncBuffer{}}
	e.client = e.newClient(t, tweak)
	return e
}

// newClient returns another client of the same simulator, counting its
// requests in e.calls.
func (e *env) newClient(t *testing.T, tweak func(*clarizen.Options)) *clarizen.Client {
	t.Helper()
	e.calls = &callCounter{next: http.DefaultTransport.(*http.Transport).Clone(), calls: map[string]int{}}
	opts := clarizen.Options{
		DiscoveryURL: e.sim.DiscoveryURL(),
		Credentials:  clarizen.StaticCredentials{UserName: testUser, Password: testPassword},
		HTTPClient:   &http.Client{Transport: e.calls},
		Logger:       slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Retry:        clarizen.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond},
		OnNewSession: func(s clarizen.Session) {
			e.mu.Lock()
			e.sessions = append(e.sessions, s)
			e.mu.Unlock()
		},
		OnRetry: func(ev clarizen.RetryEvent) {
			e.mu.Lock()
			e.retries = append(e.retries, ev)
			e.mu.Unlock()
		},
		RequestsPerSecond: -1,
	}
	if tweak != nil {
		tweak(&opts)
	}
	client, err := clarizen.New(opts)
	if err != nil {
		t.Fatalf("new client: %v", err)
	}
	return client
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// mustCreate creates an entity through the client and fails the test on
// error.
func mustCreate(t *testing.T, c *clarizen.Client, typeName, externalID string, values clarizen.Values) clarizen.EntityID {
	t.Helper()
	res, err := c.Create(testContext(t), typeName, externalID, values)
	if err != nil {
		t.Fatalf("create %s %s: %v", typeName, externalID, err)
	}
	return res.ID
}
