package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/oauth"
)

func TestDemoService_OutsideDemo(t *testing.T) {
	s := NewServices(Config{}, &fakeShell{})
	if st := s.Demo.Setup(); st.Status != demo.SetupIdle || st.Steps == nil || len(st.Steps) != 0 {
		t.Errorf("Setup() = %+v, want idle with an empty step list", st)
	}
	for name, call := range map[string]func() error{"SignInForMe": s.Demo.SignInForMe, "RetrySetup": s.Demo.RetrySetup} {
		if got := payload(t, call()).Code; got != CodeNoDemo {
			t.Errorf("%s code = %q, want %q", name, got, CodeNoDemo)
		}
	}
}

// When the system browser cannot start, the window learns why through
// the demo.setup event and the login keeps waiting; Sign in for me then
// finishes the login the Connections screen started.
func TestDemoService_SignInForMe(t *testing.T) {
	browser := oauth.OpenerFunc(func(context.Context, string) error {
		return errors.New("open system browser: exit status 4")
	})
	ws := startDemo(t, true, browser)
	shell := &fakeShell{}
	s := NewServices(Config{Engine: ws.Engine, DemoSetup: ws.Setup}, shell)
	ctx, cancel := context.WithCancel(context.Background())
	s.Start(ctx)
	defer func() {
		s.Stop()
		cancel()
	}()

	if got := payload(t, s.Demo.SignInForMe()).Code; got != CodeNoLoginWaits {
		t.Errorf("SignInForMe before a login: code %q, want %q", got, CodeNoLoginWaits)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Connections.ConnectSalesforce(connect.SalesforceLogin{Environment: connect.EnvProduction})
		done <- err
	}()
	failed := func() bool {
		for _, e := range shell.events() {
			st, ok := e.data.(demo.SetupState)
			if e.name == EventDemoSetup && ok && st.LoginPage != nil && st.LoginPage.BrowserError != "" {
				return true
			}
		}
		return false
	}
	if !eventually(failed) {
		t.Fatalf("no %s event with the browser error; events: %v", EventDemoSetup, shell.events())
	}
	select {
	case err := <-done:
		t.Fatalf("ConnectSalesforce ended after the browser failed: %v", err)
	default:
	}
	if page := s.Demo.Setup().LoginPage; page == nil || page.Username != ws.Logins.SalesforceUser {
		t.Errorf("Setup().LoginPage = %+v, want the page with the demo login", page)
	}

	if err := s.Demo.SignInForMe(); err != nil {
		t.Fatalf("SignInForMe: %v", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ConnectSalesforce after Sign in for me: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ConnectSalesforce did not return after Sign in for me")
	}
}
