package clarizen_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_Connect(t *testing.T) {
	tests := []struct {
		name           string
		creds          clarizen.StaticCredentials
		knownLocation  bool
		wantCode       *clarizen.Error // nil: success
		wantDiscovery  int
		wantLogins     int
		wantSessionSet bool
		// wantMessage is text the message of a rejected login contains
		// after "Clarizen at <host> ".
		wantMessage string
	}{
		{name: "password", creds: clarizen.StaticCredentials{UserName: testUser, Password: testPassword},
			wantDiscovery: 1, wantLogins: 1, wantSessionSet: true},
		{name: "api key", creds: clarizen.StaticCredentials{APIKey: testAPIKey},
			wantDiscovery: 1, wantLogins: 0},
		{name: "api key wins over password", creds: clarizen.StaticCredentials{UserName: testUser, Password: "wrong-password", APIKey: testAPIKey},
			wantDiscovery: 1, wantLogins: 0},
		{name: "known location skips discovery", creds: clarizen.StaticCredentials{UserName: testUser, Password: testPassword},
			knownLocation: true, wantDiscovery: 0, wantLogins: 1, wantSessionSet: true},
		{name: "wrong password", creds: clarizen.StaticCredentials{UserName: testUser, Password: "wrong-password"},
			wantCode: clarizen.ErrLoginFailure, wantDiscovery: 1,
			wantMessage: fmt.Sprintf("rejected the user name %q or its password: ", testUser)},
		{name: "unknown api key", creds: clarizen.StaticCredentials{APIKey: "ak-not-a-real-key-000000"},
			wantCode: clarizen.ErrUnauthorized, wantDiscovery: 1, wantMessage: "rejected the API key: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) {
				o.Credentials = tt.creds
			})
			if tt.knownLocation {
				e.client = e.newClient(t, func(o *clarizen.Options) {
					o.Credentials = tt.creds
					o.ServerLocation = e.sim.ServerLocation()
					o.DiscoveryURL = "http://127.0.0.1:1/unused/"
				})
			}
			err := e.client.Connect(testContext(t))
			if tt.wantCode != nil {
				if !errors.Is(err, tt.wantCode) {
					t.Fatalf("Connect() error = %v, want code %s", err, tt.wantCode.Code)
				}
				if got := clarizen.ClassOf(err); got != clarizen.Auth {
					t.Errorf("ClassOf() = %v, want auth", got)
				}
				host := strings.TrimPrefix(e.sim.URL(), "http://")
				if want := "Clarizen at " + host + " " + tt.wantMessage; !strings.HasPrefix(err.Error(), want) {
					t.Errorf("message = %q, want it to start with %q", err.Error(), want)
				}
				if want := "(" + tt.wantCode.Code + ", HTTP "; !strings.Contains(err.Error(), want) {
					t.Errorf("message = %q, want the code and status at the end, as %q", err.Error(), want)
				}
			} else if err != nil {
				t.Fatalf("Connect() error = %v", err)
			}
			if got := e.calls.count("authentication/getserverdefinition"); got != tt.wantDiscovery {
				t.Errorf("getServerDefinition calls = %d, want %d", got, tt.wantDiscovery)
			}
			if got := e.calls.count("authentication/login"); got != tt.wantLogins {
				t.Errorf("login calls = %d, want %d", got, tt.wantLogins)
			}
			if tt.wantCode != nil {
				return
			}
			def := e.client.ServerDefinition()
			if def.ServerLocation != e.sim.ServerLocation() {
				t.Errorf("ServerLocation = %q, want %q", def.ServerLocation, e.sim.ServerLocation())
			}
			if !tt.knownLocation && (def.AppLocation != e.sim.AppURL() || def.OrganizationID != e.sim.OrgID()) {
				t.Errorf("ServerDefinition = %+v, want app %q org %d", def, e.sim.AppURL(), e.sim.OrgID())
			}
			if got := e.client.Session().ID != ""; got != tt.wantSessionSet {
				t.Errorf("session set = %v, want %v", got, tt.wantSessionSet)
			}
		})
	}
}

func TestClient_ConnectMissingCredentials(t *testing.T) {
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) {
		o.Credentials = clarizen.StaticCredentials{UserName: testUser}
	})
	if err := e.client.Connect(testContext(t)); err == nil {
		t.Fatal("Connect() without a password succeeded")
	}
	if got := e.calls.total(); got != 0 {
		t.Errorf("requests sent = %d, want 0", got)
	}
}

func TestClient_SessionInfo(t *testing.T) {
	tests := []struct {
		name  string
		creds clarizen.StaticCredentials
	}{
		{"password", clarizen.StaticCredentials{UserName: testUser, Password: testPassword}},
		{"api key", clarizen.StaticCredentials{APIKey: testAPIKey}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) { o.Credentials = tt.creds })
			info, err := e.client.SessionInfo(testContext(t))
			if err != nil {
				t.Fatalf("SessionInfo() error = %v", err)
			}
			if info.OrganizationID != strconv.FormatInt(e.sim.OrgID(), 10) {
				t.Errorf("OrganizationID = %q, want %d", info.OrganizationID, e.sim.OrgID())
			}
			if info.UserID == "" || info.LicenseType != "Full" {
				t.Errorf("SessionInfo = %+v, want a user id and license Full", info)
			}
			if tt.creds.APIKey == "" && info.UserID != e.client.Session().UserID {
				t.Errorf("UserID = %q, want the login's %q", info.UserID, e.client.Session().UserID)
			}
		})
	}
}

func TestClient_Logout(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	oldSession := e.client.Session().ID
	if err := e.client.Logout(ctx); err != nil {
		t.Fatalf("Logout() error = %v", err)
	}
	if got := e.calls.count("authentication/logout"); got != 1 {
		t.Errorf("logout calls = %d, want 1", got)
	}
	if e.client.Session().ID != "" {
		t.Error("session still set after Logout")
	}

	// The old session must be dead on the server: a client that starts
	// with it and cannot log in again fails with LoginFailure.
	stale := e.newClient(t, func(o *clarizen.Options) {
		o.Session = oldSession
		o.Credentials = clarizen.StaticCredentials{UserName: testUser, Password: "wrong-password"}
	})
	if _, err := stale.SessionInfo(ctx); !errors.Is(err, clarizen.ErrLoginFailure) {
		t.Errorf("call with the logged-out session: error = %v, want LoginFailure after SessionTimeout", err)
	}

	// The logged-out client logs in again on its next call.
	if _, err := e.client.SessionInfo(ctx); err != nil {
		t.Fatalf("SessionInfo() after Logout error = %v", err)
	}
	if got := len(e.newSessions()); got != 2 {
		t.Errorf("sessions opened = %d, want 2", got)
	}
}

func TestClient_LogoutWithAPIKey(t *testing.T) {
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) {
		o.Credentials = clarizen.StaticCredentials{APIKey: testAPIKey}
	})
	ctx := testContext(t)
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.client.Logout(ctx); err != nil {
		t.Fatalf("Logout() error = %v", err)
	}
	if got := e.calls.count("authentication/logout"); got != 0 {
		t.Errorf("logout calls = %d, want 0 (an API key has no session)", got)
	}
}

// switchableCredentials lets a test change the password between calls.
type switchableCredentials struct {
	mu    sync.Mutex
	creds clarizen.Credentials
}

func (s *switchableCredentials) Credentials(context.Context) (clarizen.Credentials, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.creds, nil
}

func (s *switchableCredentials) set(c clarizen.Credentials) {
	s.mu.Lock()
	s.creds = c
	s.mu.Unlock()
}

func TestClient_SessionTimeout(t *testing.T) {
	t.Run("one re-login and replay", func(t *testing.T) {
		e := newEnv(t, czsim.Options{}, nil)
		ctx := testContext(t)
		id := mustCreate(t, e.client, "Customer", "cust-timeout", clarizen.Values{"Name": "Before"})
		e.sim.ExpireSessions()

		if err := e.client.Update(ctx, id, clarizen.Values{"Name": "After"}); err != nil {
			t.Fatalf("Update() after expiry error = %v", err)
		}
		if got := e.calls.count("authentication/login"); got != 2 {
			t.Errorf("login calls = %d, want 2 (first login and one re-login)", got)
		}
		sessions := e.newSessions()
		if len(sessions) != 2 || sessions[0].ID == sessions[1].ID {
			t.Errorf("OnNewSession got %d sessions, want 2 different ones", len(sessions))
		}
		if e.client.Session().ID != sessions[len(sessions)-1].ID {
			t.Error("client does not use the renewed session")
		}
		got, ok := e.sim.Get(string(id))
		if !ok || got["Name"] != "After" {
			t.Errorf("simulator has Name %v, want After (the replayed update)", got["Name"])
		}
	})

	t.Run("failed re-login is an auth error", func(t *testing.T) {
		creds := &switchableCredentials{creds: clarizen.Credentials{UserName: testUser, Password: testPassword}}
		e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) { o.Credentials = creds })
		ctx := testContext(t)
		if err := e.client.Connect(ctx); err != nil {
			t.Fatal(err)
		}
		creds.set(clarizen.Credentials{UserName: testUser, Password: "changed-elsewhere"})
		e.sim.ExpireSessions()

		_, err := e.client.SessionInfo(ctx)
		if !errors.Is(err, clarizen.ErrLoginFailure) {
			t.Fatalf("SessionInfo() error = %v, want LoginFailure", err)
		}
		if got := clarizen.ClassOf(err); got != clarizen.Auth {
			t.Errorf("ClassOf() = %v, want auth", got)
		}
		if got := e.calls.count("authentication/login"); got != 2 {
			t.Errorf("login calls = %d, want 2 (no repeated attempts)", got)
		}
	})
}

func TestClient_SessionTimeoutConcurrent(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	e.sim.ExpireSessions()

	const callers = 12
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Go(func() {
			_, err := e.client.SessionInfo(ctx)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("SessionInfo() error = %v", err)
		}
	}
	if got := e.calls.count("authentication/login"); got != 2 {
		t.Errorf("login calls = %d, want 2 (callers share one re-login)", got)
	}
	if got := len(e.newSessions()); got != 2 {
		t.Errorf("OnNewSession calls = %d, want 2", got)
	}
}

func TestClient_StoredSession(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	stored := e.client.Session().ID

	second := e.newClient(t, func(o *clarizen.Options) {
		o.Session = stored
		o.ServerLocation = e.sim.ServerLocation()
	})
	if _, err := second.SessionInfo(ctx); err != nil {
		t.Fatalf("SessionInfo() with stored session error = %v", err)
	}
	if got := e.calls.count("authentication/login"); got != 0 {
		t.Errorf("login calls with a live stored session = %d, want 0", got)
	}

	e.sim.ExpireSessions()
	if _, err := second.SessionInfo(ctx); err != nil {
		t.Fatalf("SessionInfo() after expiry error = %v", err)
	}
	if got := e.calls.count("authentication/login"); got != 1 {
		t.Errorf("login calls after expiry = %d, want 1", got)
	}
}
