package synctest

import (
	"context"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// The shipped best-practices package on the seeded demo orgs: the engine
// runs its definitions as they are.
func TestRun_BestPracticePackage(t *testing.T) {
	env := NewEnv(t, EnvOptions{SFDemo: true, CZDemo: true, Seed: 7})
	ctx := context.Background()
	gaps, err := bestpractice.CheckSchema(ctx, env.SFClient)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bestpractice.CreateSchema(ctx, env.SFClient, gaps); err != nil {
		t.Fatal(err)
	}
	pkg, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pkg.Mappings {
		env.SaveMapping(t, m)
	}
	for _, e := range pkg.Events {
		e.FireExisting = true
		env.SaveEvent(t, e, env.Clock.Now())
	}
	r := env.Runner(t, syncer.Options{})

	first := Run(t, r, syncer.RunOptions{})
	failed := 0
	for _, row := range env.Registry(t) {
		if row.State != store.Success {
			failed++
			if failed <= 5 {
				t.Errorf("registry row %d (%s %s %s%s) is %s: %s %s", row.ID, row.Operation, row.Target, row.SFObject, row.CZType,
					row.State, row.ErrorCode, row.ErrorMessage)
			}
		}
	}
	matching := 0
	for _, o := range env.SF.All("Opportunity") {
		if p, ok := o["Probability"].(float64); ok && p >= 70 {
			matching++
		}
	}
	records := env.SF.All("Clarizen_Project__c")
	if matching == 0 || len(records) != matching {
		t.Errorf("Clarizen_Project__c records = %d, want one per opportunity at 70 or more (%d); summary %+v",
			len(records), matching, first.Totals())
	}
	second := Run(t, r, syncer.RunOptions{})
	t.Logf("first run %+v; second run %+v; %d warnings", first.Totals(), second.Totals(), len(first.Warnings)+len(second.Warnings))
	for _, w := range append(first.Warnings, second.Warnings...) {
		t.Log("warning:", w)
	}
	if n := len(env.SF.All("Clarizen_Milestone__c")); n == 0 {
		t.Error("no milestones came back")
	}
	third := Run(t, r, syncer.RunOptions{})
	if third.Writes() != 0 {
		t.Errorf("writes in the third run = %d, want 0 (summary %+v)", third.Writes(), third.Totals())
	}
}
