package synctest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestRun_BudgetExhaustedThenResumed(t *testing.T) {
	const limit = 1000
	env := NewEnv(t, EnvOptions{DailyAPILimit: limit})
	customersToAccounts(t, env, 450, CustomerAccount("cust", 1))

	// After the first collection call the org's budget drops to 40
	// requests, under the 10 % reserve. The call after it is the last one
	// the run sends, because its response reports the low budget.
	calls := 0
	hook := func(context.Context, []syncer.Operation) error {
		calls++
		if calls == 1 {
			env.SF.SetAPIUsage(limit - 40)
		}
		return nil
	}
	sum := Run(t, env.Runner(t, syncer.Options{AfterRemoteCall: hook}), syncer.RunOptions{})
	if sum.Status != syncer.StatusStopped {
		t.Fatalf("status = %s, want stopped (%s)", sum.Status, sum.StopReason)
	}
	if got := len(env.SF.All("Account")); got != 400 {
		t.Errorf("accounts after the stop = %d, want 400 (two batches)", got)
	}
	rows := env.Registry(t)
	if countState(rows, store.Pending) != 50 || countState(rows, store.Success) != 400 {
		t.Errorf("registry after the stop: %d Pending, %d Success; want 50 and 400",
			countState(rows, store.Pending), countState(rows, store.Success))
	}
	if sum.Pending != 50 {
		t.Errorf("summary pending = %d, want 50", sum.Pending)
	}

	// The next day the budget is back.
	env.SF.SetAPIUsage(0)
	again := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if again.Status != syncer.StatusSucceeded || again.Totals().Created != 50 {
		t.Errorf("resumed run = %s, %+v; want 50 created", again.Status, again.Totals())
	}
	accounts := CountBy(env.SF.All("Account"), "Name")
	if len(accounts) != 450 {
		t.Errorf("accounts = %d, want 450", len(accounts))
	}
	for name, n := range accounts {
		if n != 1 {
			t.Errorf("account %s exists %d times", name, n)
		}
	}
	rows = env.Registry(t)
	if len(rows) != 450 || countState(rows, store.Success) != 450 {
		t.Errorf("registry = %d rows, %d Success; want the 450 rows, all Success", len(rows), countState(rows, store.Success))
	}
}

func TestRun_CancelBetweenBatches(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	for i := 0; i < 250; i++ {
		env.Insert(t, "Account", map[string]any{"Name": fmt.Sprintf("Account %03d", i)})
	}
	var runner *syncer.Runner
	runner = env.Runner(t, syncer.Options{AfterRemoteCall: func(context.Context, []syncer.Operation) error {
		runner.Cancel()
		return nil
	}})
	sum := Run(t, runner, syncer.RunOptions{})
	if sum.Status != syncer.StatusCancelled {
		t.Fatalf("status = %s, want cancelled", sum.Status)
	}
	if got := len(env.CZ["clarizen1"].All("Customer")); got != syncer.ClarizenBatchSize {
		t.Errorf("customers after the cancel = %d, want one batch of %d", got, syncer.ClarizenBatchSize)
	}
	rows := env.Registry(t)
	if countState(rows, store.Success) != 100 || countState(rows, store.Pending) != 150 {
		t.Errorf("registry after the cancel: %d Success, %d Pending; want 100 and 150",
			countState(rows, store.Success), countState(rows, store.Pending))
	}

	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	customers := CountBy(env.CZ["clarizen1"].All("Customer"), "Name")
	if len(customers) != 250 {
		t.Errorf("customers = %d, want 250", len(customers))
	}
	for name, n := range customers {
		if n != 1 {
			t.Errorf("customer %s exists %d times", name, n)
		}
	}
	rows = env.Registry(t)
	if len(rows) != 250 || countState(rows, store.Success) != 250 {
		t.Errorf("registry = %d rows, %d Success; want 250, all Success", len(rows), countState(rows, store.Success))
	}
}

// Cancel while the run still reads and plans: the run stops before it
// sends anything, and the next run does the work.
func TestRunner_CancelWhilePlanning(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	for i := 0; i < 5; i++ {
		env.Insert(t, "Account", map[string]any{"Name": fmt.Sprintf("Account %d", i)})
	}
	var runner *syncer.Runner
	runner = env.Runner(t, syncer.Options{OnProgress: func(p syncer.Progress) {
		if p.Phase == syncer.PhaseDetect {
			runner.Cancel()
		}
	}})
	sum := Run(t, runner, syncer.RunOptions{})
	if sum.Status != syncer.StatusCancelled {
		t.Errorf("status = %s (%s), want cancelled", sum.Status, sum.StopReason)
	}
	if n := len(env.CZ["clarizen1"].All("Customer")); n != 0 {
		t.Errorf("customers = %d, want none sent", n)
	}
	if rows := env.Registry(t); len(rows) != 0 {
		t.Errorf("registry rows = %d, want none", len(rows))
	}

	again := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if again.Status != syncer.StatusSucceeded || again.Totals().Created != 5 {
		t.Errorf("next run = %s, %+v; want the 5 customers created", again.Status, again.Totals())
	}
}

// The budget is under the reserve when the run starts: planning stops after
// the first response tells so, before it reads the records or writes a row.
func TestRun_BudgetUnderReserveWhilePlanning(t *testing.T) {
	const limit = 1000
	env := NewEnv(t, EnvOptions{DailyAPILimit: limit})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	env.Insert(t, "Account", map[string]any{"Name": "Hooli"})
	env.SF.SetAPIUsage(limit - 40)

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if sum.Status != syncer.StatusStopped || !strings.Contains(sum.StopReason, "budget") {
		t.Errorf("status = %s (%s), want stopped for the budget", sum.Status, sum.StopReason)
	}
	if n := sum.APICalls[syncer.SalesforceConnection]; n != 1 {
		t.Errorf("salesforce calls = %d, want the one that reported the budget", n)
	}
	if rows := env.Registry(t); len(rows) != 0 {
		t.Errorf("registry rows = %d, want none", len(rows))
	}
	if n := len(env.CZ["clarizen1"].All("Customer")); n != 0 {
		t.Errorf("customers = %d, want none", n)
	}
}
