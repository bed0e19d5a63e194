package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/scheduler"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// FieldValue is one field an operation writes or wrote, with its value
// before and after as text. Nil is a null value, which differs from the
// empty string.
type FieldValue struct {
	Field  string  `json:"field"`
	Before *string `json:"before"`
	After  *string `json:"after"`
	// Conflict explains a field changed on both sides since the last sync,
	// and which side's value the mapping's rule kept.
	Conflict string `json:"conflict,omitempty"`
}

// PlannedOperation is one write of a previewed plan.
type PlannedOperation struct {
	ID   int    `json:"id"`
	Kind string `json:"kind"`
	// Side is the system written: salesforce or clarizen.
	Side       string `json:"side"`
	Connection string `json:"connection"`
	Object     string `json:"object"`
	// RecordID is empty for a create, whose id comes with it.
	RecordID   string `json:"recordId,omitempty"`
	RecordName string `json:"recordName"`
	// Label is the record's readable name (a Case's number and subject,
	// both names of a pair it links), empty when none was read.
	Label     string       `json:"label"`
	MappingID string       `json:"mappingId,omitempty"`
	Mapping   string       `json:"mapping"`
	EventID   string       `json:"eventId,omitempty"`
	Template  string       `json:"template,omitempty"`
	Reason    string       `json:"reason"`
	Fields    []FieldValue `json:"fields"`
	Warnings  []string     `json:"warnings"`
}

// PlanView is a previewed plan: every operation with its field values
// before and after, the API calls applying it spends, per connection.
type PlanView struct {
	ID         string               `json:"id"`
	CreatedAt  string               `json:"createdAt"`
	Operations []PlannedOperation   `json:"operations"`
	Mappings   []syncer.MappingPlan `json:"mappings"`
	// APICalls estimates the calls applying the plan makes, keyed by
	// connection (salesforce, clarizen1, clarizen2); Reads counts the
	// calls planning made.
	APICalls map[string]int `json:"apiCalls"`
	Reads    map[string]int `json:"reads"`
	// Social lists the mappings whose new posts and comments a manual run
	// copies after applying the plan, with the minimum calls of that copy.
	// The posts themselves are counted only when the copy runs.
	Social   []syncer.SocialEstimate `json:"social"`
	Warnings []string                `json:"warnings"`
	// Paused names mappings skipped because a connection needs the admin.
	Paused []string `json:"paused"`
	// HeldDeletes lists the mappings whose deletions the delete guard
	// holds back until the admin confirms them (ConfirmDeletes).
	HeldDeletes []syncer.HeldDeletes `json:"heldDeletes"`
	// Skipped lists the mappings and events left out because they failed
	// to plan.
	Skipped []syncer.SkippedDefinition `json:"skipped"`
}

// RunSummary is a run's outcome, as the end of the progress bar and the
// run history show it.
type RunSummary struct {
	RunID      int64                   `json:"runId"`
	Trigger    string                  `json:"trigger,omitempty"`
	DryRun     bool                    `json:"dryRun"`
	Status     string                  `json:"status"`
	StartedAt  string                  `json:"startedAt"`
	FinishedAt string                  `json:"finishedAt"`
	StopReason string                  `json:"stopReason,omitempty"`
	Mappings   []syncer.MappingSummary `json:"mappings"`
	APICalls   map[string]int          `json:"apiCalls"`
	Pending    int                     `json:"pending"`
	Budget     *syncer.Budget          `json:"salesforceBudget,omitempty"`
	Warnings   []string                `json:"warnings"`
	// HeldDeletes and Skipped are as in PlanView.
	HeldDeletes []syncer.HeldDeletes       `json:"heldDeletes"`
	Skipped     []syncer.SkippedDefinition `json:"skipped"`
}

// ApplyOutcome is the result of applying a previewed plan.
type ApplyOutcome struct {
	Summary RunSummary `json:"summary"`
	// Replanned is true when the run did not apply the previewed plan but
	// planned again, for the cause in Reason.
	Replanned bool   `json:"replanned"`
	Reason    string `json:"reason,omitempty"`
}

// ScheduleView is the sync schedule: up to two daily times, and whether
// scheduled runs are paused.
type ScheduleView struct {
	DailyTimes []string `json:"dailyTimes"`
	Paused     bool     `json:"paused"`
	// NextDaily is the next scheduled run (RFC 3339), empty when none.
	NextDaily string `json:"nextDaily"`
	// Running names the trigger of the run in progress, empty when idle.
	Running string `json:"running"`
}

// RunService backs Sync Now, the preview, the progress bar and the sync
// schedule.
type RunService struct {
	svc *service

	mu       sync.Mutex
	previews *engine.Previews
}

func newRunService(svc *service) *RunService { return &RunService{svc: svc} }

func (s *RunService) previewsOf() (*engine.Previews, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.previews == nil {
		s.previews = engine.NewPreviews(eng)
	}
	return s.previews, nil
}

// SyncNow requests a run of the given mappings (every enabled one when
// none is given) and returns at once. Progress arrives as run.* events.
func (s *RunService) SyncNow(mappingIDs []string) error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	return eng.Scheduler.SyncNow(mappingIDs...)
}

// Preview plans a run of the given mappings without writing anything and
// keeps the plan for Apply.
func (s *RunService) Preview(mappingIDs []string) (PlanView, error) {
	previews, err := s.previewsOf()
	if err != nil {
		return PlanView{}, err
	}
	id, plan, err := previews.Preview(s.svc.context(), syncer.RunOptions{Trigger: "manual", MappingIDs: mappingIDs})
	if err != nil {
		return PlanView{}, err
	}
	return planView(id, plan), nil
}

// Apply applies the previewed plan and waits for the run to end; progress
// arrives as run.* events meanwhile.
func (s *RunService) Apply(planID string) (ApplyOutcome, error) {
	previews, err := s.previewsOf()
	if err != nil {
		return ApplyOutcome{}, err
	}
	out, err := previews.Apply(s.svc.context(), planID, scheduler.TriggerPreview)
	if errors.Is(err, engine.ErrPreviewGone) {
		return ApplyOutcome{}, &codedError{code: CodePlanGone, msg: err.Error(), err: err,
			hint: "Open the preview again to see what a run would write now."}
	}
	result := ApplyOutcome{Summary: runSummary(out.Summary, ""), Replanned: out.Replanned, Reason: out.Reason}
	return result, err
}

// Discard drops a previewed plan without applying it.
func (s *RunService) Discard(planID string) error {
	previews, err := s.previewsOf()
	if err != nil {
		return err
	}
	previews.Discard(planID)
	return nil
}

// ConfirmDeletes lets the next run of a mapping delete up to deletes of
// the counterparts that the delete guard held back, once the admin has
// checked the source.
func (s *RunService) ConfirmDeletes(mappingID string, deletes int) error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	if deletes <= 0 {
		return invalidInput(fmt.Sprintf("confirm deletions of mapping %s: the number must be positive, not %d", mappingID, deletes), nil)
	}
	return eng.ConfirmDeletes(s.svc.context(), mappingID, deletes)
}

// Cancel stops the run in progress after the batch in flight; operations
// not yet sent stay Pending for the next run.
func (s *RunService) Cancel() error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	eng.Runner.Cancel()
	return nil
}

// Schedule returns the sync schedule.
func (s *RunService) Schedule() (ScheduleView, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return ScheduleView{}, err
	}
	st := eng.Scheduler.Status()
	view := ScheduleView{DailyTimes: eng.Settings(s.svc.context()).DailyTimes, Paused: st.Paused,
		NextDaily: rfc3339(st.NextDaily), Running: st.Running}
	if view.DailyTimes == nil {
		view.DailyTimes = []string{}
	}
	return view, nil
}

// SaveSchedule sets the daily sync times (up to two, HH:MM) and applies
// them at once.
func (s *RunService) SaveSchedule(dailyTimes []string) (ScheduleView, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return ScheduleView{}, err
	}
	ctx := s.svc.context()
	settings := eng.Settings(ctx)
	settings.DailyTimes = nil
	for _, t := range dailyTimes {
		if t = strings.TrimSpace(t); t != "" {
			settings.DailyTimes = append(settings.DailyTimes, t)
		}
	}
	if err := eng.SaveSettings(ctx, settings); err != nil {
		return ScheduleView{}, invalidInput(err.Error(), err)
	}
	return s.Schedule()
}

// PauseSchedule stops scheduled runs until ResumeSchedule; Sync Now still
// works.
func (s *RunService) PauseSchedule() (ScheduleView, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return ScheduleView{}, err
	}
	eng.Scheduler.Pause()
	return s.Schedule()
}

// ResumeSchedule restarts scheduled runs.
func (s *RunService) ResumeSchedule() (ScheduleView, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return ScheduleView{}, err
	}
	eng.Scheduler.Resume()
	return s.Schedule()
}

// History returns the newest finished runs, newest first, at most limit.
func (s *RunService) History(limit int) ([]RunSummary, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	runs, err := eng.DB.Runs(s.svc.context(), limit)
	if err != nil {
		return nil, err
	}
	out := []RunSummary{}
	for _, r := range runs {
		if len(r.Summary) == 0 {
			continue // still running
		}
		var sum syncer.Summary
		if err := json.Unmarshal(r.Summary, &sum); err != nil {
			return nil, fmt.Errorf("decode summary of run %d: %w", r.ID, err)
		}
		out = append(out, runSummary(sum, r.Trigger))
	}
	return out, nil
}

func runSummary(sum syncer.Summary, trigger string) RunSummary {
	out := RunSummary{RunID: sum.RunID, Trigger: trigger, DryRun: sum.DryRun, Status: string(sum.Status),
		StartedAt: rfc3339(sum.StartedAt), FinishedAt: rfc3339(sum.FinishedAt), StopReason: sum.StopReason,
		Mappings: sum.Mappings, APICalls: sum.APICalls, Pending: sum.Pending, Budget: sum.SalesforceBudget,
		Warnings: sum.Warnings, HeldDeletes: sum.HeldDeletes, Skipped: sum.Skipped}
	if out.Mappings == nil {
		out.Mappings = []syncer.MappingSummary{}
	}
	if out.HeldDeletes == nil {
		out.HeldDeletes = []syncer.HeldDeletes{}
	}
	if out.Skipped == nil {
		out.Skipped = []syncer.SkippedDefinition{}
	}
	if out.APICalls == nil {
		out.APICalls = map[string]int{}
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	return out
}

func planView(id string, p *syncer.Plan) PlanView {
	view := PlanView{ID: id, CreatedAt: p.CreatedAt.UTC().Format(time.RFC3339), Mappings: p.Mappings,
		APICalls: p.APICalls, Reads: p.Reads, Warnings: p.AllWarnings(), Paused: p.Paused,
		HeldDeletes: p.HeldDeletes, Skipped: p.Skipped, Social: p.Social,
		Operations: make([]PlannedOperation, 0, len(p.Operations))}
	if view.Social == nil {
		view.Social = []syncer.SocialEstimate{}
	}
	if view.HeldDeletes == nil {
		view.HeldDeletes = []syncer.HeldDeletes{}
	}
	if view.Skipped == nil {
		view.Skipped = []syncer.SkippedDefinition{}
	}
	for _, op := range p.Operations {
		fields := make([]FieldValue, 0, len(op.Fields))
		for _, f := range op.Fields {
			fv := FieldValue{Field: f.Field, Before: displayValue(f.Before), After: displayValue(f.After)}
			if c := f.Conflict; c != nil {
				fv.Conflict = fmt.Sprintf("Changed on both sides: Salesforce %s, Clarizen %s. %s wins by the rule %s.",
					textOf(c.Salesforce), textOf(c.Clarizen), sideTitle(string(c.Winner)), c.Rule)
			}
			fields = append(fields, fv)
		}
		recordID := op.RecordID
		if op.Kind == syncer.OpCreate || op.Kind == syncer.OpLink {
			// A Clarizen create's id is chosen in advance, but the record
			// has no id until the create succeeds.
			recordID = ""
		}
		view.Operations = append(view.Operations, PlannedOperation{
			ID: op.ID, Kind: string(op.Kind), Side: string(op.Target), Connection: op.Connection, Object: op.Object,
			RecordID: recordID, RecordName: operationName(op), Label: op.Label, MappingID: op.MappingID, Mapping: op.MappingName,
			EventID: op.EventID, Template: op.Template, Reason: op.Reason, Fields: fields,
			Warnings: append([]string{}, op.Warnings...),
		})
	}
	if view.Mappings == nil {
		view.Mappings = []syncer.MappingPlan{}
	}
	for _, m := range []*map[string]int{&view.APICalls, &view.Reads} {
		if *m == nil {
			*m = map[string]int{}
		}
	}
	if view.Warnings == nil {
		view.Warnings = []string{}
	}
	if view.Paused == nil {
		view.Paused = []string{}
	}
	return view
}

// nameFields are the fields whose value names a record, in the order they
// are tried.
var nameFields = []string{"Name", "Title", "Subject", "LastName", "Email"}

// operationName returns a name for the record an operation writes: the
// value it writes to a name field, else the record or source id.
func operationName(op syncer.Operation) string {
	for _, name := range nameFields {
		for _, f := range op.Fields {
			if strings.EqualFold(f.Field, name) {
				if s := displayValue(f.After); s != nil && *s != "" {
					return *s
				}
				if s := displayValue(f.Before); s != nil && *s != "" {
					return *s
				}
			}
		}
	}
	switch {
	case op.Label != "":
		return op.Label
	case op.RecordID != "" && op.Kind != syncer.OpCreate && op.Kind != syncer.OpLink:
		return op.RecordID
	case op.Source != nil:
		return op.Object + " for " + op.Source.Object + " " + op.Source.ID
	}
	return "new " + op.Object
}

func sideTitle(side string) string {
	switch side {
	case "salesforce":
		return "Salesforce"
	case "clarizen":
		return "Clarizen"
	}
	return side
}

// displayValue writes a field value as text for the window; nil stays nil.
func displayValue(v any) *string {
	if v == nil {
		return nil
	}
	s := textOf(v)
	return &s
}

// textOf writes a value as text: strings as they are, ids a later
// operation creates as a note, everything else as JSON.
func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case syncer.Ref:
		return fmt.Sprintf("(id created by operation %d)", x.Op)
	case *syncer.Ref:
		return fmt.Sprintf("(id created by operation %d)", x.Op)
	case json.Number:
		return x.String()
	case fmt.Stringer:
		return x.String()
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
