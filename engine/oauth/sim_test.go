package oauth_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

// countingTransport counts requests to the token endpoint.
type countingTransport struct {
	tokenCalls atomic.Int64
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasSuffix(req.URL.Path, "/services/oauth2/token") {
		c.tokenCalls.Add(1)
	}
	return http.DefaultTransport.RoundTrip(req)
}

type harness struct {
	sim     *sfsim.Server
	cfg     oauth.Config
	counter *countingTransport
	logs    *bytes.Buffer
}

func newHarness(t *testing.T, opts sfsim.Options) *harness {
	t.Helper()
	sim, err := sfsim.New(opts)
	if err != nil {
		t.Fatalf("start sfsim: %v", err)
	}
	t.Cleanup(func() { sim.Close() })
	loginURL := sim.LoginURL()
	if opts.Sandbox {
		loginURL = sim.SandboxLoginURL()
	}
	counter := &countingTransport{}
	logs := &bytes.Buffer{}
	h := &harness{
		sim:     sim,
		counter: counter,
		logs:    logs,
		cfg: oauth.Config{
			ClientID:     sfsim.DefaultClientID,
			Host:         oauth.LoginHost{Kind: oauth.HostCustom, URL: loginURL},
			CallbackAddr: "127.0.0.1:0",
			HTTPClient:   &http.Client{Transport: counter},
			Logger:       slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, nil)),
		},
	}
	return h
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// browser acts as the user: it logs in on the simulator's authorize page,
// approves, and then lets the browser follow the redirect to the callback,
// after rewrite (if set) changed the callback URL.
func (h *harness) browser(rewrite func(*url.URL)) oauth.Opener {
	return oauth.OpenerFunc(func(ctx context.Context, authURL string) error {
		cb, err := h.sim.BrowserLogin(ctx, authURL, sfsim.DefaultUsername, sfsim.DefaultPassword)
		if err != nil {
			return err
		}
		u, err := url.Parse(cb)
		if err != nil {
			return err
		}
		if rewrite != nil {
			rewrite(u)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.Body.Close()
	})
}

func (h *harness) login(t *testing.T) oauth.Token {
	t.Helper()
	flow, err := oauth.NewFlow(h.cfg, h.browser(nil))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := flow.Login(context.Background())
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	return tok
}

// checkNoSecrets fails when a token appears in the captured logs.
func (h *harness) checkNoSecrets(t *testing.T, toks ...oauth.Token) {
	t.Helper()
	for _, tok := range toks {
		for _, s := range []oauth.Secret{tok.AccessToken, tok.RefreshToken} {
			if s != "" && strings.Contains(h.logs.String(), s.Reveal()) {
				t.Errorf("a token appears in the log output")
			}
		}
	}
}

func TestFlow_Login(t *testing.T) {
	tests := []struct {
		name    string
		sandbox bool
	}{
		{"production", false},
		{"sandbox", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, sfsim.Options{Seed: 1, Sandbox: tt.sandbox})
			tok := h.login(t)
			if tok.InstanceURL != h.sim.URL() {
				t.Errorf("InstanceURL = %q, want %q", tok.InstanceURL, h.sim.URL())
			}
			if tok.OrgID != h.sim.OrgID() {
				t.Errorf("OrgID = %q, want %q", tok.OrgID, h.sim.OrgID())
			}
			if tok.UserID == "" {
				t.Error("UserID is empty")
			}
			if tok.AccessToken == "" || tok.RefreshToken == "" {
				t.Error("the login returned no access or refresh token")
			}
			if tok.IssuedAt.IsZero() {
				t.Error("IssuedAt is zero")
			}
			h.checkNoSecrets(t, tok)
		})
	}
}

func TestFlow_Login_wrongState(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: 2})
	forge := func(u *url.URL) {
		q := u.Query()
		q.Set("state", "forged-state")
		u.RawQuery = q.Encode()
	}
	flow, err := oauth.NewFlow(h.cfg, h.browser(forge))
	if err != nil {
		t.Fatal(err)
	}
	calls := h.counter.tokenCalls.Load()
	_, err = flow.Login(context.Background())
	if !errors.Is(err, oauth.ErrStateMismatch) {
		t.Fatalf("Login err = %v, want ErrStateMismatch", err)
	}
	if got := h.counter.tokenCalls.Load() - calls; got != 0 {
		t.Errorf("token endpoint called %d times after a forged state, want 0", got)
	}
}

// An opener that does not return while its browser runs, as xdg-open does
// when it starts the first browser window, neither holds up the callback
// nor a cancel.
func TestFlow_Login_openerKeepsRunning(t *testing.T) {
	tests := []struct {
		name string
		// approve is true when the user approves the page, and false when
		// login is cancelled instead.
		approve bool
	}{
		{"callback arrives", true},
		{"cancel", false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, sfsim.Options{Seed: int64(20 + i)})
			release := make(chan struct{})
			defer close(release)
			authURLs := make(chan string, 1)
			opener := oauth.OpenerFunc(func(_ context.Context, authURL string) error {
				authURLs <- authURL
				<-release
				return nil
			})
			flow, err := oauth.NewFlow(h.cfg, opener)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			type result struct {
				tok oauth.Token
				err error
			}
			done := make(chan result, 1)
			go func() {
				tok, err := flow.Login(ctx)
				done <- result{tok, err}
			}()

			authURL := <-authURLs
			if tt.approve {
				if err := h.browser(nil).OpenURL(context.Background(), authURL); err != nil {
					t.Fatalf("approve the authorize page: %v", err)
				}
			} else {
				cancel()
			}
			res := <-done
			if !tt.approve {
				if !errors.Is(res.err, context.Canceled) {
					t.Errorf("Login err = %v, want context.Canceled", res.err)
				}
				return
			}
			if res.err != nil {
				t.Fatalf("Login: %v", res.err)
			}
			if res.tok.AccessToken == "" {
				t.Error("Login returned no access token")
			}
		})
	}
}

func TestFlow_Login_deniedWrongHost(t *testing.T) {
	// A sandbox org does not log in through the production host.
	h := newHarness(t, sfsim.Options{Seed: 3, Sandbox: true})
	h.cfg.Host = oauth.LoginHost{Kind: oauth.HostCustom, URL: h.sim.LoginURL()}
	flow, err := oauth.NewFlow(h.cfg, h.browser(nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := flow.Login(context.Background()); err == nil {
		t.Fatal("Login through the production host of a sandbox org succeeded")
	}
}

func TestAttempt_Complete(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: 4})
	// The paste fallback: nothing listens on the configured callback port.
	h.cfg.CallbackAddr = "127.0.0.1:1"
	flow, err := oauth.NewFlow(h.cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	t.Run("pasted callback URL", func(t *testing.T) {
		a, err := flow.Begin()
		if err != nil {
			t.Fatal(err)
		}
		cb, err := h.sim.BrowserLogin(ctx, a.AuthURL(), sfsim.DefaultUsername, sfsim.DefaultPassword)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := a.Complete(ctx, cb)
		if err != nil {
			t.Fatalf("Complete: %v", err)
		}
		if tok.OrgID != h.sim.OrgID() {
			t.Errorf("OrgID = %q, want %q", tok.OrgID, h.sim.OrgID())
		}
	})

	t.Run("PKCE mismatch", func(t *testing.T) {
		first, err := flow.Begin()
		if err != nil {
			t.Fatal(err)
		}
		second, err := flow.Begin()
		if err != nil {
			t.Fatal(err)
		}
		cb, err := h.sim.BrowserLogin(ctx, first.AuthURL(), sfsim.DefaultUsername, sfsim.DefaultPassword)
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(cb)
		if err != nil {
			t.Fatal(err)
		}
		// The code of the first login with the verifier of the second.
		_, err = second.Complete(ctx, u.Query().Get("code"))
		var te *oauth.TokenError
		if !errors.As(err, &te) {
			t.Fatalf("Complete err = %v, want *TokenError", err)
		}
		if te.Code != "invalid_request" {
			t.Errorf("Code = %q, want invalid_request", te.Code)
		}
		if errors.Is(err, oauth.ErrNeedsReauth) {
			t.Error("a failed exchange reports ErrNeedsReauth")
		}
	})

	t.Run("code used twice", func(t *testing.T) {
		a, err := flow.Begin()
		if err != nil {
			t.Fatal(err)
		}
		cb, err := h.sim.BrowserLogin(ctx, a.AuthURL(), sfsim.DefaultUsername, sfsim.DefaultPassword)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Complete(ctx, cb); err != nil {
			t.Fatal(err)
		}
		_, err = a.Complete(ctx, cb)
		var te *oauth.TokenError
		if !errors.As(err, &te) || te.Code != "invalid_grant" {
			t.Errorf("second Complete err = %v, want invalid_grant", err)
		}
	})
}

func TestTokenSource_Refresh(t *testing.T) {
	tests := []struct {
		name   string
		rotate bool
	}{
		{"without rotation", false},
		{"with rotation", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, sfsim.Options{Seed: 5, RotateRefreshTokens: tt.rotate})
			first := h.login(t)
			var saved []oauth.Token
			store := oauth.TokenStoreFunc(func(_ context.Context, tok oauth.Token) error {
				saved = append(saved, tok)
				return nil
			})
			src := oauth.NewTokenSource(h.cfg, first, store)
			got, err := src.Refresh(context.Background(), first)
			if err != nil {
				t.Fatalf("Refresh: %v", err)
			}
			if got.AccessToken == first.AccessToken {
				t.Error("Refresh returned the old access token")
			}
			if rotated := got.RefreshToken != first.RefreshToken; rotated != tt.rotate {
				t.Errorf("refresh token rotated = %v, want %v", rotated, tt.rotate)
			}
			if got.OrgID != first.OrgID || got.InstanceURL != first.InstanceURL {
				t.Errorf("identity changed: %v, want %v", got, first)
			}
			if len(saved) != 1 || saved[0].RefreshToken != got.RefreshToken || saved[0].AccessToken != got.AccessToken {
				t.Fatalf("saved %d tokens, want the refreshed one once", len(saved))
			}
			// A second source with the saved token must be able to refresh:
			// with rotation that proves the new refresh token was saved.
			again := oauth.NewTokenSource(h.cfg, saved[0], nil)
			if _, err := again.Refresh(context.Background(), saved[0]); err != nil {
				t.Errorf("refresh with the saved token: %v", err)
			}
			h.checkNoSecrets(t, first, got)
		})
	}
}

func TestTokenSource_Refresh_singleFlight(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: 6, RotateRefreshTokens: true})
	first := h.login(t)
	src := oauth.NewTokenSource(h.cfg, first, nil)
	before := h.counter.tokenCalls.Load()

	const callers = 20
	var wg sync.WaitGroup
	results := make([]oauth.Token, callers)
	errs := make([]error, callers)
	start := make(chan struct{})
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i], errs[i] = src.Refresh(context.Background(), first)
		}()
	}
	close(start)
	wg.Wait()

	for i := range callers {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if results[i].AccessToken != results[0].AccessToken {
			t.Errorf("caller %d got another access token", i)
		}
	}
	if got := h.counter.tokenCalls.Load() - before; got != 1 {
		t.Errorf("token endpoint called %d times, want 1", got)
	}
	if got := src.Refreshes(); got != 1 {
		t.Errorf("Refreshes = %d, want 1", got)
	}
}

func TestTokenSource_Refresh_invalidGrant(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: 7})
	tok := h.login(t)
	// The admin revokes the app's access in Salesforce.
	if err := oauth.Revoke(context.Background(), h.cfg, tok.RefreshToken); err != nil {
		t.Fatal(err)
	}
	src := oauth.NewTokenSource(h.cfg, tok, nil)
	_, err := src.Refresh(context.Background(), tok)
	if !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Fatalf("Refresh err = %v, want ErrNeedsReauth", err)
	}
	var te *oauth.TokenError
	if !errors.As(err, &te) || te.Code != "invalid_grant" {
		t.Errorf("err = %v, want a TokenError with invalid_grant", err)
	}
	calls := h.counter.tokenCalls.Load()
	if _, err := src.Token(context.Background()); !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Errorf("Token after invalid_grant: err = %v, want ErrNeedsReauth", err)
	}
	if got := h.counter.tokenCalls.Load() - calls; got != 0 {
		t.Errorf("token endpoint called %d more times after invalid_grant, want 0", got)
	}
	h.checkNoSecrets(t, tok)
}

func TestTokenSource_Revoke(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: 8})
	tok := h.login(t)
	src := oauth.NewTokenSource(h.cfg, tok, nil)
	if err := src.Revoke(context.Background()); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	if _, err := src.Token(context.Background()); !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Errorf("Token after Revoke: err = %v, want ErrNeedsReauth", err)
	}
	// The server no longer accepts the refresh token either.
	other := oauth.NewTokenSource(h.cfg, tok, nil)
	if _, err := other.Refresh(context.Background(), tok); !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Errorf("refresh with a revoked token: err = %v, want ErrNeedsReauth", err)
	}
	// Revoking again counts as done.
	if err := oauth.Revoke(context.Background(), h.cfg, tok.RefreshToken); err != nil {
		t.Errorf("second revoke: %v", err)
	}
}

func TestTokenSource_saveFailure(t *testing.T) {
	h := newHarness(t, sfsim.Options{Seed: 9, RotateRefreshTokens: true})
	first := h.login(t)
	var fail atomic.Bool
	fail.Store(true)
	var saved []oauth.Token
	store := oauth.TokenStoreFunc(func(_ context.Context, tok oauth.Token) error {
		if fail.Load() {
			return errors.New("keychain locked")
		}
		saved = append(saved, tok)
		return nil
	})
	src := oauth.NewTokenSource(h.cfg, first, store)

	if _, err := src.Refresh(context.Background(), first); err == nil || !strings.Contains(err.Error(), "keychain locked") {
		t.Fatalf("Refresh err = %v, want the save error", err)
	}
	if _, err := src.Token(context.Background()); err == nil {
		t.Fatal("Token handed out an unsaved token")
	}

	fail.Store(false)
	calls := h.counter.tokenCalls.Load()
	tok, err := src.Token(context.Background())
	if err != nil {
		t.Fatalf("Token after the keychain recovered: %v", err)
	}
	if len(saved) != 1 || saved[0].AccessToken != tok.AccessToken {
		t.Errorf("saved %d tokens, want the handed-out one", len(saved))
	}
	if got := h.counter.tokenCalls.Load() - calls; got != 0 {
		t.Errorf("token endpoint called %d times to recover, want 0 (the rotated token is kept)", got)
	}
}
