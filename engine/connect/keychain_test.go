package connect_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/secrets"
)

// TestManager_RealKeychain runs the logins against the OS keychain. Where
// no Secret Service runs it skips, unless LIAISON_REQUIRE_KEYCHAIN is set
// (CI sets it and starts GNOME Keyring), in which case it fails.
func TestManager_RealKeychain(t *testing.T) {
	k := secrets.Keychain{Service: "Liaison test " + t.Name()}
	if err := k.Probe(context.Background()); err != nil {
		if os.Getenv("LIAISON_REQUIRE_KEYCHAIN") != "" {
			t.Fatalf("keychain probe: %v", err)
		}
		t.Skipf("no keychain here (%v); set LIAISON_REQUIRE_KEYCHAIN=1 to make this a failure", err)
	}
	e := newEnv(t, envConfig{})
	t.Cleanup(func() {
		for _, id := range []string{connect.Salesforce, connect.Clarizen1} {
			_ = secrets.DeleteConnection(context.Background(), k, id)
		}
	})
	e.opts.Secrets = k
	e.m = e.newManager()

	e.connectSalesforce(connect.EnvProduction)
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
		UserName: czUser, Password: czPassword})

	for _, s := range []struct{ id, kind string }{
		{connect.Salesforce, secrets.AccessToken},
		{connect.Salesforce, secrets.RefreshToken},
		{connect.Clarizen1, secrets.Password},
		{connect.Clarizen1, secrets.SessionID},
	} {
		if v, err := k.Get(e.ctx, s.id, s.kind); err != nil || v == "" {
			t.Errorf("keychain %s of %s: %v", s.kind, s.id, err)
		}
	}
	if got, _ := k.Get(e.ctx, connect.Clarizen1, secrets.Password); got != czPassword {
		t.Error("the keychain does not hold the clarizen password as typed")
	}

	// A restarted Liaison builds working clients from the keychain alone.
	e.sf.ExpireAccessTokens()
	e.cz1.ExpireSessions()
	restarted := e.newManager()
	sf, err := restarted.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatalf("SalesforceClient from the keychain: %v", err)
	}
	if _, err := sf.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); err != nil {
		t.Errorf("salesforce query from the keychain: %v", err)
	}
	cz, err := restarted.ClarizenClient(e.ctx, connect.Clarizen1)
	if err != nil {
		t.Fatalf("ClarizenClient from the keychain: %v", err)
	}
	if _, err := cz.SessionInfo(e.ctx); err != nil {
		t.Errorf("clarizen call from the keychain: %v", err)
	}

	for _, id := range []string{connect.Salesforce, connect.Clarizen1} {
		if err := restarted.Disconnect(e.ctx, id); err != nil {
			t.Fatalf("Disconnect %s: %v", id, err)
		}
	}
	for _, s := range []struct{ id, kind string }{
		{connect.Salesforce, secrets.AccessToken},
		{connect.Salesforce, secrets.RefreshToken},
		{connect.Clarizen1, secrets.Password},
		{connect.Clarizen1, secrets.SessionID},
	} {
		if _, err := k.Get(e.ctx, s.id, s.kind); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("keychain %s of %s after disconnect: err = %v, want ErrNotFound", s.kind, s.id, err)
		}
	}
}
