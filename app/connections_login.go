package app

import (
	"context"
	"sync"

	"github.com/liaison-sync/liaison/engine/connect"
)

// EventSalesforceLogin is the window event that carries a
// SalesforceLoginState each time a Salesforce login starts or ends.
const EventSalesforceLogin = "connections.salesforceLogin"

// Statuses of a Salesforce login.
const (
	// LoginWaiting means the login waits for the browser to come back to
	// Liaison, for Sign in for me in the demo, or for CancelLogin.
	LoginWaiting = "waiting"
	// LoginConnected means the login stored its tokens.
	LoginConnected = "connected"
	// LoginFailed means the login ended without tokens. Its error has code
	// "cancelled" after CancelLogin or a newer login, and code
	// "callback_port_busy" when the login waits for a pasted address.
	LoginFailed = "failed"
)

// SalesforceLoginState is one Salesforce login that the window started
// with StartSalesforceLogin or StartReauthentication.
type SalesforceLoginState struct {
	// ID grows with each login started; zero means none was started.
	ID     uint64 `json:"id"`
	Status string `json:"status"`
	// Identity is set once Status is LoginConnected.
	Identity *connect.SalesforceIdentity `json:"identity,omitempty"`
	// Error is set once Status is LoginFailed.
	Error *ErrorPayload `json:"error,omitempty"`
}

// loginResult is the identity or error a login ended with, for the
// blocking call that waits for it.
type loginResult struct {
	identity connect.SalesforceIdentity
	err      error
}

// loginTracker runs Salesforce logins in the background and keeps the
// newest one's state. Bound calls must not wait for the user, because the
// Wails dev server (v2.9.2) handles the calls of a browser page one after
// another. A call that waits for the login page would hold up every later
// call of that page, Sign in for me and CancelLogin among them.
type loginTracker struct {
	mu     sync.Mutex
	lastID uint64
	newest SalesforceLoginState
	// cancel ends the newest login, and done is closed once its goroutine
	// has returned.
	cancel context.CancelFunc
	done   chan struct{}
}

// start cancels the previous login, runs login in the background under
// ctx once the previous one has returned, and returns the new login's
// state, which is LoginWaiting, with a channel that receives the result
// once. It sends the state to the window now and again when the login
// ends.
//
// The tracker cancels and waits for the previous login itself, because
// the connections manager cancels whatever login runs when a new one
// enters it. A login cancelled before it got there would otherwise cancel
// the newer one.
func (t *loginTracker) start(ctx context.Context, emit func(string, any),
	login func(context.Context) (connect.SalesforceIdentity, error)) (SalesforceLoginState, <-chan loginResult) {
	loginCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	t.mu.Lock()
	t.lastID++
	state := SalesforceLoginState{ID: t.lastID, Status: LoginWaiting}
	t.newest = state
	if t.cancel != nil {
		t.cancel()
	}
	previous := t.done
	t.cancel, t.done = cancel, done
	t.mu.Unlock()
	emit(EventSalesforceLogin, state)

	results := make(chan loginResult, 1)
	go func() {
		defer close(done)
		defer cancel()
		if previous != nil {
			<-previous
		}
		var identity connect.SalesforceIdentity
		err := loginCtx.Err()
		if err == nil {
			identity, err = login(loginCtx)
		}
		err = loginError(err)
		end := SalesforceLoginState{ID: state.ID, Status: LoginConnected}
		if err != nil {
			payload, _ := FormatError(err).(ErrorPayload)
			end.Status, end.Error = LoginFailed, &payload
		} else {
			end.Identity = &identity
		}
		t.mu.Lock()
		if t.newest.ID == end.ID {
			t.newest = end
		}
		t.mu.Unlock()
		emit(EventSalesforceLogin, end)
		results <- loginResult{identity: identity, err: err}
	}()
	return state, results
}

// cancelNewest ends the newest login, also when it has not reached the
// connections manager yet.
func (t *loginTracker) cancelNewest() {
	t.mu.Lock()
	if t.cancel != nil {
		t.cancel()
	}
	t.mu.Unlock()
}

// state returns the newest login's state.
func (t *loginTracker) state() SalesforceLoginState {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.newest
}

// StartSalesforceLogin starts a Salesforce login and returns at once,
// while the login page opens in the system browser. The login's end
// arrives as an EventSalesforceLogin event with the same ID, and
// SalesforceLogin returns it too. A newer login or CancelLogin ends a
// waiting login with code "cancelled".
func (s *ConnectionsService) StartSalesforceLogin(login connect.SalesforceLogin) (SalesforceLoginState, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return SalesforceLoginState{}, err
	}
	state, _ := s.logins.start(s.svc.context(), s.svc.shell.Emit, func(ctx context.Context) (connect.SalesforceIdentity, error) {
		return eng.Connections.ConnectSalesforce(ctx, login)
	})
	return state, nil
}

// StartReauthentication starts a login with the stored login host, as
// ReauthenticateSalesforce does, and returns at once like
// StartSalesforceLogin.
func (s *ConnectionsService) StartReauthentication() (SalesforceLoginState, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return SalesforceLoginState{}, err
	}
	state, _ := s.logins.start(s.svc.context(), s.svc.shell.Emit, eng.Connections.ReauthenticateSalesforce)
	return state, nil
}

// SalesforceLogin returns the state of the newest login that
// StartSalesforceLogin or StartReauthentication started, for a window that
// missed its event.
func (s *ConnectionsService) SalesforceLogin() SalesforceLoginState {
	return s.logins.state()
}
