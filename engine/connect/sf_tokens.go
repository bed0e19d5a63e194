package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/secrets"
)

// sfConn is the Salesforce token source in use. gen identifies the source
// across re-authentications and disconnects.
type sfConn struct {
	gen    uint64
	tokens *oauth.TokenSource
}

// oauthConfig returns the OAuth setup for a login host base URL.
func (m *Manager) oauthConfig(loginURL string) oauth.Config {
	return oauth.Config{
		ClientID:     m.ClientID(),
		ClientSecret: oauth.Secret(m.opts.ClientSecret),
		Host:         oauth.LoginHost{Kind: oauth.HostCustom, URL: loginURL},
		CallbackAddr: m.opts.CallbackAddr,
		CallbackPath: m.opts.CallbackPath,
		HTTPClient:   m.opts.HTTPClient,
		Logger:       m.log,
		Now:          m.now,
	}
}

// tokenSource returns the current Salesforce token source, loading the
// tokens from the keychain on first use.
func (m *Manager) tokenSource(ctx context.Context) (*sfConn, error) {
	m.mu.Lock()
	if m.sf != nil {
		conn := m.sf
		m.mu.Unlock()
		return conn, nil
	}
	gen := m.sfGen
	m.mu.Unlock()

	c, err := m.connection(ctx, Salesforce)
	if err != nil {
		return nil, err
	}
	refresh, err := m.secrets.Get(ctx, Salesforce, secrets.RefreshToken)
	if errors.Is(err, secrets.ErrNotFound) {
		return nil, fmt.Errorf("load salesforce tokens: no refresh token in the keychain: %w", ErrNeedsReauth)
	}
	if err != nil {
		return nil, fmt.Errorf("load salesforce tokens: %w", err)
	}
	access, err := m.secrets.Get(ctx, Salesforce, secrets.AccessToken)
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return nil, fmt.Errorf("load salesforce tokens: %w", err)
	}
	tok := oauth.Token{
		AccessToken:  oauth.Secret(access),
		RefreshToken: oauth.Secret(refresh),
		InstanceURL:  c.InstanceURL,
		OrgID:        c.OrgID,
		UserID:       c.UserID,
	}

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sf != nil {
		return m.sf, nil // another caller loaded them meanwhile
	}
	if m.sfGen != gen {
		return nil, fmt.Errorf("load salesforce tokens: the connection changed meanwhile; try again")
	}
	m.sf = &sfConn{gen: gen, tokens: oauth.NewTokenSource(m.oauthConfig(c.LoginURL), tok, m.tokenStore(gen))}
	return m.sf, nil
}

// tokenStore persists the tokens a source of generation gen refreshed.
// The refresh token is written first: with rotation the previous one is
// already void, and the source hands out the new access token only after
// this returns.
func (m *Manager) tokenStore(gen uint64) oauth.TokenStore {
	return oauth.TokenStoreFunc(func(ctx context.Context, t oauth.Token) error {
		m.tokenMu.Lock()
		defer m.tokenMu.Unlock()
		m.mu.Lock()
		current := m.sfGen == gen
		m.mu.Unlock()
		if !current {
			// A login or disconnect replaced this source; its tokens must
			// not overwrite the new ones.
			m.log.Info("refreshed salesforce token of a replaced login not saved")
			return nil
		}
		return m.writeTokens(ctx, t)
	})
}

// writeTokens stores both tokens in the keychain. The caller holds tokenMu.
func (m *Manager) writeTokens(ctx context.Context, t oauth.Token) error {
	if t.RefreshToken != "" {
		if err := m.secrets.Set(ctx, Salesforce, secrets.RefreshToken, t.RefreshToken.Reveal()); err != nil {
			return fmt.Errorf("store salesforce refresh token: %w", err)
		}
	}
	if err := m.secrets.Set(ctx, Salesforce, secrets.AccessToken, t.AccessToken.Reveal()); err != nil {
		return fmt.Errorf("store salesforce access token: %w", err)
	}
	return nil
}

// installTokens stores the tokens of a new login and makes them the
// current source. Clients handed out earlier use them from their next
// request on.
func (m *Manager) installTokens(ctx context.Context, loginURL string, t oauth.Token) error {
	m.tokenMu.Lock()
	defer m.tokenMu.Unlock()
	if err := m.writeTokens(ctx, t); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sfGen++
	m.sf = &sfConn{gen: m.sfGen, tokens: oauth.NewTokenSource(m.oauthConfig(loginURL), t, m.tokenStore(m.sfGen))}
	m.sfClient = nil
	return nil
}

// dropSalesforce discards the token source and client, so the next use
// loads from the store and the keychain again.
func (m *Manager) dropSalesforce() {
	m.tokenMu.Lock()
	defer m.tokenMu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sfGen++
	m.sf = nil
	m.sfClient = nil
}

// managedTokens is the token source every Salesforce client of the
// Manager uses. It delegates to the current login's source, and it marks
// the connection as needing re-authentication when that source reports the
// login rejected.
type managedTokens struct{ m *Manager }

func (t managedTokens) Token(ctx context.Context) (oauth.Token, error) {
	conn, err := t.m.tokenSource(ctx)
	if err != nil {
		t.m.tokenFailed(ctx, nil, err)
		return oauth.Token{}, err
	}
	tok, err := conn.tokens.Token(ctx)
	if err != nil {
		t.m.tokenFailed(ctx, conn, err)
	}
	return tok, err
}

func (t managedTokens) Refresh(ctx context.Context, stale oauth.Token) (oauth.Token, error) {
	conn, err := t.m.tokenSource(ctx)
	if err != nil {
		t.m.tokenFailed(ctx, nil, err)
		return oauth.Token{}, err
	}
	tok, err := conn.tokens.Refresh(ctx, stale)
	if err != nil {
		t.m.tokenFailed(ctx, conn, err)
	}
	return tok, err
}

// tokenFailed marks the connection as needing re-authentication when the
// current login (not one replaced meanwhile) was rejected.
func (m *Manager) tokenFailed(ctx context.Context, conn *sfConn, err error) {
	if !isAuthFailure(err) {
		return
	}
	if conn != nil {
		m.mu.Lock()
		current := m.sfGen == conn.gen
		m.mu.Unlock()
		if !current {
			return
		}
	}
	if serr := m.setState(context.WithoutCancel(ctx), Salesforce, StateNeedsReauth, err.Error()); serr != nil {
		m.log.Error("mark salesforce as needing re-authentication failed", slog.Any(logging.KeyError, serr))
	}
}
