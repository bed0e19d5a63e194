package demo_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/oauth"
)

// sharedOutput is the demo output that the setup goroutine writes and the
// test reads.
type sharedOutput struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *sharedOutput) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *sharedOutput) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitForState returns the first state, current or later, for which ok
// holds, or fails the test when ctx ends first.
func waitForState(ctx context.Context, t *testing.T, setup *demo.Setup, what string, ok func(demo.SetupState) bool) demo.SetupState {
	t.Helper()
	changed := make(chan struct{}, 1)
	stop := setup.Watch(func(demo.SetupState) {
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	defer stop()
	for {
		if st := setup.State(); ok(st) {
			return st
		}
		select {
		case <-changed:
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v; last state %+v", what, ctx.Err(), setup.State())
		}
	}
}

// A desktop demo whose system browser fails to start, as Chromium does
// when run as root, keeps waiting for the login instead of ending. Sign in
// for me approves the page, and the setup goes on to install the package
// and run the first sync.
func TestSetup_BrowserFailsSignInForMe(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out := &sharedOutput{}
	browserErr := errors.New("open system browser: exit status 4")
	var opened []string
	var openedMu sync.Mutex
	ws := startDemo(t, demo.Options{Background: true, Out: out, Browser: oauth.OpenerFunc(func(_ context.Context, url string) error {
		openedMu.Lock()
		opened = append(opened, url)
		openedMu.Unlock()
		return browserErr
	})})
	setup := ws.Setup
	if st := setup.State(); st.Status != demo.SetupIdle || ws.Engine.Connections == nil {
		t.Fatalf("state before Start = %q, want %q", st.Status, demo.SetupIdle)
	}
	if err := setup.SignInForMe(ctx); !errors.Is(err, demo.ErrNoLoginPage) {
		t.Errorf("SignInForMe before any login = %v, want ErrNoLoginPage", err)
	}

	if !setup.Start(ctx) {
		t.Fatal("Start did not start the setup")
	}
	defer setup.Wait()
	if setup.Start(ctx) {
		t.Error("a second Start started the setup again while it runs")
	}
	st := waitForState(ctx, t, setup, "the Salesforce login page", func(st demo.SetupState) bool {
		return st.LoginPage != nil && st.LoginPage.BrowserError != ""
	})
	if st.Steps[2].ID != demo.StepSalesforce || st.Steps[2].Status != demo.StepWaiting {
		t.Errorf("salesforce step = %+v, want it waiting for the user", st.Steps[2])
	}
	if st.Steps[0].Status != demo.StepDone || st.Steps[1].Status != demo.StepDone {
		t.Errorf("clarizen steps = %+v, %+v, want both done", st.Steps[0], st.Steps[1])
	}
	if st.LoginPage.Username != ws.Logins.SalesforceUser || st.LoginPage.Password != ws.Logins.SalesforcePassword {
		t.Errorf("login page shows user %q, want the demo's login", st.LoginPage.Username)
	}
	if st.LoginPage.Opened {
		t.Error("the login page counts as opened although the browser failed")
	}
	if !strings.Contains(st.LoginPage.BrowserError, "exit status 4") {
		t.Errorf("browser error = %q, want the opener's error", st.LoginPage.BrowserError)
	}
	openedMu.Lock()
	if len(opened) != 1 || opened[0] != st.LoginPage.URL {
		t.Errorf("opened %v, want the login page %s once", opened, st.LoginPage.URL)
	}
	openedMu.Unlock()
	if !strings.Contains(out.String(), "The system browser did not open") || !strings.Contains(out.String(), "Sign in for me") {
		t.Errorf("output = %q, want it to say the browser failed and offer Sign in for me", out.String())
	}

	if err := setup.SignInForMe(ctx); err != nil {
		t.Fatalf("SignInForMe: %v", err)
	}
	st = waitForState(ctx, t, setup, "the end of the setup", func(st demo.SetupState) bool {
		return st.Status == demo.SetupDone || st.Status == demo.SetupFailed
	})
	if st.Status != demo.SetupDone {
		t.Fatalf("setup = %s: %s", st.Status, st.Error)
	}
	for _, step := range st.Steps {
		if step.Status != demo.StepDone || step.Detail == "" {
			t.Errorf("step %s = %s %q, want done with a detail", step.ID, step.Status, step.Detail)
		}
	}
	rep := setup.Report()
	if rep.Writes() == 0 || rep.Failed() != 0 {
		t.Errorf("first sync wrote %d records with %d failed, want writes and no failure", rep.Writes(), rep.Failed())
	}
	for _, step := range st.Steps {
		if step.ID == demo.StepClarizen2 && !strings.HasSuffix(step.Detail, " as "+ws.Logins.ClarizenUser[connect.Clarizen2]) {
			// The second instance logs in by API key; the detail names
			// the user the key belongs to.
			t.Errorf("clarizen2 step detail = %q, want it to name user %s", step.Detail, ws.Logins.ClarizenUser[connect.Clarizen2])
		}
		if step.ID != demo.StepSync {
			continue
		}
		// The step's count of created records is the run summary's Created.
		if want := fmt.Sprintf("sync (%d runs): %d created", rep.Runs, rep.Run.Totals().Created); !strings.HasPrefix(step.Detail, want) {
			t.Errorf("sync step detail = %q, want it to start with %q", step.Detail, want)
		}
	}
	if setup.Start(ctx) {
		t.Error("Start ran a setup that is done")
	}
	if err := setup.SignInForMe(ctx); err == nil || !strings.Contains(err.Error(), "no longer waiting") {
		t.Errorf("SignInForMe after the login = %v, want it to say the page no longer waits", err)
	}
}

// A system browser that does not return while it runs, as xdg-open does
// when it starts the first browser window, does not hold up Sign in for
// me. The login page is recorded at once, for the first login and for a
// re-authentication.
func TestSetup_SignInForMeWhileBrowserRuns(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	release := make(chan struct{})
	defer close(release)
	ws := startDemo(t, demo.Options{Walkthrough: true, Browser: oauth.OpenerFunc(func(context.Context, string) error {
		<-release
		return nil
	})})
	setup := ws.Setup
	conns := ws.Engine.Connections

	logins := []struct {
		name  string
		login func(context.Context) (connect.SalesforceIdentity, error)
		// clickAtOnce calls SignInForMe right after the login starts,
		// while the window may still show the page of the login before.
		clickAtOnce bool
	}{
		{"connect", func(ctx context.Context) (connect.SalesforceIdentity, error) {
			return conns.ConnectSalesforce(ctx, connect.SalesforceLogin{Environment: connect.EnvProduction})
		}, false},
		{"re-authenticate", conns.ReauthenticateSalesforce, false},
		{"re-authenticate, click at once", conns.ReauthenticateSalesforce, true},
	}
	previousURL := ""
	for _, l := range logins {
		t.Run(l.name, func(t *testing.T) {
			type result struct {
				ident connect.SalesforceIdentity
				err   error
			}
			done := make(chan result, 1)
			go func() {
				ident, err := l.login(ctx)
				done <- result{ident, err}
			}()
			if !l.clickAtOnce {
				st := waitForState(ctx, t, setup, "a new login page", func(st demo.SetupState) bool {
					return st.LoginPage != nil && st.LoginPage.URL != previousURL
				})
				previousURL = st.LoginPage.URL
				if st.LoginPage.Opened {
					t.Error("the login page counts as opened while the browser still starts")
				}
			}

			if err := setup.SignInForMe(ctx); err != nil {
				t.Fatalf("SignInForMe: %v", err)
			}
			res := <-done
			if res.err != nil {
				t.Fatalf("login after Sign in for me: %v", res.err)
			}
			if res.ident.Username != ws.Logins.SalesforceUser {
				t.Errorf("login reached user %q, want %q", res.ident.Username, ws.Logins.SalesforceUser)
			}
		})
	}
}
