package connect_test

import (
	"errors"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/secrets"
)

// connectAll connects Salesforce and both Clarizen instances, with one
// mapping per instance.
func connectAll(e *testEnv) {
	e.t.Helper()
	e.connectSalesforce(connect.EnvProduction)
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
		UserName: czUser, Password: czPassword})
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen2, Environment: connect.EnvSandbox,
		APIKey: cz2APIKey})
	e.saveMapping("m1", "Projects one", connect.Clarizen1)
	e.saveMapping("m2", "Projects two", connect.Clarizen2)
	if _, err := e.m.Check(e.ctx); err != nil {
		e.t.Fatalf("first check: %v", err)
	}
}

func TestManager_Check(t *testing.T) {
	tests := []struct {
		name string
		// breakIt changes the world between the first and the second check.
		breakIt    func(e *testEnv)
		wantStates map[string]string
		wantMaps   map[string]string
	}{
		{
			name:       "all connected",
			breakIt:    func(*testEnv) {},
			wantStates: map[string]string{connect.Salesforce: connect.StateConnected, connect.Clarizen1: connect.StateConnected, connect.Clarizen2: connect.StateConnected},
			wantMaps:   map[string]string{"m1": "ok", "m2": "ok"},
		},
		{
			name: "salesforce tokens revoked",
			breakIt: func(e *testEnv) {
				// The admin revoked Liaison's access in Salesforce Setup.
				refresh := e.secret(connect.Salesforce, secrets.RefreshToken)
				cfg := oauth.Config{ClientID: "liaison-desktop", Host: oauth.LoginHost{Kind: oauth.HostCustom, URL: e.sf.LoginURL()}}
				if err := oauth.Revoke(e.ctx, cfg, oauth.Secret(refresh)); err != nil {
					e.t.Fatal(err)
				}
			},
			wantStates: map[string]string{connect.Salesforce: connect.StateNeedsReauth, connect.Clarizen1: connect.StateConnected, connect.Clarizen2: connect.StateConnected},
			wantMaps:   map[string]string{"m1": "needs_reauth", "m2": "needs_reauth"},
		},
		{
			name: "clarizen password changed",
			breakIt: func(e *testEnv) {
				// The keychain holds a password the server no longer
				// accepts, and the session has timed out.
				if err := e.secrets.Set(e.ctx, connect.Clarizen1, secrets.Password, "an-outdated-password"); err != nil {
					e.t.Fatal(err)
				}
				e.cz1.ExpireSessions()
			},
			wantStates: map[string]string{connect.Salesforce: connect.StateConnected, connect.Clarizen1: connect.StateNeedsReauth, connect.Clarizen2: connect.StateConnected},
			wantMaps:   map[string]string{"m1": "needs_reauth", "m2": "ok"},
		},
		{
			name: "clarizen server down",
			breakIt: func(e *testEnv) {
				if err := e.cz2.Close(); err != nil {
					e.t.Fatal(err)
				}
			},
			wantStates: map[string]string{connect.Salesforce: connect.StateConnected, connect.Clarizen1: connect.StateConnected, connect.Clarizen2: connect.StateUnreachable},
			// An unreachable server does not pause mappings; their runs
			// fail and retry on their own.
			wantMaps: map[string]string{"m1": "ok", "m2": "ok"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{})
			connectAll(e)
			tt.breakIt(e)

			health, err := e.m.Check(e.ctx)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}

			if len(health) != 3 {
				t.Fatalf("health has %d entries, want 3", len(health))
			}
			for _, st := range health {
				if st.State != tt.wantStates[st.ID] {
					t.Errorf("%s state = %q (%s), want %q", st.ID, st.State, st.StateDetail, tt.wantStates[st.ID])
				}
				if st.State != connect.StateConnected && st.StateDetail == "" {
					t.Errorf("%s is %s without a detail", st.ID, st.State)
				}
				if got := e.row(st.ID).State; got != st.State {
					t.Errorf("%s stored state = %q, health says %q", st.ID, got, st.State)
				}
			}
			for id, want := range tt.wantMaps {
				if got := e.mappingState(id); got != want {
					t.Errorf("mapping %s state = %q, want %q", id, got, want)
				}
			}
		})
	}
}

func TestManager_CheckRecovers(t *testing.T) {
	e := newEnv(t, envConfig{})
	connectAll(e)
	if err := e.secrets.Set(e.ctx, connect.Clarizen1, secrets.Password, "an-outdated-password"); err != nil {
		t.Fatal(err)
	}
	e.cz1.ExpireSessions()
	if _, err := e.m.Check(e.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.m.ClarizenClient(e.ctx, connect.Clarizen1); !errors.Is(err, connect.ErrNeedsReauth) {
		t.Errorf("ClarizenClient while needing re-authentication: err = %v, want ErrNeedsReauth", err)
	}

	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
		UserName: czUser, Password: czPassword})

	if got := e.row(connect.Clarizen1).State; got != connect.StateConnected {
		t.Errorf("state after logging in again = %q, want connected", got)
	}
	if got := e.mappingState("m1"); got != "ok" {
		t.Errorf("mapping state after logging in again = %q, want ok", got)
	}
}

func TestManager_ReportFailure(t *testing.T) {
	tests := []struct {
		name    string
		id      string
		failure error
		want    string
	}{
		{name: "salesforce refresh rejected", id: connect.Salesforce,
			failure: &oauth.TokenError{Op: "refresh access token", Status: 400, Code: "invalid_grant"}, want: connect.StateNeedsReauth},
		{name: "clarizen login failure", id: connect.Clarizen1,
			failure: &clarizen.Error{Op: "login", Code: clarizen.CodeLoginFailure}, want: connect.StateNeedsReauth},
		{name: "clarizen validation error", id: connect.Clarizen1,
			failure: &clarizen.Error{Op: "update", Code: clarizen.CodeValidationRuleError}, want: connect.StateConnected},
		{name: "connection refused", id: connect.Clarizen2,
			failure: &clarizen.Error{Op: "query", Err: errors.Join(errors.New("dial tcp"), errRefused)}, want: connect.StateUnreachable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{})
			connectAll(e)

			got, err := e.m.ReportFailure(e.ctx, tt.id, tt.failure)
			if err != nil {
				t.Fatalf("ReportFailure: %v", err)
			}
			if got != tt.want || e.row(tt.id).State != tt.want {
				t.Errorf("state = %q (stored %q), want %q", got, e.row(tt.id).State, tt.want)
			}
		})
	}
}

func TestManager_MarkSynced(t *testing.T) {
	e := newEnv(t, envConfig{})
	connectAll(e)
	if _, err := e.m.ReportFailure(e.ctx, connect.Clarizen2, &clarizen.Error{Op: "query", Err: errRefused}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)

	if err := e.m.MarkSynced(e.ctx, at, connect.Salesforce, connect.Clarizen2); err != nil {
		t.Fatalf("MarkSynced: %v", err)
	}

	health, err := e.m.Health(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{connect.Salesforce: "2026-12-04T09:30:00Z", connect.Clarizen1: "", connect.Clarizen2: "2026-12-04T09:30:00Z"}
	for _, st := range health {
		if st.LastSyncedAt != want[st.ID] {
			t.Errorf("%s last synced = %q, want %q", st.ID, st.LastSyncedAt, want[st.ID])
		}
	}
	if got := e.row(connect.Clarizen2).State; got != connect.StateConnected {
		t.Errorf("clarizen2 state after a finished run = %q, want connected again", got)
	}
}
