package demo

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/logging"
)

// Ids of the setup steps, in the order they run.
const (
	StepClarizen1  = "clarizen1"
	StepClarizen2  = "clarizen2"
	StepSalesforce = "salesforce"
	StepPackage    = "package"
	StepSync       = "sync"
)

// Statuses of a setup step.
const (
	StepPending = "pending"
	StepRunning = "running"
	// StepWaiting means the step waits for the user: the Salesforce login
	// page waits for a login and an approval.
	StepWaiting = "waiting"
	StepDone    = "done"
	StepFailed  = "failed"
)

// Statuses of the whole setup.
const (
	SetupIdle    = "idle"
	SetupRunning = "running"
	SetupDone    = "done"
	SetupFailed  = "failed"
)

// SetupStep is one step of the setup as the window shows it.
type SetupStep struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	// Detail is the outcome of a finished step or the error of a failed
	// one.
	Detail string `json:"detail,omitempty"`
}

// LoginPage is the newest simulated Salesforce login page that the demo
// showed the user, with the login that works on it. The login belongs to
// the simulator, not to any real org.
type LoginPage struct {
	URL      string `json:"url"`
	Username string `json:"username"`
	Password string `json:"password"`
	// Opened is true when the system browser shows the page; false when
	// the demo only printed its address or the browser failed.
	Opened bool `json:"opened"`
	// BrowserError is the error of the system browser that did not open
	// the page.
	BrowserError string `json:"browserError,omitempty"`
}

// SetupState is the progress of the setup that the desktop demo runs
// behind its window: connections, package and first sync.
type SetupState struct {
	// Seq grows with every change, so that a receiver can drop a state
	// that arrives after a newer one.
	Seq uint64 `json:"seq"`
	// Status is SetupIdle before Start, then SetupRunning, SetupDone or
	// SetupFailed.
	Status string      `json:"status"`
	Steps  []SetupStep `json:"steps"`
	// LoginPage is set once a Salesforce login page was shown, by the
	// setup or by a login that the user started on the Connections screen.
	LoginPage *LoginPage `json:"loginPage,omitempty"`
	// Error is the error that stopped the setup.
	Error string `json:"error,omitempty"`
}

// Setup connects the demo workspace, installs the package and runs the
// first sync in the background, so that the desktop app can open its
// window first and show the progress. It also tracks the Salesforce login
// page for SignInForMe. The methods are safe for concurrent use.
type Setup struct {
	w *Workspace

	mu    sync.Mutex
	state SetupState
	// waitingURL is the address of the login page whose login still
	// waits for its callback, or empty.
	waitingURL string
	running    bool
	report     Report
	watchers   map[int]func(SetupState)
	nextID     int
	done       sync.WaitGroup
}

func newSetup(w *Workspace) *Setup {
	s := &Setup{w: w, watchers: map[int]func(SetupState){}}
	s.state = SetupState{Status: SetupIdle, Steps: []SetupStep{
		{ID: StepClarizen1, Title: "Connect Clarizen instance 1 (user name and password)"},
		{ID: StepClarizen2, Title: "Connect Clarizen instance 2 (API key)"},
		{ID: StepSalesforce, Title: "Sign in to the Salesforce org"},
		{ID: StepPackage, Title: "Install the best-practices package"},
		{ID: StepSync, Title: "Run the first sync"},
	}}
	for i := range s.state.Steps {
		s.state.Steps[i].Status = StepPending
	}
	return s
}

// State returns a copy of the current state.
func (s *Setup) State() SetupState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.copyLocked()
}

func (s *Setup) copyLocked() SetupState {
	out := s.state
	out.Steps = append([]SetupStep(nil), s.state.Steps...)
	if s.state.LoginPage != nil {
		page := *s.state.LoginPage
		out.LoginPage = &page
	}
	return out
}

// Watch calls fn with the new state after every change, until the
// returned function is called. fn must not block.
func (s *Setup) Watch(fn func(SetupState)) (stop func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID
	s.nextID++
	s.watchers[id] = fn
	return func() {
		s.mu.Lock()
		delete(s.watchers, id)
		s.mu.Unlock()
	}
}

// update changes the state under the lock and then calls the watchers.
func (s *Setup) update(change func(*SetupState)) {
	s.mu.Lock()
	change(&s.state)
	s.state.Seq++
	state := s.copyLocked()
	watchers := make([]func(SetupState), 0, len(s.watchers))
	for _, fn := range s.watchers {
		watchers = append(watchers, fn)
	}
	s.mu.Unlock()
	for _, fn := range watchers {
		fn(state)
	}
}

func (s *Setup) setStep(id, status, detail string) {
	s.update(func(st *SetupState) {
		for i := range st.Steps {
			if st.Steps[i].ID == id {
				st.Steps[i].Status, st.Steps[i].Detail = status, detail
			}
		}
	})
}

// Start runs the steps that are not done yet in the background and
// returns true, unless they are running already or all are done. A setup
// that failed starts again from the failed step. ctx bounds the run.
func (s *Setup) Start(ctx context.Context) bool {
	s.mu.Lock()
	if s.running || s.state.Status == SetupDone {
		s.mu.Unlock()
		return false
	}
	s.running = true
	s.done.Add(1)
	s.mu.Unlock()

	go func() {
		defer s.done.Done()
		err := s.run(ctx)
		s.mu.Lock()
		s.running = false
		s.mu.Unlock()
		if err != nil && ctx.Err() == nil {
			fmt.Fprintf(s.w.out, "The demo setup stopped: %v\nThe app shows the error and a Try again button.\n", err)
		}
	}()
	return true
}

// Wait waits until a run that Start began has ended.
func (s *Setup) Wait() { s.done.Wait() }

// Report returns the outcome of the first sync once the setup is done.
func (s *Setup) Report() Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.report
}

// run runs each step that is not done yet, in order, and stops at the
// first that fails.
func (s *Setup) run(ctx context.Context) error {
	s.update(func(st *SetupState) { st.Status, st.Error = SetupRunning, "" })
	steps := []struct {
		id  string
		run func(context.Context) (string, error)
	}{
		{StepClarizen1, func(ctx context.Context) (string, error) { return s.w.connectClarizen(ctx, connect.Clarizen1) }},
		{StepClarizen2, func(ctx context.Context) (string, error) { return s.w.connectClarizen(ctx, connect.Clarizen2) }},
		{StepSalesforce, s.signIn},
		{StepPackage, s.install},
		{StepSync, s.firstSync},
	}
	for _, step := range steps {
		if s.stepStatus(step.id) == StepDone {
			continue
		}
		s.setStep(step.id, StepRunning, "")
		detail, err := step.run(ctx)
		if err != nil {
			s.w.log.Error("demo setup step failed", "step", step.id, logging.KeyError, err)
			s.setStep(step.id, StepFailed, err.Error())
			s.update(func(st *SetupState) { st.Status, st.Error = SetupFailed, err.Error() })
			return err
		}
		s.setStep(step.id, StepDone, detail)
	}
	s.update(func(st *SetupState) { st.Status = SetupDone })
	rep := s.Report()
	s.w.log.Info("demo setup finished", "writes", rep.Writes(), "failed", rep.Failed())
	fmt.Fprintf(s.w.out, "The demo workspace is ready. First sync (%s).\n", rep.Describe())
	return nil
}

func (s *Setup) stepStatus(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, step := range s.state.Steps {
		if step.ID == id {
			return step.Status
		}
	}
	return ""
}

// signIn runs the Salesforce login through the user's browser, or through
// SignInForMe. A login that the user finished on the Connections screen
// meanwhile counts as done.
func (s *Setup) signIn(ctx context.Context) (string, error) {
	if s.w.connected(ctx, connect.Salesforce) {
		return "already connected", nil
	}
	s.setStep(StepSalesforce, StepWaiting, "")
	detail, err := s.w.connectSalesforce(ctx)
	if err != nil && ctx.Err() == nil && s.w.connected(ctx, connect.Salesforce) {
		return "connected on the Connections screen", nil
	}
	return detail, err
}

func (s *Setup) install(ctx context.Context) (string, error) {
	if err := s.w.setUp(ctx); err != nil {
		return "", err
	}
	return fmt.Sprintf("version %d; its event is enabled for the %d simulated opportunities at 70%% or more",
		bestpractice.Version, s.w.Enabled.Matching), nil
}

func (s *Setup) firstSync(ctx context.Context) (string, error) {
	rep, err := s.w.Sync(ctx)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	s.report = rep
	s.mu.Unlock()
	return rep.Describe(), nil
}

// showLoginPage records the login page that a new Salesforce login shows.
// The page counts as waiting until loginEnded is called with its address.
func (s *Setup) showLoginPage(url string) {
	page := &LoginPage{URL: url, Username: s.w.Logins.SalesforceUser, Password: s.w.Logins.SalesforcePassword}
	s.update(func(st *SetupState) {
		st.LoginPage = page
		s.waitingURL = url
	})
}

// browserDone records that the system browser opened the page at url, or
// with browserErr why not. It changes nothing once a newer page exists.
func (s *Setup) browserDone(url string, opened bool, browserErr error) {
	s.update(func(st *SetupState) {
		if st.LoginPage == nil || st.LoginPage.URL != url {
			return
		}
		page := *st.LoginPage
		page.Opened = opened
		if browserErr != nil {
			page.BrowserError = browserErr.Error()
		}
		st.LoginPage = &page
	})
}

// loginEnded records that the login of the page at url no longer waits
// for its callback. A newer page stays waiting.
func (s *Setup) loginEnded(url string) {
	s.mu.Lock()
	if s.waitingURL == url {
		s.waitingURL = ""
	}
	s.mu.Unlock()
}

// ErrNoLoginPage means SignInForMe found no Salesforce login waiting.
var ErrNoLoginPage = errors.New("no Salesforce login is waiting; start one with Sign in to Salesforce")

// newPageWait bounds how long SignInForMe waits for a new login page when
// the newest one's login has ended. A window can show Sign in for me with
// the old page for the moment between a new login's start and its page,
// as on Re-authenticate, and the new page normally follows in milliseconds.
const newPageWait = 5 * time.Second

// SignInForMe logs in on the simulated Salesforce login page whose login
// waits and approves access, as the headless demo does, instead of the
// user. It returns once Liaison's login callback has the code; the login
// finishes in the call that opened the page.
func (s *Setup) SignInForMe(ctx context.Context) error {
	url, err := s.waitingPage(ctx)
	if err != nil {
		return err
	}
	browser := selfApproving{sim: s.w.Salesforce, username: s.w.Logins.SalesforceUser, password: s.w.Logins.SalesforcePassword}
	err = browser.OpenURL(ctx, url)
	var notWaiting *callbackError
	if errors.As(err, &notWaiting) {
		// The page's login ended a moment ago, before loginEnded ran, and
		// a newer login may be about to record its page.
		s.loginEnded(url)
		if url, err = s.waitingPage(ctx); err != nil {
			return err
		}
		err = browser.OpenURL(ctx, url)
	}
	if err != nil {
		if errors.As(err, &notWaiting) {
			return fmt.Errorf("sign in for you: the login page is no longer waiting (it finished or was cancelled); start a new login: %w", err)
		}
		return fmt.Errorf("sign in for you: %w", err)
	}
	s.w.log.Info("demo signed in on the simulated salesforce login page for the user")
	return nil
}

// waitingPage returns the address of the login page whose login waits.
// When no page was ever shown it returns ErrNoLoginPage at once. When the
// newest page's login has ended, it waits up to newPageWait for a newer
// page before it fails with an error stating that the page no longer
// waits.
func (s *Setup) waitingPage(ctx context.Context) (string, error) {
	changed := make(chan struct{}, 1)
	stop := s.Watch(func(SetupState) {
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	defer stop()
	timer := time.NewTimer(newPageWait)
	defer timer.Stop()
	for {
		s.mu.Lock()
		url, shown := s.waitingURL, s.state.LoginPage != nil
		s.mu.Unlock()
		switch {
		case url != "":
			return url, nil
		case !shown:
			return "", ErrNoLoginPage
		}
		select {
		case <-changed:
		case <-timer.C:
			return "", errors.New("sign in for you: the login page is no longer waiting (it finished or was cancelled); start a new login")
		case <-ctx.Done():
			return "", fmt.Errorf("sign in for you: wait for a login page: %w", ctx.Err())
		}
	}
}

// connected reports whether the connection id is connected.
func (w *Workspace) connected(ctx context.Context, id string) bool {
	c, err := w.Engine.DB.Connection(ctx, id)
	if err != nil {
		return false
	}
	return c.State == connect.StateConnected
}
