package synctest

import (
	"fmt"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// twoWayAccounts maps Account to Customer with the description synced both
// ways under rule.
func twoWayAccounts(rule mapping.ConflictRule) mapping.Mapping {
	m := AccountCustomer("acct", 1)
	m.ConflictRule = rule
	m.FieldMaps = []mapping.FieldMap{
		{ID: "name", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.CreateAndSync},
		{ID: "desc-to", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Description", SalesforceField: "Description", EventType: mapping.CreateAndSync},
		{ID: "desc-from", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "Description", SalesforceField: "Description", EventType: mapping.SyncOnly},
	}
	return m
}

// linkedAccount saves m with an event for every account, creates one
// account and runs once, and returns the account and customer ids.
func linkedAccount(t *testing.T, env *Env, m mapping.Mapping, r *syncer.Runner) (string, string) {
	t.Helper()
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	acct := env.Insert(t, "Account", map[string]any{"Name": "Umbrella", "Description": "first"})
	Run(t, r, syncer.RunOptions{})
	customers := env.CZ["clarizen1"].All("Customer")
	if len(customers) != 1 || customers[0]["Description"] != "first" {
		t.Fatalf("customers after the first run = %v", customers)
	}
	return acct, customers[0]["id"].(string)
}

func TestRun_Conflicts(t *testing.T) {
	cases := []struct {
		rule          mapping.ConflictRule
		clarizenLater bool
		winner        schema.Side
	}{
		{mapping.NewestWins, true, schema.Clarizen},
		{mapping.NewestWins, false, schema.Salesforce},
		{mapping.SalesforceWins, true, schema.Salesforce},
		{mapping.ClarizenWins, false, schema.Clarizen},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s, clarizen later %v", c.rule, c.clarizenLater)
		t.Run(name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			r := env.Runner(t, syncer.Options{})
			acct, cust := linkedAccount(t, env, twoWayAccounts(c.rule), r)
			cz := env.CZ["clarizen1"]

			changeSF := func() {
				if err := env.SF.Update("Account", acct, map[string]any{"Description": "from Salesforce"}); err != nil {
					t.Fatal(err)
				}
			}
			changeCZ := func() {
				if err := cz.Update(cust, map[string]any{"Description": "from Clarizen"}); err != nil {
					t.Fatal(err)
				}
			}
			env.Clock.Advance(2 * time.Second)
			if c.clarizenLater {
				changeSF()
				env.Clock.Advance(2 * time.Second)
				changeCZ()
			} else {
				changeCZ()
				env.Clock.Advance(2 * time.Second)
				changeSF()
			}
			before := len(env.Registry(t))
			sum := Run(t, r, syncer.RunOptions{})

			want := "from Salesforce"
			target := schema.Clarizen
			if c.winner == schema.Clarizen {
				want, target = "from Clarizen", schema.Salesforce
			}
			sfRec, _ := env.SF.Get("Account", acct)
			czRec, _ := cz.Get(cust)
			if sfRec["Description"] != want || czRec["Description"] != want {
				t.Errorf("descriptions = %v (Salesforce), %v (Clarizen), want %q on both", sfRec["Description"], czRec["Description"], want)
			}
			if got := sum.Totals().Conflicts; got != 1 {
				t.Errorf("conflicts = %d, want 1", got)
			}
			rows := env.Registry(t)[before:]
			if len(rows) != 1 {
				t.Fatalf("new registry rows = %d, want 1: %+v", len(rows), rows)
			}
			row := rows[0]
			if row.Target != string(target) || row.State != store.Success || len(row.Fields) != 1 {
				t.Fatalf("registry row = %+v", row)
			}
			conflict, ok := row.Fields[0].Conflict.(map[string]any)
			if !ok {
				t.Fatalf("registry field %+v has no conflict", row.Fields[0])
			}
			if conflict["salesforce"] != "from Salesforce" || conflict["clarizen"] != "from Clarizen" || conflict["winner"] != string(c.winner) {
				t.Errorf("conflict = %v", conflict)
			}
			again := Run(t, r, syncer.RunOptions{})
			if again.Writes() != 0 {
				t.Errorf("writes after the conflict = %d, want 0", again.Writes())
			}
		})
	}
	t.Run("equal new values are no conflict", func(t *testing.T) {
		env := NewEnv(t, EnvOptions{})
		r := env.Runner(t, syncer.Options{})
		acct, cust := linkedAccount(t, env, twoWayAccounts(mapping.NewestWins), r)
		if err := env.SF.Update("Account", acct, map[string]any{"Description": "same"}); err != nil {
			t.Fatal(err)
		}
		if err := env.CZ["clarizen1"].Update(cust, map[string]any{"Description": "same"}); err != nil {
			t.Fatal(err)
		}
		sum := Run(t, r, syncer.RunOptions{})
		if sum.Writes() != 0 || sum.Totals().Conflicts != 0 {
			t.Errorf("summary = %+v, want no writes and no conflict", sum.Totals())
		}
	})
}
