package oauth

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/oauth2"

	"github.com/liaison-sync/liaison/engine/logging"
)

// TokenStore persists tokens; the keychain package implements it. SaveToken
// must be durable when it returns, because with refresh-token rotation the
// previous refresh token is already void.
type TokenStore interface {
	SaveToken(ctx context.Context, t Token) error
}

// TokenStoreFunc adapts a function to TokenStore.
type TokenStoreFunc func(ctx context.Context, t Token) error

// SaveToken calls f.
func (f TokenStoreFunc) SaveToken(ctx context.Context, t Token) error { return f(ctx, t) }

// TokenSource hands out the current access token and refreshes it one
// request at a time. Concurrent callers that need a refresh wait for the
// one in flight and share its result. Salesforce rejects parallel
// refreshes of one refresh token, and rotation makes each refresh token
// single-use.
type TokenSource struct {
	cfg   Config
	store TokenStore

	mu        sync.Mutex
	tok       Token
	unsaved   bool         // tok came from a refresh whose save failed
	inflight  *refreshCall // non-nil while a refresh runs
	reauthErr error        // sticky once the refresh token is dead
	refreshes int
}

type refreshCall struct {
	done chan struct{}
	tok  Token
	err  error
}

// NewTokenSource starts from a stored or freshly exchanged token. store may
// be nil when nothing needs persisting (tests of other packages).
func NewTokenSource(cfg Config, tok Token, store TokenStore) *TokenSource {
	return &TokenSource{cfg: cfg.withDefaults(), tok: tok, store: store}
}

// Token returns a usable access token, refreshing first when there is none
// or its known expiry has passed.
func (s *TokenSource) Token(ctx context.Context) (Token, error) {
	s.mu.Lock()
	switch {
	case s.reauthErr != nil:
		err := s.reauthErr
		s.mu.Unlock()
		return Token{}, err
	case s.inflight != nil:
		call := s.inflight
		s.mu.Unlock()
		return wait(ctx, call)
	case s.unsaved:
		s.mu.Unlock()
		return s.retrySave(ctx)
	case s.tok.AccessToken != "" && !s.tok.expired(s.cfg.Now()):
		tok := s.tok
		s.mu.Unlock()
		return tok, nil
	}
	call := s.startRefreshLocked(ctx)
	s.mu.Unlock()
	return wait(ctx, call)
}

// Refresh replaces stale, an access token the server rejected. If another
// caller already replaced it, the current token is returned without a new
// request. If a refresh is in flight, Refresh waits for it.
func (s *TokenSource) Refresh(ctx context.Context, stale Token) (Token, error) {
	s.mu.Lock()
	switch {
	case s.reauthErr != nil:
		err := s.reauthErr
		s.mu.Unlock()
		return Token{}, err
	case s.inflight != nil:
		call := s.inflight
		s.mu.Unlock()
		return wait(ctx, call)
	case s.unsaved:
		s.mu.Unlock()
		return s.retrySave(ctx)
	case s.tok.AccessToken != "" && s.tok.AccessToken != stale.AccessToken:
		tok := s.tok
		s.mu.Unlock()
		return tok, nil
	}
	call := s.startRefreshLocked(ctx)
	s.mu.Unlock()
	return wait(ctx, call)
}

// Current returns the token held now, without refreshing.
func (s *TokenSource) Current() Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok
}

// Refreshes returns how many refresh requests this source has sent.
func (s *TokenSource) Refreshes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes
}

func wait(ctx context.Context, call *refreshCall) (Token, error) {
	select {
	case <-call.done:
		return call.tok, call.err
	case <-ctx.Done():
		return Token{}, fmt.Errorf("wait for token refresh: %w", ctx.Err())
	}
}

// startRefreshLocked starts a refresh; the caller holds s.mu and has
// checked that none is in flight. The request runs detached from ctx (bounded by RefreshTimeout) so that a
// caller giving up cannot cut off a rotation halfway.
func (s *TokenSource) startRefreshLocked(ctx context.Context) *refreshCall {
	call := &refreshCall{done: make(chan struct{})}
	s.inflight = call
	s.refreshes++
	old := s.tok
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.RefreshTimeout)
	go func() {
		defer cancel()
		tok, err := s.refresh(rctx, old)
		s.mu.Lock()
		s.inflight = nil
		call.tok, call.err = tok, err
		s.mu.Unlock()
		close(call.done)
	}()
	return call
}

// refresh sends the refresh request, saves the result and only then makes
// it current.
func (s *TokenSource) refresh(ctx context.Context, old Token) (Token, error) {
	log := s.cfg.Logger.With("org_id", old.OrgID, "user_id", old.UserID)
	if old.RefreshToken == "" {
		err := fmt.Errorf("%s: no refresh token stored: %w", opRefresh, ErrNeedsReauth)
		s.setReauth(err)
		return Token{}, err
	}
	oc, err := s.cfg.oauth2Config("")
	if err != nil {
		return Token{}, err
	}
	log.Info("oauth token refresh started")
	ctx = context.WithValue(ctx, oauth2.HTTPClient, s.cfg.HTTPClient)
	ot, err := oc.TokenSource(ctx, &oauth2.Token{RefreshToken: old.RefreshToken.Reveal()}).Token()
	if err != nil {
		err = tokenEndpointError(opRefresh, err)
		if errors.Is(err, ErrNeedsReauth) {
			s.setReauth(err)
		}
		log.Warn("oauth token refresh failed", logging.KeyError, err)
		return Token{}, err
	}
	tok, err := tokenFromOAuth2(ot)
	if err != nil {
		return Token{}, fmt.Errorf("%s: %w", opRefresh, err)
	}
	tok = keepIdentity(tok, old)
	rotated := tok.RefreshToken != old.RefreshToken

	// Save before anyone can use the new access token: with rotation the
	// old refresh token is void now, and a crash after use but before the
	// save would strand the connection.
	s.mu.Lock()
	s.tok = tok
	s.unsaved = true
	s.mu.Unlock()
	if err := s.save(ctx, tok); err != nil {
		log.Error("save refreshed oauth token failed", logging.KeyError, err, "rotated", rotated)
		return Token{}, err
	}
	log.Info("oauth token refreshed", "rotated", rotated)
	return tok, nil
}

// keepIdentity fills what a refresh response may omit from the old token.
func keepIdentity(tok, old Token) Token {
	if tok.RefreshToken == "" {
		tok.RefreshToken = old.RefreshToken
	}
	if tok.InstanceURL == "" {
		tok.InstanceURL = old.InstanceURL
	}
	if tok.IdentityURL == "" {
		tok.IdentityURL, tok.OrgID, tok.UserID = old.IdentityURL, old.OrgID, old.UserID
	}
	if tok.Scope == "" {
		tok.Scope = old.Scope
	}
	return tok
}

func (s *TokenSource) save(ctx context.Context, tok Token) error {
	if s.store != nil {
		if err := s.store.SaveToken(ctx, tok); err != nil {
			return fmt.Errorf("save refreshed token: %w", err)
		}
	}
	s.mu.Lock()
	if s.tok.AccessToken == tok.AccessToken {
		s.unsaved = false
	}
	s.mu.Unlock()
	return nil
}

// retrySave repeats a failed save; the token is handed out only once saved.
func (s *TokenSource) retrySave(ctx context.Context) (Token, error) {
	tok := s.Current()
	if err := s.save(ctx, tok); err != nil {
		return Token{}, err
	}
	return tok, nil
}

func (s *TokenSource) setReauth(err error) {
	s.mu.Lock()
	s.reauthErr = err
	s.mu.Unlock()
}
