package app

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/oauth"
)

// hangGuard is how long a bound call may take before the test reports it
// as blocked instead of waiting for the test binary's timeout.
const hangGuard = 30 * time.Second

// loginPage plays a browser page on the Wails dev server, which handles
// the page's bound calls one after another. A call that does not return
// holds up every later call of the page.
type loginPage struct {
	t  *testing.T
	s  *Services
	sh *fakeShell
}

// on returns the page for the subtest t.
func (p loginPage) on(t *testing.T) loginPage {
	p.t = t
	return p
}

// call runs one bound call and fails the test when it blocks.
func (p loginPage) call(name string, fn func() error) error {
	p.t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(hangGuard):
		p.t.Fatalf("%s did not return, so every later call of the page would wait behind it", name)
		return nil
	}
}

// outcome waits for the event that ends login id.
func (p loginPage) outcome(id uint64) SalesforceLoginState {
	p.t.Helper()
	var end SalesforceLoginState
	ended := func() bool {
		for _, e := range p.sh.events() {
			st, ok := e.data.(SalesforceLoginState)
			if e.name == EventSalesforceLogin && ok && st.ID == id && st.Status != LoginWaiting {
				end = st
				return true
			}
		}
		return false
	}
	if !eventually(ended) {
		p.t.Fatalf("login %d did not end; state %+v", id, p.s.Connections.SalesforceLogin())
	}
	return end
}

// start starts a login through begin and checks that it waits.
func (p loginPage) start(name string, begin func() (SalesforceLoginState, error)) SalesforceLoginState {
	p.t.Helper()
	var st SalesforceLoginState
	err := p.call(name, func() (err error) {
		st, err = begin()
		return err
	})
	if err != nil {
		p.t.Fatalf("%s: %v", name, err)
	}
	if st.Status != LoginWaiting || st.ID == 0 {
		p.t.Fatalf("%s = %+v, want a waiting login with an id", name, st)
	}
	return st
}

// signIn clicks Sign in for me and checks that the login connects. As
// the window does, it offers the button once a login page was shown,
// which may still be the page of the login before.
func (p loginPage) signIn(id uint64, wantUser string) {
	p.t.Helper()
	if !eventually(func() bool { return p.s.Demo.Setup().LoginPage != nil }) {
		p.t.Fatal("no login page was shown")
	}
	if err := p.call("SignInForMe", p.s.Demo.SignInForMe); err != nil {
		p.t.Fatalf("SignInForMe: %v", err)
	}
	end := p.outcome(id)
	if end.Status != LoginConnected || end.Error != nil {
		p.t.Fatalf("login %d ended %+v, want connected", id, end)
	}
	if end.Identity == nil || end.Identity.Username != wantUser {
		p.t.Errorf("login %d reached %+v, want user %s", id, end.Identity, wantUser)
	}
}

// newLoginPage starts the demo workspace without its setup, as the
// desktop demo with --browser none does, and the services over it.
func newLoginPage(t *testing.T) (loginPage, *demo.Workspace) {
	t.Helper()
	browser := oauth.OpenerFunc(func(context.Context, string) error { return demo.ErrNotOpened })
	ws := startDemo(t, true, browser)
	shell := &fakeShell{}
	s := NewServices(Config{Engine: ws.Engine, DemoSetup: ws.Setup}, shell)
	ctx, cancel := context.WithCancel(context.Background())
	s.Start(ctx)
	t.Cleanup(func() {
		s.Stop()
		cancel()
	})
	return loginPage{t: t, s: s, sh: shell}, ws
}

// Re-authenticate and then Sign in for me, each one call after another as
// the dev server sends them, connects again. While the login waits, the
// Connections and Settings screens still load.
func TestConnectionsService_StartReauthentication(t *testing.T) {
	page, ws := newLoginPage(t)
	user := ws.Logins.SalesforceUser
	conns := page.s.Connections

	first := page.start("StartSalesforceLogin", func() (SalesforceLoginState, error) {
		return conns.StartSalesforceLogin(connect.SalesforceLogin{Environment: connect.EnvProduction})
	})
	page.signIn(first.ID, user)

	again := page.start("StartReauthentication", conns.StartReauthentication)
	if again.ID <= first.ID {
		t.Errorf("re-authentication id %d, want more than the first login's %d", again.ID, first.ID)
	}
	if got := conns.SalesforceLogin(); got.ID != again.ID || got.Status != LoginWaiting {
		t.Errorf("SalesforceLogin() = %+v, want login %d waiting", got, again.ID)
	}
	var view ConnectionsView
	if err := page.call("View", func() (err error) { view, err = conns.View(); return err }); err != nil {
		t.Fatalf("View during the login: %v", err)
	}
	if len(view.Connections) == 0 || view.Connections[0].ID != connect.Salesforce || view.Connections[0].State != connect.StateConnected {
		t.Errorf("View during the login = %+v, want salesforce first and still connected", view.Connections)
	}
	if err := page.call("Settings.Get", func() error { _, err := page.s.Settings.Get(); return err }); err != nil {
		t.Errorf("Settings.Get during the login: %v", err)
	}
	page.signIn(again.ID, user)
	if got := conns.SalesforceLogin(); got.Status != LoginConnected {
		t.Errorf("SalesforceLogin() after the login = %+v, want connected", got)
	}
}

// CancelLogin ends a waiting login with code "cancelled". The cases are a
// login started for the window, a login that a newer one replaces, and
// the login that a blocking ReauthenticateSalesforce waits for.
func TestConnectionsService_CancelStartedLogin(t *testing.T) {
	page, ws := newLoginPage(t)
	conns := page.s.Connections
	first := page.start("StartSalesforceLogin", func() (SalesforceLoginState, error) {
		return conns.StartSalesforceLogin(connect.SalesforceLogin{Environment: connect.EnvProduction})
	})
	page.signIn(first.ID, ws.Logins.SalesforceUser)

	t.Run("started login", func(t *testing.T) {
		page := page.on(t)
		st := page.start("StartReauthentication", conns.StartReauthentication)
		if err := page.call("CancelLogin", conns.CancelLogin); err != nil {
			t.Fatalf("CancelLogin: %v", err)
		}
		end := page.outcome(st.ID)
		if end.Status != LoginFailed || end.Error == nil || end.Error.Code != CodeCancelled {
			t.Errorf("cancelled login ended %+v, want failed with code %q", end, CodeCancelled)
		}
		if got := conns.SalesforceLogin(); got.ID != st.ID || got.Status != LoginFailed {
			t.Errorf("SalesforceLogin() = %+v, want login %d failed", got, st.ID)
		}
	})

	t.Run("newer login", func(t *testing.T) {
		page := page.on(t)
		older := page.start("StartReauthentication", conns.StartReauthentication)
		newer := page.start("StartReauthentication", conns.StartReauthentication)
		end := page.outcome(older.ID)
		if end.Error == nil || end.Error.Code != CodeCancelled {
			t.Errorf("older login ended %+v, want code %q", end, CodeCancelled)
		}
		page.signIn(newer.ID, ws.Logins.SalesforceUser)
	})

	t.Run("blocking call", func(t *testing.T) {
		page := page.on(t)
		before := conns.SalesforceLogin().ID
		done := make(chan error, 1)
		go func() {
			_, err := conns.ReauthenticateSalesforce()
			done <- err
		}()
		if !eventually(func() bool { return conns.SalesforceLogin().ID > before }) {
			t.Fatal("ReauthenticateSalesforce started no login")
		}
		if err := page.call("CancelLogin", conns.CancelLogin); err != nil {
			t.Fatalf("CancelLogin: %v", err)
		}
		var err error
		select {
		case err = <-done:
		case <-time.After(hangGuard):
			t.Fatal("ReauthenticateSalesforce still waits after CancelLogin")
		}
		if got := payload(t, err).Code; got != CodeCancelled {
			t.Errorf("ReauthenticateSalesforce after CancelLogin: code %q (%v), want %q", got, err, CodeCancelled)
		}
	})
}

// A login whose callback port is busy ends at once, and its event carries
// the login page's address for the paste fallback.
func TestConnectionsService_StartPortBusy(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	browser := parkedBrowser{urls: make(chan string, 4)}
	ws := startDemo(t, true, browser)
	eng := reopenWithCallback(t, ws, busy.Addr().String(), browser)
	shell := &fakeShell{}
	page := loginPage{t: t, s: NewServices(Config{Engine: eng}, shell), sh: shell}

	st := page.start("StartSalesforceLogin", func() (SalesforceLoginState, error) {
		return page.s.Connections.StartSalesforceLogin(connect.SalesforceLogin{Environment: connect.EnvProduction})
	})
	end := page.outcome(st.ID)
	if end.Status != LoginFailed || end.Error == nil {
		t.Fatalf("login ended %+v, want failed", end)
	}
	if end.Error.Code != connect.CodeCallbackPortBusy {
		t.Errorf("code = %q, want %q", end.Error.Code, connect.CodeCallbackPortBusy)
	}
	if authURL := end.Error.Details["authUrl"]; !strings.HasPrefix(authURL, ws.Salesforce.LoginURL()) {
		t.Errorf("details.authUrl = %q, want the simulator's login page", authURL)
	}
}
