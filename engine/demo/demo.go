package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/workspace"
)

// Org ids of the two simulated Clarizen instances.
const (
	FirstOrgID  = 4100001
	SecondOrgID = 4200002
)

// Options configure the demo workspace.
type Options struct {
	// DataDir is the folder for the database; it must not hold a database
	// already, because the simulated orgs of an earlier demo are gone.
	// Empty means a new temporary folder, which Close removes.
	DataDir string
	// Logger receives the engine's log. Nil writes the log file into the
	// data folder at LogLevel, as the desktop app does.
	Logger   *slog.Logger
	LogLevel slog.Level
	// Secrets stores tokens, passwords, API keys and session ids. Nil
	// picks a store by Keychain.
	Secrets secrets.Store
	// Keychain is KeychainAuto (the default when empty), KeychainOn or
	// KeychainOff: where the secrets go when Secrets is nil.
	Keychain string
	// Browser shows the simulator's login page to the user, or returns
	// ErrNotOpened when it only printed the address. A failure does not
	// end the login: it waits for the user or Setup.SignInForMe. Nil makes
	// the demo act as the browser: it fills in and approves the page
	// itself over HTTP (headless).
	Browser oauth.Opener
	// Out receives messages for the person running the demo: warnings and,
	// with a Browser, the simulated login to type. Nil discards them.
	Out io.Writer
	// OnProgress hears the progress of each sync run.
	OnProgress func(syncer.Progress)
	// Seed makes the simulators' data deterministic; 0 is a fixed default.
	Seed int64
	// Walkthrough starts the simulators and the engine but connects and
	// installs nothing: the user does it through the app's screens.
	Walkthrough bool
	// Background leaves connecting, installing and the first sync to
	// Workspace.Setup, so that a window can open before they run.
	Background bool
}

// Logins are the simulated orgs' logins the demo created. They are
// secrets of simulators that live as long as the process.
type Logins struct {
	SalesforceUser     string
	SalesforcePassword string
	// ClarizenUser, ClarizenPassword and ClarizenAPIKey are keyed by
	// connection id ("clarizen1", "clarizen2").
	ClarizenUser     map[string]string
	ClarizenPassword map[string]string
	ClarizenAPIKey   map[string]string
}

// Values returns every secret of the logins, for leak scans.
func (l Logins) Values() []string {
	out := []string{l.SalesforcePassword}
	for _, m := range []map[string]string{l.ClarizenPassword, l.ClarizenAPIKey} {
		for _, v := range m {
			out = append(out, v)
		}
	}
	return out
}

// Workspace is a running demo: the simulators, the engine connected to
// them and the package installed.
type Workspace struct {
	Engine     *engine.Engine
	Salesforce *sfsim.Server
	// Clarizen holds the two simulated instances by connection id.
	Clarizen  map[string]*czsim.Server
	Installer *bestpractice.Installer
	// Social is a social syncer over the engine for tests that drive it
	// step by step; the demo itself syncs posts through
	// Engine.SyncSocial, under the engine's lock.
	Social *social.Syncer
	Logins Logins
	// Install is the outcome of installing the package; Enabled those of
	// enabling the package's event and the support event.
	Install        bestpractice.InstallResult
	Enabled        workspace.EnableResult
	SupportEnabled workspace.EnableResult
	// InKeychain is true when the secrets went to the OS keychain.
	InKeychain bool
	// Setup runs the connections, the package install and the first sync
	// in the background (Options.Background), and tracks the Salesforce
	// login page the user's browser shows.
	Setup *Setup

	dataDir     string
	temp        bool
	userBrowser bool
	keychain    secrets.Store
	log         *slog.Logger
	out         io.Writer
	closers     []func() error
}

// DataDir returns the demo's data folder.
func (w *Workspace) DataDir() string { return w.dataDir }

// Start starts the simulators, opens the engine, connects, installs the
// best-practices package and enables its event for the records that match
// already. Close stops everything.
func Start(ctx context.Context, opts Options) (_ *Workspace, err error) {
	w := &Workspace{Clarizen: map[string]*czsim.Server{}, out: opts.Out, log: opts.Logger}
	if w.out == nil {
		w.out = io.Discard
	}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	w.log = w.log.With(logging.KeyComponent, "demo")
	defer func() {
		if err != nil {
			w.Close()
		}
	}()
	if err := w.prepareDataDir(opts.DataDir); err != nil {
		return nil, err
	}
	// levelVar lets the Settings screen change the level of the log file
	// the demo writes; a logger given in opts keeps its own level.
	var levelVar *slog.LevelVar
	if opts.Logger == nil {
		levelVar = new(slog.LevelVar)
		levelVar.Set(opts.LogLevel)
		logger, closer, err := logging.New(logging.Options{Dir: w.dataDir, Level: levelVar})
		if err != nil {
			return nil, err
		}
		opts.Logger = logger
		w.closers = append(w.closers, closer.Close)
		w.log = logger.With(logging.KeyComponent, "demo")
	}
	if err := w.startSimulators(opts); err != nil {
		return nil, err
	}
	store := opts.Secrets
	if store == nil {
		store, w.InKeychain, err = chooseSecrets(ctx, w.dataDir, opts.Keychain, w.out, w.log)
		if err != nil {
			return nil, err
		}
		if w.InKeychain {
			w.keychain = store
		}
	}
	w.Setup = newSetup(w)
	var browser oauth.Opener = selfApproving{sim: w.Salesforce, username: w.Logins.SalesforceUser, password: w.Logins.SalesforcePassword}
	if opts.Browser != nil {
		browser = userBrowser{w: w, inner: opts.Browser}
	}
	w.Engine, err = engine.Open(ctx, engine.Config{
		DataDir: w.dataDir, Logger: opts.Logger, LogLevel: levelVar, Secrets: store, ClientID: sfsim.DefaultClientID,
		Browser: browser, CallbackAddr: "127.0.0.1:0",
		SalesforceLogin: connect.EnvironmentURLs{Production: w.Salesforce.LoginURL(), Sandbox: w.Salesforce.SandboxLoginURL()},
		// The second instance serves the sandbox discovery endpoint,
		// because the connections manager has one discovery URL per
		// environment and each simulator has only its own users.
		ClarizenDiscovery: connect.EnvironmentURLs{Production: w.Clarizen["clarizen1"].DiscoveryURL(),
			Sandbox: w.Clarizen["clarizen2"].DiscoveryURL()},
		OnProgress: opts.OnProgress,
	})
	if err != nil {
		return nil, fmt.Errorf("open the demo engine: %w", err)
	}
	if err := w.newParts(); err != nil {
		return nil, err
	}
	w.userBrowser = opts.Browser != nil
	if opts.Walkthrough || opts.Background {
		return w, nil
	}
	if err := w.Connect(ctx); err != nil {
		return nil, err
	}
	if err := w.setUp(ctx); err != nil {
		return nil, err
	}
	return w, nil
}

// newParts takes the engine's installer, whose user pairing Engine.Sync
// runs, and builds the social syncer over the engine.
func (w *Workspace) newParts() error {
	var err error
	e := w.Engine
	w.Installer = e.Package
	w.Social, err = social.New(social.Options{Store: e.DB, Connections: e.Connections, Bus: e.Bus, Logger: e.Log})
	return err
}

// prepareDataDir creates the data folder, or a temporary one.
func (w *Workspace) prepareDataDir(dir string) error {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "liaison-demo-")
		if err != nil {
			return fmt.Errorf("create a temporary demo folder: %w", err)
		}
		w.dataDir, w.temp = tmp, true
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("resolve demo folder %s: %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(abs, store.FileName)); err == nil {
		return fmt.Errorf("start the demo in %s: the folder contains the database of an earlier demo, whose simulated orgs are gone; "+
			"choose an empty folder or leave --data-dir out", abs)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return fmt.Errorf("create demo folder %s: %w", abs, err)
	}
	w.dataDir = abs
	return nil
}

// startSimulators starts one Salesforce org and two Clarizen instances,
// each with demo data and a login with a fresh password.
func (w *Workspace) startSimulators(opts Options) error {
	seed := opts.Seed
	if seed == 0 {
		seed = 20261204
	}
	sfPassword, err := newPassword("sf")
	if err != nil {
		return err
	}
	w.Logins = Logins{SalesforceUser: sfsim.DefaultUsername, SalesforcePassword: sfPassword,
		ClarizenUser: map[string]string{}, ClarizenPassword: map[string]string{}, ClarizenAPIKey: map[string]string{}}
	// The simulators get the logger without the demo's component, because
	// czsim adds a component of its own and a JSON line must not carry
	// the key twice.
	w.Salesforce, err = sfsim.New(sfsim.Options{Seed: seed, Demo: true, Username: w.Logins.SalesforceUser,
		Password: sfPassword, Logger: opts.Logger.With(logging.KeyComponent, "sfsim", "sim", "salesforce")})
	if err != nil {
		return fmt.Errorf("start the salesforce simulator: %w", err)
	}
	w.closers = append(w.closers, w.Salesforce.Close)

	for i, orgID := range []int64{FirstOrgID, SecondOrgID} {
		id := fmt.Sprintf("clarizen%d", i+1)
		user := fmt.Sprintf("admin@clarizen-%d.liaison-demo.example", i+1)
		password, err := newPassword("cz")
		if err != nil {
			return err
		}
		apiKey, err := newPassword("czkey")
		if err != nil {
			return err
		}
		w.Logins.ClarizenUser[id], w.Logins.ClarizenPassword[id], w.Logins.ClarizenAPIKey[id] = user, password, apiKey
		cz, err := czsim.New(czsim.Options{OrgID: orgID, Seed: seed + int64(i+1), Demo: true,
			Users: []czsim.User{{UserName: user, Password: password, APIKey: apiKey, Email: user,
				FirstName: "Demo", LastName: fmt.Sprintf("Admin %d", i+1), License: "Full"}},
			Logger: opts.Logger.With("sim", id)})
		if err != nil {
			return fmt.Errorf("start clarizen simulator %s: %w", id, err)
		}
		w.Clarizen[id] = cz
		w.closers = append(w.closers, cz.Close)
	}
	return nil
}

// Connect logs in to the three simulated orgs: Clarizen 1 with a password,
// Clarizen 2 with an API key, and Salesforce through OAuth. Start calls it
// unless in walkthrough or background mode.
func (w *Workspace) Connect(ctx context.Context) error {
	for _, id := range []string{connect.Clarizen1, connect.Clarizen2} {
		if _, err := w.connectClarizen(ctx, id); err != nil {
			return err
		}
	}
	_, err := w.connectSalesforce(ctx)
	return err
}

// connectClarizen logs in to a simulated Clarizen instance: the first
// with a user name and password on the production discovery, the second
// with an API key on the sandbox one.
func (w *Workspace) connectClarizen(ctx context.Context, id string) (string, error) {
	login := connect.ClarizenLogin{ConnectionID: id, Environment: connect.EnvProduction,
		UserName: w.Logins.ClarizenUser[id], Password: w.Logins.ClarizenPassword[id]}
	if id == connect.Clarizen2 {
		login = connect.ClarizenLogin{ConnectionID: id, Environment: connect.EnvSandbox, APIKey: w.Logins.ClarizenAPIKey[id]}
	}
	ident, err := w.Engine.Connections.ConnectClarizen(ctx, login)
	if err != nil {
		return "", fmt.Errorf("connect the demo: %w", err)
	}
	return fmt.Sprintf("organization %s as %s", ident.OrganizationID, ident.UserName), nil
}

// connectSalesforce logs in to the simulated Salesforce org through the
// OAuth web-server flow. It waits until the browser, the user or
// SignInForMe approves the login page.
func (w *Workspace) connectSalesforce(ctx context.Context) (string, error) {
	if w.userBrowser {
		fmt.Fprintf(w.out, "Log in to the simulated Salesforce org in your browser as %s with password %s, then approve access "+
			"(or click \"Sign in for me\" in the app).\n", w.Logins.SalesforceUser, w.Logins.SalesforcePassword)
	}
	id, err := w.Engine.Connections.ConnectSalesforce(ctx, connect.SalesforceLogin{Environment: connect.EnvProduction})
	if err != nil {
		return "", fmt.Errorf("connect the demo to salesforce: %w", err)
	}
	w.log.Info("demo connected", "org_id", id.OrgID, "username", id.Username)
	return fmt.Sprintf("org %s as %s", id.OrgID, id.Username), nil
}

// setUp installs the package (agreeing to create its custom objects),
// adds the support definitions of the second instance, and enables both
// events for the records that match already.
func (w *Workspace) setUp(ctx context.Context) error {
	e := w.Engine
	pkg, err := bestpractice.Current()
	if err != nil {
		return err
	}
	w.Install, err = w.Installer.Install(ctx, pkg, bestpractice.InstallOptions{
		ConfirmSchema: func(gaps []bestpractice.SchemaGap) bool {
			fmt.Fprintln(w.out, "The simulated Salesforce org lacks these objects and fields of the best-practices package; the demo creates them there:")
			for _, g := range gaps {
				fmt.Fprintf(w.out, "  %s\n", g)
			}
			return true
		},
	})
	if err != nil {
		return fmt.Errorf("install the best-practices package: %w", err)
	}
	if w.SupportEnabled, err = saveSupport(ctx, e.Workspace, pkg); err != nil {
		return err
	}
	w.Enabled, err = e.Workspace.EnableEvent(ctx, bestpractice.OpportunityEvent, true)
	if err != nil {
		return fmt.Errorf("enable the package's event: %w", err)
	}
	fmt.Fprintf(w.out, "Best-practices package version %d installed in the demo workspace; its event is enabled for the %d simulated opportunities at 70%% or more.\n",
		bestpractice.Version, w.Enabled.Matching)
	return nil
}

// Close stops the engine and the simulators, deletes the demo's keychain
// entries (the orgs they open are gone), and removes a temporary data
// folder.
func (w *Workspace) Close() error {
	var errs []error
	if w.Engine != nil {
		errs = append(errs, w.Engine.Close())
	}
	for i := len(w.closers) - 1; i >= 0; i-- {
		errs = append(errs, w.closers[i]())
	}
	w.closers = nil
	if w.keychain != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		for _, id := range []string{connect.Salesforce, "clarizen1", "clarizen2"} {
			errs = append(errs, secrets.DeleteConnection(ctx, w.keychain, id))
		}
		cancel()
		w.keychain = nil
	}
	if w.temp {
		errs = append(errs, os.RemoveAll(w.dataDir))
		w.temp = false
	}
	return errors.Join(errs...)
}

// selfApproving is the browser of the headless demo: it logs in on the
// simulator's authorize page and approves access over HTTP, as the user
// would, then delivers the redirect to Liaison's loopback callback.
type selfApproving struct {
	sim                *sfsim.Server
	username, password string
}

func (b selfApproving) OpenURL(ctx context.Context, authorizeURL string) error {
	callback, err := b.sim.BrowserLogin(ctx, authorizeURL, b.username, b.password)
	if err != nil {
		return fmt.Errorf("approve the simulated salesforce login: %w", err)
	}
	if !strings.HasPrefix(callback, "http://127.0.0.1:") && !strings.HasPrefix(callback, "http://localhost:") {
		return fmt.Errorf("approve the simulated salesforce login: the callback is not on loopback")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, callback, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return &callbackError{err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return &callbackError{err: fmt.Errorf("HTTP %d", resp.StatusCode)}
	}
	return nil
}

// callbackError means Liaison's login callback did not take the code: no
// login waits on it any more.
type callbackError struct{ err error }

func (e *callbackError) Error() string { return "deliver the login callback: " + e.err.Error() }
func (e *callbackError) Unwrap() error { return e.err }

// ErrNotOpened is returned by an Options.Browser that only printed the
// login page's address, without opening a browser.
var ErrNotOpened = errors.New("the login page was not opened in a browser")

// userBrowser shows the simulated login page to the user through inner
// (the system browser, or only a printed address) and records the page
// for the window and for Setup.SignInForMe. When the system browser fails
// to start, it says so and lets the login wait, because the user can
// still open the printed address or let the demo sign in.
type userBrowser struct {
	w     *Workspace
	inner oauth.Opener
}

func (b userBrowser) OpenURL(ctx context.Context, authorizeURL string) error {
	// The page is recorded before inner runs, because inner may not return
	// while the browser it started runs, and Sign in for me must not wait
	// for it.
	b.w.Setup.showLoginPage(authorizeURL)
	// The login cancels ctx when it ends, however it ends.
	go func() {
		<-ctx.Done()
		b.w.Setup.loginEnded(authorizeURL)
	}()
	err := b.inner.OpenURL(ctx, authorizeURL)
	switch {
	case err == nil:
		b.w.Setup.browserDone(authorizeURL, true, nil)
	case errors.Is(err, ErrNotOpened):
		// The page recorded above stays as it is.
	default:
		b.w.log.Warn("open the system browser failed", logging.KeyError, err)
		b.w.Setup.browserDone(authorizeURL, false, err)
		fmt.Fprintf(b.w.out, "The system browser did not open (%v).\n"+
			"Open the login page above in a browser, or click \"Sign in for me\" in the app.\n", err)
	}
	return nil
}
