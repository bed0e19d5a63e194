package demo

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
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

// Without a D-Bus session bus the keychain cannot answer: auto falls back
// to memory with one notice, on fails with the way out, and off never
// asks.
func TestChooseSecrets_Modes(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	cases := []struct {
		name       string
		mode       string
		wantMemory bool
		wantOut    string
		wantErr    string
	}{
		{"auto", KeychainAuto, true, MemoryNotice + "\n", ""},
		{"default is auto", "", true, MemoryNotice + "\n", ""},
		{"off", KeychainOff, true, "", ""},
		{"on", KeychainOn, false, "Waiting up to", "--keychain auto"},
		{"invalid", "maybe", false, "", `invalid keychain choice "maybe"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			store, inKeychain, err := chooseSecrets(context.Background(), t.TempDir(), c.mode, &out, slog.New(slog.DiscardHandler))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("error = %v, want it to contain %q", err, c.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if _, isMemory := store.(*memorySecrets); isMemory != c.wantMemory {
				t.Errorf("store %T, want memory %v", store, c.wantMemory)
			}
			if inKeychain {
				t.Error("in keychain without a session bus")
			}
			if (c.wantOut == "" && out.Len() > 0) || !strings.HasPrefix(out.String(), c.wantOut) {
				t.Errorf("output = %q, want %q", out.String(), c.wantOut)
			}
		})
	}
}
