package synctest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// Work a run does before it plans (such as pairing users) writes
// its registry rows under the run's id, and its counts and calls appear in
// the run's summary. The apply of a preview does not do it.
func TestRunner_BeforeRun(t *testing.T) {
	tests := []struct {
		name string
		// apply applies a preview instead of running.
		apply       bool
		err         error
		wantCalled  bool
		wantCreated int
		wantWarning string
	}{
		{"run counts the work", false, nil, true, 3, ""},
		{"failure becomes a warning", false, errors.New("pair users: clarizen1 is not connected"), true, 3, "clarizen1 is not connected"},
		{"preview apply skips it", true, nil, false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			ctx := context.Background()
			users := UserUser("users", 1, mapping.LeaveEmpty)
			env.SaveMapping(t, users)

			var calledWith int64
			before := func(ctx context.Context, runID int64) (syncer.Summary, error) {
				calledWith = runID
				_, err := env.DB.AddPending(ctx, []store.RegistryRow{{RunID: runID, MappingID: users.ID, Operation: "create",
					Target: "salesforce", SFObject: "User", CZConnection: "clarizen1", CZType: "User",
					IdempotencyKey: "user:users:/User/1", Label: "Grace Hopper"}})
				if err != nil {
					return syncer.Summary{}, err
				}
				return syncer.Summary{Mappings: []syncer.MappingSummary{{MappingID: users.ID, Name: users.Name, Created: 3, APICalls: 7}},
					APICalls: map[string]int{"salesforce": 4, "clarizen1": 3}}, tt.err
			}
			runner := env.Runner(t, syncer.Options{BeforeRun: before})

			var sum syncer.Summary
			if tt.apply {
				p, err := runner.Plan(ctx, syncer.RunOptions{Trigger: "test"})
				if err != nil {
					t.Fatal(err)
				}
				if sum, err = runner.Apply(ctx, p, "test"); err != nil {
					t.Fatal(err)
				}
			} else {
				sum = Run(t, runner, syncer.RunOptions{})
			}

			if called := calledWith != 0; called != tt.wantCalled {
				t.Fatalf("BeforeRun called = %v, want %v", called, tt.wantCalled)
			}
			if tt.wantCalled && calledWith != sum.RunID {
				t.Errorf("BeforeRun got run %d, want the run's id %d", calledWith, sum.RunID)
			}
			var line syncer.MappingSummary
			for _, m := range sum.Mappings {
				if m.MappingID == users.ID {
					line = m
				}
			}
			if line.Created != tt.wantCreated {
				t.Errorf("created under the user mapping = %d, want %d (lines %+v)", line.Created, tt.wantCreated, sum.Mappings)
			}
			if tt.wantCalled && (sum.APICalls["clarizen1"] < 3 || line.APICalls < 7) {
				t.Errorf("calls = %v, line calls %d; want the work's calls counted", sum.APICalls, line.APICalls)
			}
			if tt.wantCalled {
				rows, _, err := env.DB.Registry(ctx, store.RegistryFilter{RunID: sum.RunID, MappingID: users.ID})
				if err != nil || len(rows) != 1 {
					t.Errorf("rows of the run under the user mapping = %d, %v; want 1", len(rows), err)
				}
			}
			warned := false
			for _, w := range sum.Warnings {
				warned = warned || (tt.wantWarning != "" && strings.Contains(w, tt.wantWarning))
			}
			if warned != (tt.wantWarning != "") {
				t.Errorf("warnings = %v, want one containing %q", sum.Warnings, tt.wantWarning)
			}
		})
	}
}
