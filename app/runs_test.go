package app

import (
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/syncer"
)

// The preview and the run summary pass on what the delete guard held back
// and which definitions failed to plan, and send empty lists, not null,
// when there are none.
func TestRunViews_HeldDeletesAndSkipped(t *testing.T) {
	held := []syncer.HeldDeletes{{MappingID: "m1", Name: "Account to Customer", Deletes: 12, Links: 40, Percent: 30, MaxPercent: 20}}
	skipped := []syncer.SkippedDefinition{{Kind: "event", ID: "e1", Name: "Big deals", Error: "invalid condition"}}

	sum := runSummary(syncer.Summary{RunID: 4, HeldDeletes: held, Skipped: skipped}, "manual")
	if len(sum.HeldDeletes) != 1 || sum.HeldDeletes[0] != held[0] {
		t.Errorf("summary held deletes = %+v, want %+v", sum.HeldDeletes, held)
	}
	if len(sum.Skipped) != 1 || sum.Skipped[0] != skipped[0] {
		t.Errorf("summary skipped = %+v, want %+v", sum.Skipped, skipped)
	}
	view := planView("p1", &syncer.Plan{CreatedAt: time.Now(), HeldDeletes: held, Skipped: skipped})
	if len(view.HeldDeletes) != 1 || view.HeldDeletes[0] != held[0] {
		t.Errorf("plan held deletes = %+v, want %+v", view.HeldDeletes, held)
	}
	if len(view.Skipped) != 1 || view.Skipped[0] != skipped[0] {
		t.Errorf("plan skipped = %+v, want %+v", view.Skipped, skipped)
	}

	empty := runSummary(syncer.Summary{}, "manual")
	if empty.HeldDeletes == nil || empty.Skipped == nil {
		t.Errorf("empty summary lists = %v, %v; want empty lists", empty.HeldDeletes, empty.Skipped)
	}
	emptyView := planView("p2", &syncer.Plan{})
	if emptyView.HeldDeletes == nil || emptyView.Skipped == nil {
		t.Errorf("empty plan lists = %v, %v; want empty lists", emptyView.HeldDeletes, emptyView.Skipped)
	}
}

func TestRunService_ConfirmDeletesNotPositive(t *testing.T) {
	ws := startDemo(t, true, nil)
	s, _ := newServices(t, ws)
	if got := payload(t, s.Runs.ConfirmDeletes("m1", 0)).Code; got != CodeInvalidInput {
		t.Errorf("code = %q, want %q", got, CodeInvalidInput)
	}
}
