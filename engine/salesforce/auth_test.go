package salesforce_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

func queryAccounts(ctx context.Context, o *org) error {
	_, err := o.client.QueryRecords(ctx, "SELECT Id FROM Account LIMIT 5", salesforce.QueryOptions{})
	return err
}

func TestClient_refreshOnExpiry(t *testing.T) {
	tests := []struct {
		name   string
		expire func(*org)
	}{
		{"tokens voided", func(o *org) { o.sim.ExpireAccessTokens() }},
		{"lifetime passed", func(o *org) { o.clock.Advance(3 * time.Hour) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrg(t, withSim(func(s *sfsim.Options) { s.AccessTokenLifetime = 2 * time.Hour }))
			ctx := context.Background()
			old := o.tokens.Current()
			tt.expire(o)
			if err := queryAccounts(ctx, o); err != nil {
				t.Fatalf("query after expiry: %v", err)
			}
			if got := o.tokens.Refreshes(); got != 1 {
				t.Errorf("refreshes = %d, want 1", got)
			}
			if o.tokens.Current().AccessToken == old.AccessToken {
				t.Error("the access token did not change")
			}
			if err := queryAccounts(ctx, o); err != nil {
				t.Fatalf("query with the new token: %v", err)
			}
			if got := o.tokens.Refreshes(); got != 1 {
				t.Errorf("refreshes after a second query = %d, want 1", got)
			}
		})
	}
}

func TestClient_rotationSavedBeforeUse(t *testing.T) {
	o := newOrg(t, withSim(func(s *sfsim.Options) { s.RotateRefreshTokens = true }))
	ctx := context.Background()
	old := o.tokens.Current()
	o.sim.ExpireAccessTokens()
	if err := queryAccounts(ctx, o); err != nil {
		t.Fatal(err)
	}
	fresh := o.tokens.Current()
	if fresh.RefreshToken == old.RefreshToken {
		t.Fatal("the simulator did not rotate the refresh token")
	}
	saved := o.events.index("save:" + tokenHash(fresh.AccessToken))
	used := o.events.index("use:" + tokenHash(fresh.AccessToken))
	if saved < 0 || used < 0 {
		t.Fatalf("events %v lack the save or the use of the new token", o.events.events)
	}
	if saved > used {
		t.Errorf("the new token was used (event %d) before it was saved (event %d)", used, saved)
	}
	o.savedMu.Lock()
	last := o.saved[len(o.saved)-1]
	o.savedMu.Unlock()
	if last.RefreshToken != fresh.RefreshToken {
		t.Error("the saved token does not hold the rotated refresh token")
	}
}

func TestClient_singleFlightRefresh(t *testing.T) {
	o := newOrg(t, withSim(func(s *sfsim.Options) { s.RotateRefreshTokens = true }))
	ctx := context.Background()
	o.sim.ExpireAccessTokens()
	before := o.tokenReqs.n.Load()

	const callers = 12
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- queryAccounts(ctx, o)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent query: %v", err)
		}
	}
	if got := o.tokenReqs.n.Load() - before; got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}
}

func TestClient_invalidGrant(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	// The admin revokes Liaison's access in Salesforce; the access token
	// dies with the refresh token.
	if err := oauth.Revoke(ctx, o.cfg, o.tokens.Current().RefreshToken); err != nil {
		t.Fatal(err)
	}
	err := queryAccounts(ctx, o)
	if !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Fatalf("err = %v, want ErrNeedsReauth", err)
	}
	if !salesforce.IsAuth(err) {
		t.Errorf("class = %v, want auth", salesforce.ClassOf(err))
	}
	if o.client.Retries() != 0 {
		t.Errorf("retries = %d, want 0", o.client.Retries())
	}
	if o.secretsIn(err.Error()) {
		t.Error("the error text contains a token")
	}
}

func TestClient_revoke(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	if err := o.tokens.Revoke(ctx); err != nil {
		t.Fatal(err)
	}
	err := queryAccounts(ctx, o)
	if !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Fatalf("query after revoke: err = %v, want ErrNeedsReauth", err)
	}
	// Another process holding the old token is refused by the server too.
	other := oauth.NewTokenSource(o.cfg, o.tokens.Current(), nil)
	if _, err := other.Refresh(ctx, o.tokens.Current()); !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Errorf("refresh with the revoked token: err = %v, want ErrNeedsReauth", err)
	}
}

func TestClient_noSecretsInLogsOrErrors(t *testing.T) {
	o := newOrg(t, withSim(func(s *sfsim.Options) { s.RotateRefreshTokens = true }))
	ctx := context.Background()
	var errs []error

	o.sim.ExpireAccessTokens()
	errs = append(errs, queryAccounts(ctx, o))
	o.sim.Faults().Unavailable(1)
	errs = append(errs, queryAccounts(ctx, o))
	_, err := o.client.Create(ctx, "Account", salesforce.Fields{"Phone": "1"})
	errs = append(errs, err)
	_, err = o.client.Get(ctx, "Account", "001000000000000AAA")
	errs = append(errs, err)
	errs = append(errs, oauth.Revoke(ctx, o.cfg, o.tokens.Current().RefreshToken))
	o.sim.ExpireAccessTokens()
	errs = append(errs, queryAccounts(ctx, o))

	failures := 0
	for _, err := range errs {
		if err == nil {
			continue
		}
		failures++
		for _, text := range []string{err.Error(), fmtAll(err)} {
			if o.secretsIn(text) {
				t.Errorf("error text contains a token: %T", err)
			}
		}
	}
	if failures < 3 {
		t.Errorf("only %d calls failed; the test must exercise error paths", failures)
	}
	if o.logs.String() == "" {
		t.Error("nothing was logged; the test must exercise log paths")
	}
	if o.secretsIn(o.logs.String()) {
		t.Error("a token appears in the log output")
	}
}

func fmtAll(err error) string {
	var out string
	for e := err; e != nil; e = errors.Unwrap(e) {
		out += e.Error() + "\n"
	}
	return out
}
