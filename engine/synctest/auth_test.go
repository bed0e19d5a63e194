package synctest

import (
	"context"
	"errors"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestRun_ClarizenLoginRefused(t *testing.T) {
	env := NewEnv(t, EnvOptions{ClarizenInstances: 2})
	ctx := context.Background()
	for _, id := range []string{"clarizen1", "clarizen2"} {
		if err := env.DB.SaveConnection(ctx, store.Connection{ID: id, System: "clarizen", Environment: "production", State: "connected"}); err != nil {
			t.Fatal(err)
		}
	}
	one, two := AccountCustomer("acct-1", 1), AccountCustomer("acct-2", 2)
	for _, m := range []struct {
		id       string
		instance int
	}{{one.ID, 1}, {two.ID, 2}} {
		mp := AccountCustomer(m.id, m.instance)
		env.SaveMapping(t, mp)
		env.SaveEvent(t, EntityEvent("accounts-"+m.id, m.instance, "Account", "", mp.ID, true), env.Clock.Now())
	}
	env.Insert(t, "Account", map[string]any{"Name": "Cyberdyne"})
	env.CZ["clarizen1"].Faults().FailNext(50, clarizen.CodeUnauthorized)

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if sum.Status != syncer.StatusSucceeded {
		t.Errorf("status = %s (%s), want the run to go on with instance 2", sum.Status, sum.StopReason)
	}
	if n := len(env.CZ["clarizen2"].All("Customer")); n != 1 {
		t.Errorf("instance 2 customers = %d, want 1", n)
	}
	if n := len(env.CZ["clarizen1"].All("Customer")); n != 0 {
		t.Errorf("instance 1 customers = %d, want 0", n)
	}
	m1, err := env.DB.Mapping(ctx, one.ID)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := env.DB.Mapping(ctx, two.ID)
	if m1.State != syncer.StateNeedsReauth || m2.State != store.MappingOK {
		t.Errorf("mapping states = %q, %q; want needs_reauth for instance 1 only", m1.State, m2.State)
	}
	c1, _ := env.DB.Connection(ctx, "clarizen1")
	if c1.State != syncer.StateNeedsReauth {
		t.Errorf("clarizen1 state = %q, want needs_reauth", c1.State)
	}
}

func TestRun_SalesforceLoginRevoked(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	ctx := context.Background()
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	env.Insert(t, "Account", map[string]any{"Name": "Tyrell"})
	// The admin revoked Liaison's access: the refresh token is dead and
	// the access token expired.
	if err := env.SFTokens.Revoke(ctx); err != nil {
		t.Fatal(err)
	}
	env.SF.ExpireAccessTokens()

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if sum.Status != syncer.StatusStopped {
		t.Errorf("status = %s (%s), want stopped", sum.Status, sum.StopReason)
	}
	got, err := env.DB.Mapping(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != syncer.StateNeedsReauth {
		t.Errorf("mapping state = %q, want needs_reauth", got.State)
	}
	if n := len(env.CZ["clarizen1"].All("Customer")); n != 0 {
		t.Errorf("customers = %d, want 0", n)
	}
	// A paused mapping is skipped by later runs until the admin logs in
	// again.
	next := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if next.Writes() != 0 || len(next.Warnings) == 0 {
		t.Errorf("run while paused = %+v, want no writes and a warning", next)
	}
}

// A Clarizen login refused while a mapping is being planned pauses the
// mapping, and the rows earlier runs left Pending for it stay Pending
// until it runs again.
func TestRun_ClarizenLoginRefusedWhilePlanning(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	ctx := context.Background()
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	acct := env.Insert(t, "Account", map[string]any{"Name": "Soylent"})
	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	// Without the event, the mapping is the first to call Clarizen.
	if err := env.DB.DeleteEvent(ctx, "accounts"); err != nil {
		t.Fatal(err)
	}
	if err := env.SF.Update("Account", acct, map[string]any{"Name": "Soylent Green"}); err != nil {
		t.Fatal(err)
	}
	crashing := env.Runner(t, syncer.Options{AfterRemoteCall: crashAfterFirstCall()})
	if _, err := crashing.Run(ctx, syncer.RunOptions{}); !errors.Is(err, errCrash) {
		t.Fatalf("crashing run: err = %v, want the crash", err)
	}
	row := lastRow(t, env)
	if row.Operation != "update" || row.State != store.Pending {
		t.Fatalf("row after the crash = %s %s, want a Pending update", row.Operation, row.State)
	}

	env.CZ["clarizen1"].Faults().FailNext(50, clarizen.CodeUnauthorized)
	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	got, err := env.DB.RegistryRow(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != store.Pending {
		t.Errorf("row after the refused login = %s %s, want Pending", got.State, got.ErrorCode)
	}
	def, err := env.DB.Mapping(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if def.State != syncer.StateNeedsReauth {
		t.Errorf("mapping state = %q, want %q", def.State, syncer.StateNeedsReauth)
	}

	// The admin logs in again: the next run compares the pair and settles
	// the row, since the update had landed.
	env.CZ["clarizen1"].Faults().Clear()
	if err := env.DB.SetMappingState(ctx, m.ID, store.MappingOK); err != nil {
		t.Fatal(err)
	}
	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if got, _ := env.DB.RegistryRow(ctx, row.ID); got.State != store.Success {
		t.Errorf("row after the login = %s %s, want Success", got.State, got.ErrorCode)
	}
}

// A preview or a dry run that meets a refused Clarizen login writes
// nothing: the connection and its mappings keep their state until a run
// that applies.
func TestRun_DryRunWithLoginRefused(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	ctx := context.Background()
	if err := env.DB.SaveConnection(ctx, store.Connection{ID: "clarizen1", System: "clarizen", Environment: "production", State: "connected"}); err != nil {
		t.Fatal(err)
	}
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	env.Insert(t, "Account", map[string]any{"Name": "Oceanic"})
	env.CZ["clarizen1"].Faults().FailNext(50, clarizen.CodeUnauthorized)
	r := env.Runner(t, syncer.Options{})

	plan, err := r.Plan(ctx, syncer.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Paused) != 1 {
		t.Errorf("paused = %v, want the mapping", plan.Paused)
	}
	if _, err := r.Run(ctx, syncer.RunOptions{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	c, err := env.DB.Connection(ctx, "clarizen1")
	if err != nil {
		t.Fatal(err)
	}
	def, err := env.DB.Mapping(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.State != "connected" || def.State != store.MappingOK {
		t.Errorf("states after planning = %q, %q; want connected and ok", c.State, def.State)
	}

	Run(t, r, syncer.RunOptions{})
	c, _ = env.DB.Connection(ctx, "clarizen1")
	def, _ = env.DB.Mapping(ctx, m.ID)
	if c.State != syncer.StateNeedsReauth || def.State != syncer.StateNeedsReauth {
		t.Errorf("states after a run = %q, %q; want %s for both", c.State, def.State, syncer.StateNeedsReauth)
	}
}
