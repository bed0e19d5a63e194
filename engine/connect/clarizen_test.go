package connect_test

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/store"
)

func TestManager_ConnectClarizen(t *testing.T) {
	tests := []struct {
		name        string
		login       connect.ClarizenLogin
		wantMethod  string
		wantSandbox bool
		// wantSecrets lists the kinds the keychain must hold; every other
		// kind must be absent.
		wantSecrets []string
		// second picks the sandbox simulator (the second instance).
		second bool
		// wantUser is the user name shown on the Connections screen, read
		// from the instance when the login is an API key.
		wantUser string
	}{
		{
			name: "password on production",
			login: connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
				UserName: czUser, Password: czPassword},
			wantMethod:  connect.AuthPassword,
			wantSecrets: []string{secrets.Password, secrets.SessionID},
			wantUser:    czUser,
		},
		{
			name: "api key on production",
			login: connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
				APIKey: czAPIKey},
			wantMethod:  connect.AuthAPIKey,
			wantSecrets: []string{secrets.APIKey},
			wantUser:    czUser,
		},
		{
			name: "api key on sandbox as the second instance",
			login: connect.ClarizenLogin{ConnectionID: connect.Clarizen2, Environment: connect.EnvSandbox,
				APIKey: cz2APIKey},
			wantMethod:  connect.AuthAPIKey,
			wantSandbox: true,
			wantSecrets: []string{secrets.APIKey},
			second:      true,
			wantUser:    cz2User,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{})
			sim := e.cz1
			if tt.second {
				sim = e.cz2
			}
			id := tt.login.ConnectionID

			ident, err := e.m.ConnectClarizen(e.ctx, tt.login)
			if err != nil {
				t.Fatalf("ConnectClarizen: %v", err)
			}

			if ident.ServerLocation != sim.ServerLocation() || ident.AppLocation != sim.AppURL() {
				t.Errorf("data centre = %q / %q, want %q / %q", ident.ServerLocation, ident.AppLocation, sim.ServerLocation(), sim.AppURL())
			}
			if ident.DataCenter != strings.TrimPrefix(sim.URL(), "http://") {
				t.Errorf("data centre host = %q, want the simulator's host %q", ident.DataCenter, sim.URL())
			}
			if ident.OrganizationID != strconv.FormatInt(sim.OrgID(), 10) {
				t.Errorf("organization id = %q, want %d", ident.OrganizationID, sim.OrgID())
			}
			if ident.AuthMethod != tt.wantMethod || ident.UserID == "" {
				t.Errorf("identity = %+v, want method %s and a user id", ident, tt.wantMethod)
			}

			if ident.UserName != tt.wantUser {
				t.Errorf("identity user name = %q, want %q", ident.UserName, tt.wantUser)
			}
			row := e.row(id)
			if row.Username != tt.wantUser {
				t.Errorf("stored user name = %q, want %q", row.Username, tt.wantUser)
			}
			if row.State != connect.StateConnected || row.AuthMethod != tt.wantMethod || row.IsSandbox != tt.wantSandbox ||
				row.InstanceURL != sim.ServerLocation() || row.AppURL != sim.AppURL() || row.LoginURL != sim.DiscoveryURL() ||
				row.OrgID != ident.OrganizationID {
				t.Errorf("stored connection = %+v", row)
			}
			for _, kind := range []string{secrets.Password, secrets.APIKey, secrets.SessionID} {
				want := contains(tt.wantSecrets, kind)
				if got := e.secret(id, kind) != ""; got != want {
					t.Errorf("keychain holds %s: %v, want %v", kind, got, want)
				}
			}

			client, err := e.m.ClarizenClient(e.ctx, id)
			if err != nil {
				t.Fatalf("ClarizenClient: %v", err)
			}
			info, err := client.SessionInfo(e.ctx)
			if err != nil {
				t.Fatalf("session info through the factory's client: %v", err)
			}
			if info.UserID != ident.UserID {
				t.Errorf("factory client user = %q, want %q", info.UserID, ident.UserID)
			}
		})
	}
}

func TestManager_ConnectClarizenRejects(t *testing.T) {
	tests := []struct {
		name     string
		login    connect.ClarizenLogin
		wantCode string
	}{
		{
			name: "wrong password",
			login: connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
				UserName: czUser, Password: "wrong-password"},
			wantCode: connect.CodeLoginFailed,
		},
		{
			name:     "revoked api key",
			login:    connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction, APIKey: "no-such-key-123456"},
			wantCode: connect.CodeLoginFailed,
		},
		{
			name:     "no credentials",
			login:    connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction, UserName: czUser},
			wantCode: connect.CodeInvalidInput,
		},
		{
			name:     "third instance",
			login:    connect.ClarizenLogin{ConnectionID: "clarizen3", Environment: connect.EnvProduction, APIKey: czAPIKey},
			wantCode: connect.CodeInvalidInput,
		},
		{
			name:     "my domain environment",
			login:    connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvMyDomain, APIKey: czAPIKey},
			wantCode: connect.CodeInvalidInput,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{})

			_, err := e.m.ConnectClarizen(e.ctx, tt.login)
			if err == nil {
				t.Fatal("ConnectClarizen succeeded, want an error")
			}
			if codeOf(err) != tt.wantCode {
				t.Errorf("error %v has code %q, want %q", err, codeOf(err), tt.wantCode)
			}
			if strings.Contains(err.Error(), tt.login.Password) && tt.login.Password != "" {
				t.Errorf("error %q contains the password", err)
			}
			if _, err := e.db.Connection(e.ctx, tt.login.ConnectionID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a connection row exists after a failed login (err %v)", err)
			}
			if got := e.secrets.Values(); len(got) != 0 {
				t.Errorf("the keychain holds %d values after a failed login", len(got))
			}
		})
	}
}

func TestManager_ClarizenSessionRenewal(t *testing.T) {
	e := newEnv(t, envConfig{})
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
		UserName: czUser, Password: czPassword})
	client, err := e.m.ClarizenClient(e.ctx, connect.Clarizen1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.SessionInfo(e.ctx); err != nil {
		t.Fatalf("first call: %v", err)
	}
	oldSession := e.secret(connect.Clarizen1, secrets.SessionID)
	logins := e.cz1.Logins()

	t.Run("timed out session renewed silently", func(t *testing.T) {
		e.cz1.ExpireSessions()
		if _, err := client.SessionInfo(e.ctx); err != nil {
			t.Fatalf("call after the session timed out: %v", err)
		}
		if got := e.cz1.Logins(); got != logins+1 {
			t.Errorf("logins = %d, want one more than %d", got, logins)
		}
		newSession := e.secret(connect.Clarizen1, secrets.SessionID)
		if newSession == "" || newSession == oldSession {
			t.Error("the keychain does not hold the renewed session id")
		}
		if client.Session().ID.Reveal() != newSession {
			t.Error("the keychain's session id is not the one the client uses")
		}
		if e.row(connect.Clarizen1).State != connect.StateConnected {
			t.Errorf("state = %q, want connected", e.row(connect.Clarizen1).State)
		}
	})

	t.Run("stored session reused after restart", func(t *testing.T) {
		before := e.cz1.Logins()
		restarted := e.newManager()
		c, err := restarted.ClarizenClient(e.ctx, connect.Clarizen1)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.SessionInfo(e.ctx); err != nil {
			t.Fatalf("call after restart: %v", err)
		}
		if got := e.cz1.Logins(); got != before {
			t.Errorf("logins = %d, want %d: the stored session should be reused", got, before)
		}
	})
}

func TestManager_DisconnectClarizen(t *testing.T) {
	e := newEnv(t, envConfig{})
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
		UserName: czUser, Password: czPassword})
	e.saveMapping("m1", "Projects", connect.Clarizen1)
	session := e.secret(connect.Clarizen1, secrets.SessionID)

	if err := e.m.Disconnect(e.ctx, connect.Clarizen1); err != nil {
		t.Fatalf("Disconnect: %v", err)
	}

	for _, kind := range []string{secrets.Password, secrets.APIKey, secrets.SessionID} {
		if e.secret(connect.Clarizen1, kind) != "" {
			t.Errorf("the keychain still holds %s", kind)
		}
	}
	if got := e.row(connect.Clarizen1).State; got != connect.StateDisconnected {
		t.Errorf("state = %q, want disconnected", got)
	}
	if got := e.mappingState("m1"); got != "needs_reauth" {
		t.Errorf("mapping state = %q, want needs_reauth (paused)", got)
	}
	// The session was logged out, so the server rejects it.
	if status, body := sessionInfoWith(t, e.cz1.ServerLocation(), session); !strings.Contains(body, "SessionTimeout") {
		t.Errorf("getSessionInfo with the old session = HTTP %d %s, want SessionTimeout", status, body)
	}
	if _, err := e.m.ClarizenClient(e.ctx, connect.Clarizen1); !errors.Is(err, connect.ErrNotConnected) {
		t.Errorf("ClarizenClient after disconnect: err = %v, want ErrNotConnected", err)
	}
}

// sessionInfoWith calls getSessionInfo with a session id, as any HTTP
// client holding it could.
func sessionInfoWith(t *testing.T, serverLocation, session string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, serverLocation+"/authentication/getSessionInfo", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Session "+session)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestManager_CheckFillsAPIKeyUserName(t *testing.T) {
	e := newEnv(t, envConfig{})
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen2, Environment: connect.EnvSandbox, APIKey: cz2APIKey})
	// A connection made by API key before logins read the user name.
	row := e.row(connect.Clarizen2)
	row.Username = ""
	if err := e.db.SaveConnection(e.ctx, row); err != nil {
		t.Fatal(err)
	}

	if _, err := e.m.Check(e.ctx); err != nil {
		t.Fatalf("Check: %v", err)
	}
	got := e.row(connect.Clarizen2)
	if got.Username != cz2User {
		t.Errorf("user name after Check = %q, want %q", got.Username, cz2User)
	}
	if got.State != connect.StateConnected {
		t.Errorf("state after Check = %q, want connected", got.State)
	}
}
