package synctest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// snapshot is what a dry run must leave unchanged.
type snapshot struct {
	registry, links, runs, customers int
	watermark                        string
	fired                            bool
}

func takeSnapshot(t *testing.T, env *Env, mappingID, eventID, recordID string) snapshot {
	t.Helper()
	ctx := context.Background()
	runs, err := env.DB.Runs(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	wm, err := env.DB.Watermark(ctx, "event:"+eventID)
	if err != nil {
		t.Fatal(err)
	}
	fired, err := env.DB.HasFired(ctx, eventID, recordID)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{registry: len(env.Registry(t)), links: len(env.Links(t, mappingID)), runs: len(runs),
		customers: len(env.CZ["clarizen1"].All("Customer")), watermark: wm, fired: fired}
}

func TestRun_DryRunWritesNothing(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	linked := env.Insert(t, "Account", map[string]any{"Name": "Wayne"})
	r := env.Runner(t, syncer.Options{})
	Run(t, r, syncer.RunOptions{})
	if err := env.SF.Update("Account", linked, map[string]any{"Name": "Wayne Enterprises"}); err != nil {
		t.Fatal(err)
	}
	fresh := env.Insert(t, "Account", map[string]any{"Name": "Oscorp"})

	before := takeSnapshot(t, env, m.ID, "accounts", fresh)
	sfWrites := env.SF.All("Account")
	plan, err := r.Plan(context.Background(), syncer.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := r.Run(context.Background(), syncer.RunOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	after := takeSnapshot(t, env, m.ID, "accounts", fresh)
	if after != before {
		t.Errorf("state after the dry run = %+v, want %+v", after, before)
	}
	if got := len(env.SF.All("Account")); got != len(sfWrites) {
		t.Errorf("accounts = %d, want %d", got, len(sfWrites))
	}
	if name := byName(env.CZ["clarizen1"].All("Customer"))["Wayne"]; name == nil {
		t.Error("the dry run renamed the customer")
	}

	kinds := map[syncer.OpKind]int{}
	for _, op := range plan.Operations {
		kinds[op.Kind]++
	}
	if kinds[syncer.OpCreate] != 1 || kinds[syncer.OpUpdate] != 1 || len(plan.Operations) != 2 {
		t.Fatalf("plan = %+v, want one create and one update", plan.Operations)
	}
	for _, op := range plan.Operations {
		if op.Kind != syncer.OpUpdate {
			continue
		}
		if len(op.Fields) != 1 || op.Fields[0].Before != "Wayne" || op.Fields[0].After != "Wayne Enterprises" {
			t.Errorf("update fields = %+v, want Name from Wayne to Wayne Enterprises", op.Fields)
		}
	}
	if plan.APICalls["clarizen1"] != 3 {
		t.Errorf("planned calls = %v, want 3 Clarizen calls (a create batch, an update batch and its read of the targets)", plan.APICalls)
	}
	if !sum.DryRun || sum.Totals().Created != 1 || sum.Totals().Updated != 1 {
		t.Errorf("dry-run summary = %+v", sum)
	}

	applied := Run(t, r, syncer.RunOptions{})
	if applied.Totals().Created != 1 || applied.Totals().Updated != 1 {
		t.Errorf("run after the dry run = %+v, want what the plan listed", applied.Totals())
	}
	for _, row := range env.Registry(t) {
		if row.State != store.Success {
			t.Errorf("registry row %d is %s", row.ID, row.State)
		}
	}
}

func TestRunner_ApplyPreviewedPlan(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	env.Insert(t, "Account", map[string]any{"Name": "Massive Dynamic"})
	r := env.Runner(t, syncer.Options{})
	ctx := context.Background()

	t.Run("apply once", func(t *testing.T) {
		plan, err := r.Plan(ctx, syncer.RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := r.Apply(ctx, plan, "preview")
		if err != nil {
			t.Fatal(err)
		}
		if sum.Totals().Created != 1 || len(env.CZ["clarizen1"].All("Customer")) != 1 {
			t.Errorf("applied plan = %+v", sum.Totals())
		}
		if _, err := r.Apply(ctx, plan, "preview"); !errors.Is(err, syncer.ErrPlanApplied) {
			t.Errorf("second apply: err = %v, want ErrPlanApplied", err)
		}
	})
	t.Run("stale plan", func(t *testing.T) {
		env.Insert(t, "Account", map[string]any{"Name": "Hanso"})
		plan, err := r.Plan(ctx, syncer.RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		env.Clock.Advance(syncer.MaxPlanAge + time.Minute)
		if _, err := r.Apply(ctx, plan, "preview"); !errors.Is(err, syncer.ErrPlanStale) {
			t.Errorf("apply of an old plan: err = %v, want ErrPlanStale", err)
		}
		if n := len(env.CZ["clarizen1"].All("Customer")); n != 1 {
			t.Errorf("customers = %d, want the stale plan not applied", n)
		}
	})
}

// The admin previews a sync, someone edits the target field in Clarizen,
// then the admin applies the preview: the edit is not overwritten, and the
// next run settles the field by the conflict rule.
func TestRunner_ApplyAfterTargetEdit(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	ctx := context.Background()
	r := env.Runner(t, syncer.Options{})
	acct, cust := linkedAccount(t, env, twoWayAccounts(mapping.NewestWins), r)
	cz := env.CZ["clarizen1"]

	env.Clock.Advance(2 * time.Second)
	if err := env.SF.Update("Account", acct, map[string]any{"Description": "from the preview"}); err != nil {
		t.Fatal(err)
	}
	plan, err := r.Plan(ctx, syncer.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Operations) != 1 || plan.Operations[0].Fields[0].After != "from the preview" {
		t.Fatalf("plan = %+v, want the description update", plan.Operations)
	}
	env.Clock.Advance(2 * time.Second)
	if err := cz.Update(cust, map[string]any{"Description": "edited after the preview"}); err != nil {
		t.Fatal(err)
	}

	sum, err := r.Apply(ctx, plan, "preview")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := cz.Get(cust); got["Description"] != "edited after the preview" {
		t.Errorf("customer description = %v, want the edit made after the preview kept", got["Description"])
	}
	if sum.Totals().Updated != 0 || sum.Pending != 1 {
		t.Errorf("applied = %+v with %d pending, want the update left Pending", sum.Totals(), sum.Pending)
	}
	warned := false
	for _, w := range sum.Warnings {
		warned = warned || strings.Contains(w, "after the preview")
	}
	if !warned {
		t.Errorf("warnings = %q, want one about the edit after the preview", sum.Warnings)
	}
	row := lastRow(t, env)
	if row.Operation != "update" || row.State != store.Pending {
		t.Errorf("row = %s %s, want a Pending update", row.Operation, row.State)
	}

	// The next run sees both changes and the newer Clarizen edit wins.
	Run(t, r, syncer.RunOptions{})
	account, _ := env.SF.Get("Account", acct)
	customer, _ := cz.Get(cust)
	if account["Description"] != "edited after the preview" || customer["Description"] != "edited after the preview" {
		t.Errorf("descriptions = %v (Salesforce), %v (Clarizen), want the newer Clarizen edit on both",
			account["Description"], customer["Description"])
	}
	if row, _ := env.DB.RegistryRow(ctx, row.ID); row.State != store.Success {
		t.Errorf("row after the next run = %s %s, want Success", row.State, row.ErrorCode)
	}
}

// Two windows apply the same preview at once: it applies once, and the
// other call gets an error (run with -race to check the plan's state).
func TestRunner_ApplyTwiceAtOnce(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	env.Insert(t, "Account", map[string]any{"Name": "Prestige Worldwide"})
	r := env.Runner(t, syncer.Options{})
	ctx := context.Background()
	plan, err := r.Plan(ctx, syncer.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := r.Apply(ctx, plan, "preview")
			errs <- err
		}()
	}
	applied := 0
	for range 2 {
		switch err := <-errs; {
		case err == nil:
			applied++
		case errors.Is(err, syncer.ErrPlanApplied), errors.Is(err, syncer.ErrRunInProgress):
		default:
			t.Errorf("apply: %v", err)
		}
	}
	if applied != 1 {
		t.Errorf("applies = %d, want 1", applied)
	}
	if n := len(env.CZ["clarizen1"].All("Customer")); n != 1 {
		t.Errorf("customers = %d, want 1", n)
	}
}
