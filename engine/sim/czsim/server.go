package czsim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Defaults for the login user when Options.Users is empty.
const (
	DefaultUserName = "admin@czsim.example"
	DefaultPassword = "czsim-admin"
	DefaultAPIKey   = "czsim-admin-api-key"
)

// Options configures a simulated Clarizen organization.
type Options struct {
	// Addr is the listen address; it must be a loopback address.
	// The default is 127.0.0.1:0.
	Addr string
	// OrgID is the organization id; 0 derives one from Seed.
	OrgID int64
	// Seed makes generated ids and demo data deterministic.
	Seed int64
	// Demo seeds the demo organization: users, customers, projects with
	// milestones, tasks and dependencies, discussions and cases.
	Demo bool
	// Users can log in with user name and password or with their API key.
	// The first user is the organization admin. Empty means one default
	// user (DefaultUserName, DefaultPassword, DefaultAPIKey).
	Users []User
	// SessionIdleTimeout ends a session that has not been used for this
	// long; 0 means 30 minutes.
	SessionIdleTimeout time.Duration
	// BulkLimit is the largest number of requests one bulk/execute call may
	// carry; 0 means 100.
	BulkLimit int
	// RateLimit is the number of requests per second the organization may
	// make, over a sliding one-second window; 0 turns the limit off.
	RateLimit int
	// Clock returns the current time; nil means time.Now.
	Clock  func() time.Time
	Logger *slog.Logger
}

// User is a login of the simulated organization.
type User struct {
	UserName  string
	Password  string
	APIKey    string
	Email     string
	FirstName string
	LastName  string
	// License is Full, Limited or Email; empty means Full.
	License string
}

// credential ties a login to its User entity.
type credential struct {
	userName string
	password string
	apiKey   string
	userID   string // ExternalID of the User record
}

// Server is one simulated Clarizen organization served over loopback HTTP.
type Server struct {
	opts   Options
	orgID  int64
	cat    *catalog
	log    *slog.Logger
	clock  func() time.Time
	faults *Faults
	limit  *rateLimiter

	ln   net.Listener
	http *http.Server
	url  string
	done chan struct{}

	// mu guards everything below. API requests hold it for their whole
	// run, so a bulk call reads and changes the store atomically.
	mu          sync.Mutex
	st          *store
	rng         *rand.Rand
	creds       []*credential
	sessions    map[string]*session
	apiCalls    int
	adminID     string
	templates   []*template
	sessionIdle time.Duration
	logins      int
	lastStamp   time.Time
}

// New starts a simulated organization listening on Options.Addr.
func New(opts Options) (*Server, error) {
	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	if err := checkLoopback(addr); err != nil {
		return nil, err
	}
	s := &Server{
		opts:        opts,
		orgID:       opts.OrgID,
		cat:         defaultCatalog,
		log:         opts.Logger,
		clock:       opts.Clock,
		st:          newStore(),
		sessions:    map[string]*session{},
		sessionIdle: opts.SessionIdleTimeout,
		done:        make(chan struct{}),
	}
	if s.orgID == 0 {
		s.orgID = 5000000 + (opts.Seed%1000000+1000000)%1000000
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s.log = s.log.With("component", "czsim", "org_id", s.orgID)
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.sessionIdle == 0 {
		s.sessionIdle = 30 * time.Minute
	}
	if s.opts.BulkLimit == 0 {
		s.opts.BulkLimit = 100
	}
	s.faults = newFaults()
	s.limit = newRateLimiter(opts.RateLimit)
	s.rng = rand.New(rand.NewPCG(uint64(opts.Seed), uint64(s.orgID)))
	if err := s.seedBase(); err != nil {
		return nil, fmt.Errorf("seed organization %d: %w", s.orgID, err)
	}
	if opts.Demo {
		if err := s.seedDemo(); err != nil {
			return nil, fmt.Errorf("seed demo organization %d: %w", s.orgID, err)
		}
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	s.ln = ln
	s.url = "http://" + ln.Addr().String()
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serve clarizen simulator", "err", err)
		}
	}()
	s.log.Info("clarizen simulator started", "url", s.url)
	return s, nil
}

func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("parse listen address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("listen address %q is not a loopback address; use 127.0.0.1 or ::1", addr)
	}
	return nil
}

// URL returns the base URL, such as http://127.0.0.1:41235.
func (s *Server) URL() string { return s.url }

// DiscoveryURL returns the discovery base where getServerDefinition lives,
// the stand-in for https://api.clarizen.com/V2.0/services/.
func (s *Server) DiscoveryURL() string { return s.url + "/V2.0/services/" }

// ServerLocation returns the serverLocation that getServerDefinition
// returns: the base of every other API path.
func (s *Server) ServerLocation() string { return s.url + "/v2.0/services" }

// AppURL returns the web application location (appLocation), used for
// "View in Clarizen" links.
func (s *Server) AppURL() string { return s.url + "/app" }

// OrgID returns the organization id.
func (s *Server) OrgID() int64 { return s.orgID }

// Faults returns the fault injection controls.
func (s *Server) Faults() *Faults { return s.faults }

// Close stops the server and waits for the listener goroutine to end.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if err != nil {
		err = s.http.Close()
	}
	<-s.done
	s.log.Info("clarizen simulator stopped")
	if err != nil {
		return fmt.Errorf("close clarizen simulator %d: %w", s.orgID, err)
	}
	return nil
}

// now returns the clock's time in UTC, which is how the simulator stores
// system timestamps.
func (s *Server) now() time.Time { return s.clock().UTC() }

// stampResolution is the precision of stored timestamps: the seven fraction
// digits of the wire format.
const stampResolution = 100 * time.Nanosecond

// stamp returns the timestamp of one write. Each write gets a later stamp
// than the one before, even when the clock has not moved, so LastUpdatedOn
// changes on every write and can serve as a watermark.
func (s *Server) stamp() time.Time {
	t := s.now().Truncate(stampResolution)
	if !t.After(s.lastStamp) {
		t = s.lastStamp.Add(stampResolution)
	}
	s.lastStamp = t
	return t
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newID returns a fresh ExternalID for type t: 29 characters of [a-z0-9],
// the shape of generated ids in real describe output, after the type's
// prefix ("msg-" for discussion messages).
func (s *Server) newID(t *entityType) string {
	for {
		n := 29 - len(t.IDPrefix)
		b := make([]byte, n)
		for i := range b {
			b[i] = idAlphabet[s.rng.IntN(len(idAlphabet))]
		}
		id := t.IDPrefix + string(b)
		if !s.st.exists(t, id) {
			return id
		}
	}
}

func (s *Server) orgIDString() string { return strconv.FormatInt(s.orgID, 10) }
