package oauth

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Token is the grant of a Salesforce token response, plus the ids parsed
// from its identity URL.
type Token struct {
	AccessToken  Secret
	RefreshToken Secret
	// InstanceURL is the org's REST base (https://<domain>.my.salesforce.com);
	// every REST call goes there, never to the login host.
	InstanceURL string
	// IdentityURL is the token response's "id": <login host>/id/<orgId>/<userId>.
	IdentityURL string
	OrgID       string
	UserID      string
	Scope       string
	IssuedAt    time.Time
	// Expiry is zero when unknown. Salesforce normally sends no expires_in,
	// so an expired access token shows up as a 401 INVALID_SESSION_ID.
	Expiry time.Time
}

// String describes the token without its secrets.
func (t Token) String() string {
	return fmt.Sprintf("oauth.Token{org=%s user=%s instance=%s access=%s refresh=%s}",
		t.OrgID, t.UserID, t.InstanceURL, t.AccessToken, t.RefreshToken)
}

// GoString keeps %#v from printing the secrets.
func (t Token) GoString() string { return t.String() }

// LogValue implements slog.LogValuer with the non-secret parts only.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("org_id", t.OrgID),
		slog.String("user_id", t.UserID),
		slog.String("instance_url", t.InstanceURL),
		slog.Bool("has_refresh_token", t.RefreshToken != ""),
	)
}

// expired reports whether a known expiry has passed, with a small margin
// so that a request does not leave with a token about to die.
func (t Token) expired(now time.Time) bool {
	if t.Expiry.IsZero() {
		return false
	}
	return !now.Add(30 * time.Second).Before(t.Expiry)
}

// storedToken is the storage form of Token, with the secrets in clear.
type storedToken struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token"`
	InstanceURL  string    `json:"instance_url"`
	IdentityURL  string    `json:"id"`
	OrgID        string    `json:"org_id"`
	UserID       string    `json:"user_id"`
	Scope        string    `json:"scope,omitempty"`
	IssuedAt     time.Time `json:"issued_at"`
	Expiry       time.Time `json:"expiry"`
}

// EncodeToken serializes t with its secrets in clear, for a secret store
// such as the OS keychain. Never log or write the result anywhere else.
func EncodeToken(t Token) ([]byte, error) {
	return json.Marshal(storedToken{
		AccessToken:  t.AccessToken.Reveal(),
		RefreshToken: t.RefreshToken.Reveal(),
		InstanceURL:  t.InstanceURL,
		IdentityURL:  t.IdentityURL,
		OrgID:        t.OrgID,
		UserID:       t.UserID,
		Scope:        t.Scope,
		IssuedAt:     t.IssuedAt,
		Expiry:       t.Expiry,
	})
}

// DecodeToken reverses EncodeToken.
func DecodeToken(data []byte) (Token, error) {
	var s storedToken
	if err := json.Unmarshal(data, &s); err != nil {
		// The JSON error may quote the input, which holds secrets.
		return Token{}, fmt.Errorf("decode stored token: invalid JSON")
	}
	return Token{
		AccessToken:  Secret(s.AccessToken),
		RefreshToken: Secret(s.RefreshToken),
		InstanceURL:  s.InstanceURL,
		IdentityURL:  s.IdentityURL,
		OrgID:        s.OrgID,
		UserID:       s.UserID,
		Scope:        s.Scope,
		IssuedAt:     s.IssuedAt,
		Expiry:       s.Expiry,
	}, nil
}

// tokenFromOAuth2 reads the Salesforce-specific keys of a token response.
func tokenFromOAuth2(t *oauth2.Token) (Token, error) {
	tok := Token{
		AccessToken:  Secret(t.AccessToken),
		RefreshToken: Secret(t.RefreshToken),
		InstanceURL:  strings.TrimRight(extraString(t, "instance_url"), "/"),
		IdentityURL:  extraString(t, "id"),
		Scope:        extraString(t, "scope"),
		IssuedAt:     parseIssuedAt(extraString(t, "issued_at")),
		Expiry:       t.Expiry,
	}
	if tok.IdentityURL != "" {
		org, user, err := ParseIdentityURL(tok.IdentityURL)
		if err != nil {
			return Token{}, err
		}
		tok.OrgID, tok.UserID = org, user
	}
	return tok, nil
}

func extraString(t *oauth2.Token, key string) string {
	switch v := t.Extra(key).(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return ""
}

// parseIssuedAt accepts seconds or milliseconds since the epoch, because
// the documentation says seconds and real responses carry milliseconds.
func parseIssuedAt(s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}
	}
	if n > 1e11 {
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}

// ParseIdentityURL returns the org id and user id from an identity URL of
// the form <host>/id/<orgId>/<userId>.
func ParseIdentityURL(raw string) (orgID, userID string, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", fmt.Errorf("parse identity URL %q: %w", raw, err)
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	n := len(parts)
	if n < 3 || parts[n-3] != "id" || parts[n-2] == "" || parts[n-1] == "" {
		return "", "", fmt.Errorf("parse identity URL %q: expected a path ending in /id/<orgId>/<userId>", raw)
	}
	return parts[n-2], parts[n-1], nil
}
