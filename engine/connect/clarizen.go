package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/store"
)

// ClarizenLogin is the admin's input for a Clarizen instance: a user name
// and password, or an API key.
type ClarizenLogin struct {
	// ConnectionID is clarizen1 or clarizen2.
	ConnectionID string `json:"connectionId"`
	// Environment is production or sandbox; it picks the discovery
	// endpoint.
	Environment string `json:"environment"`
	UserName    string `json:"userName,omitempty"`
	Password    string `json:"password,omitempty"`
	APIKey      string `json:"apiKey,omitempty"`
}

// String describes the login without its secrets.
func (l ClarizenLogin) String() string {
	method := AuthPassword
	if l.APIKey != "" {
		method = AuthAPIKey
	}
	return fmt.Sprintf("connect.ClarizenLogin{%s %s %s user=%s}", l.ConnectionID, l.Environment, method, l.UserName)
}

// GoString keeps %#v from printing the secrets.
func (l ClarizenLogin) GoString() string { return l.String() }

// LogValue logs the login without its secrets.
func (l ClarizenLogin) LogValue() slog.Value {
	return slog.GroupValue(slog.String(logging.KeyConnection, l.ConnectionID),
		slog.String("environment", l.Environment), slog.String("user", l.UserName))
}

// ClarizenIdentity is the data centre, organization and user a Clarizen
// login reached, for display.
type ClarizenIdentity struct {
	ConnectionID string `json:"connectionId"`
	Environment  string `json:"environment"`
	AuthMethod   string `json:"authMethod"`
	// ServerLocation and AppLocation are the data centre that discovery
	// returned; DataCenter is the server location's host.
	ServerLocation string `json:"serverLocation"`
	AppLocation    string `json:"appLocation"`
	DataCenter     string `json:"dataCenter"`
	OrganizationID string `json:"organizationId"`
	UserID         string `json:"userId"`
	UserName       string `json:"userName,omitempty"`
	LicenseType    string `json:"licenseType,omitempty"`
}

// ConnectClarizen logs in to a Clarizen instance: discovery on the
// environment's endpoint finds the data centre, then a login opens a
// session (user name and password) or the API key is checked. The password
// or key and the session id go to the keychain, so an expired session is
// renewed without asking the user. The rest goes to the store. Connecting
// again replaces the stored login.
func (m *Manager) ConnectClarizen(ctx context.Context, login ClarizenLogin) (ClarizenIdentity, error) {
	ident, err := m.connectClarizen(ctx, login)
	return ident, withEnvironment(err, login.Environment)
}

func (m *Manager) connectClarizen(ctx context.Context, login ClarizenLogin) (ClarizenIdentity, error) {
	const op = "connect"
	id := login.ConnectionID
	discovery, method, err := m.checkClarizenLogin(login)
	if err != nil {
		return ClarizenIdentity{}, wrap(op, id, err)
	}
	if err := m.probeKeychain(ctx, id); err != nil {
		return ClarizenIdentity{}, wrap(op, id, err)
	}

	// The session of this login is kept in memory until everything
	// succeeded; only then does it reach the keychain.
	var sessMu sync.Mutex
	var session clarizen.Session
	client, err := clarizen.New(clarizen.Options{
		DiscoveryURL: discovery,
		Credentials: clarizen.StaticCredentials{
			UserName: login.UserName,
			Password: clarizen.Secret(login.Password),
			APIKey:   clarizen.Secret(login.APIKey),
		},
		OnNewSession: func(s clarizen.Session) {
			sessMu.Lock()
			session = s
			sessMu.Unlock()
		},
		HTTPClient: m.opts.HTTPClient,
		Retry:      m.opts.ClarizenRetry,
		// The client tags its own lines with component=clarizen.
		Logger: m.opts.Logger,
	})
	if err != nil {
		return ClarizenIdentity{}, wrap(op, id, err)
	}
	if err := client.Connect(ctx); err != nil {
		return ClarizenIdentity{}, wrap(op, id, err)
	}
	info, err := client.SessionInfo(ctx)
	if err != nil {
		return ClarizenIdentity{}, wrap(op, id, fmt.Errorf("read session info: %w", err))
	}
	def := client.ServerDefinition()
	sessMu.Lock()
	sess := session
	sessMu.Unlock()
	userName := strings.TrimSpace(login.UserName)
	if userName == "" {
		userName = m.clarizenUserName(ctx, id, client, firstNonEmpty(info.UserID, sess.UserID))
	}

	if err := m.storeClarizenSecrets(ctx, id, login, sess); err != nil {
		return ClarizenIdentity{}, wrap(op, id, err)
	}
	ident := ClarizenIdentity{
		ConnectionID:   id,
		Environment:    login.Environment,
		AuthMethod:     method,
		ServerLocation: def.ServerLocation,
		AppLocation:    def.AppLocation,
		DataCenter:     hostOf(def.ServerLocation),
		OrganizationID: firstNonEmpty(info.OrganizationID, sess.OrganizationID, formatOrgID(def.OrganizationID)),
		UserID:         firstNonEmpty(info.UserID, sess.UserID),
		UserName:       userName,
		LicenseType:    firstNonEmpty(info.LicenseType, sess.LicenseType),
	}
	m.dropClarizen(id)
	row := store.Connection{
		ID:          id,
		System:      "clarizen",
		Environment: login.Environment,
		LoginURL:    discovery,
		InstanceURL: def.ServerLocation,
		AppURL:      def.AppLocation,
		AuthMethod:  method,
		OrgID:       ident.OrganizationID,
		UserID:      ident.UserID,
		Username:    userName,
		IsSandbox:   login.Environment == EnvSandbox,
		State:       StateConnected,
	}
	if err := m.saveConnection(ctx, row); err != nil {
		return ClarizenIdentity{}, wrap(op, id, fmt.Errorf("save clarizen connection: %w", err))
	}
	m.log.Info("clarizen connected", slog.String(logging.KeyConnection, id), slog.String("auth_method", method),
		slog.String("data_center", ident.DataCenter), slog.String("organization_id", ident.OrganizationID))
	return ident, nil
}

// clarizenUserName reads the UserName of the user an API key logs in as,
// so the Connections screen names that user. A failure is logged and
// leaves the name empty, because the login itself succeeded.
func (m *Manager) clarizenUserName(ctx context.Context, id string, client *clarizen.Client, userID string) string {
	if userID == "" {
		return ""
	}
	user, err := client.Get(ctx, clarizen.EntityID(userID), "UserName")
	if err != nil {
		m.log.Warn("read clarizen user name failed", slog.String(logging.KeyConnection, id),
			slog.String("user_id", userID), slog.Any(logging.KeyError, err))
		return ""
	}
	return user.Text("UserName")
}

// checkClarizenLogin validates a login and returns its discovery URL and
// authentication method.
func (m *Manager) checkClarizenLogin(l ClarizenLogin) (discovery, method string, err error) {
	if err := checkClarizenID(l.ConnectionID); err != nil {
		return "", "", err
	}
	switch l.Environment {
	case EnvProduction:
		discovery = m.opts.ClarizenDiscovery.Production
	case EnvSandbox:
		discovery = m.opts.ClarizenDiscovery.Sandbox
	default:
		return "", "", invalidInput("environment %q: choose production or sandbox", l.Environment)
	}
	switch {
	case l.APIKey != "":
		return discovery, AuthAPIKey, nil
	case strings.TrimSpace(l.UserName) != "" && l.Password != "":
		return discovery, AuthPassword, nil
	}
	return "", "", invalidInput("enter a user name and password, or an API key")
}

// storeClarizenSecrets writes the login's secrets and removes those of the
// other method, so switching from a password to an API key leaves no
// password behind.
func (m *Manager) storeClarizenSecrets(ctx context.Context, id string, l ClarizenLogin, s clarizen.Session) error {
	m.mu.Lock()
	m.czGen[id]++
	m.mu.Unlock()
	if l.APIKey != "" {
		if err := m.secrets.Set(ctx, id, secrets.APIKey, l.APIKey); err != nil {
			return fmt.Errorf("store clarizen api key: %w", err)
		}
		for _, kind := range []string{secrets.Password, secrets.SessionID} {
			if err := m.secrets.Delete(ctx, id, kind); err != nil {
				return fmt.Errorf("delete clarizen %s: %w", kind, err)
			}
		}
		return nil
	}
	if err := m.secrets.Set(ctx, id, secrets.Password, l.Password); err != nil {
		return fmt.Errorf("store clarizen password: %w", err)
	}
	if s.ID != "" {
		if err := m.secrets.Set(ctx, id, secrets.SessionID, s.ID.Reveal()); err != nil {
			return fmt.Errorf("store clarizen session id: %w", err)
		}
	}
	if err := m.secrets.Delete(ctx, id, secrets.APIKey); err != nil {
		return fmt.Errorf("delete clarizen api key: %w", err)
	}
	return nil
}

// ClarizenClient returns the authenticated client of a Clarizen
// connection for the rest of the engine, built from the stored connection
// and the keychain on first use and shared afterwards. It skips discovery
// (the data centre is stored), tries the stored session first, and when a
// session times out logs in again with the stored password and stores the
// new session id, all without asking the user.
func (m *Manager) ClarizenClient(ctx context.Context, id string) (*clarizen.Client, error) {
	const op = opGetClient
	if err := checkClarizenID(id); err != nil {
		return nil, wrap(op, id, err)
	}
	c, err := m.connection(ctx, id)
	if err != nil {
		return nil, wrap(op, id, err)
	}
	if c.State == StateNeedsReauth {
		return nil, wrap(op, id, fmt.Errorf("%w: %s", ErrNeedsReauth, c.StateDetail))
	}
	client, err := m.clarizenClient(ctx, id)
	return client, wrap(op, id, err)
}

// clarizenClient returns the shared client of id whatever the
// connection's state, building it when there is none.
func (m *Manager) clarizenClient(ctx context.Context, id string) (*clarizen.Client, error) {
	m.mu.Lock()
	client, gen := m.cz[id], m.czGen[id]
	m.mu.Unlock()
	if client != nil {
		return client, nil
	}
	c, err := m.connection(ctx, id)
	if err != nil {
		return nil, err
	}
	client, err = m.newClarizenClient(ctx, c, gen)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.czGen[id] != gen {
		// A login or disconnect happened meanwhile; this client is used
		// once but not shared.
		return client, nil
	}
	if m.cz[id] == nil {
		m.cz[id] = client
	}
	return m.cz[id], nil
}

func (m *Manager) newClarizenClient(ctx context.Context, c store.Connection, gen uint64) (*clarizen.Client, error) {
	var session string
	if c.AuthMethod == AuthPassword {
		s, err := m.secrets.Get(ctx, c.ID, secrets.SessionID)
		if err != nil && !errors.Is(err, secrets.ErrNotFound) {
			return nil, fmt.Errorf("load clarizen session: %w", err)
		}
		session = s
	}
	return clarizen.New(clarizen.Options{
		DiscoveryURL:   c.LoginURL,
		ServerLocation: c.InstanceURL,
		Credentials:    keychainCredentials{m: m, conn: c},
		Session:        clarizen.Secret(session),
		OnNewSession:   m.sessionSaver(c.ID, gen),
		HTTPClient:     m.opts.HTTPClient,
		Retry:          m.opts.ClarizenRetry,
		Logger:         m.opts.Logger.With(slog.String(logging.KeyConnection, c.ID)),
	})
}

// sessionSaver stores the id of each session the client of generation gen
// opens, so the next start reuses it. A client replaced by a new login or
// a disconnect stores nothing.
func (m *Manager) sessionSaver(id string, gen uint64) func(clarizen.Session) {
	return func(s clarizen.Session) {
		m.mu.Lock()
		current := m.czGen[id] == gen
		m.mu.Unlock()
		if !current || s.ID == "" {
			return
		}
		// The client's callback carries no context; the write is short.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := m.secrets.Set(ctx, id, secrets.SessionID, s.ID.Reveal()); err != nil {
			m.log.Error("store renewed clarizen session failed", slog.String(logging.KeyConnection, id), slog.Any(logging.KeyError, err))
			return
		}
		m.log.Info("clarizen session renewed and stored", slog.String(logging.KeyConnection, id))
	}
}

// dropClarizen discards the shared client of id. Sessions that clients
// handed out earlier open afterwards are no longer stored.
func (m *Manager) dropClarizen(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.czGen[id]++
	delete(m.cz, id)
}

// keychainCredentials reads a Clarizen connection's password or API key
// from the keychain at each login, so a changed secret is picked up.
type keychainCredentials struct {
	m    *Manager
	conn store.Connection
}

func (k keychainCredentials) Credentials(ctx context.Context) (clarizen.Credentials, error) {
	kind := secrets.Password
	if k.conn.AuthMethod == AuthAPIKey {
		kind = secrets.APIKey
	}
	v, err := k.m.secrets.Get(ctx, k.conn.ID, kind)
	if errors.Is(err, secrets.ErrNotFound) {
		return clarizen.Credentials{}, fmt.Errorf("no clarizen %s in the keychain: %w", kind, ErrNeedsReauth)
	}
	if err != nil {
		return clarizen.Credentials{}, err
	}
	if kind == secrets.APIKey {
		return clarizen.Credentials{APIKey: clarizen.Secret(v)}, nil
	}
	return clarizen.Credentials{UserName: k.conn.Username, Password: clarizen.Secret(v)}, nil
}

func formatOrgID(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
