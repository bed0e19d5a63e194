package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/google/uuid"

	"github.com/liaison-sync/liaison/engine/syncer"
)

// maxPreviews bounds how many previewed plans are kept at once; the oldest
// goes first. A plan holds every planned operation, so keeping them all
// would grow without limit while an admin previews again and again.
const maxPreviews = 4

// ErrPreviewGone is returned by Previews.Apply for an id that was never
// given out, was discarded, or was pushed out by newer previews.
var ErrPreviewGone = errors.New("the previewed plan is no longer kept; preview the sync again")

// Previews keeps the plans that the preview screen shows, so that Apply
// applies exactly the plan the admin looked at. When that plan can no
// longer be applied as it is (it is older than syncer.MaxPlanAge), Apply
// plans again with the same options and reports that in its outcome.
type Previews struct {
	engine *Engine

	mu    sync.Mutex
	order []string
	plans map[string]previewed
}

type previewed struct {
	plan *syncer.Plan
	opts syncer.RunOptions
}

// PreviewOutcome is the result of applying a previewed plan.
type PreviewOutcome struct {
	Summary syncer.Summary
	// Replanned is true when the previewed plan was not applied as shown
	// and the run planned afresh, for the cause in Reason.
	Replanned bool
	Reason    string
}

// NewPreviews returns an empty set of previews over the engine's runner.
func NewPreviews(e *Engine) *Previews {
	return &Previews{engine: e, plans: map[string]previewed{}}
}

// Preview plans a run with opts without writing anything, keeps the plan
// and returns it with the id that Apply and Discard take.
func (p *Previews) Preview(ctx context.Context, opts syncer.RunOptions) (string, *syncer.Plan, error) {
	opts.DryRun = true
	plan, err := p.engine.Runner.Plan(ctx, opts)
	if err != nil {
		return "", nil, fmt.Errorf("preview sync: %w", err)
	}
	opts.DryRun = false
	id := uuid.NewString()

	p.mu.Lock()
	defer p.mu.Unlock()
	p.plans[id] = previewed{plan: plan, opts: opts}
	p.order = append(p.order, id)
	for len(p.order) > maxPreviews {
		delete(p.plans, p.order[0])
		p.order = p.order[1:]
	}
	return id, plan, nil
}

// Apply applies the plan kept under id and drops it. A plan older than
// syncer.MaxPlanAge is not applied: the run is an ordinary Sync with the
// options of the preview, and the outcome reports Replanned with the
// reason. As after Sync Now, a manual run copies new posts and comments
// once the plan is applied, inside the run (Engine.copyPostsInRun).
func (p *Previews) Apply(ctx context.Context, id, trigger string) (PreviewOutcome, error) {
	entry, ok := p.take(id)
	if !ok {
		return PreviewOutcome{}, fmt.Errorf("apply preview %s: %w", id, ErrPreviewGone)
	}
	var out PreviewOutcome
	err := p.engine.exclusive(ctx, func(ctx context.Context) error {
		var err error
		out.Summary, err = p.engine.Runner.Apply(ctx, entry.plan, trigger)
		if errors.Is(err, syncer.ErrPlanStale) {
			opts := entry.opts
			opts.Trigger = trigger
			out.Replanned = true
			out.Reason = fmt.Sprintf("The preview was older than %d minutes, so the run read both systems again and applied a new plan.",
				int(syncer.MaxPlanAge.Minutes()))
			out.Summary, err = p.engine.syncLocked(ctx, opts)
			return err
		}
		return err
	})
	return out, err
}

// Discard drops the plan kept under id. An unknown id is ignored.
func (p *Previews) Discard(id string) {
	p.take(id)
}

// Len returns how many plans are kept.
func (p *Previews) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.plans)
}

func (p *Previews) take(id string) (previewed, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	entry, ok := p.plans[id]
	if !ok {
		return previewed{}, false
	}
	delete(p.plans, id)
	for i, o := range p.order {
		if o == id {
			p.order = append(p.order[:i], p.order[i+1:]...)
			break
		}
	}
	return entry, true
}
