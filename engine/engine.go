package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/preview"
	"github.com/liaison-sync/liaison/engine/scheduler"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/workspace"
)

// DefaultClientID is the consumer key of Liaison's Salesforce connected
// app. An admin whose org uses its own connected app sets another one in
// the settings.
const DefaultClientID = "liaison-desktop"

// Config is the engine's configuration, given by its host: the desktop
// app, a headless command or the demo workspace.
type Config struct {
	// DataDir holds the database; the host has already put the log there.
	DataDir string
	Logger  *slog.Logger
	// LogLevel is the level of Logger's handlers. Open sets it to the
	// stored log level unless LogLevelFromFlag is set, and SaveSettings
	// sets it to a newly chosen level, so the Settings screen applies at
	// once. Nil leaves the level as the host built it.
	LogLevel *slog.LevelVar
	// LogLevelFromFlag is set when the host took LogLevel from a
	// command-line flag, which wins over the stored level until the admin
	// saves another one.
	LogLevelFromFlag bool
	// Secrets is the keychain; nil means the OS keychain.
	Secrets secrets.Store
	// Bus receives every event; nil creates one.
	Bus *events.Bus
	// ClientID is the Salesforce connected app's consumer key; empty means
	// the stored setting, then DefaultClientID.
	ClientID string
	// Browser opens the Salesforce login page; nil means the system browser.
	Browser oauth.Opener
	// CallbackAddr is the loopback address of the OAuth callback.
	CallbackAddr string
	// SalesforceLogin and ClarizenDiscovery replace the real login hosts,
	// for the demo workspace and tests.
	SalesforceLogin   connect.EnvironmentURLs
	ClarizenDiscovery connect.EnvironmentURLs
	HTTPClient        *http.Client
	// OnProgress hears each run's progress, for the headless command.
	OnProgress func(syncer.Progress)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Engine is Liaison with every part wired: the app layer, the command line
// and the demo workspace use it and nothing below it.
type Engine struct {
	DB          *store.DB
	Bus         *events.Bus
	Log         *slog.Logger
	Connections *connect.Manager
	Workspace   *workspace.Workspace
	Runner      *syncer.Runner
	Scheduler   *scheduler.Scheduler
	// Package installs and upgrades the best-practices package and pairs
	// users by e-mail before each run.
	Package *bestpractice.Installer

	dataDir  string
	logLevel *slog.LevelVar
	// hostClientID is set when the host fixed the consumer key (the demo
	// workspace), so a saved setting does not replace it.
	hostClientID bool
	stop         context.CancelFunc
	wg           sync.WaitGroup

	// work serializes everything that writes to both systems: user
	// pairing, sync runs from any source (schedule, Sync Now, an applied
	// preview, the command line) and social syncs. Two social syncs at once
	// would both copy the same post, and pairing users beside a run could
	// create a user twice.
	work sync.Mutex
	// closing ends when Close starts, and with it every piece of work in
	// flight. inflight counts that work, so Close waits for it before it
	// closes the database.
	closing    context.Context
	stopWork   context.CancelFunc
	inflight   sync.WaitGroup
	closedOnce sync.Once
}

// ErrClosed is returned for work asked of an engine that is closing.
var ErrClosed = errors.New("the engine is closing")

// Open opens the database in cfg.DataDir and builds every part. It starts
// no goroutine; Start does.
func Open(ctx context.Context, cfg Config) (*Engine, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	bus := cfg.Bus
	if bus == nil {
		bus = events.NewBus(0)
	}
	keychain := cfg.Secrets
	if keychain == nil {
		keychain = secrets.Keychain{}
	}
	db, err := store.Open(ctx, filepath.Join(cfg.DataDir, store.FileName))
	if err != nil {
		return nil, err
	}
	e := &Engine{DB: db, Bus: bus, Log: log, dataDir: cfg.DataDir, logLevel: cfg.LogLevel}
	e.closing, e.stopWork = context.WithCancel(context.Background())
	if cfg.LogLevel != nil && !cfg.LogLevelFromFlag {
		e.applyStoredLogLevel(ctx)
	}

	clientID := cfg.ClientID
	e.hostClientID = clientID != ""
	if clientID == "" {
		clientID = e.setting(ctx, SettingClientID, DefaultClientID)
	}
	e.Connections, err = connect.New(connect.Options{
		Store: db, Secrets: keychain, Events: bus, Logger: log, Now: cfg.Now,
		ClientID: clientID, Browser: cfg.Browser, CallbackAddr: cfg.CallbackAddr,
		SalesforceLogin: cfg.SalesforceLogin, ClarizenDiscovery: cfg.ClarizenDiscovery,
		HTTPClient: cfg.HTTPClient,
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open connections: %w", err)
	}
	clients := syncer.ProviderClients(e.Connections)
	e.Workspace, err = workspace.New(workspace.Options{Store: db, Clients: clients, Bus: bus, Logger: log, Now: cfg.Now})
	if err != nil {
		db.Close()
		return nil, err
	}
	e.Runner, err = syncer.New(syncer.Options{Store: db, Clients: clients, Bus: bus, Logger: log, Now: cfg.Now,
		OnProgress: cfg.OnProgress, Connections: e.Connections, BeforeRun: e.pairUsersInRun, AfterApply: e.copyPostsInRun})
	if err != nil {
		db.Close()
		return nil, err
	}
	e.Package, err = bestpractice.New(bestpractice.Options{Store: db, Workspace: e.Workspace,
		Connections: e.Connections, Bus: bus, Logger: log, Now: cfg.Now})
	if err != nil {
		db.Close()
		return nil, err
	}
	sched, err := e.scheduleConfig(ctx)
	if err != nil {
		log.Warn("stored schedule is invalid; starting without daily times", slog.Any("error", err))
		sched = scheduler.Config{}
	}
	e.Scheduler, err = scheduler.New(sched, e.scheduledSync, e.socialSync, nil, log)
	if err != nil {
		db.Close()
		return nil, err
	}
	return e, nil
}

// DataDir returns the folder of the database.
func (e *Engine) DataDir() string { return e.dataDir }

// Start runs the scheduler until Close.
func (e *Engine) Start(ctx context.Context) {
	ctx, e.stop = context.WithCancel(ctx)
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		if err := e.Scheduler.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			e.Log.Error("scheduler stopped", slog.Any("error", err))
		}
	}()
}

// Close stops the scheduler, cancels the work in progress, waits for it
// (an interrupted batch stays Pending for the next start) and closes the
// database.
func (e *Engine) Close() error {
	var errs []error
	e.closedOnce.Do(func() {
		e.stopWork()
		e.Runner.Cancel()
		if e.stop != nil {
			e.stop()
		}
		e.wg.Wait()
		e.inflight.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := e.Connections.Close(ctx); err != nil {
			errs = append(errs, err)
		}
		errs = append(errs, e.DB.Close())
	})
	return errors.Join(errs...)
}

// exclusive runs fn as the engine's only piece of work, with a context
// that also ends when the engine closes.
func (e *Engine) exclusive(ctx context.Context, fn func(context.Context) error) error {
	e.inflight.Add(1)
	defer e.inflight.Done()
	if e.closing.Err() != nil {
		return ErrClosed
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(e.closing, cancel)
	defer stop()

	e.work.Lock()
	defer e.work.Unlock()
	if e.closing.Err() != nil {
		return ErrClosed
	}
	return fn(ctx)
}

// Sync runs one sync now and returns its summary. Users are paired by
// e-mail first, because the user mappings create missing users with a
// fixed licence (Chatter Free, Email Only) that a plain create cannot set,
// and other mappings resolve user references through those pairs. A
// manual run (Sync Now) also copies new posts and comments at its end
// (copyPostsInRun). Runs never overlap: a second caller waits for the
// first.
func (e *Engine) Sync(ctx context.Context, opts syncer.RunOptions) (syncer.Summary, error) {
	var summary syncer.Summary
	err := e.exclusive(ctx, func(ctx context.Context) error {
		var err error
		summary, err = e.syncLocked(ctx, opts)
		return err
	})
	return summary, err
}

// syncLocked is Sync for a caller that holds e.work. The runner pairs
// users at the start of the run (pairUsersInRun) and copies posts at its
// end (copyPostsInRun).
func (e *Engine) syncLocked(ctx context.Context, opts syncer.RunOptions) (syncer.Summary, error) {
	return e.Runner.Run(ctx, opts)
}

// copyPostsInRun is the runner's AfterApply. After a manual run (Sync Now
// or an applied preview) it copies the new posts and comments of the
// run's mappings. Running inside the run, the copy's failures and API
// calls count in the summary the run stores and publishes. A failure is
// logged and becomes a warning of the run.
func (e *Engine) copyPostsInRun(ctx context.Context, run syncer.AppliedRun) (syncer.Summary, error) {
	if run.Trigger != scheduler.TriggerManual && run.Trigger != scheduler.TriggerPreview {
		return syncer.Summary{}, nil
	}
	s, err := e.runSocial(ctx, run.MappingIDs)
	out := socialLines(s)
	switch {
	case err != nil:
		e.Log.Warn("copy posts after the run failed", slog.Int64(logging.KeyRun, run.ID), slog.Any("error", err))
		out.Warnings = append(out.Warnings, "posts and comments were not synced: "+logging.Redact(err.Error()))
	case s.Stopped != "":
		out.Warnings = append(out.Warnings, "posts and comments stopped early: "+s.Stopped)
	}
	return out, nil
}

// socialLines turns a social copy's summary into run summary lines with
// its failures and API calls, and the calls per connection. The copies
// are posts and comments, so the Created column leaves them out.
func socialLines(s social.Summary) syncer.Summary {
	var out syncer.Summary
	for _, m := range s.Mappings {
		if m.Failed == 0 && m.APICalls == 0 {
			continue
		}
		out.Mappings = append(out.Mappings, syncer.MappingSummary{MappingID: m.MappingID, Name: m.Name,
			Failed: m.Failed, APICalls: m.APICalls})
		if out.APICalls == nil {
			out.APICalls = map[string]int{}
		}
		if m.SalesforceCalls > 0 {
			out.APICalls[connect.Salesforce] += m.SalesforceCalls
		}
		if m.ClarizenCalls > 0 {
			out.APICalls[m.Connection] += m.ClarizenCalls
		}
	}
	return out
}

// pairUsersInRun is the runner's BeforeRun: it pairs the users of every
// enabled user mapping inside run runID, so that their registry rows
// carry the run's id and the users created count in its summary. A
// failure becomes a warning of the run, which then finds fewer user
// references.
// NOTE: the pairing's own API calls (user queries and creates) are not in
// the run's call counts, because bestpractice.UserResult does not report
// them.
func (e *Engine) pairUsersInRun(ctx context.Context, runID int64) (syncer.Summary, error) {
	var out syncer.Summary
	if e.Package == nil {
		return out, nil
	}
	results, err := e.Package.MatchAllUsersInRun(ctx, runID)
	for _, r := range results {
		if r.CreatedInClarizen+r.CreatedInSalesforce+r.Matched+r.Failed == 0 {
			// Nothing new: a mapping left out of the run gets no line.
			continue
		}
		out.Mappings = append(out.Mappings, syncer.MappingSummary{MappingID: r.MappingID, Name: r.MappingName,
			Created: r.CreatedInClarizen + r.CreatedInSalesforce, Matched: r.Matched, Failed: r.Failed})
		for _, w := range r.Warnings {
			out.Warnings = append(out.Warnings, fmt.Sprintf("mapping %q: %s", r.MappingName, w))
		}
	}
	if err != nil {
		return out, fmt.Errorf("pair users by e-mail: %w", err)
	}
	return out, nil
}

// matchUsers pairs the users of every enabled user mapping. A failure is
// logged and the run goes on: it then finds fewer user references.
func (e *Engine) matchUsers(ctx context.Context) {
	if _, err := e.Package.MatchAllUsers(ctx); err != nil {
		e.Log.Warn("pair users by e-mail before the run", slog.Any("error", err))
	}
}

// Plan plans a run without applying it, for the preview and --dry-run.
func (e *Engine) Plan(ctx context.Context, opts syncer.RunOptions) (*syncer.Plan, error) {
	opts.DryRun = true
	return e.Runner.Plan(ctx, opts)
}

func (e *Engine) scheduledSync(ctx context.Context, req scheduler.Request) error {
	_, err := e.Sync(ctx, syncer.RunOptions{Trigger: req.Trigger, MappingIDs: req.MappingIDs})
	return err
}

// socialSync is the 60-minute cycle of Chatter posts and Clarizen
// discussions, limited to req.MappingIDs when the request names mappings.
func (e *Engine) socialSync(ctx context.Context, req scheduler.Request) error {
	_, err := e.SyncSocial(ctx, req.MappingIDs...)
	return err
}

// SyncSocial pairs users, then copies new Chatter posts and Clarizen
// discussion posts and their comments between linked records of the
// mappings with social sync (all of them when none are named). It waits
// for any run in progress, so two copies of one post are never made.
func (e *Engine) SyncSocial(ctx context.Context, mappingIDs ...string) (social.Summary, error) {
	var summary social.Summary
	err := e.exclusive(ctx, func(ctx context.Context) error {
		e.matchUsers(ctx)
		var err error
		summary, err = e.runSocial(ctx, mappingIDs)
		return err
	})
	return summary, err
}

// runSocial is SyncSocial for a caller that holds e.work. A stop before
// the end (the API budget reserve) is logged and returned in the summary.
func (e *Engine) runSocial(ctx context.Context, mappingIDs []string) (social.Summary, error) {
	s, err := social.New(social.Options{Store: e.DB, Connections: e.Connections, Bus: e.Bus, Logger: e.Log})
	if err != nil {
		return social.Summary{}, err
	}
	summary, err := s.Run(ctx, mappingIDs...)
	if err == nil && summary.Stopped != "" {
		e.Log.Warn("social sync stopped early", slog.String("reason", summary.Stopped))
	}
	return summary, err
}

// ProjectPreview reads the work plan of a Clarizen project of a connection.
func (e *Engine) ProjectPreview(ctx context.Context, connection string, projectID string) (preview.Plan, error) {
	client, err := e.Connections.ClarizenClient(ctx, connection)
	if err != nil {
		return preview.Plan{}, err
	}
	return preview.Load(ctx, client, clarizen.EntityID(projectID))
}

// ConfirmDeletes lets the next run of a mapping delete up to deletes of the
// counterparts the delete guard held back. More deletions than that are
// held again.
func (e *Engine) ConfirmDeletes(ctx context.Context, mappingID string, deletes int) error {
	return e.Runner.ConfirmDeletes(ctx, mappingID, deletes)
}
