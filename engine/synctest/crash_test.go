package synctest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

var errCrash = errors.New("simulated crash")

// crashAfterFirstCall returns a hook that aborts the run right after its
// first remote call, before the registry rows are committed.
func crashAfterFirstCall() func(context.Context, []syncer.Operation) error {
	fired := false
	return func(context.Context, []syncer.Operation) error {
		if fired {
			return nil
		}
		fired = true
		return errCrash
	}
}

func countState(rows []store.RegistryRow, state string) int {
	n := 0
	for _, r := range rows {
		if r.State == state {
			n++
		}
	}
	return n
}

func TestRun_CrashAfterRemoteCreate(t *testing.T) {
	t.Run("clarizen create", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		m := AccountCustomer("acct", 1)
		env.SaveMapping(t, m)
		env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
		for _, name := range []string{"Alpha", "Beta", "Gamma"} {
			env.Insert(t, "Account", map[string]any{"Name": name})
		}
		crashing := env.Runner(t, syncer.Options{AfterRemoteCall: crashAfterFirstCall()})
		if _, err := crashing.Run(context.Background(), syncer.RunOptions{}); !errors.Is(err, errCrash) {
			t.Fatalf("crashing run: err = %v, want the crash", err)
		}
		if n := len(env.CZ["clarizen1"].All("Customer")); n != 3 {
			t.Fatalf("customers after the crash = %d, want 3 (the call went through)", n)
		}
		if rows := env.Registry(t); len(rows) != 3 || countState(rows, store.Pending) != 3 {
			t.Fatalf("registry after the crash = %+v, want 3 Pending rows", rows)
		}
		if n := len(env.Links(t, m.ID)); n != 0 {
			t.Fatalf("links after the crash = %d, want 0", n)
		}

		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if got := CountBy(env.CZ["clarizen1"].All("Customer"), "Name"); len(got) != 3 || got["Alpha"] != 1 || got["Beta"] != 1 || got["Gamma"] != 1 {
			t.Errorf("customers after the rerun = %v, want each once", got)
		}
		rows := env.Registry(t)
		if len(rows) != 3 || countState(rows, store.Success) != 3 {
			t.Errorf("registry after the rerun = %+v, want the 3 rows resumed as Success", rows)
		}
		if n := len(env.Links(t, m.ID)); n != 3 {
			t.Errorf("links after the rerun = %d, want 3", n)
		}
	})
	t.Run("salesforce upsert", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		env.AddAccountKey(t)
		m := CustomerAccount("cust", 1)
		env.SaveMapping(t, m)
		env.SaveEvent(t, ClarizenEvent("customers", 1, "Customer", "", m.ID), env.Clock.Now())
		for _, name := range []string{"Delta", "Echo"} {
			if _, err := env.CZ["clarizen1"].Create("Customer", map[string]any{"Name": name}); err != nil {
				t.Fatal(err)
			}
		}
		crashing := env.Runner(t, syncer.Options{AfterRemoteCall: crashAfterFirstCall()})
		if _, err := crashing.Run(context.Background(), syncer.RunOptions{}); !errors.Is(err, errCrash) {
			t.Fatalf("crashing run: err = %v, want the crash", err)
		}
		if n := len(env.SF.All("Account")); n != 2 {
			t.Fatalf("accounts after the crash = %d, want 2", n)
		}
		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if got := CountBy(env.SF.All("Account"), "Name"); len(got) != 2 || got["Delta"] != 1 || got["Echo"] != 1 {
			t.Errorf("accounts after the rerun = %v, want each once", got)
		}
		rows := env.Registry(t)
		if len(rows) != 2 || countState(rows, store.Success) != 2 {
			t.Errorf("registry after the rerun = %+v, want 2 Success rows", rows)
		}
	})
}

func TestRun_LostResponses(t *testing.T) {
	t.Run("salesforce upsert answer lost", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		env.AddAccountKey(t)
		m := CustomerAccount("cust", 1)
		env.SaveMapping(t, m)
		env.SaveEvent(t, ClarizenEvent("customers", 1, "Customer", "", m.ID), env.Clock.Now())
		if _, err := env.CZ["clarizen1"].Create("Customer", map[string]any{"Name": "Foxtrot"}); err != nil {
			t.Fatal(err)
		}
		env.SF.Faults().DropAfterWrite("PATCH /composite/sobjects/Account/"+syncer.IdempotencyField, 1)
		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if n := env.SF.Faults().Fired(sfsim.FaultDropAfterWrite); n != 1 {
			t.Errorf("dropped answers = %d, want 1", n)
		}
		if got := CountBy(env.SF.All("Account"), "Name"); got["Foxtrot"] != 1 {
			t.Errorf("accounts = %v, want Foxtrot once", got)
		}
		if rows := env.Registry(t); len(rows) != 1 || rows[0].State != store.Success {
			t.Errorf("registry = %+v, want one Success row", rows)
		}
	})
	t.Run("clarizen create answer lost", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		m := AccountCustomer("acct", 1)
		env.SaveMapping(t, m)
		env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
		for _, name := range []string{"Golf", "Hotel"} {
			env.Insert(t, "Account", map[string]any{"Name": name})
		}
		env.CZ["clarizen1"].Faults().DropAfterNextWrite(1)
		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if n := env.CZ["clarizen1"].Faults().Pending(); n != 0 {
			t.Errorf("faults still queued = %d, want the dropped answer used", n)
		}
		if got := CountBy(env.CZ["clarizen1"].All("Customer"), "Name"); len(got) != 2 || got["Golf"] != 1 || got["Hotel"] != 1 {
			t.Errorf("customers = %v, want each once", got)
		}
		if rows := env.Registry(t); len(rows) != 2 || countState(rows, store.Success) != 2 {
			t.Errorf("registry = %+v, want 2 Success rows", rows)
		}
	})
}

func TestRun_StaleRowsSettled(t *testing.T) {
	t.Run("update that landed before the crash", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		m := AccountCustomer("acct", 1)
		env.SaveMapping(t, m)
		env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
		acct := env.Insert(t, "Account", map[string]any{"Name": "Initrode"})
		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if err := env.SF.Update("Account", acct, map[string]any{"Name": "Initrode Global"}); err != nil {
			t.Fatal(err)
		}
		crashing := env.Runner(t, syncer.Options{AfterRemoteCall: crashAfterFirstCall()})
		if _, err := crashing.Run(context.Background(), syncer.RunOptions{}); !errors.Is(err, errCrash) {
			t.Fatalf("crashing run: err = %v", err)
		}
		rows := env.Registry(t)
		if last := rows[len(rows)-1]; last.Operation != "update" || last.State != store.Pending {
			t.Fatalf("last row after the crash = %+v, want a Pending update", last)
		}
		sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if sum.Writes() != 0 {
			t.Errorf("writes = %d, want 0: the update had landed", sum.Writes())
		}
		rows = env.Registry(t)
		if last := rows[len(rows)-1]; last.State != store.Success {
			t.Errorf("update row after the rerun = %s, want Success", last.State)
		}
	})
	t.Run("create whose source no longer matches", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		m := AccountCustomer("acct", 1)
		env.SaveMapping(t, m)
		env.SaveEvent(t, EntityEvent("tech", 1, "Account", "Industry = 'Technology'", m.ID, true), env.Clock.Now())
		var ids []string
		for i := 0; i < 150; i++ {
			ids = append(ids, env.Insert(t, "Account", map[string]any{"Name": fmt.Sprintf("Account %03d", i), "Industry": "Technology"}))
		}
		var r *syncer.Runner
		r = env.Runner(t, syncer.Options{AfterRemoteCall: func(context.Context, []syncer.Operation) error {
			r.Cancel()
			return nil
		}})
		if sum := Run(t, r, syncer.RunOptions{}); sum.Status != syncer.StatusCancelled || sum.Pending != 50 {
			t.Fatalf("cancelled run = %s with %d pending, want cancelled with 50", sum.Status, sum.Pending)
		}
		// Every account leaves the event's condition before the next run.
		for _, id := range ids {
			if err := env.SF.Update("Account", id, map[string]any{"Industry": "Banking"}); err != nil {
				t.Fatal(err)
			}
		}
		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		rows := env.Registry(t)
		failed := 0
		for _, row := range rows {
			if row.State == store.Failed {
				failed++
				if row.ErrorCode != syncer.CodeNotResumed {
					t.Errorf("failed row code = %s, want %s", row.ErrorCode, syncer.CodeNotResumed)
				}
			}
		}
		if failed != 50 || countState(rows, store.Pending) != 0 {
			t.Errorf("rows: %d failed, %d pending; want 50 failed and none pending", failed, countState(rows, store.Pending))
		}
		if n := len(env.CZ["clarizen1"].All("Customer")); n != 100 {
			t.Errorf("customers = %d, want the 100 of the first batch", n)
		}
	})
}

func TestRun_SalesforceCreateWithoutExternalID(t *testing.T) {
	t.Run("found by its key field after a crash", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		// A plain text field, not an external id: creates go out as plain
		// inserts that carry the Clarizen key.
		if _, err := env.SF.CreateCustomField("Account.Clarizen_Ref__c", map[string]any{"type": "Text",
			"label": "Clarizen Ref", "length": 80}); err != nil {
			t.Fatal(err)
		}
		m := CustomerAccount("cust", 1)
		m.SalesforceKeyField = "Clarizen_Ref__c"
		env.SaveMapping(t, m)
		env.SaveEvent(t, ClarizenEvent("customers", 1, "Customer", "", m.ID), env.Clock.Now())
		for _, name := range []string{"Kilo", "Lima"} {
			if _, err := env.CZ["clarizen1"].Create("Customer", map[string]any{"Name": name}); err != nil {
				t.Fatal(err)
			}
		}
		crashing := env.Runner(t, syncer.Options{AfterRemoteCall: crashAfterFirstCall()})
		if _, err := crashing.Run(context.Background(), syncer.RunOptions{}); !errors.Is(err, errCrash) {
			t.Fatalf("crashing run: err = %v, want the crash", err)
		}
		if n := len(env.SF.All("Account")); n != 2 {
			t.Fatalf("accounts after the crash = %d, want 2", n)
		}
		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if got := CountBy(env.SF.All("Account"), "Name"); len(got) != 2 || got["Kilo"] != 1 || got["Lima"] != 1 {
			t.Errorf("accounts after the rerun = %v, want each once", got)
		}
		if rows := env.Registry(t); len(rows) != 2 || countState(rows, store.Success) != 2 {
			t.Errorf("registry after the rerun = %+v, want 2 Success rows", rows)
		}
		if n := len(env.Links(t, m.ID)); n != 2 {
			t.Errorf("links = %d, want 2", n)
		}
	})
	t.Run("refused without a way to find it", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		m := CustomerAccount("cust", 1)
		m.SalesforceKeyField = "Id"
		env.SaveMapping(t, m)
		env.SaveEvent(t, ClarizenEvent("customers", 1, "Customer", "", m.ID), env.Clock.Now())
		if _, err := env.CZ["clarizen1"].Create("Customer", map[string]any{"Name": "Mike"}); err != nil {
			t.Fatal(err)
		}
		Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
		if n := len(env.SF.All("Account")); n != 0 {
			t.Errorf("accounts = %d, want none created", n)
		}
		row := lastRow(t, env)
		if row.State != store.Failed || row.ErrorCode != syncer.CodeNoExternalID {
			t.Fatalf("row = %s %s, want Failed %s", row.State, row.ErrorCode, syncer.CodeNoExternalID)
		}
		for _, word := range []string{"Account", syncer.IdempotencyField} {
			if !strings.Contains(row.Hint, word) {
				t.Errorf("hint %q does not name %s", row.Hint, word)
			}
		}
		if strings.Contains(row.Hint, "next run sends") {
			t.Errorf("hint %q promises a resend", row.Hint)
		}
	})
}

// Two accounts with the same key value lead to one Clarizen customer: the
// first pair is linked, the second create's row fails with a clear error
// instead of the batch's commit failing on every run.
func TestRun_LinkClashOnClarizenID(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	m.ClarizenKeyField, m.SalesforceKeyField = "ExternalID", "Name"
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	first := env.Insert(t, "Account", map[string]any{"Name": "Twin"})
	second := env.Insert(t, "Account", map[string]any{"Name": "Twin"})

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if sum.Status != syncer.StatusSucceeded {
		t.Fatalf("status = %s (%s), want succeeded", sum.Status, sum.StopReason)
	}
	links := env.Links(t, m.ID)
	if len(links) != 1 || links[0].SFID != first {
		t.Errorf("links = %+v, want the first account linked", links)
	}
	var clash store.RegistryRow
	for _, row := range env.Registry(t) {
		if row.SFID == second {
			clash = row
		}
	}
	if clash.State != store.Failed || clash.ErrorCode != syncer.CodeLinkConflict {
		t.Errorf("second account's row = %s %s, want Failed %s", clash.State, clash.ErrorCode, syncer.CodeLinkConflict)
	}
	if !strings.Contains(clash.ErrorMessage, first) {
		t.Errorf("message %q does not name the account already linked", clash.ErrorMessage)
	}
	if again := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{}); again.Status != syncer.StatusSucceeded {
		t.Errorf("next run = %s (%s), want succeeded", again.Status, again.StopReason)
	}
}
