package connect_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

func TestManager_SalesforceRefreshRotation(t *testing.T) {
	e := newEnv(t, envConfig{sfOptions: sfsim.Options{RotateRefreshTokens: true}})
	e.connectSalesforce(connect.EnvProduction)
	client, err := e.m.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	firstRefresh := e.secret(connect.Salesforce, secrets.RefreshToken)
	firstAccess := e.secret(connect.Salesforce, secrets.AccessToken)

	e.sf.ExpireAccessTokens()
	if _, err := client.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); err != nil {
		t.Fatalf("query after the access token expired: %v", err)
	}

	rotated := e.secret(connect.Salesforce, secrets.RefreshToken)
	if rotated == "" || rotated == firstRefresh {
		t.Fatal("the keychain does not hold the rotated refresh token")
	}
	if got := e.secret(connect.Salesforce, secrets.AccessToken); got == "" || got == firstAccess {
		t.Error("the keychain does not hold the refreshed access token")
	}
	if err := refreshWith(e, e.sf.LoginURL(), firstRefresh); !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Errorf("refresh with the rotated-away token: err = %v, want invalid_grant", err)
	}

	// A restarted Liaison finds only the keychain: the stored token must be
	// the live one.
	e.sf.ExpireAccessTokens()
	restarted := e.newManager()
	c, err := restarted.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatalf("SalesforceClient after restart: %v", err)
	}
	if _, err := c.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); err != nil {
		t.Errorf("query after restart: %v", err)
	}
	if got := e.secret(connect.Salesforce, secrets.RefreshToken); got == rotated {
		t.Error("the restart's refresh did not store its rotated token")
	}
	if e.row(connect.Salesforce).State != connect.StateConnected {
		t.Errorf("state = %q, want connected", e.row(connect.Salesforce).State)
	}
}

func TestManager_SalesforceRefreshNotSaved(t *testing.T) {
	e := newEnv(t, envConfig{sfOptions: sfsim.Options{RotateRefreshTokens: true}})
	e.connectSalesforce(connect.EnvProduction)
	client, err := e.m.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := e.secret(connect.Salesforce, secrets.AccessToken)
	e.secrets.setFailure(func(_, kind string) error {
		if kind == secrets.RefreshToken {
			return fmt.Errorf("store %s: %w", kind, secrets.ErrUnavailable)
		}
		return nil
	})
	calls := e.sf.APICalls()

	e.sf.ExpireAccessTokens()
	_, err = client.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions)

	if !errors.Is(err, secrets.ErrUnavailable) {
		t.Errorf("query err = %v, want the failed save", err)
	}
	// The expired token's 401 is the only call; the refreshed access token
	// was not used while its refresh token could not be saved.
	if got := e.sf.APICalls() - calls; got > 1 {
		t.Errorf("the simulator served %d more API calls, want at most the rejected one", got)
	}
	if got := e.secret(connect.Salesforce, secrets.AccessToken); got != stored {
		t.Error("the access token changed in the keychain although its refresh token was not saved")
	}

	e.secrets.setFailure(nil)
	if _, err := client.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); err != nil {
		t.Errorf("query once the keychain works again: %v", err)
	}
}

func TestManager_SalesforceAPIUsage(t *testing.T) {
	e := newEnv(t, envConfig{sfOptions: sfsim.Options{DailyAPILimit: 5000}})
	e.connectSalesforce(connect.EnvProduction)
	client, err := e.m.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.sf.SetAPIUsage(4200)

	if _, err := client.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); err != nil {
		t.Fatal(err)
	}

	row := e.row(connect.Salesforce)
	if row.APIMax != 5000 {
		t.Errorf("stored api max = %d, want 5000", row.APIMax)
	}
	if row.APIUsed < 4200 || row.APIUsed != e.sf.APICalls() {
		t.Errorf("stored api used = %d, want the simulator's count %d", row.APIUsed, e.sf.APICalls())
	}
	health, err := e.m.Health(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := health[0]; got.ID != connect.Salesforce || got.APIRemaining != got.APIMax-got.APIUsed || got.APIRemaining > 800 {
		t.Errorf("health = %+v, want the remaining budget under 800", got)
	}
}

func TestManager_DisconnectSalesforce(t *testing.T) {
	e := newEnv(t, envConfig{})
	e.connectSalesforce(connect.EnvProduction)
	e.saveMapping("m1", "Opportunities", connect.Clarizen1)
	client, err := e.m.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	refresh := e.secret(connect.Salesforce, secrets.RefreshToken)

	if err := e.m.Disconnect(e.ctx, connect.Salesforce); err != nil {
		t.Fatalf("Disconnect: %v", err)
	}

	for _, kind := range []string{secrets.AccessToken, secrets.RefreshToken} {
		if e.secret(connect.Salesforce, kind) != "" {
			t.Errorf("the keychain still holds the %s", kind)
		}
	}
	row := e.row(connect.Salesforce)
	if row.State != connect.StateDisconnected || row.OrgID == "" {
		t.Errorf("connection after disconnect = %+v, want disconnected with the org id kept", row)
	}
	if got := e.mappingState("m1"); got != "needs_reauth" {
		t.Errorf("mapping state = %q, want needs_reauth (paused)", got)
	}
	if err := refreshWith(e, e.sf.LoginURL(), refresh); !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Errorf("refresh with the revoked token: err = %v, want invalid_grant", err)
	}
	if _, err := client.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); !errors.Is(err, connect.ErrNotConnected) {
		t.Errorf("query through the earlier client: err = %v, want ErrNotConnected", err)
	}
	if _, err := e.m.SalesforceClient(e.ctx); !errors.Is(err, connect.ErrNotConnected) {
		t.Errorf("SalesforceClient after disconnect: err = %v, want ErrNotConnected", err)
	}
	if states := e.connectionEvents(connect.Salesforce); states[len(states)-1] != connect.StateDisconnected {
		t.Errorf("connection events = %v, want the last one disconnected", states)
	}
}
