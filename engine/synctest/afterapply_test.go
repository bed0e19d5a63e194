package synctest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// Work a run does after it applies (such as copying posts after Sync Now)
// counts in the summary the run stores and publishes, not only in the one
// it returns. A preview's apply does it too, with the preview's mappings.
func TestRunner_AfterApply(t *testing.T) {
	tests := []struct {
		name string
		// apply applies a preview instead of running.
		apply       bool
		mappingIDs  []string
		err         error
		wantWarning string
	}{
		{"run counts the work", false, nil, nil, ""},
		{"preview apply counts the work", true, []string{"acct"}, nil, ""},
		{"failure becomes a warning", false, nil, errors.New("copy posts: clarizen1 is not connected"), "clarizen1 is not connected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			ctx := context.Background()
			accounts := AccountCustomer("acct", 1)
			env.SaveMapping(t, accounts)

			var got []syncer.AppliedRun
			after := func(_ context.Context, run syncer.AppliedRun) (syncer.Summary, error) {
				got = append(got, run)
				return syncer.Summary{Mappings: []syncer.MappingSummary{{MappingID: accounts.ID, Name: accounts.Name, Failed: 2, APICalls: 11}},
					APICalls: map[string]int{"salesforce": 6, "clarizen1": 5}}, tt.err
			}
			var published []syncer.Summary
			var mu sync.Mutex
			bus := events.NewBus(0)
			stop := bus.Subscribe(events.SinkFunc(func(e events.Event) {
				if s, ok := e.Data.(syncer.Summary); ok && e.Type == events.RunFinished {
					mu.Lock()
					published = append(published, s)
					mu.Unlock()
				}
			}))
			defer stop()
			runner := env.Runner(t, syncer.Options{AfterApply: after, Bus: bus})

			opts := syncer.RunOptions{Trigger: "manual", MappingIDs: tt.mappingIDs}
			if _, err := runner.Plan(ctx, syncer.RunOptions{Trigger: "manual", DryRun: true}); err != nil {
				t.Fatal(err)
			}
			if len(got) != 0 {
				t.Fatalf("AfterApply ran %d times for a plan without apply, want 0", len(got))
			}
			var sum syncer.Summary
			if tt.apply {
				p, err := runner.Plan(ctx, opts)
				if err != nil {
					t.Fatal(err)
				}
				if sum, err = runner.Apply(ctx, p, "manual"); err != nil {
					t.Fatal(err)
				}
			} else {
				sum = Run(t, runner, opts)
			}

			if len(got) != 1 {
				t.Fatalf("AfterApply ran %d times, want once", len(got))
			}
			if got[0].ID != sum.RunID || got[0].Trigger != "manual" || strings.Join(got[0].MappingIDs, ",") != strings.Join(tt.mappingIDs, ",") {
				t.Errorf("AfterApply got %+v, want run %d, trigger manual and mappings %v", got[0], sum.RunID, tt.mappingIDs)
			}
			runs, err := env.DB.Runs(ctx, 1)
			if err != nil || len(runs) != 1 {
				t.Fatalf("runs = %d, %v", len(runs), err)
			}
			var stored syncer.Summary
			if err := json.Unmarshal(runs[0].Summary, &stored); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(published) != 1 {
				t.Fatalf("published %d run summaries, want 1", len(published))
			}
			for name, s := range map[string]syncer.Summary{"returned": sum, "stored": stored, "published": published[0]} {
				if s.Totals().Failed != 2 || s.Totals().APICalls < 11 {
					t.Errorf("%s summary counts %d failed and %d mapping calls, want the work's 2 and at least 11",
						name, s.Totals().Failed, s.Totals().APICalls)
				}
				if s.APICalls["clarizen1"] < 5 {
					t.Errorf("%s summary counts %d clarizen1 calls, want the work's 5 at least", name, s.APICalls["clarizen1"])
				}
				warned := false
				for _, w := range s.Warnings {
					warned = warned || (tt.wantWarning != "" && strings.Contains(w, tt.wantWarning))
				}
				if warned != (tt.wantWarning != "") {
					t.Errorf("%s warnings = %v, want one containing %q", name, s.Warnings, tt.wantWarning)
				}
			}
		})
	}
}
