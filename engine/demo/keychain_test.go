package demo

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"testing"

	"github.com/liaison-sync/liaison/engine/secrets"
)

// With an OS keychain the demo keeps its secrets there under a service of
// its own and deletes them on Close. Without one the test skips, unless
// LIAISON_REQUIRE_KEYCHAIN is set.
func TestWorkspace_KeychainCleanup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ws, err := Start(ctx, Options{DataDir: dir, Walkthrough: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if !ws.InKeychain {
		if os.Getenv("LIAISON_REQUIRE_KEYCHAIN") != "" {
			t.Fatal("no OS keychain answered, and LIAISON_REQUIRE_KEYCHAIN is set")
		}
		t.Skip("no OS keychain here; set LIAISON_REQUIRE_KEYCHAIN=1 to make this a failure")
	}
	if err := ws.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	k := secrets.Keychain{Service: keychainService(dir)}
	token, err := k.Get(ctx, "salesforce", secrets.RefreshToken)
	if err != nil || token == "" {
		t.Fatalf("salesforce refresh token in the keychain: %v", err)
	}
	if own, err := (secrets.Keychain{}).Get(ctx, "salesforce", secrets.RefreshToken); err == nil && own == token {
		t.Error("the demo wrote its token into Liaison's own keychain service")
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"salesforce", "clarizen1", "clarizen2"} {
		for _, kind := range []string{secrets.AccessToken, secrets.RefreshToken, secrets.Password, secrets.APIKey, secrets.SessionID} {
			if _, err := k.Get(ctx, id, kind); !errors.Is(err, secrets.ErrNotFound) {
				t.Errorf("%s %s after Close: %v, want not found", id, kind, err)
			}
		}
	}
}
