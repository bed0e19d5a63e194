package synctest

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
)

// Env is one test's world: a simulated Salesforce org, one or two
// simulated Clarizen instances, real clients connected to them over
// loopback HTTP, and a store in a temporary folder. The simulators, the
// Salesforce client and runners made by Runner share Clock.
type Env struct {
	Clock    *Clock
	SF       *sfsim.Server
	SFClient *salesforce.Client
	// SFTokens is the Salesforce client's token source.
	SFTokens *oauth.TokenSource
	// CZ and CZClients are keyed by connection id ("clarizen1",
	// "clarizen2").
	CZ        map[string]*czsim.Server
	CZClients map[string]*clarizen.Client
	DB        *store.DB
}

// EnvOptions shape an Env.
type EnvOptions struct {
	// ClarizenInstances is 1 (the default) or 2.
	ClarizenInstances int
	// DailyAPILimit is the Salesforce org's daily request budget (0 means
	// the simulator's default).
	DailyAPILimit int
	// SFDemo and CZDemo seed the simulators' demo data.
	SFDemo, CZDemo bool
	Seed           int64
}

// Clarizen user of every simulated instance.
const (
	czUser     = "sync.admin@liaison-test.example"
	czPassword = "sync-test-password"
)

// NewEnv starts the simulators, logs the clients in and opens a store. It
// stops everything when the test ends.
func NewEnv(tb testing.TB, opts EnvOptions) *Env {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if opts.ClarizenInstances == 0 {
		opts.ClarizenInstances = 1
	}
	env := &Env{Clock: &Clock{}, CZ: map[string]*czsim.Server{}, CZClients: map[string]*clarizen.Client{}}

	sf, err := sfsim.New(sfsim.Options{Seed: opts.Seed, Demo: opts.SFDemo, DailyAPILimit: opts.DailyAPILimit, Clock: env.Clock.Now})
	if err != nil {
		tb.Fatalf("start salesforce simulator: %v", err)
	}
	tb.Cleanup(func() { sf.Close() })
	env.SF = sf
	env.SFClient, env.SFTokens = MustSalesforceClient(tb, ctx, sf, env.Clock.Now)

	for i := 1; i <= opts.ClarizenInstances; i++ {
		id := fmt.Sprintf("clarizen%d", i)
		cz, err := czsim.New(czsim.Options{OrgID: int64(1000 + i), Seed: opts.Seed + int64(i), Demo: opts.CZDemo, Clock: env.Clock.Now,
			Users: []czsim.User{{UserName: czUser, Password: czPassword, Email: czUser,
				FirstName: "Sync", LastName: "Admin", License: "Full"}}})
		if err != nil {
			tb.Fatalf("start clarizen simulator %s: %v", id, err)
		}
		tb.Cleanup(func() { cz.Close() })
		env.CZ[id] = cz
		env.CZClients[id] = MustClarizenClient(tb, ctx, cz)
	}

	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), store.FileName))
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	env.DB = db
	return env
}

// MustSalesforceClient returns a client connected to sf with tokens the
// simulator issues directly; the OAuth flow itself is tested in
// engine/oauth and engine/connect.
func MustSalesforceClient(tb testing.TB, ctx context.Context, sf *sfsim.Server, now func() time.Time) (*salesforce.Client, *oauth.TokenSource) {
	tb.Helper()
	cfg := oauth.Config{
		ClientID:     sfsim.DefaultClientID,
		Host:         oauth.LoginHost{Kind: oauth.HostCustom, URL: sf.LoginURL()},
		CallbackAddr: "127.0.0.1:0",
	}
	issued := sf.IssueTokens()
	orgID, userID, err := oauth.ParseIdentityURL(issued.ID)
	if err != nil {
		tb.Fatalf("parse identity URL: %v", err)
	}
	tok := oauth.Token{AccessToken: oauth.Secret(issued.AccessToken), RefreshToken: oauth.Secret(issued.RefreshToken),
		InstanceURL: issued.InstanceURL, IdentityURL: issued.ID, OrgID: orgID, UserID: userID}
	tokens := oauth.NewTokenSource(cfg, tok, nil)
	client, err := salesforce.New(salesforce.Options{
		InstanceURL: tok.InstanceURL,
		Tokens:      tokens,
		Retry:       salesforce.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
		Now:         now,
	})
	if err != nil {
		tb.Fatalf("new salesforce client: %v", err)
	}
	if _, err := client.Connect(ctx, ""); err != nil {
		tb.Fatalf("connect salesforce client: %v", err)
	}
	return client, tokens
}

// MustClarizenClient logs in to cz with the test user and returns a
// connected client.
func MustClarizenClient(tb testing.TB, ctx context.Context, cz *czsim.Server) *clarizen.Client {
	tb.Helper()
	client, err := clarizen.New(clarizen.Options{
		DiscoveryURL:      cz.DiscoveryURL(),
		Credentials:       clarizen.StaticCredentials{UserName: czUser, Password: clarizen.Secret(czPassword)},
		RequestsPerSecond: -1,
		Retry:             clarizen.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
	})
	if err != nil {
		tb.Fatalf("new clarizen client: %v", err)
	}
	if err := client.Connect(ctx); err != nil {
		tb.Fatalf("connect clarizen client: %v", err)
	}
	return client
}

// Clock is real time shifted by an offset that tests move forward, so that
// stamps of later changes are later by as much as a test needs without
// sleeping.
type Clock struct {
	offset atomic.Int64
}

// Now returns the shifted time.
func (c *Clock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }
