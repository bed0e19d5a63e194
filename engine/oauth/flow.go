package oauth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/oauth2"
)

// Flow runs the OAuth 2.0 web-server flow with PKCE for one connection.
type Flow struct {
	cfg    Config
	opener Opener
}

// NewFlow returns a Flow that shows the authorize page through opener.
func NewFlow(cfg Config, opener Opener) (*Flow, error) {
	cfg = cfg.withDefaults()
	if _, err := cfg.oauth2Config(""); err != nil {
		return nil, err
	}
	if opener == nil {
		opener = SystemBrowser{}
	}
	return &Flow{cfg: cfg, opener: opener}, nil
}

// Login opens the authorize page, waits on the loopback callback for the
// code, and exchanges it for tokens. The listener lives only until the
// callback arrives or ctx ends. When the callback port is taken, Login
// returns a *PortBusyError whose Attempt serves the paste fallback.
func (f *Flow) Login(ctx context.Context) (Token, error) {
	ln, err := listenCallback(f.cfg.CallbackAddr)
	if err != nil {
		var busy *PortBusyError
		if errors.As(err, &busy) {
			attempt, aerr := f.Begin()
			if aerr != nil {
				return Token{}, aerr
			}
			busy.Attempt = attempt
		}
		return Token{}, err
	}
	attempt, err := f.begin(ln.redirectURI(f.cfg.CallbackPath))
	if err != nil {
		ln.close()
		return Token{}, err
	}
	results := ln.serve(f.cfg.CallbackPath, attempt.state)
	defer ln.close()

	f.cfg.Logger.Info("oauth login started", "callback", ln.addr())
	// The opener runs beside the wait, because an opener may not return
	// while the browser it started runs (xdg-open when no browser was
	// running). The callback or a cancelled ctx then still ends the login.
	opened := make(chan error, 1)
	go func() { opened <- f.opener.OpenURL(ctx, attempt.AuthURL()) }()

	for {
		select {
		case <-ctx.Done():
			return Token{}, fmt.Errorf("wait for oauth callback: %w", ctx.Err())
		case err := <-opened:
			if err != nil {
				return Token{}, fmt.Errorf("show authorize page: %w", err)
			}
			// A nil channel blocks, so the loop waits for the other cases.
			opened = nil
		case res := <-results:
			if res.err != nil {
				return Token{}, res.err
			}
			return attempt.exchange(ctx, res.code)
		}
	}
}

// Begin prepares a login whose redirect URI is the configured callback
// address, for the paste fallback: show AuthURL, then call Complete.
func (f *Flow) Begin() (*Attempt, error) {
	return f.begin("http://" + f.cfg.CallbackAddr + f.cfg.CallbackPath)
}

func (f *Flow) begin(redirectURI string) (*Attempt, error) {
	oc, err := f.cfg.oauth2Config(redirectURI)
	if err != nil {
		return nil, err
	}
	state, err := randomState()
	if err != nil {
		return nil, err
	}
	return &Attempt{
		cfg:      f.cfg,
		oauth:    oc,
		state:    state,
		verifier: oauth2.GenerateVerifier(),
	}, nil
}

// Attempt is one login in progress: its state, PKCE verifier and redirect
// URI. Each attempt is used for one exchange.
type Attempt struct {
	cfg      Config
	oauth    *oauth2.Config
	state    string
	verifier string
}

// AuthURL returns the authorize page URL with state and the S256 challenge.
func (a *Attempt) AuthURL() string {
	return a.oauth.AuthCodeURL(a.state, oauth2.S256ChallengeOption(a.verifier))
}

// RedirectURI returns the callback URL this attempt registered.
func (a *Attempt) RedirectURI() string { return a.oauth.RedirectURL }

// Complete finishes a login from what the user pasted: the whole callback
// URL (its state is checked) or only the code (nothing to check it against,
// so it is trusted as the user copied it).
func (a *Attempt) Complete(ctx context.Context, pasted string) (Token, error) {
	code, err := a.codeFromPaste(strings.TrimSpace(pasted))
	if err != nil {
		return Token{}, err
	}
	return a.exchange(ctx, code)
}

func (a *Attempt) codeFromPaste(pasted string) (string, error) {
	if pasted == "" {
		return "", fmt.Errorf("complete login: the pasted text is empty; paste the address the browser shows after approving")
	}
	if !strings.Contains(pasted, "?") && !strings.Contains(pasted, "://") {
		code, err := url.QueryUnescape(pasted)
		if err != nil {
			return "", fmt.Errorf("complete login: invalid code: %w", err)
		}
		return code, nil
	}
	u, err := url.Parse(pasted)
	if err != nil {
		return "", fmt.Errorf("complete login: invalid callback URL: %w", err)
	}
	return a.codeFromQuery(u.Query())
}

// codeFromQuery checks a callback's query and returns its code.
func (a *Attempt) codeFromQuery(q url.Values) (string, error) {
	if e := q.Get("error"); e != "" {
		return "", &AuthorizeError{Code: e, Description: q.Get("error_description")}
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(a.state)) != 1 {
		return "", ErrStateMismatch
	}
	code := q.Get("code")
	if code == "" {
		return "", fmt.Errorf("complete login: the callback has no code parameter")
	}
	return code, nil
}

// exchange trades the code and PKCE verifier for tokens.
func (a *Attempt) exchange(ctx context.Context, code string) (Token, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, a.cfg.HTTPClient)
	ot, err := a.oauth.Exchange(ctx, code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		return Token{}, tokenEndpointError(opExchange, err)
	}
	tok, err := tokenFromOAuth2(ot)
	if err != nil {
		return Token{}, fmt.Errorf("%s: %w", opExchange, err)
	}
	if tok.InstanceURL == "" {
		return Token{}, fmt.Errorf("%s: the token response has no instance_url", opExchange)
	}
	a.cfg.Logger.Info("oauth login completed", "token", tok)
	return tok, nil
}

func randomState() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate oauth state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
