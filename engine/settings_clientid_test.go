package engine

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

// loginBrowser logs in on the simulator's authorize page and delivers the
// callback, and records the consumer key of each authorize URL.
type loginBrowser struct {
	sim *sfsim.Server

	mu        sync.Mutex
	clientIDs []string
}

func (b *loginBrowser) OpenURL(ctx context.Context, authorizeURL string) error {
	u, err := url.Parse(authorizeURL)
	if err != nil {
		return err
	}
	b.mu.Lock()
	b.clientIDs = append(b.clientIDs, u.Query().Get("client_id"))
	b.mu.Unlock()

	callback, err := b.sim.BrowserLogin(ctx, authorizeURL, sfsim.DefaultUsername, sfsim.DefaultPassword)
	if err != nil {
		return err
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

func (b *loginBrowser) lastClientID() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.clientIDs) == 0 {
		return ""
	}
	return b.clientIDs[len(b.clientIDs)-1]
}

func TestEngine_SavedClientIDUsedByNextLogin(t *testing.T) {
	const ownKey = "3MVG9acme.connected.app.key"
	ctx := context.Background()
	sim, err := sfsim.New(sfsim.Options{ClientID: ownKey})
	if err != nil {
		t.Fatalf("start salesforce simulator: %v", err)
	}
	t.Cleanup(func() { sim.Close() })
	browser := &loginBrowser{sim: sim}
	dataDir := t.TempDir()
	keychain := secretstest.NewMemory()
	open := func() *Engine {
		t.Helper()
		e, err := Open(ctx, Config{DataDir: dataDir, Secrets: keychain, Browser: browser, CallbackAddr: "127.0.0.1:0",
			SalesforceLogin: connect.EnvironmentURLs{Production: sim.LoginURL(), Sandbox: sim.SandboxLoginURL()}})
		if err != nil {
			t.Fatalf("open engine: %v", err)
		}
		return e
	}
	login := func(e *Engine) error {
		_, err := e.Connections.ConnectSalesforce(ctx, connect.SalesforceLogin{Environment: connect.EnvProduction})
		return err
	}

	e := open()
	t.Run("default key rejected", func(t *testing.T) {
		s := e.Settings(ctx)
		if s.ClientID != DefaultClientID || s.ClientIDFixed {
			t.Errorf("ClientID = %q fixed %v, want the default %q, not fixed", s.ClientID, s.ClientIDFixed, DefaultClientID)
		}
		if err := login(e); err == nil {
			t.Fatal("login with the default key succeeded, want the org to reject it")
		}
		if got := browser.lastClientID(); got != DefaultClientID {
			t.Errorf("authorize URL client_id = %q, want %q", got, DefaultClientID)
		}
	})

	t.Run("saved key used", func(t *testing.T) {
		s := e.Settings(ctx)
		s.ClientID = "  " + ownKey + "\n"
		if err := e.SaveSettings(ctx, s); err != nil {
			t.Fatalf("SaveSettings: %v", err)
		}
		if got := e.Settings(ctx).ClientID; got != ownKey {
			t.Errorf("ClientID after save = %q, want %q", got, ownKey)
		}
		if err := login(e); err != nil {
			t.Fatalf("login after saving the key: %v", err)
		}
		if got := browser.lastClientID(); got != ownKey {
			t.Errorf("authorize URL client_id = %q, want %q", got, ownKey)
		}
	})

	t.Run("empty key keeps stored", func(t *testing.T) {
		s := e.Settings(ctx)
		s.ClientID = ""
		if err := e.SaveSettings(ctx, s); err != nil {
			t.Fatalf("SaveSettings: %v", err)
		}
		if got := e.Settings(ctx).ClientID; got != ownKey {
			t.Errorf("ClientID = %q, want %q kept", got, ownKey)
		}
	})
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	t.Run("stored key used after restart", func(t *testing.T) {
		e := open()
		defer e.Close()
		if got := e.Connections.ClientID(); got != ownKey {
			t.Errorf("connections key after restart = %q, want %q", got, ownKey)
		}
		if _, err := e.Connections.Check(ctx); err != nil {
			t.Fatalf("Check: %v", err)
		}
		health, err := e.Connections.Health(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if health[0].State != connect.StateConnected {
			t.Errorf("salesforce after restart = %s (%s), want connected", health[0].State, health[0].StateDetail)
		}
	})
}

func TestEngine_HostClientIDWins(t *testing.T) {
	ctx := context.Background()
	e, err := Open(ctx, Config{DataDir: t.TempDir(), Secrets: secretstest.NewMemory(), ClientID: "demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s := e.Settings(ctx)
	s.ClientID = "admin-key"
	if err := e.SaveSettings(ctx, s); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	if got := e.Connections.ClientID(); got != "demo-key" {
		t.Errorf("connections key = %q, want the host's demo-key", got)
	}
	got := e.Settings(ctx)
	if got.ClientID != "demo-key" {
		t.Errorf("Settings().ClientID = %q, want the host's demo-key in effect", got.ClientID)
	}
	if !got.ClientIDFixed {
		t.Error("Settings().ClientIDFixed = false, want true when the host fixed the key")
	}
	if stored, ok, _ := e.DB.Setting(ctx, SettingClientID); ok {
		t.Errorf("stored consumer key = %q, want none while the host fixes it", stored)
	}
}
