package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/store"
)

// SalesforceLogin is the login host choice of a Salesforce login.
type SalesforceLogin struct {
	// Environment is production, sandbox or mydomain.
	Environment string `json:"environment"`
	// MyDomainURL is the login URL for mydomain, such as
	// https://acme.my.salesforce.com; SSO users need it.
	MyDomainURL string `json:"myDomainUrl,omitempty"`
}

// SalesforceIdentity is who a Salesforce login reached, for display.
type SalesforceIdentity struct {
	Environment string `json:"environment"`
	LoginURL    string `json:"loginUrl"`
	InstanceURL string `json:"instanceUrl"`
	OrgID       string `json:"orgId"`
	OrgName     string `json:"orgName"`
	IsSandbox   bool   `json:"isSandbox"`
	UserID      string `json:"userId"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email"`
	// OrgChange is set when the login reached another org than the one the
	// existing links were made with; ResolveOrgChange settles it.
	OrgChange *OrgChange `json:"orgChange,omitempty"`
}

// pendingLogin is a login waiting for a pasted code because the callback
// port was busy.
type pendingLogin struct {
	attempt     *oauth.Attempt
	environment string
	loginURL    string
}

// ConnectSalesforce logs in to Salesforce. It opens the authorize page
// through the Browser and waits on the loopback callback, which listens
// only during this call. Then it checks the state, exchanges the code with
// the PKCE verifier, reads the identity, and stores the tokens in the
// keychain and the rest in the store. Connecting again replaces the tokens
// of the same connection.
//
// It waits until the callback arrives, ctx ends or CancelLogin is called. A
// new call cancels a login still waiting for its callback. When the
// callback port is busy it returns a *PortBusyError after opening the
// authorize page anyway, and CompletePasted finishes the same login.
func (m *Manager) ConnectSalesforce(ctx context.Context, login SalesforceLogin) (SalesforceIdentity, error) {
	ident, err := m.connectSalesforce(ctx, login)
	return ident, withEnvironment(err, login.Environment)
}

func (m *Manager) connectSalesforce(ctx context.Context, login SalesforceLogin) (SalesforceIdentity, error) {
	const op = "connect"
	if m.ClientID() == "" {
		return SalesforceIdentity{}, wrap(op, Salesforce, invalidInput("no connected app client id is configured"))
	}
	env, loginURL, err := m.salesforceLoginURL(login)
	if err != nil {
		return SalesforceIdentity{}, wrap(op, Salesforce, err)
	}
	if err := m.probeKeychain(ctx, Salesforce); err != nil {
		return SalesforceIdentity{}, wrap(op, Salesforce, err)
	}

	ctx, release := m.startLogin(ctx)
	defer release()

	flow, err := oauth.NewFlow(m.oauthConfig(loginURL), m.opts.Browser)
	if err != nil {
		return SalesforceIdentity{}, wrap(op, Salesforce, err)
	}
	m.log.Info("salesforce login started", slog.String("environment", env), slog.String("login_url", loginURL))
	tok, err := flow.Login(ctx)
	var busy *oauth.PortBusyError
	if errors.As(err, &busy) && busy.Attempt != nil {
		return SalesforceIdentity{}, wrap(op, Salesforce, m.startPasteLogin(ctx, busy, env, loginURL))
	}
	if err != nil {
		return SalesforceIdentity{}, wrap(op, Salesforce, err)
	}
	id, err := m.finishSalesforce(ctx, env, loginURL, tok)
	return id, wrap(op, Salesforce, err)
}

// ReauthenticateSalesforce logs in again with the environment and login URL
// stored for the connection, replacing its tokens. This is what a sandbox
// refresh requires.
func (m *Manager) ReauthenticateSalesforce(ctx context.Context) (SalesforceIdentity, error) {
	c, err := m.db.Connection(ctx, Salesforce)
	if errors.Is(err, store.ErrNotFound) {
		return SalesforceIdentity{}, wrap("re-authenticate", Salesforce, ErrNotConnected)
	}
	if err != nil {
		return SalesforceIdentity{}, wrap("re-authenticate", Salesforce, err)
	}
	login := SalesforceLogin{Environment: c.Environment}
	if c.Environment == EnvMyDomain {
		login.MyDomainURL = c.LoginURL
	}
	return m.ConnectSalesforce(ctx, login)
}

// CompletePasted finishes a login that ConnectSalesforce left waiting
// because the callback port was busy. pasted is the address the browser
// ended on (its state is checked) or only the code from it.
func (m *Manager) CompletePasted(ctx context.Context, pasted string) (SalesforceIdentity, error) {
	const op = "complete login"
	noPending := wrap(op, Salesforce, fmt.Errorf("%w: connect to Salesforce first", ErrNoPendingLogin))
	// Without a pending paste login it fails before taking loginMu, which
	// a login that waits for its callback holds for as long as the user
	// takes.
	if m.pendingLogin() == nil {
		return SalesforceIdentity{}, noPending
	}
	m.loginMu.Lock()
	defer m.loginMu.Unlock()
	p := m.pendingLogin()
	if p == nil {
		return SalesforceIdentity{}, noPending
	}
	tok, err := p.attempt.Complete(ctx, pasted)
	if err != nil {
		// The login stays pending, so the user can paste again.
		return SalesforceIdentity{}, wrap(op, Salesforce, err)
	}
	m.setPending(nil)
	id, err := m.finishSalesforce(ctx, p.environment, p.loginURL, tok)
	return id, wrap(op, Salesforce, err)
}

// CancelLogin stops a Salesforce login waiting for its callback, and
// discards one waiting for a pasted code.
func (m *Manager) CancelLogin() {
	m.cancelMu.Lock()
	if m.cancelLogin != nil {
		m.cancelLogin()
	}
	m.cancelMu.Unlock()
	m.setPending(nil)
}

// startLogin cancels a login in progress, waits for it to end, and returns
// the context of the new one with the function that ends it.
func (m *Manager) startLogin(ctx context.Context) (context.Context, func()) {
	m.CancelLogin()
	m.loginMu.Lock()
	ctx, cancel := context.WithCancel(ctx)
	m.cancelMu.Lock()
	m.cancelLogin = cancel
	m.cancelMu.Unlock()
	return ctx, func() {
		m.cancelMu.Lock()
		m.cancelLogin = nil
		m.cancelMu.Unlock()
		cancel()
		m.loginMu.Unlock()
	}
}

func (m *Manager) pendingLogin() *pendingLogin {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pending
}

func (m *Manager) setPending(p *pendingLogin) {
	m.mu.Lock()
	m.pending = p
	m.mu.Unlock()
}

// startPasteLogin keeps the attempt for CompletePasted and opens its
// authorize page. The redirect will reach the program on the busy port,
// and the address bar keeps the code for the user to paste.
func (m *Manager) startPasteLogin(ctx context.Context, busy *oauth.PortBusyError, env, loginURL string) error {
	m.setPending(&pendingLogin{attempt: busy.Attempt, environment: env, loginURL: loginURL})
	m.log.Warn("salesforce login callback port busy, waiting for a pasted code", slog.String("addr", busy.Addr))
	if err := m.opts.Browser.OpenURL(ctx, busy.Attempt.AuthURL()); err != nil {
		// The UI still shows the authorize URL as a link.
		m.log.Warn("open authorize page failed", slog.Any(logging.KeyError, err))
	}
	return &PortBusyError{Addr: busy.Addr, AuthURL: busy.Attempt.AuthURL(), Err: busy}
}

// salesforceLoginURL resolves a login choice to the login host base URL.
func (m *Manager) salesforceLoginURL(login SalesforceLogin) (env, base string, err error) {
	var raw string
	switch login.Environment {
	case EnvProduction:
		raw = m.opts.SalesforceLogin.Production
	case EnvSandbox:
		raw = m.opts.SalesforceLogin.Sandbox
	case EnvMyDomain:
		if login.MyDomainURL == "" {
			return "", "", invalidInput("enter the My Domain login URL, such as https://acme.my.salesforce.com")
		}
		raw = login.MyDomainURL
	default:
		return "", "", invalidInput("environment %q: choose production, sandbox or mydomain", login.Environment)
	}
	base, err = oauth.LoginHost{Kind: oauth.HostCustom, URL: raw}.BaseURL()
	if err != nil {
		return "", "", fmt.Errorf("%w: %w", errInvalidInput, err)
	}
	return login.Environment, base, nil
}

// finishSalesforce reads the identity a new token reaches and stores the
// login. Until the tokens are in the keychain nothing else is written, and
// a failure revokes the new token so that no unused grant remains.
func (m *Manager) finishSalesforce(ctx context.Context, env, loginURL string, tok oauth.Token) (SalesforceIdentity, error) {
	src := oauth.NewTokenSource(m.oauthConfig(loginURL), tok, nil)
	client, err := m.newSalesforceClient(tok.InstanceURL, src)
	if err != nil {
		m.revokeQuietly(ctx, loginURL, src.Current())
		return SalesforceIdentity{}, err
	}
	ident, err := client.Connect(ctx, "")
	if err != nil {
		m.revokeQuietly(ctx, loginURL, src.Current())
		return SalesforceIdentity{}, fmt.Errorf("read salesforce identity: %w", err)
	}
	tok = src.Current()

	old, err := m.db.Connection(ctx, Salesforce)
	hadRow := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		m.revokeQuietly(ctx, loginURL, tok)
		return SalesforceIdentity{}, err
	}
	oldRefresh, _ := m.secrets.Get(ctx, Salesforce, secrets.RefreshToken)
	change, err := m.detectOrgChange(ctx, old, hadRow, ident.OrgID)
	if err != nil {
		m.revokeQuietly(ctx, loginURL, tok)
		return SalesforceIdentity{}, err
	}

	if err := m.installTokens(ctx, loginURL, tok); err != nil {
		m.revokeQuietly(ctx, loginURL, tok)
		return SalesforceIdentity{}, err
	}
	row := store.Connection{
		ID:          Salesforce,
		System:      "salesforce",
		Environment: env,
		LoginURL:    loginURL,
		InstanceURL: client.InstanceURL(),
		AuthMethod:  AuthOAuth,
		OrgID:       ident.OrgID,
		UserID:      ident.UserID,
		Username:    ident.Username,
		IsSandbox:   ident.IsSandbox,
		State:       StateConnected,
	}
	if u, ok := client.APIUsage(); ok {
		row.APIUsed, row.APIMax = u.Used, u.Max
	}
	if err := m.recordOrgChange(ctx, &row, change); err != nil {
		return SalesforceIdentity{}, err
	}
	if err := m.saveConnection(ctx, row); err != nil {
		return SalesforceIdentity{}, fmt.Errorf("save salesforce connection: %w", err)
	}
	m.log.Info("salesforce connected", slog.String("org_id", ident.OrgID), slog.String("user_id", ident.UserID),
		slog.Bool("sandbox", ident.IsSandbox), slog.Bool("org_changed", change != nil))

	if oldRefresh != "" && oldRefresh != tok.RefreshToken.Reveal() && hadRow && old.LoginURL != "" {
		// The replaced grant is revoked, so that re-authenticating does not
		// pile up approvals, which Salesforce limits per user and app.
		m.revokeQuietly(ctx, old.LoginURL, oauth.Token{RefreshToken: oauth.Secret(oldRefresh)})
	}

	return SalesforceIdentity{
		Environment: env,
		LoginURL:    loginURL,
		InstanceURL: client.InstanceURL(),
		OrgID:       ident.OrgID,
		OrgName:     ident.OrgName,
		IsSandbox:   ident.IsSandbox,
		UserID:      ident.UserID,
		Username:    ident.Username,
		DisplayName: ident.UserName,
		Email:       ident.Email,
		OrgChange:   change,
	}, nil
}

// revokeQuietly revokes a token that will not be kept, logging a failure
// instead of returning it.
func (m *Manager) revokeQuietly(ctx context.Context, loginURL string, tok oauth.Token) {
	secret := tok.RefreshToken
	if secret == "" {
		secret = tok.AccessToken
	}
	if secret == "" {
		return
	}
	if err := oauth.Revoke(context.WithoutCancel(ctx), m.oauthConfig(loginURL), secret); err != nil {
		m.log.Warn("revoke unused salesforce token failed", slog.Any(logging.KeyError, err))
	}
}

// newSalesforceClient builds a client whose responses feed the API usage.
func (m *Manager) newSalesforceClient(instanceURL string, tokens salesforce.TokenSource) (*salesforce.Client, error) {
	return salesforce.New(salesforce.Options{
		InstanceURL: instanceURL,
		Tokens:      tokens,
		Transport:   &usageTransport{next: m.opts.Transport, m: m},
		Retry:       m.opts.SalesforceRetry,
		Logger:      m.log,
		Now:         m.now,
	})
}
