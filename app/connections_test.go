package app

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
)

func TestConnectionsService_Dependents(t *testing.T) {
	ws := startDemo(t, false, nil)
	s, _ := newServices(t, ws)
	ctx := context.Background()

	mappings, err := ws.Engine.DB.Mappings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events, err := ws.Engine.DB.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}

	for _, id := range []string{connect.Salesforce, connect.Clarizen1, connect.Clarizen2} {
		t.Run(id, func(t *testing.T) {
			got, err := s.Connections.Dependents(id)
			if err != nil {
				t.Fatalf("Dependents(%s): %v", id, err)
			}
			want := map[string]Dependent{}
			for _, d := range mappings {
				if id == connect.Salesforce || d.ClarizenConnection == id {
					want[d.ID] = Dependent{Kind: "mapping", ID: d.ID, Name: d.Name, Enabled: d.Enabled}
				}
			}
			for _, d := range events {
				if id == connect.Salesforce || d.ClarizenConnection == id {
					want[d.ID] = Dependent{Kind: "event", ID: d.ID, Name: d.Name, Enabled: d.Enabled}
				}
			}
			if len(got) != len(want) {
				t.Errorf("Dependents(%s) lists %d, want %d: %+v", id, len(got), len(want), got)
			}
			for _, d := range got {
				if w, ok := want[d.ID]; !ok || w != d {
					t.Errorf("Dependents(%s) lists %+v, want %+v", id, d, w)
				}
			}
		})
	}

	t.Run("salesforce lists an enabled event", func(t *testing.T) {
		got, err := s.Connections.Dependents(connect.Salesforce)
		if err != nil {
			t.Fatal(err)
		}
		enabledEvents := 0
		for _, d := range got {
			if d.Kind == "event" && d.Enabled {
				enabledEvents++
			}
		}
		if enabledEvents == 0 {
			t.Errorf("Dependents(salesforce) = %+v, want the demo's enabled events", got)
		}
	})

	t.Run("unknown id", func(t *testing.T) {
		_, err := s.Connections.Dependents("clarizen9")
		if !errors.Is(err, connect.ErrUnknownConnection) {
			t.Errorf("err = %v, want ErrUnknownConnection", err)
		}
	})
}

func TestConnectionsService_DisconnectKeepsChoices(t *testing.T) {
	keychain := secretstest.NewMemory()
	ws, err := demo.Start(context.Background(), demo.Options{
		DataDir: filepath.Join(t.TempDir(), "data"),
		Secrets: keychain,
	})
	if err != nil {
		t.Fatalf("start demo workspace: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	s, _ := newServices(t, ws)
	ctx := context.Background()

	before, err := s.Connections.View()
	if err != nil {
		t.Fatalf("View: %v", err)
	}

	for i, id := range []string{connect.Salesforce, connect.Clarizen1, connect.Clarizen2} {
		t.Run(id, func(t *testing.T) {
			was := before.Connections[i]
			if was.State != connect.StateConnected {
				t.Fatalf("%s state before Disconnect = %q, want connected", id, was.State)
			}
			if err := s.Connections.Disconnect(id); err != nil {
				t.Fatalf("Disconnect(%s): %v", id, err)
			}
			view, err := s.Connections.View()
			if err != nil {
				t.Fatalf("View: %v", err)
			}
			got := view.Connections[i]
			if got.State != connect.StateDisconnected {
				t.Errorf("state = %q, want disconnected", got.State)
			}
			if got.Environment == "" || got.Environment != was.Environment {
				t.Errorf("environment = %q, want %q as before", got.Environment, was.Environment)
			}
			if got.AuthMethod == "" || got.AuthMethod != was.AuthMethod {
				t.Errorf("authMethod = %q, want %q as before", got.AuthMethod, was.AuthMethod)
			}
			if got.Username == "" || got.Username != was.Username {
				t.Errorf("username = %q, want %q as before", got.Username, was.Username)
			}
			if got.LoginURL != was.LoginURL {
				t.Errorf("loginUrl = %q, want %q as before", got.LoginURL, was.LoginURL)
			}
			for _, kind := range []string{secrets.AccessToken, secrets.RefreshToken, secrets.Password, secrets.APIKey, secrets.SessionID} {
				v, err := keychain.Get(ctx, id, kind)
				if !errors.Is(err, secrets.ErrNotFound) {
					t.Errorf("keychain %s of %s = %q, %v after Disconnect, want not found", kind, id, v, err)
				}
			}
		})
	}

	t.Run("clarizen2 keeps sandbox and api key", func(t *testing.T) {
		view, err := s.Connections.View()
		if err != nil {
			t.Fatal(err)
		}
		got := view.Connections[2]
		if got.Environment != connect.EnvSandbox || got.AuthMethod != connect.AuthAPIKey {
			t.Errorf("clarizen2 = %s / %s, want sandbox / apikey as the demo connected it", got.Environment, got.AuthMethod)
		}
	})
}
