package clarizen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// Discovery endpoints of the two Clarizen environments. getServerDefinition
// on one of them returns the data centre that serves the organisation.
const (
	ProductionDiscoveryURL = "https://api.clarizen.com/V2.0/services/"
	// NOTE: the sandbox host is the one the most complete public client
	// (Ekin.Clarizen) uses; a documentation copy also names
	// api.clarizentb.com.
	SandboxDiscoveryURL = "https://apie.clarizentb.com/V2.0/services/"
)

// ServerDefinition is the data centre found by discovery, for display and
// for "View in Clarizen" links.
type ServerDefinition struct {
	ServerLocation string `json:"serverLocation"`
	AppLocation    string `json:"appLocation"`
	OrganizationID int64  `json:"organizationId"`
}

// authState is a snapshot of the credentials requests are sent with.
type authState struct {
	header string // full Authorization header value; contains a secret
	apiKey bool
	gen    uint64 // bumped on each login, so callers can tell a renewal
}

// authenticator owns discovery, login and the session. The lock channel
// lets one goroutine at a time connect or log in. The others wait and then
// use its result, so concurrent callers share one re-login.
type authenticator struct {
	provider     CredentialProvider
	discoveryURL string
	storedID     Secret
	onNewSession func(Session)
	next         sender // the retry chain below the session sender
	scrub        *scrubber
	logger       *slog.Logger

	lock chan struct{}

	mu      sync.Mutex
	ready   bool
	state   authState
	session Session
	server  ServerDefinition
}

func (a *authenticator) location() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.server.ServerLocation
}

func (a *authenticator) snapshot() (authState, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state, a.ready
}

func (a *authenticator) acquire(ctx context.Context) error {
	select {
	case a.lock <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for login: %w", ctx.Err())
	}
}

func (a *authenticator) release() { <-a.lock }

// current returns the credentials to send, connecting first if needed.
func (a *authenticator) current(ctx context.Context) (authState, error) {
	if state, ok := a.snapshot(); ok {
		return state, nil
	}
	if err := a.acquire(ctx); err != nil {
		return authState{}, err
	}
	defer a.release()
	if state, ok := a.snapshot(); ok {
		return state, nil // another caller connected while this one waited
	}
	if err := a.connect(ctx); err != nil {
		return authState{}, err
	}
	state, _ := a.snapshot()
	return state, nil
}

// renew logs in again after the session of generation gen timed out.
// When another caller already renewed it, renew returns at once.
func (a *authenticator) renew(ctx context.Context, gen uint64) error {
	if err := a.acquire(ctx); err != nil {
		return err
	}
	defer a.release()
	if state, ok := a.snapshot(); ok && state.gen != gen {
		return nil
	}
	creds, err := a.credentials(ctx)
	if err != nil {
		return err
	}
	if err := a.login(ctx, creds); err != nil {
		return err
	}
	a.logger.Info("session renewed after timeout")
	return nil
}

// connect runs discovery when the data centre is unknown, then logs in or
// sets up the API key.
func (a *authenticator) connect(ctx context.Context) error {
	creds, err := a.credentials(ctx)
	if err != nil {
		return err
	}
	if a.location() == "" {
		if err := a.discover(ctx, creds); err != nil {
			return err
		}
	}
	if creds.UsesAPIKey() {
		a.setState(authState{header: "ApiKey " + creds.APIKey.Reveal(), apiKey: true}, Session{})
		return nil
	}
	if a.storedID != "" {
		// A session from an earlier run is tried first; SessionTimeout on
		// the first call then leads to a normal login.
		stored := a.storedID
		a.storedID = ""
		a.scrub.add(stored)
		a.setState(authState{header: "Session " + stored.Reveal()}, Session{ID: stored})
		return nil
	}
	return a.login(ctx, creds)
}

func (a *authenticator) credentials(ctx context.Context) (Credentials, error) {
	creds, err := a.provider.Credentials(ctx)
	if err != nil {
		return Credentials{}, fmt.Errorf("get clarizen credentials: %w", err)
	}
	if err := creds.validate(); err != nil {
		return Credentials{}, err
	}
	a.scrub.add(creds.Password)
	a.scrub.add(creds.APIKey)
	return creds, nil
}

// discover calls getServerDefinition on the discovery URL. With an API key
// the key goes in the header and the body is empty; otherwise the body
// carries the user name and password.
func (a *authenticator) discover(ctx context.Context, creds Credentials) error {
	r := &request{
		op:         "discover server",
		method:     http.MethodPost,
		url:        joinURL(a.discoveryURL, "authentication/getServerDefinition"),
		idempotent: true,
	}
	body := api.LoginRequest{}
	if creds.UsesAPIKey() {
		r.authorization = "ApiKey " + creds.APIKey.Reveal()
	} else {
		body.UserName = creds.UserName
		body.Password = creds.Password.Reveal()
	}
	var def api.ServerDefinition
	if err := a.exchange(ctx, r, body, &def); err != nil {
		return rejectedLogin(err, a.discoveryURL, creds)
	}
	if err := checkServerLocation(def.ServerLocation); err != nil {
		return err
	}
	a.mu.Lock()
	a.server = ServerDefinition(def)
	a.mu.Unlock()
	a.logger.Info("clarizen server discovered",
		slog.String("server_location", def.ServerLocation),
		slog.String("app_location", def.AppLocation),
		slog.Int64("organization_id", def.OrganizationID))
	return nil
}

func checkServerLocation(location string) error {
	u, err := url.Parse(location)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("discover server: invalid server location %q", location)
	}
	return nil
}

// login opens a session with the user name and password.
func (a *authenticator) login(ctx context.Context, creds Credentials) error {
	r := &request{
		op:         "login",
		entityID:   creds.UserName,
		method:     http.MethodPost,
		path:       "authentication/login",
		idempotent: true,
	}
	body := api.LoginRequest{UserName: creds.UserName, Password: creds.Password.Reveal()}
	var result api.LoginResult
	if err := a.exchange(ctx, r, body, &result); err != nil {
		return rejectedLogin(err, a.location(), creds)
	}
	if result.SessionID == "" {
		return &Error{Op: "login", EntityID: creds.UserName, Message: "the response carries no session id"}
	}
	session := Session{
		ID:             Secret(result.SessionID),
		UserID:         result.UserID,
		OrganizationID: result.OrganizationID,
		LicenseType:    result.LicenseType,
	}
	a.scrub.add(session.ID)
	a.setState(authState{header: "Session " + result.SessionID}, session)
	if a.onNewSession != nil {
		a.onNewSession(session)
	}
	return nil
}

// forget drops the session after logout, so the next call logs in again.
func (a *authenticator) forget() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ready = false
	a.state = authState{gen: a.state.gen}
	a.session = Session{}
}

func (a *authenticator) setState(state authState, session Session) {
	a.mu.Lock()
	defer a.mu.Unlock()
	state.gen = a.state.gen + 1
	a.state = state
	a.session = session
	a.ready = true
}

// exchange sends an unauthenticated request through the chain and decodes
// the response.
func (a *authenticator) exchange(ctx context.Context, r *request, body, out any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("%s: encode request: %w", r.op, err)
	}
	r.body = data
	resp, err := a.next.send(ctx, r)
	if err != nil {
		return err
	}
	return decodeBody(r, resp, out)
}

// sessionSender attaches the Authorization header and handles
// SessionTimeout with one re-login and one replay of the request.
type sessionSender struct {
	next sender
	auth *authenticator
}

func (s *sessionSender) send(ctx context.Context, r *request) (*response, error) {
	if !r.auth {
		return s.next.send(ctx, r)
	}
	state, err := s.auth.current(ctx)
	if err != nil {
		return nil, err
	}
	r.authorization = state.header
	resp, err := s.next.send(ctx, r)
	if err == nil || state.apiKey || !errors.Is(err, ErrSessionTimeout) {
		return resp, err
	}
	if err := s.auth.renew(ctx, state.gen); err != nil {
		return nil, err
	}
	state, err = s.auth.current(ctx)
	if err != nil {
		return nil, err
	}
	r.authorization = state.header
	return s.next.send(ctx, r)
}

// decodeBody unmarshals a successful response into out. An empty body leaves
// out unchanged.
func decodeBody(r *request, resp *response, out any) error {
	if out == nil || len(resp.body) == 0 {
		return nil
	}
	if err := json.Unmarshal(resp.body, out); err != nil {
		e := r.newError()
		e.HTTPStatus = resp.status
		e.Err = fmt.Errorf("decode response: %w", err)
		return e
	}
	return nil
}

// rejectedLogin names, on an auth failure of discovery or login, the
// Clarizen host and the credentials it rejected, so that the message reads
// "Clarizen at api.clarizen.com rejected the API key: ...". Other errors
// are returned as they are.
func rejectedLogin(err error, serviceURL string, creds Credentials) error {
	var e *Error
	if !errors.As(err, &e) || e.Class() != Auth {
		return err
	}
	service := "Clarizen"
	if u, perr := url.Parse(serviceURL); perr == nil && u.Host != "" {
		service = "Clarizen at " + u.Host
	}
	credentials := "the API key"
	if !creds.UsesAPIKey() {
		credentials = fmt.Sprintf("the user name %q or its password", creds.UserName)
	}
	e.rejected = service + " rejected " + credentials
	return err
}
