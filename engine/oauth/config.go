package oauth

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Defaults for Config.
const (
	DefaultCallbackAddr   = "127.0.0.1:1717"
	DefaultCallbackPath   = "/oauth/callback"
	DefaultRefreshTimeout = time.Minute
)

// DefaultScopes requests REST access and a refresh token.
var DefaultScopes = []string{"api", "refresh_token"}

// Config is one connection's OAuth setup, shared by Flow and TokenSource.
type Config struct {
	// ClientID is the connected app's consumer key.
	ClientID string
	// ClientSecret stays empty for a public desktop client; it is sent only
	// when the connected app requires a secret for the web-server flow.
	ClientSecret Secret
	Host         LoginHost
	// CallbackAddr is the loopback address the callback listener binds. Its
	// port must match the connected app's callback URL exactly, so it is
	// fixed in production; tests use port 0.
	CallbackAddr string
	CallbackPath string
	Scopes       []string
	// HTTPClient sends token and revoke requests; nil means a client with a
	// 60-second timeout.
	HTTPClient *http.Client
	// RefreshTimeout bounds one refresh request. A refresh outlives the
	// context of the caller that started it, because cancelling it halfway
	// could lose a rotated refresh token.
	RefreshTimeout time.Duration
	Logger         *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.CallbackAddr == "" {
		c.CallbackAddr = DefaultCallbackAddr
	}
	if c.CallbackPath == "" {
		c.CallbackPath = DefaultCallbackPath
	}
	if !strings.HasPrefix(c.CallbackPath, "/") {
		c.CallbackPath = "/" + c.CallbackPath
	}
	if len(c.Scopes) == 0 {
		c.Scopes = DefaultScopes
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	if c.RefreshTimeout <= 0 {
		c.RefreshTimeout = DefaultRefreshTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// oauth2Config builds the x/oauth2 configuration for a redirect URI.
func (c Config) oauth2Config(redirectURI string) (*oauth2.Config, error) {
	if c.ClientID == "" {
		return nil, fmt.Errorf("configure oauth: missing client id")
	}
	base, err := c.Host.BaseURL()
	if err != nil {
		return nil, err
	}
	authURL, tokenURL, _ := endpoints(base)
	return &oauth2.Config{
		ClientID:     c.ClientID,
		ClientSecret: c.ClientSecret.Reveal(),
		Endpoint: oauth2.Endpoint{
			AuthURL:  authURL,
			TokenURL: tokenURL,
			// Parameters in the body: Salesforce accepts them, and the
			// auto-detect style would send a single-use code twice.
			AuthStyle: oauth2.AuthStyleInParams,
		},
		RedirectURL: redirectURI,
		Scopes:      c.Scopes,
	}, nil
}
