package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/store"
)

// Disconnect ends a connection. For Salesforce it revokes the refresh
// token, which also voids its access tokens. For Clarizen it logs the
// session out. Then it deletes every secret of the connection from the
// keychain and marks it disconnected, which pauses its mappings. The row
// keeps the non-secret part, so that links and the org id survive a later
// reconnect.
//
// When the revoke fails, the secrets are deleted all the same and the
// error says so; when the keychain cannot delete them, nothing changes.
func (m *Manager) Disconnect(ctx context.Context, id string) error {
	const op = "disconnect"
	if err := checkConnectionID(id); err != nil {
		return wrap(op, id, err)
	}
	c, err := m.db.Connection(ctx, id)
	hadRow := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return wrap(op, id, err)
	}

	var revokeErr error
	if id == Salesforce {
		m.CancelLogin()
		if hadRow {
			revokeErr = m.revokeSalesforce(ctx, c)
		}
		m.dropSalesforce()
	} else {
		if hadRow {
			m.logoutClarizen(ctx, c)
		}
		m.dropClarizen(id)
	}

	if err := secrets.DeleteConnection(ctx, m.secrets, id); err != nil {
		return wrap(op, id, fmt.Errorf("delete secrets: %w", err))
	}
	if hadRow {
		if err := m.setState(ctx, id, StateDisconnected, ""); err != nil {
			return wrap(op, id, err)
		}
	}
	m.log.Info("connection disconnected", slog.String(logging.KeyConnection, id), slog.Bool("revoked", revokeErr == nil))
	if revokeErr != nil {
		return wrap(op, id, fmt.Errorf("%w; the tokens were deleted from this computer, "+
			"so remove Liaison's access under Connected Apps OAuth Usage in Salesforce Setup", revokeErr))
	}
	return nil
}

// revokeSalesforce revokes the stored refresh token, or the access token
// when no refresh token is stored. A token the server reports as invalid
// counts as revoked.
func (m *Manager) revokeSalesforce(ctx context.Context, c store.Connection) error {
	token, err := m.secrets.Get(ctx, Salesforce, secrets.RefreshToken)
	if errors.Is(err, secrets.ErrNotFound) {
		token, err = m.secrets.Get(ctx, Salesforce, secrets.AccessToken)
	}
	if errors.Is(err, secrets.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read token to revoke: %w", err)
	}
	return oauth.Revoke(ctx, m.oauthConfig(c.LoginURL), oauth.Secret(token))
}

// logoutClarizen ends the stored session; a failure is logged, because the
// session ends by itself after its idle timeout.
func (m *Manager) logoutClarizen(ctx context.Context, c store.Connection) {
	if c.AuthMethod != AuthPassword {
		return
	}
	m.mu.Lock()
	client := m.cz[c.ID]
	gen := m.czGen[c.ID]
	m.mu.Unlock()
	if client == nil {
		// Only a stored session needs ending; without one Connect would
		// log in just to log out.
		if s, err := m.secrets.Get(ctx, c.ID, secrets.SessionID); err != nil || s == "" {
			return
		}
		var err error
		if client, err = m.newClarizenClient(ctx, c, gen); err != nil {
			m.log.Warn("log out of clarizen failed", slog.String(logging.KeyConnection, c.ID), slog.Any(logging.KeyError, err))
			return
		}
		// With a stored session and data centre, Connect adopts the session
		// without a request.
		if err := client.Connect(ctx); err != nil {
			m.log.Warn("log out of clarizen failed", slog.String(logging.KeyConnection, c.ID), slog.Any(logging.KeyError, err))
			return
		}
	}
	if err := client.Logout(ctx); err != nil {
		m.log.Warn("log out of clarizen failed", slog.String(logging.KeyConnection, c.ID), slog.Any(logging.KeyError, err))
	}
}
