package connect_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
	"golang.org/x/oauth2"
)

func TestManager_ConnectSalesforce(t *testing.T) {
	tests := []struct {
		name        string
		sandbox     bool
		login       func(e *testEnv) connect.SalesforceLogin
		wantLoginOn func(e *testEnv) string
	}{
		{
			name: "production",
			login: func(*testEnv) connect.SalesforceLogin {
				return connect.SalesforceLogin{Environment: connect.EnvProduction}
			},
			wantLoginOn: func(e *testEnv) string { return e.sf.LoginURL() },
		},
		{
			name:    "sandbox",
			sandbox: true,
			login: func(*testEnv) connect.SalesforceLogin {
				return connect.SalesforceLogin{Environment: connect.EnvSandbox}
			},
			wantLoginOn: func(e *testEnv) string { return e.sf.SandboxLoginURL() },
		},
		{
			name: "my domain",
			login: func(e *testEnv) connect.SalesforceLogin {
				return connect.SalesforceLogin{Environment: connect.EnvMyDomain, MyDomainURL: e.sf.URL()}
			},
			wantLoginOn: func(e *testEnv) string { return e.sf.URL() },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{sfOptions: sfsim.Options{Sandbox: tt.sandbox}})
			login := tt.login(e)

			id, err := e.m.ConnectSalesforce(e.ctx, login)
			if err != nil {
				t.Fatalf("ConnectSalesforce: %v", err)
			}

			if id.OrgID != e.sf.OrgID() {
				t.Errorf("identity org id = %q, want the simulator's %q", id.OrgID, e.sf.OrgID())
			}
			if id.IsSandbox != tt.sandbox {
				t.Errorf("identity IsSandbox = %v, want %v", id.IsSandbox, tt.sandbox)
			}
			if !strings.EqualFold(id.Username, sfsim.DefaultUsername) {
				t.Errorf("identity username = %q, want %q", id.Username, sfsim.DefaultUsername)
			}
			if id.UserID == "" || id.InstanceURL != e.sf.URL() {
				t.Errorf("identity user id %q, instance %q; want a user id and %q", id.UserID, id.InstanceURL, e.sf.URL())
			}
			if id.OrgChange != nil {
				t.Errorf("first login reports an org change: %+v", id.OrgChange)
			}
			opened := e.browser.opened[0]
			if !strings.HasPrefix(opened, tt.wantLoginOn(e)+"/services/oauth2/authorize?") {
				t.Errorf("authorize page %q is not on the %s login host %s", opened, tt.name, tt.wantLoginOn(e))
			}
			q := mustQuery(t, opened)
			if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("state") == "" {
				t.Errorf("authorize URL lacks PKCE S256 or state: %s", opened)
			}

			row := e.row(connect.Salesforce)
			if row.State != connect.StateConnected || row.OrgID != id.OrgID || row.AuthMethod != connect.AuthOAuth ||
				row.Environment != login.Environment || row.IsSandbox != tt.sandbox || row.InstanceURL != e.sf.URL() {
				t.Errorf("stored connection = %+v", row)
			}
			if row.LoginURL != tt.wantLoginOn(e) {
				t.Errorf("stored login URL = %q, want %q", row.LoginURL, tt.wantLoginOn(e))
			}
			if e.secret(connect.Salesforce, secrets.AccessToken) == "" || e.secret(connect.Salesforce, secrets.RefreshToken) == "" {
				t.Error("the keychain lacks the access or refresh token")
			}
			if states := e.connectionEvents(connect.Salesforce); len(states) == 0 || states[len(states)-1] != connect.StateConnected {
				t.Errorf("connection events = %v, want the last one connected", states)
			}

			client, err := e.m.SalesforceClient(e.ctx)
			if err != nil {
				t.Fatalf("SalesforceClient: %v", err)
			}
			if _, err := client.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); err != nil {
				t.Errorf("query through the factory's client: %v", err)
			}
		})
	}
}

func TestManager_ConnectSalesforceRejects(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(e *testEnv)
		wantErr  error
		wantCode string
		check    func(t *testing.T, err error)
	}{
		{
			name: "callback with another state",
			setup: func(e *testEnv) {
				e.browser.editCallback = func(cb string) string { return setQuery(cb, "state", "forged-state-value") }
			},
			wantErr:  oauth.ErrStateMismatch,
			wantCode: connect.CodeStateMismatch,
		},
		{
			name: "code challenge that does not match the verifier",
			setup: func(e *testEnv) {
				// The challenge of another verifier: the code is issued for it,
				// and the exchange with Liaison's verifier must fail.
				e.browser.editAuthorize = func(u string) string {
					return setQuery(u, "code_challenge", oauth2.S256ChallengeFromVerifier("a-verifier-that-liaison-never-made-0123456789"))
				}
			},
			wantCode: connect.CodeLoginFailed,
			check: func(t *testing.T, err error) {
				var te *oauth.TokenError
				if !errors.As(err, &te) || te.Code != "invalid_request" {
					t.Errorf("err = %v, want the token endpoint's invalid_request", err)
				}
			},
		},
		{
			name: "wrong password on the login page",
			setup: func(e *testEnv) {
				e.browser.password = "not-the-password"
			},
			wantCode: connect.CodeFailed,
		},
		{
			name:     "unknown environment",
			setup:    func(e *testEnv) {},
			wantCode: connect.CodeInvalidInput,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{})
			tt.setup(e)
			env := connect.EnvProduction
			if tt.wantCode == connect.CodeInvalidInput {
				env = "staging"
			}

			_, err := e.m.ConnectSalesforce(e.ctx, connect.SalesforceLogin{Environment: env})
			if err == nil {
				t.Fatal("ConnectSalesforce succeeded, want an error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.check != nil {
				tt.check(t, err)
			}
			var ce *connect.Error
			if !errors.As(err, &ce) || ce.ErrorCode() != tt.wantCode {
				t.Errorf("error code of %v = %q, want %q", err, codeOf(err), tt.wantCode)
			}
			if _, err := e.db.Connection(e.ctx, connect.Salesforce); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a connection row exists after a failed login (err %v)", err)
			}
			if got := e.secrets.Values(); len(got) != 0 {
				t.Errorf("the keychain holds %d values after a failed login", len(got))
			}
		})
	}
}

func TestManager_CompletePasted(t *testing.T) {
	tests := []struct {
		name  string
		paste func(callback string) string
	}{
		{name: "whole callback URL", paste: func(cb string) string { return cb }},
		{name: "code only", paste: func(cb string) string { return mustQuery(t, cb).Get("code") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Another program holds the fixed callback port.
			busy, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer busy.Close()
			e := newEnv(t, envConfig{callbackAddr: busy.Addr().String()})
			e.browser.deliver = false

			_, err = e.m.ConnectSalesforce(e.ctx, connect.SalesforceLogin{Environment: connect.EnvProduction})
			var pb *connect.PortBusyError
			if !errors.As(err, &pb) {
				t.Fatalf("ConnectSalesforce err = %v, want a *connect.PortBusyError", err)
			}
			if codeOf(err) != connect.CodeCallbackPortBusy || pb.Addr != busy.Addr().String() {
				t.Errorf("busy error code %q addr %q, want %q on %s", codeOf(err), pb.Addr, connect.CodeCallbackPortBusy, busy.Addr())
			}
			if !strings.HasPrefix(pb.AuthURL, e.sf.LoginURL()+"/services/oauth2/authorize?") {
				t.Errorf("busy error AuthURL = %q, want the authorize page", pb.AuthURL)
			}
			if e.browser.openCount() != 1 {
				t.Fatalf("browser opened %d times, want once", e.browser.openCount())
			}
			callback := e.browser.lastCallback()
			if !strings.HasPrefix(callback, "http://"+busy.Addr().String()) {
				t.Fatalf("the browser ended on %q, want the busy callback address", callback)
			}

			// A pasted address whose state belongs to no login is rejected
			// and the login stays open for a second paste.
			if _, err := e.m.CompletePasted(e.ctx, setQuery(callback, "state", "forged")); !errors.Is(err, oauth.ErrStateMismatch) {
				t.Errorf("paste with a forged state: err = %v, want ErrStateMismatch", err)
			}

			id, err := e.m.CompletePasted(e.ctx, tt.paste(callback))
			if err != nil {
				t.Fatalf("CompletePasted: %v", err)
			}
			if id.OrgID != e.sf.OrgID() {
				t.Errorf("identity org id = %q, want %q", id.OrgID, e.sf.OrgID())
			}
			if row := e.row(connect.Salesforce); row.State != connect.StateConnected {
				t.Errorf("state after pasting = %q, want connected", row.State)
			}
			if _, err := e.m.CompletePasted(e.ctx, callback); !errors.Is(err, connect.ErrNoPendingLogin) {
				t.Errorf("second CompletePasted: err = %v, want ErrNoPendingLogin", err)
			}
		})
	}
}

func TestManager_ConnectWithoutKeychain(t *testing.T) {
	e := newEnv(t, envConfig{})
	opts := e.opts
	opts.Secrets = unavailableSecrets{}
	m, err := connect.New(opts)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("salesforce", func(t *testing.T) {
		_, err := m.ConnectSalesforce(e.ctx, connect.SalesforceLogin{Environment: connect.EnvProduction})
		if !errors.Is(err, secrets.ErrUnavailable) || codeOf(err) != connect.CodeKeychainUnavailable {
			t.Errorf("err = %v (code %q), want ErrUnavailable with code %q", err, codeOf(err), connect.CodeKeychainUnavailable)
		}
		if e.browser.openCount() != 0 {
			t.Errorf("the login page opened %d times although nothing could be stored", e.browser.openCount())
		}
	})
	t.Run("clarizen", func(t *testing.T) {
		_, err := m.ConnectClarizen(e.ctx, connect.ClarizenLogin{ConnectionID: connect.Clarizen1,
			Environment: connect.EnvProduction, UserName: czUser, Password: czPassword})
		if !errors.Is(err, secrets.ErrUnavailable) {
			t.Errorf("err = %v, want ErrUnavailable", err)
		}
		if e.cz1.Logins() != 0 {
			t.Errorf("clarizen saw %d logins, want none", e.cz1.Logins())
		}
	})
	conns, err := e.db.Connections(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(conns) != 0 {
		t.Errorf("the store holds %d connections, want none", len(conns))
	}
}

func TestManager_ReauthenticateSalesforce(t *testing.T) {
	e := newEnv(t, envConfig{})
	first := e.connectSalesforce(connect.EnvProduction)
	oldRefresh := e.secret(connect.Salesforce, secrets.RefreshToken)
	oldAccess := e.secret(connect.Salesforce, secrets.AccessToken)
	client, err := e.m.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatal(err)
	}

	second, err := e.m.ReauthenticateSalesforce(e.ctx)
	if err != nil {
		t.Fatalf("ReauthenticateSalesforce: %v", err)
	}

	if second.OrgID != first.OrgID || second.OrgChange != nil {
		t.Errorf("re-authentication identity %+v, want the same org and no org change", second)
	}
	if got := e.secret(connect.Salesforce, secrets.RefreshToken); got == oldRefresh || got == "" {
		t.Error("the refresh token was not replaced")
	}
	if got := e.secret(connect.Salesforce, secrets.AccessToken); got == oldAccess || got == "" {
		t.Error("the access token was not replaced")
	}
	if err := refreshWith(e, e.sf.LoginURL(), oldRefresh); !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Errorf("refresh with the replaced token: err = %v, want it revoked (invalid_grant)", err)
	}
	// A client handed out before goes on with the new tokens.
	if _, err := client.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions); err != nil {
		t.Errorf("query through the earlier client: %v", err)
	}
	if e.row(connect.Salesforce).State != connect.StateConnected {
		t.Errorf("state = %q, want connected", e.row(connect.Salesforce).State)
	}
}

// CompletePasted without a pending paste login fails at once, also while
// another login waits for its callback.
func TestManager_CompletePastedWhileLoginWaits(t *testing.T) {
	e := newEnv(t, envConfig{})
	e.browser.deliver = false
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := e.m.ConnectSalesforce(ctx, connect.SalesforceLogin{Environment: connect.EnvProduction})
		done <- err
	}()
	for e.browser.lastCallback() == "" {
		select {
		case err := <-done:
			t.Fatalf("ConnectSalesforce ended before the page was approved: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}

	pasted := make(chan error, 1)
	go func() {
		_, err := e.m.CompletePasted(e.ctx, e.browser.lastCallback())
		pasted <- err
	}()
	select {
	case err := <-pasted:
		if !errors.Is(err, connect.ErrNoPendingLogin) {
			t.Errorf("CompletePasted = %v, want ErrNoPendingLogin", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("CompletePasted waits for the login that waits for its callback")
	}

	e.m.CancelLogin()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("ConnectSalesforce after CancelLogin = %v, want context.Canceled", err)
	}
}
