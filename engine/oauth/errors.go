package oauth

import (
	"errors"
	"fmt"

	"golang.org/x/oauth2"
)

// ErrNeedsReauth means the refresh token is expired, revoked or belongs to
// an org that no longer exists (a refreshed sandbox). Retrying cannot help:
// the admin must log in again.
var ErrNeedsReauth = errors.New("salesforce connection needs re-authentication")

// ErrStateMismatch means a callback carried a state other than the one this
// login sent, so its code is not used.
var ErrStateMismatch = errors.New("oauth callback state does not match the login request")

// PortBusyError is returned by Flow.Login when the callback port is taken
// by another program. Attempt is ready for the paste fallback: open
// Attempt.AuthURL() in a browser, then pass the URL the browser ends on (or
// just its code) to Attempt.Complete.
type PortBusyError struct {
	Addr    string
	Attempt *Attempt
	Err     error
}

func (e *PortBusyError) Error() string {
	return fmt.Sprintf("listen for oauth callback on %s: port is in use; close the program using it, or paste the callback URL from the browser instead", e.Addr)
}

func (e *PortBusyError) Unwrap() error { return e.Err }

// AuthorizeError is an error the authorize page sent back through the
// callback, such as access_denied when the user declines.
type AuthorizeError struct {
	Code        string
	Description string
}

func (e *AuthorizeError) Error() string {
	if e.Description == "" {
		return fmt.Sprintf("authorize Liaison: %s", e.Code)
	}
	return fmt.Sprintf("authorize Liaison: %s: %s", e.Code, e.Description)
}

// TokenError is an error response of the token or revoke endpoint. It holds
// the OAuth error code and description but never the request or response
// body, which may contain tokens.
type TokenError struct {
	Op          string // "exchange code", "refresh access token", "revoke token"
	Status      int
	Code        string // invalid_grant, invalid_request, invalid_client, ...
	Description string
}

func (e *TokenError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %d", e.Op, e.Status)
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}

// Is makes errors.Is(err, ErrNeedsReauth) true for a refresh rejected with
// invalid_grant.
func (e *TokenError) Is(target error) bool {
	return target == ErrNeedsReauth && e.Op == opRefresh && e.Code == "invalid_grant"
}

const (
	opExchange = "exchange code"
	opRefresh  = "refresh access token"
	opRevoke   = "revoke token"
)

// tokenEndpointError turns an x/oauth2 error into a TokenError without the
// response body. Other errors (network, context) are wrapped as they are.
func tokenEndpointError(op string, err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		te := &TokenError{Op: op, Code: re.ErrorCode, Description: re.ErrorDescription}
		if re.Response != nil {
			te.Status = re.Response.StatusCode
		}
		return te
	}
	return fmt.Errorf("%s: %w", op, err)
}
