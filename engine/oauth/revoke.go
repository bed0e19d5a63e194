package oauth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Revoke revokes the source's refresh token (and with it every access
// token issued from it), or the access token when there is no refresh
// token. Afterwards the source returns ErrNeedsReauth.
func (s *TokenSource) Revoke(ctx context.Context) error {
	tok := s.Current()
	secret := tok.RefreshToken
	if secret == "" {
		secret = tok.AccessToken
	}
	if err := Revoke(ctx, s.cfg, secret); err != nil {
		return err
	}
	s.setReauth(fmt.Errorf("use revoked token: %w", ErrNeedsReauth))
	s.cfg.Logger.Info("oauth token revoked", "org_id", tok.OrgID, "user_id", tok.UserID)
	return nil
}

// Revoke sends token to the login host's revoke endpoint. The token travels in the
// form body, never in the URL, so that it stays out of proxy and server
// logs. A token the server reports as invalid counts as revoked already.
func Revoke(ctx context.Context, cfg Config, token Secret) error {
	cfg = cfg.withDefaults()
	if token == "" {
		return fmt.Errorf("%s: no token to revoke", opRevoke)
	}
	base, err := cfg.Host.BaseURL()
	if err != nil {
		return err
	}

	_, _, revokeURL := endpoints(base)
	form := url.Values{"token": {token.Reveal()}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, revokeURL, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("%s: %w", opRevoke, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")

	resp, err := cfg.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", opRevoke, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode == http.StatusOK {
		return nil
	}

	var oe struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(body, &oe)
	if oe.Error == "invalid_token" {
		return nil
	}
	return &TokenError{Op: opRevoke, Status: resp.StatusCode, Code: oe.Error, Description: oe.Description}
}
