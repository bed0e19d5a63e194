package connect

import (
	"context"
	"errors"
	"fmt"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/secrets"
)

// Sentinel errors. Callers branch on them with errors.Is; the frontend
// reads the code of the *Error that wraps them.
var (
	// ErrNotConnected means the connection has no stored login.
	ErrNotConnected = errors.New("not connected")
	// ErrNeedsReauth means the stored login was rejected (expired, revoked,
	// wrong password, refreshed sandbox). oauth.ErrNeedsReauth also counts.
	ErrNeedsReauth = errors.New("the login was rejected")
	// ErrOrgChangePending means a re-authentication reached another
	// Salesforce org and the admin has not yet chosen to re-match or reset
	// the links.
	ErrOrgChangePending = errors.New("the Salesforce org changed and the links wait for a decision")
	// ErrNoPendingLogin means CompletePasted was called with no login
	// waiting for a pasted code.
	ErrNoPendingLogin = errors.New("no login is waiting for a pasted code")
	// ErrUnknownConnection means a connection id other than "salesforce",
	// "clarizen1" or "clarizen2".
	ErrUnknownConnection = errors.New("unknown connection id")
)

// Error codes the frontend branches on (Error.ErrorCode).
const (
	CodeKeychainUnavailable = "keychain_unavailable"
	CodeCallbackPortBusy    = "callback_port_busy"
	CodeNeedsReauth         = "needs_reauth"
	CodeNotConnected        = "not_connected"
	CodeOrgChangePending    = "org_change_pending"
	CodeStateMismatch       = "oauth_state_mismatch"
	CodeLoginFailed         = "login_failed"
	CodeInvalidInput        = "invalid_input"
	CodeFailed              = "connection_failed"
)

// Error is a failed connection operation. It carries the operation, the
// connection id and a stable code, and never a secret: the clients below
// redact tokens, passwords and session ids from their own errors.
type Error struct {
	Op         string // "connect", "complete login", "disconnect", ...
	Connection string // "salesforce", "clarizen1", "clarizen2"
	// Environment is the environment a failed login chose (production,
	// sandbox or mydomain), or empty.
	Environment string
	Err         error
}

// Error names the connection as the Connections screen does ("Clarizen
// instance 1"); logs carry the id.
func (e *Error) Error() string {
	if e.Op == opGetClient && errors.Is(e.Err, ErrNotConnected) {
		return notConnectedMessage(e.Connection)
	}
	return fmt.Sprintf("%s %s: %v", e.Op, DisplayName(e.Connection), e.Err)
}

// DisplayName returns the name the Connections screen gives connection
// id: "Salesforce", "Clarizen instance 1" or "Clarizen instance 2". Other
// ids are returned unchanged.
func DisplayName(id string) string {
	switch id {
	case Salesforce:
		return "Salesforce"
	case Clarizen1:
		return "Clarizen instance 1"
	case Clarizen2:
		return "Clarizen instance 2"
	}
	return id
}

// opGetClient is the operation of SalesforceClient and ClarizenClient.
const opGetClient = "get client of"

// notConnectedMessage names the connection whose client the engine asked
// for and the two fixes, because the sync shows it as a plan warning.
func notConnectedMessage(id string) string {
	if id == Salesforce {
		return "Salesforce is not connected: connect it on the Connections screen, or disable its mappings"
	}
	return fmt.Sprintf("%s is not connected: connect it on the Connections screen, or disable its mappings", DisplayName(id))
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable code of the underlying failure.
func (e *Error) ErrorCode() string {
	var busy *PortBusyError
	switch {
	case errors.As(e.Err, &busy):
		return CodeCallbackPortBusy
	case errors.Is(e.Err, secrets.ErrUnavailable):
		return CodeKeychainUnavailable
	case errors.Is(e.Err, ErrOrgChangePending):
		return CodeOrgChangePending
	case errors.Is(e.Err, ErrNotConnected), errors.Is(e.Err, ErrNoPendingLogin):
		return CodeNotConnected
	case errors.Is(e.Err, oauth.ErrStateMismatch):
		return CodeStateMismatch
	case isAuthFailure(e.Err) && e.Op == "connect":
		return CodeLoginFailed
	case isAuthFailure(e.Err):
		return CodeNeedsReauth
	case errors.Is(e.Err, ErrUnknownConnection), errors.Is(e.Err, errInvalidInput):
		return CodeInvalidInput
	}
	var te *oauth.TokenError
	var ae *oauth.AuthorizeError
	if errors.As(e.Err, &te) || errors.As(e.Err, &ae) {
		return CodeLoginFailed
	}
	return CodeFailed
}

// ErrorHint returns the user's next step.
func (e *Error) ErrorHint() string {
	switch e.ErrorCode() {
	case CodeKeychainUnavailable:
		return "Start and unlock your system keychain (GNOME Keyring or KeePassXC on Linux), then connect again."
	case CodeCallbackPortBusy:
		return "Log in on the page that opened, then paste the address your browser ends on (or just its code) to finish."
	case CodeNeedsReauth:
		return "Log in again on the Connections screen."
	case CodeNotConnected:
		return "Connect it on the Connections screen."
	case CodeOrgChangePending:
		return "Choose on the Connections screen whether to re-match the existing links by key fields or reset them."
	case CodeStateMismatch:
		return "The answer did not come from the login Liaison started. Start the login again."
	case CodeLoginFailed:
		return e.loginHint()
	}
	return ""
}

// loginHint names the choices of the login form that the failed login
// used. A Clarizen login that the instance rejected may have gone to the
// wrong environment, because production and sandbox instances have
// separate users and API keys.
func (e *Error) loginHint() string {
	if e.Connection == Salesforce {
		return "Check that Production, Sandbox or My Domain matches your org, and that the connected app's " +
			"consumer key in Settings is right, then connect again."
	}
	hint := "Check the environment (Production or Sandbox), the user name and password or the API key, then connect again."
	if !isAuthFailure(e.Err) {
		return hint
	}
	switch e.Environment {
	case EnvProduction:
		hint += " If this is a sandbox instance, choose Sandbox."
	case EnvSandbox:
		hint += " If this is a production instance, choose Production."
	}
	return hint
}

// errInvalidInput marks errors about the caller's input.
var errInvalidInput = errors.New("invalid input")

func invalidInput(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errInvalidInput}, args...)...)
}

// PortBusyError means the fixed loopback callback port is taken by another
// program. The login has started anyway: the authorize page was opened (or
// can be opened again at AuthURL), and CompletePasted finishes it with the
// address the browser ends on.
type PortBusyError struct {
	Addr    string
	AuthURL string
	Err     error
}

func (e *PortBusyError) Error() string {
	return fmt.Sprintf("the login callback port %s is in use by another program; close that program and connect again, "+
		"or log in on the page that opened and paste the address your browser ends on", e.Addr)
}

func (e *PortBusyError) Unwrap() error { return e.Err }

// isAuthFailure reports whether err means that the stored login no longer
// works and only the admin can fix it.
func isAuthFailure(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrNeedsReauth) || errors.Is(err, oauth.ErrNeedsReauth) {
		return true
	}
	var ce *clarizen.Error
	if errors.As(err, &ce) {
		return ce.Class() == clarizen.Auth
	}
	// A 401 that outlived the client's one refresh and replay.
	var se *salesforce.Error
	return errors.As(err, &se) && se.Class() == salesforce.Auth
}

// isCanceled reports whether err comes from the caller giving up.
func isCanceled(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
