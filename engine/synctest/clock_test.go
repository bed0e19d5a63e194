package synctest

import (
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/syncer"
)

// The admin's computer runs ten minutes ahead of both services. Changes
// made just after a run still reach the next run, because watermarks come
// from the services' clocks.
func TestRun_DesktopClockAhead(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	acct := env.Insert(t, "Account", map[string]any{"Name": "Sterling Cooper"})
	ahead := func() time.Time { return env.Clock.Now().Add(10 * time.Minute) }
	r := env.Runner(t, syncer.Options{Now: ahead})
	Run(t, r, syncer.RunOptions{})

	env.Clock.Advance(time.Second)
	if err := env.SF.Update("Account", acct, map[string]any{"Name": "Sterling Cooper Draper Pryce"}); err != nil {
		t.Fatal(err)
	}
	customers := env.CZ["clarizen1"].All("Customer")
	if len(customers) != 1 {
		t.Fatalf("customers = %d, want 1", len(customers))
	}
	if err := env.CZ["clarizen1"].Update(customers[0]["id"].(string), map[string]any{"Description": "agency"}); err != nil {
		t.Fatal(err)
	}
	Run(t, r, syncer.RunOptions{})

	got, _ := env.CZ["clarizen1"].Get(customers[0]["id"].(string))
	if got["Name"] != "Sterling Cooper Draper Pryce" {
		t.Errorf("customer name = %v, want the Salesforce rename", got["Name"])
	}
	account, _ := env.SF.Get("Account", acct)
	if account["Description"] != "agency" {
		t.Errorf("account description = %v, want the Clarizen change", account["Description"])
	}
}
