package synctest

import (
	"context"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// A delete of the counterpart that failed for good, retried from the
// registry after the deletion watermark moved past the deletion: the next
// run must delete the counterpart, not report the row done.
func TestRunner_RetryFailedDelete(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	ctx := context.Background()
	m := AccountCustomer("acct", 1)
	m.DeletePolicy = mapping.DeleteCounterpart
	accounts, customers := linkedAccounts(t, env, m, 3)
	acct := accounts[0]
	cust := customers[acct]
	if err := env.SF.Delete("Account", acct); err != nil {
		t.Fatal(err)
	}
	rejectDelete := czsim.Fault{Kind: czsim.FaultServerError, Method: "DELETE", ErrorCode: "InvalidOperation"}
	env.CZ["clarizen1"].Faults().Add(rejectDelete)
	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	row := lastRow(t, env)
	if row.Operation != "delete" || row.State != store.Failed {
		t.Fatalf("row after the first run = %s %s, want a Failed delete", row.Operation, row.State)
	}

	// A later run past the overlap window fails the same delete again,
	// and the deletion watermark moves past the deletion.
	env.Clock.Advance(10 * time.Minute)
	env.CZ["clarizen1"].Faults().Add(rejectDelete)
	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	env.Clock.Advance(10 * time.Minute)

	r := env.Runner(t, syncer.Options{})
	if _, err := r.Retry(ctx, []int64{row.ID}); err != nil {
		t.Fatal(err)
	}
	sum := Run(t, r, syncer.RunOptions{})
	got, err := env.DB.RegistryRow(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != store.Success {
		t.Errorf("retried row = %s %s, want Success", got.State, got.ErrorCode)
	}
	if _, live := env.CZ["clarizen1"].Get(cust); live {
		t.Errorf("customer %s still exists after the retried delete", cust)
	}
	if n := len(env.Links(t, m.ID)); n != 2 {
		t.Errorf("links = %d, want the deleted pair's link dropped", n)
	}
	if sum.Totals().Deleted != 1 {
		t.Errorf("summary = %+v, want one delete", sum.Totals())
	}
}
