package synctest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// customersToAccounts saves a Customer-to-Account mapping with its event
// and n customers named "Customer 000" on.
func customersToAccounts(t *testing.T, env *Env, n int, m mapping.Mapping) {
	t.Helper()
	env.AddAccountKey(t)
	env.SaveMapping(t, m)
	env.SaveEvent(t, ClarizenEvent("customers", 1, "Customer", "", m.ID), env.Clock.Now())
	for i := 0; i < n; i++ {
		if _, err := env.CZ["clarizen1"].Create("Customer", map[string]any{"Name": fmt.Sprintf("Customer %03d", i)}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRun_TransientErrorsMidBatch(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	customersToAccounts(t, env, 250, CustomerAccount("cust", 1))
	faults := env.SF.Faults()
	// The second collection call gets a 503 once, and three records of the
	// calls fail with UNABLE_TO_LOCK_ROW.
	faults.Add(sfsim.Fault{Kind: sfsim.FaultUnavailable, Match: "PATCH /composite/sobjects", After: 1, Times: 1})
	faults.LockRow(3)

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if n := faults.Fired(sfsim.FaultUnavailable); n != 1 {
		t.Errorf("503 answers = %d, want 1", n)
	}
	if n := faults.Fired(sfsim.FaultLockRow); n != 3 {
		t.Errorf("UNABLE_TO_LOCK_ROW records = %d, want 3", n)
	}
	accounts := CountBy(env.SF.All("Account"), "Name")
	if len(accounts) != 250 {
		t.Errorf("accounts = %d, want 250", len(accounts))
	}
	for name, n := range accounts {
		if n != 1 {
			t.Errorf("account %s exists %d times", name, n)
		}
	}
	rows := env.Registry(t)
	if len(rows) != 250 || countState(rows, store.Success) != 250 {
		t.Errorf("registry = %d rows, %d Success; want 250 Success", len(rows), countState(rows, store.Success))
	}
	if sum.Status != syncer.StatusSucceeded || sum.Totals().Created != 250 {
		t.Errorf("summary = %s, %+v", sum.Status, sum.Totals())
	}
}

func TestRun_PermanentErrorFailsRecord(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	if _, err := env.SF.CreateCustomField("Account.Billing_Email__c", map[string]any{"type": "Email", "label": "Billing Email"}); err != nil {
		t.Fatal(err)
	}
	m := CustomerAccount("cust", 1)
	m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "email", Enabled: true, Direction: mapping.FromClarizen,
		ClarizenField: "InternalId", SalesforceField: "Billing_Email__c", EventType: mapping.CreateAndSync})
	customersToAccounts(t, env, 0, m)
	cz := env.CZ["clarizen1"]
	for name, email := range map[string]string{"Good One": "billing@good.example", "Bad One": "not an address", "Good Two": "ap@two.example"} {
		if _, err := cz.Create("Customer", map[string]any{"Name": name, "InternalId": email}); err != nil {
			t.Fatal(err)
		}
	}

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if sum.Status != syncer.StatusSucceeded {
		t.Errorf("status = %s, want succeeded: a record error must not fail the run", sum.Status)
	}
	accounts := CountBy(env.SF.All("Account"), "Name")
	if accounts["Good One"] != 1 || accounts["Good Two"] != 1 || accounts["Bad One"] != 0 {
		t.Errorf("accounts = %v, want the two good ones only", accounts)
	}
	var failed []store.RegistryRow
	for _, r := range env.Registry(t) {
		if r.State == store.Failed {
			failed = append(failed, r)
		}
	}
	if len(failed) != 1 {
		t.Fatalf("failed rows = %+v, want 1", failed)
	}
	f := failed[0]
	if f.ErrorCode != "INVALID_EMAIL_ADDRESS" || f.ErrorClass != syncer.ClassPermanent || f.ErrorMessage == "" {
		t.Errorf("failed row = %s / %s / %s", f.ErrorCode, f.ErrorClass, f.ErrorMessage)
	}
	hint, err := env.DB.RegistryHint(t.Context(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hint, "Account") || !strings.Contains(hint, "Billing_Email__c") {
		t.Errorf("hint = %q, want it to name the object and the field", hint)
	}
	if sum.Totals().Failed != 1 || sum.Totals().Created != 2 {
		t.Errorf("summary = %+v", sum.Totals())
	}
}

func TestRunner_RetryFailedRow(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	if _, err := env.SF.CreateCustomField("Account.Billing_Email__c", map[string]any{"type": "Email", "label": "Billing Email"}); err != nil {
		t.Fatal(err)
	}
	m := CustomerAccount("cust", 1)
	m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "email", Enabled: true, Direction: mapping.FromClarizen,
		ClarizenField: "InternalId", SalesforceField: "Billing_Email__c", EventType: mapping.CreateAndSync})
	customersToAccounts(t, env, 0, m)
	cz := env.CZ["clarizen1"]
	bad, err := cz.Create("Customer", map[string]any{"Name": "Vandelay", "InternalId": "not an address"})
	if err != nil {
		t.Fatal(err)
	}
	r := env.Runner(t, syncer.Options{})
	Run(t, r, syncer.RunOptions{})
	rows := env.Registry(t)
	if len(rows) != 1 || rows[0].State != store.Failed {
		t.Fatalf("registry = %+v, want one Failed row", rows)
	}

	// The admin fixes the value, then retries the row from the registry.
	if err := cz.Update(bad, map[string]any{"InternalId": "ap@vandelay.example"}); err != nil {
		t.Fatal(err)
	}
	// A run before the retry does nothing: the event fired for this
	// customer already, and the customer is not linked.
	if sum := Run(t, r, syncer.RunOptions{}); sum.Writes() != 0 {
		t.Fatalf("writes before the retry = %d, want 0", sum.Writes())
	}
	sum, err := r.RetryNow(t.Context(), []int64{rows[0].ID}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Totals().Created != 1 {
		t.Errorf("retry run = %+v, want the account created", sum.Totals())
	}
	accounts := byName(env.SF.All("Account"))
	if a := accounts["Vandelay"]; a == nil || a["Billing_Email__c"] != "ap@vandelay.example" {
		t.Errorf("account = %v", a)
	}
	rows = env.Registry(t)
	if len(rows) != 1 || rows[0].State != store.Success || rows[0].ErrorCode != "" {
		t.Errorf("registry after the retry = %+v, want the same row, Success", rows)
	}
}

func TestRun_ClarizenServerErrorMidBulk(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	for i := 0; i < 150; i++ {
		env.Insert(t, "Account", map[string]any{"Name": fmt.Sprintf("Account %03d", i)})
	}
	// The first bulk call fails with HTTP 500, and its repeat applies but
	// loses its response. The client sends it once more, because creates
	// with an ExternalID are safe to repeat.
	faults := env.CZ["clarizen1"].Faults()
	faults.Add(czsim.Fault{Kind: czsim.FaultServerError, Path: "bulk/execute", Times: 1})
	faults.Add(czsim.Fault{Kind: czsim.FaultDropAfterWrite, Path: "bulk/execute", Times: 1})

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if n := faults.Pending(); n != 0 {
		t.Errorf("faults still queued = %d, want both used", n)
	}
	customers := CountBy(env.CZ["clarizen1"].All("Customer"), "Name")
	if len(customers) != 150 {
		t.Errorf("customers = %d, want 150", len(customers))
	}
	for name, n := range customers {
		if n != 1 {
			t.Errorf("customer %s exists %d times", name, n)
		}
	}
	if sum.Totals().Created != 150 || sum.Totals().Failed != 0 {
		t.Errorf("summary = %+v", sum.Totals())
	}
}
