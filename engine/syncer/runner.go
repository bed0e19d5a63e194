package syncer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/store"
)

// Settings the runner reads from the store.
const (
	// SettingBudgetReserve is the share of the Salesforce daily API budget,
	// in percent, that a run leaves unused (default 10).
	SettingBudgetReserve = "sync.budget_reserve_percent"
	// SettingOverlapSeconds is how far before each watermark change
	// detection reads again, in seconds (default 300), so that records
	// committed late with an earlier stamp are not missed.
	SettingOverlapSeconds = "sync.overlap_seconds"
	// SettingDeleteGuardPercent is the share of a mapping's links, in
	// percent, that one run may delete before the delete guard holds all
	// of that mapping's deletes back (default 50).
	SettingDeleteGuardPercent = "sync.delete_guard_percent"
)

// Defaults of the settings above.
const (
	DefaultBudgetReserve      = 10
	DefaultOverlap            = 5 * time.Minute
	DefaultDeleteGuardPercent = 50
)

// ErrRunInProgress is returned when a run starts while another is running.
var ErrRunInProgress = errors.New("a sync run is already in progress")

// Options configure a Runner.
type Options struct {
	Store   *store.DB
	Clients Clients
	// Bus receives run.started, run.progress, run.finished and
	// registry.changed; nil publishes nothing.
	Bus    *events.Bus
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnProgress, when set, hears each progress report (about ten per
	// second at most), for the headless command.
	OnProgress func(Progress)
	// Connections, when set, owns connection health. The runner reports
	// each auth failure to it, which marks the connection and pauses its
	// mappings, and reports the connections a finished run used. Without
	// it the runner writes those states to the store itself.
	Connections ConnectionReporter
	// AfterRemoteCall, when set, is called after each batch's remote call
	// and before its registry rows are committed. An error aborts the run
	// at that point, as a crash would. Tests use it; leave it nil.
	AfterRemoteCall func(ctx context.Context, ops []Operation) error
	// BeforeRun, when set, runs at the start of every run that plans and
	// applies (not a dry run, nor the apply of a preview), once the run is
	// recorded and before it plans. It is for work such as pairing users,
	// whose registry rows take runID. The mapping lines and API calls of
	// the summary it returns count in the run's summary, and its error
	// becomes a warning of the run.
	BeforeRun func(ctx context.Context, runID int64) (Summary, error)
	// AfterApply, when set, runs at the end of every run that applied a
	// plan, a preview's included, unless the run failed or was cancelled.
	// It runs before the summary is stored and published, so that work
	// such as copying posts after a manual run counts in the summary the
	// desktop shows. As with BeforeRun, the mapping lines, API calls and
	// warnings of the summary it returns are added to the run's summary,
	// and its error becomes a warning of the run.
	AfterApply func(ctx context.Context, run AppliedRun) (Summary, error)
}

// AppliedRun describes the run that Options.AfterApply follows.
type AppliedRun struct {
	ID      int64
	Trigger string
	// MappingIDs is the run's selection of mappings; empty means all.
	MappingIDs []string
	// Status is the end of the apply: StatusSucceeded, or StatusStopped
	// when the budget reserve or a connection needing re-authentication
	// stopped it early.
	Status RunStatus
}

// ConnectionReporter is the part of the connections manager the runner
// reports to; *connect.Manager implements it.
type ConnectionReporter interface {
	// ReportFailure classifies an error a client returned and records what
	// it means for the connection; it returns the connection's state.
	ReportFailure(ctx context.Context, id string, failure error) (string, error)
	// MarkSynced records that connections took part in a run that
	// finished at at.
	MarkSynced(ctx context.Context, at time.Time, ids ...string) error
}

// Runner plans and applies sync runs, one at a time.
type Runner struct {
	db      *store.DB
	clients Clients
	opts    Options
	log     *slog.Logger
	events  *events.Bus

	mu      sync.Mutex // held while a run plans or applies
	cancel  atomic.Bool
	running atomic.Bool
	// stopPlanning cancels the planning of the run in progress; nil when
	// no run plans. planMu guards it, since Cancel comes from another
	// goroutine.
	planMu       sync.Mutex
	stopPlanning context.CancelFunc
}

// New returns a Runner.
func New(opts Options) (*Runner, error) {
	if opts.Store == nil {
		return nil, errors.New("new sync runner: missing store")
	}
	if opts.Clients == nil {
		return nil, errors.New("new sync runner: missing clients")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	bus := opts.Bus
	if bus == nil {
		bus = events.NewBus(0)
	}
	return &Runner{db: opts.Store, clients: opts.Clients, opts: opts, events: bus,
		log: opts.Logger.With(logging.KeyComponent, "syncer")}, nil
}

func (r *Runner) now() time.Time   { return r.opts.Now().UTC() }
func (r *Runner) bus() *events.Bus { return r.events }

// RunOptions choose what a run syncs.
type RunOptions struct {
	// Trigger is recorded with the run: manual, schedule, cli, demo.
	Trigger string
	// DryRun plans without applying: nothing is written anywhere.
	DryRun bool
	// MappingIDs limits the run to these mappings and the events that
	// target them; empty means every enabled mapping and event.
	MappingIDs []string
}

// Cancel stops the running run. While the run reads and plans, it stops
// at once and sends nothing. Once it applies, it stops after the batch in
// flight, and the operations not yet sent stay Pending for the next run.
// Cancelling the context given to Run stops at once instead, and the batch
// in flight stays Pending too.
func (r *Runner) Cancel() {
	if !r.running.Load() {
		return
	}
	r.cancel.Store(true)
	r.planMu.Lock()
	defer r.planMu.Unlock()
	if r.stopPlanning != nil {
		r.stopPlanning()
	}
}

// planningContext returns the context a run plans with, which Cancel ends.
// The caller calls done once planning is over.
func (r *Runner) planningContext(ctx context.Context) (planCtx context.Context, done func()) {
	planCtx, cancel := context.WithCancel(ctx)
	r.planMu.Lock()
	r.stopPlanning = cancel
	r.planMu.Unlock()
	if r.cancel.Load() {
		// Cancel came before the planning context existed.
		cancel()
	}
	return planCtx, func() {
		r.planMu.Lock()
		r.stopPlanning = nil
		r.planMu.Unlock()
		cancel()
	}
}

// Running reports whether a run is in progress.
func (r *Runner) Running() bool { return r.running.Load() }

// Plan plans a run and returns the plan without applying it. It reads both
// sides and writes nothing: no remote write, no registry row, no watermark,
// no firing and no connection or mapping state.
func (r *Runner) Plan(ctx context.Context, opts RunOptions) (*Plan, error) {
	if !r.mu.TryLock() {
		return nil, ErrRunInProgress
	}
	defer r.mu.Unlock()
	rep := newReporter(r.events, r.opts.OnProgress, r.opts.Now)
	p, err := r.buildPlan(ctx, opts, rep, newTally())
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Run plans and applies one run and returns its summary. A run that ends
// early and cleanly (cancelled, budget under the reserve, a connection
// needing re-authentication) returns its summary with that status and a
// nil error. An error means the run failed.
func (r *Runner) Run(ctx context.Context, opts RunOptions) (Summary, error) {
	if opts.DryRun {
		return r.dryRun(ctx, opts)
	}
	return r.execute(ctx, opts.Trigger, true, func(planCtx context.Context, rep *reporter, t *tally) (*Plan, error) {
		return r.buildPlan(planCtx, opts, rep, t)
	})
}

// MaxPlanAge is the maximum age of a plan from Plan that Apply applies.
// Records change while the admin looks at a preview; after this long the
// preview must be made again.
const MaxPlanAge = 15 * time.Minute

// Errors of Apply.
var (
	ErrPlanStale   = fmt.Errorf("the plan is older than %d minutes; preview the sync again", int(MaxPlanAge/time.Minute))
	ErrPlanApplied = errors.New("the plan was applied already; preview the sync again")
)

// Apply applies a plan that Plan returned, as the preview screen showed
// it, instead of planning afresh. A plan applies once, and only within
// MaxPlanAge of its making.
//
// Before each batch of updates it reads the targets again. An update
// that would write over a field changed in the target since the preview
// is not sent: it fails with CodeTargetChanged as transient, so the next
// run compares the pair afresh and applies the mapping's conflict rule.
func (r *Runner) Apply(ctx context.Context, p *Plan, trigger string) (Summary, error) {
	if p == nil || p.applied.Load() {
		return Summary{}, ErrPlanApplied
	}
	if r.now().Sub(p.CreatedAt) > MaxPlanAge {
		return Summary{}, ErrPlanStale
	}
	return r.execute(ctx, trigger, false, func(context.Context, *reporter, *tally) (*Plan, error) {
		if !p.applied.CompareAndSwap(false, true) {
			return nil, ErrPlanApplied
		}
		p.previewed = true
		return p, nil
	})
}

// execute records a run, runs Options.BeforeRun when before is set, gets
// the plan from makePlan, applies it, runs Options.AfterApply, and stores,
// publishes and returns the summary.
func (r *Runner) execute(ctx context.Context, trigger string, before bool, makePlan func(context.Context, *reporter, *tally) (*Plan, error)) (Summary, error) {
	if !r.mu.TryLock() {
		return Summary{}, ErrRunInProgress
	}
	defer r.mu.Unlock()
	r.cancel.Store(false)
	r.running.Store(true)
	defer r.running.Store(false)

	if trigger == "" {
		trigger = "manual"
	}
	started := r.now()
	runID, err := r.db.StartRun(ctx, trigger, false)
	if err != nil {
		return Summary{}, err
	}
	log := r.log.With(logging.KeyRun, runID)
	log.Info("sync run started", "trigger", trigger)
	r.events.Emit(events.RunStarted, map[string]any{"runId": runID, "trigger": trigger})

	rep := newReporter(r.events, r.opts.OnProgress, r.opts.Now)
	rep.update(func(p *Progress) { p.RunID = runID })
	t := newTally()
	sum := Summary{RunID: runID, StartedAt: started, Status: StatusSucceeded}
	var early []string
	if before && r.opts.BeforeRun != nil {
		early = r.beforeRun(ctx, runID, t, log)
	}

	var a *applier
	planCtx, planned := r.planningContext(ctx)
	p, runErr := makePlan(planCtx, rep, t)
	if runErr != nil && planCtx.Err() != nil {
		// Cancel, or the end of ctx, stopped the run before it sent
		// anything.
		runErr = &stopError{status: StatusCancelled, reason: "the run was cancelled while it read and planned; nothing was sent"}
	}
	planned()
	if runErr == nil {
		a, runErr = r.runOnce(ctx, p, runID, rep, t, log)
	}
	var stop *stopError
	if errors.As(runErr, &stop) && stop.refused != nil {
		// Planning writes nothing: the refused login is recorded here.
		if err := r.pauseConnection(ctx, stop.refused.connection, stop.refused.failure); err != nil {
			runErr = err
		}
	}
	if p != nil && !p.previewed {
		// A preview's refusals may be old news: the admin may have logged
		// in again since. The next run that plans records them anew.
		for _, l := range p.refused {
			if err := r.pauseConnection(ctx, l.connection, l.failure); err != nil && runErr == nil {
				runErr = err
			}
		}
	}
	switch {
	case errors.As(runErr, &stop):
		sum.Status, sum.StopReason = stop.status, stop.reason
		runErr = nil
	case runErr != nil:
		sum.Status, sum.StopReason = StatusFailed, logging.Redact(runErr.Error())
	}
	var late []string
	if a != nil && r.opts.AfterApply != nil && (sum.Status == StatusSucceeded || sum.Status == StatusStopped) {
		late = r.afterApplyHook(ctx, AppliedRun{ID: runID, Trigger: trigger, MappingIDs: a.plan.selection, Status: sum.Status}, t, log)
	}
	if a != nil {
		sum.Pending = a.pending()
		sum.Warnings = a.plan.AllWarnings()
		sum.Skipped = a.plan.Skipped
		sum.HeldDeletes = a.plan.HeldDeletes
		sum.AlsoSynced = a.plan.AlsoSynced
		// Every mapping the run covered gets a line, all zeros included.
		for _, m := range a.plan.Mappings {
			t.mapping(m.MappingID, m.Name)
		}
		if len(a.plan.Paused) > 0 && sum.Status == StatusSucceeded {
			sum.Warnings = append(sum.Warnings, fmt.Sprintf("%s paused, because a connection of theirs needs re-authentication or is not connected (see the Connections screen)",
				pluralVerb(len(a.plan.Paused), "mapping", "was", "were")))
		}
	}
	sum.Warnings = append(append(early, sum.Warnings...), late...)
	return r.finish(ctx, sum, t, rep, log, runErr)
}

// runOnce applies p, then stores what a finished apply allows.
func (r *Runner) runOnce(ctx context.Context, p *Plan, runID int64, rep *reporter, t *tally, log *slog.Logger) (*applier, error) {
	var err error
	a := &applier{r: r, plan: p, runID: runID, tally: t, progress: rep, log: log,
		cz: map[string]ClarizenAPI{}, paused: map[string]bool{},
		reserve: r.setting(ctx, SettingBudgetReserve, DefaultBudgetReserve)}
	if len(p.Operations) > 0 {
		if a.sf, err = r.clients.Salesforce(ctx); err != nil {
			return a, connectionStop(SalesforceConnection, err)
		}
	}

	applyErr := a.apply(ctx)
	var stop *stopError
	if applyErr != nil && !errors.As(applyErr, &stop) {
		// The store failed or the run was aborted: what reached the
		// targets is unknown, so nothing more is stored.
		return a, applyErr
	}
	// A clean stop still stores what finished: watermarks held back at the
	// first unfinished source, and the firings whose operations all ended.
	if err := r.afterApply(context.WithoutCancel(ctx), a); err != nil {
		return a, err
	}
	if stop != nil {
		return a, stop
	}
	if len(a.paused) > 0 {
		return a, &stopError{status: StatusStopped, reason: "a connection needs re-authentication; its mappings are paused and their operations stay Pending"}
	}
	return a, nil
}

// afterApply stores, in this order, the watermarks, the firings of events
// whose operations all finished, and, after a run that sent everything,
// the closing of rows earlier runs left Pending that this run found
// nothing more to do for.
func (r *Runner) afterApply(ctx context.Context, a *applier) error {
	if err := r.db.CommitBatch(ctx, nil, nil, nil, a.holdMarks()); err != nil {
		return fmt.Errorf("store watermarks of run %d: %w", a.runID, err)
	}
	for _, id := range a.plan.confirmedDeletes {
		if err := r.db.DeleteSetting(ctx, SettingConfirmedDeletesPrefix+id); err != nil {
			return err
		}
	}
	for _, f := range a.plan.firings {
		done := true
		for _, i := range f.ops {
			if a.out[i].unfinished() {
				done = false
			}
		}
		if done {
			if _, err := r.db.RecordFiring(ctx, f.eventID, f.recordID); err != nil {
				return err
			}
		}
	}
	if err := r.recordEventResults(ctx, a); err != nil {
		return err
	}
	if a.stop != nil || len(a.paused) > 0 {
		return nil
	}
	return r.closeStaleRows(ctx, a)
}

// finish records the run's end and publishes run.finished.
func (r *Runner) finish(ctx context.Context, sum Summary, t *tally, rep *reporter, log *slog.Logger, runErr error) (Summary, error) {
	sum.FinishedAt = r.now()
	sum.Mappings = t.lines()
	sum.APICalls = t.calls
	if sf, err := r.clients.Salesforce(ctx); err == nil {
		if u, ok := sf.APIUsage(); ok {
			sum.SalesforceBudget = &Budget{Used: u.Used, Max: u.Max}
		}
	}
	rep.update(func(p *Progress) { p.Phase = PhaseDone })
	rep.flush()

	data, err := json.Marshal(sum)
	if err != nil {
		return sum, fmt.Errorf("encode summary of run %d: %w", sum.RunID, err)
	}
	// The run's end is recorded even when ctx was cancelled.
	bg := context.WithoutCancel(ctx)
	if err := r.db.FinishRun(bg, sum.RunID, string(sum.Status), data); err != nil {
		return sum, err
	}

	if r.opts.Connections != nil && sum.Status != StatusFailed && len(sum.APICalls) > 0 {
		ids := make([]string, 0, len(sum.APICalls))
		for id := range sum.APICalls {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		if err := r.opts.Connections.MarkSynced(bg, sum.FinishedAt, ids...); err != nil {
			log.Warn("mark connections synced failed", logging.KeyError, err)
		}
	}

	for _, m := range sum.Mappings {
		line := fmt.Sprintf("%s: %d created, %d updated, %d deleted, %d failed", sum.FinishedAt.Format(time.RFC3339),
			m.Created, m.Updated, m.Deleted, m.Failed)
		if err := r.db.SetLastResult(bg, "mapping", m.MappingID, line); err != nil && !errors.Is(err, store.ErrNotFound) {
			return sum, err
		}
	}
	for _, s := range sum.Skipped {
		err := r.db.SetLastResult(bg, s.Kind, s.ID, skippedResult(s, sum.FinishedAt.Format(time.RFC3339)))
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return sum, err
		}
	}

	r.events.Emit(events.RunFinished, sum)
	log.Info("sync run finished", "status", string(sum.Status), "created", sum.Totals().Created,
		"updated", sum.Totals().Updated, "deleted", sum.Totals().Deleted, "failed", sum.Totals().Failed,
		"pending", sum.Pending)
	return sum, runErr
}

// dryRun plans and returns the plan's counts as a summary, writing nothing.
func (r *Runner) dryRun(ctx context.Context, opts RunOptions) (Summary, error) {
	started := r.now()
	p, err := r.Plan(ctx, opts)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{DryRun: true, Status: StatusSucceeded, StartedAt: started, FinishedAt: r.now(),
		APICalls: p.Reads, Warnings: p.AllWarnings(), Skipped: p.Skipped, HeldDeletes: p.HeldDeletes, AlsoSynced: p.AlsoSynced}
	for _, m := range p.Mappings {
		sum.Mappings = append(sum.Mappings, MappingSummary{MappingID: m.MappingID, Name: m.Name,
			Created: m.Creates, Updated: m.Updates, Deleted: m.Deletes, Linked: m.Links - m.Matches, Matched: m.Matches, Conflicts: m.Conflicts})
	}
	return sum, nil
}

// setting reads an integer setting, or def when it is unset or invalid.
func (r *Runner) setting(ctx context.Context, key string, def int) int {
	v, ok, err := r.db.Setting(ctx, key)
	if err != nil || !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		r.log.Warn("invalid setting; using the default", "key", key, "value", v, "default", def)
		return def
	}
	return n
}

// beforeRun runs Options.BeforeRun and counts its work in the tally. It
// returns the warnings the run's summary starts with.
func (r *Runner) beforeRun(ctx context.Context, runID int64, t *tally, log *slog.Logger) []string {
	s, err := r.opts.BeforeRun(ctx, runID)
	t.add(s)
	warnings := append([]string(nil), s.Warnings...)
	if err != nil {
		log.Warn("work before the run failed", logging.KeyError, err)
		warnings = append(warnings, "the work before the run failed: "+logging.Redact(err.Error()))
	}
	return warnings
}

// afterApplyHook runs Options.AfterApply and counts its work in the
// tally. It returns the warnings that end the run's summary.
func (r *Runner) afterApplyHook(ctx context.Context, run AppliedRun, t *tally, log *slog.Logger) []string {
	s, err := r.opts.AfterApply(ctx, run)
	t.add(s)
	warnings := append([]string(nil), s.Warnings...)
	if err != nil {
		log.Warn("work after the apply failed", logging.KeyError, err)
		warnings = append(warnings, "the work after the apply failed: "+logging.Redact(err.Error()))
	}
	return warnings
}
