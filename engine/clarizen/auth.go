package clarizen

import (
	"context"
	"errors"
	"net/http"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// Connect runs discovery and login now instead of on the first call, so
// that a connection screen can report bad credentials at once.
func (c *Client) Connect(ctx context.Context) error {
	_, err := c.auth.current(ctx)
	return err
}

// ServerDefinition returns the data centre found by discovery (or given in
// Options), for display. It is empty before the first call.
func (c *Client) ServerDefinition() ServerDefinition {
	c.auth.mu.Lock()
	defer c.auth.mu.Unlock()
	return c.auth.server
}

// Session returns the current session; it is empty with an API key and
// before login.
func (c *Client) Session() Session {
	c.auth.mu.Lock()
	defer c.auth.mu.Unlock()
	return c.auth.session
}

// SessionInfo describes the logged-in user and organisation.
type SessionInfo struct {
	UserID         string
	OrganizationID string
	LicenseType    string
	CustomInfo     map[string]any
}

// SessionInfo calls authentication/getSessionInfo.
func (c *Client) SessionInfo(ctx context.Context) (SessionInfo, error) {
	var info api.SessionInfo
	if err := c.get(ctx, "get session info", "", "authentication/getSessionInfo", nil, &info); err != nil {
		return SessionInfo{}, err
	}
	out := SessionInfo{
		UserID:         info.UserID,
		OrganizationID: info.OrganizationID,
		LicenseType:    info.LicenseType,
	}
	if len(info.CustomInfo) > 0 {
		out.CustomInfo = make(map[string]any, len(info.CustomInfo))
		for _, fv := range info.CustomInfo {
			out.CustomInfo[fv.FieldName] = fv.Value
		}
	}
	return out, nil
}

// Logout ends the session. With an API key there is no session and Logout
// does nothing. The next call after Logout logs in again.
func (c *Client) Logout(ctx context.Context) error {
	state, ready := c.auth.snapshot()
	if !ready || state.apiKey {
		return nil
	}
	r := &request{
		op:            "logout",
		method:        http.MethodGet,
		path:          "authentication/logout",
		idempotent:    true,
		authorization: state.header,
	}
	// Sent below the session sender: a timed-out session needs no re-login
	// only to be ended.
	_, err := c.auth.next.send(ctx, r)
	c.auth.forget()
	if err != nil && !errors.Is(err, ErrSessionTimeout) {
		return err
	}
	return nil
}
