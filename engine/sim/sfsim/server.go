package sfsim

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Defaults for Options fields left empty.
const (
	DefaultClientID       = "liaison-desktop"
	DefaultUsername       = "admin@liaison-demo.example"
	DefaultPassword       = "liaison-demo-password"
	DefaultTokenLifetime  = 2 * time.Hour
	DefaultDailyAPILimit  = 100000
	defaultClientSecretNo = ""
)

// Options configures a simulated org.
type Options struct {
	Addr                string // instance listen address, default "127.0.0.1:0"
	Seed                int64  // makes ids and demo data deterministic
	Demo                bool   // seed the demo org (accounts, opportunities, products, users, Chatter)
	Sandbox             bool   // the org is a sandbox: log in through SandboxLoginURL
	ClientID            string // accepted connected-app consumer key, default DefaultClientID
	ClientSecret        string // when set, token requests must carry it; default none (PKCE only)
	CallbackURLs        []string
	Username, Password  string // admin login on the authorize page, defaults DefaultUsername and DefaultPassword
	RotateRefreshTokens bool
	// RevokeOnTokenReuse makes reuse of a rotated-out refresh token revoke
	// the current refresh token and its access tokens, as Salesforce does
	// when refresh token rotation is enforced. It needs RotateRefreshTokens.
	RevokeOnTokenReuse  bool
	AccessTokenLifetime time.Duration // 0 = DefaultTokenLifetime
	DailyAPILimit       int           // 0 = DefaultDailyAPILimit
	// MaxQueryBatchSize caps the records per query batch below what the
	// client asks for (real orgs may return fewer than batchSize); 0 = 2000.
	MaxQueryBatchSize int
	Clock             func() time.Time
	Logger            *slog.Logger
}

// Server is one simulated org with its instance host and two login hosts.
type Server struct {
	opts  Options
	log   *slog.Logger
	clock func() time.Time

	mu            sync.Mutex // guards everything below
	org           *schema
	tooling       *schema
	data          *store
	toolData      *store
	rng           *rand.Rand
	pod           string
	orgID         string
	adminID       string
	idCounter     int64
	auth          authState
	cursors       map[string]*cursor
	apiCalls      int
	apiDay        string
	created       time.Time
	autoNums      map[string]int
	txn           *txn
	customObjects int

	faults *Faults

	instance, login, sandbox *listener
}

type listener struct {
	srv *http.Server
	url string
}

// New starts a simulated org on loopback listeners.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.ClientID == "" {
		opts.ClientID = DefaultClientID
	}
	if opts.Username == "" {
		opts.Username = DefaultUsername
	}
	if opts.Password == "" {
		opts.Password = DefaultPassword
	}
	if opts.AccessTokenLifetime == 0 {
		opts.AccessTokenLifetime = DefaultTokenLifetime
	}
	if opts.DailyAPILimit == 0 {
		opts.DailyAPILimit = DefaultDailyAPILimit
	}
	s := &Server{
		opts:    opts,
		log:     opts.Logger,
		clock:   opts.Clock,
		rng:     rand.New(rand.NewSource(opts.Seed)),
		cursors: map[string]*cursor{},
		faults:  &Faults{},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.auth.init()
	s.org = newSchema(standardObjects()...)
	s.tooling = newSchema(toolingObjects()...)
	s.data = newStore()
	s.toolData = newStore()
	s.autoNums = map[string]int{}
	s.pod = s.newPod()
	s.created = s.now()
	for _, o := range s.org.objects {
		o.Modified = s.created
	}
	s.orgID = formatID("00D", s.pod, s.rng.Int63n(1<<30))

	var err error
	if s.instance, err = s.listen(opts.Addr, roleInstance); err != nil {
		return nil, fmt.Errorf("start instance listener: %w", err)
	}
	if s.login, err = s.listen("127.0.0.1:0", roleLogin); err != nil {
		s.Close()
		return nil, fmt.Errorf("start login listener: %w", err)
	}
	if s.sandbox, err = s.listen("127.0.0.1:0", roleSandboxLogin); err != nil {
		s.Close()
		return nil, fmt.Errorf("start sandbox login listener: %w", err)
	}

	s.mu.Lock()
	err = s.seedBase()
	if err == nil && opts.Demo {
		err = s.seedDemo()
	}
	s.mu.Unlock()
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("seed org: %w", err)
	}
	s.log.Info("sfsim started", "instance_url", s.URL(), "login_url", s.LoginURL(),
		"sandbox_login_url", s.SandboxLoginURL(), "org_id", s.orgID, "sandbox", opts.Sandbox)
	return s, nil
}

// hostRole is the host a listener simulates: the instance, the production
// login server or the sandbox login server.
type hostRole int

const (
	roleInstance hostRole = iota
	roleLogin
	roleSandboxLogin
)

func (s *Server) listen(addr string, role hostRole) (*listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: s.handler(role), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sfsim listener stopped", "addr", ln.Addr().String(), "error", err)
		}
	}()
	return &listener{srv: srv, url: "http://" + ln.Addr().String()}, nil
}

// URL returns the instance URL, the host REST calls go to.
func (s *Server) URL() string { return s.instance.url }

// LoginURL returns the URL of the host that plays the production login server.
func (s *Server) LoginURL() string { return s.login.url }

// SandboxLoginURL returns the URL of the host that plays the sandbox login server.
func (s *Server) SandboxLoginURL() string { return s.sandbox.url }

// Close stops all three listeners.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var errs []error
	for _, l := range []*listener{s.instance, s.login, s.sandbox} {
		if l != nil {
			if err := l.srv.Shutdown(ctx); err != nil {
				errs = append(errs, l.srv.Close())
			}
		}
	}
	return errors.Join(errs...)
}

// OrgID returns the 18-character organization id.
func (s *Server) OrgID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.orgID
}

// Faults returns the fault injection switches.
func (s *Server) Faults() *Faults { return s.faults }

// now returns the simulated clock truncated to whole seconds, as Salesforce
// stores dateTime values.
func (s *Server) now() time.Time { return s.clock().UTC().Truncate(time.Second) }

func (s *Server) newPod() string {
	return string([]byte{base62[10+s.rng.Intn(26)], base62[s.rng.Intn(10)]})
}

// handler returns the top-level handler of one host.
func (s *Server) handler(role hostRole) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The Date header comes from the org's clock, as on the real
		// service, so that it agrees with the record stamps.
		w.Header().Set("Date", s.now().Format(http.TimeFormat))
		p := r.URL.Path
		switch {
		case strings.HasPrefix(p, "/services/oauth2/"):
			s.serveOAuth(w, r, role)
		case strings.HasPrefix(p, "/id/"):
			s.serveIdentity(w, r)
		case p == "/services/data" || p == "/services/data/":
			s.serveVersions(w, r)
		case strings.HasPrefix(p, "/services/data/") && role == roleInstance:
			s.serveAPI(w, r)
		case strings.HasPrefix(p, "/__sim/"):
			s.serveControls(w, r)
		default:
			writeHTMLError(w, http.StatusNotFound, "The requested URL was not found on this server.")
		}
	})
}
