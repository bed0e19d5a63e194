package synctest

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestRun_MissingReference(t *testing.T) {
	cases := []struct {
		name string
		// policy is the User mapping's create policy.
		policy mapping.CreatePolicy
		// existing adds a Clarizen user with the owner's email first.
		existing   bool
		wantUsers  int
		wantOwner  bool
		wantWarned bool
	}{
		{"create policy creates the user", mapping.CreateMissing, false, 2, true, false},
		{"leave empty leaves the owner empty", mapping.LeaveEmpty, false, 1, false, true},
		{"key field finds the user", mapping.LeaveEmpty, true, 2, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			cz := env.CZ["clarizen1"]
			var existing string
			if c.existing {
				var err error
				existing, err = cz.Create("User", map[string]any{"UserName": "ada", "Email": sfsim.DefaultUsername,
					"FirstName": "Ada", "LastName": "Admin"})
				if err != nil {
					t.Fatal(err)
				}
			}
			users := UserUser("users", 1, c.policy)
			env.SaveMapping(t, users)
			m := AccountCustomer("acct", 1)
			m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "owner", Enabled: true, Direction: mapping.ToClarizen,
				ClarizenField: "Owner", SalesforceField: "OwnerId", EventType: mapping.CreateAndSync})
			env.SaveMapping(t, m)
			env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
			env.Insert(t, "Account", map[string]any{"Name": "Stark"})

			sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
			for _, row := range env.Registry(t) {
				if row.State != store.Success {
					t.Errorf("registry row %s %s is %s: %s", row.Operation, row.CZType, row.State, row.ErrorMessage)
				}
			}
			if n := len(cz.All("User")); n != c.wantUsers {
				t.Errorf("clarizen users = %d, want %d", n, c.wantUsers)
			}
			customers := cz.All("Customer")
			if len(customers) != 1 {
				t.Fatalf("customers = %d, want 1", len(customers))
			}
			owner := refID(customers[0]["Owner"])
			switch {
			case !c.wantOwner && owner != "":
				t.Errorf("customer owner = %s, want empty", owner)
			case c.wantOwner && owner == "":
				t.Error("customer has no owner")
			case c.existing && owner != existing:
				t.Errorf("customer owner = %s, want the existing user %s", owner, existing)
			}
			if c.wantOwner && !c.existing {
				u, ok := cz.Get(owner)
				if !ok || u["Email"] != sfsim.DefaultUsername {
					t.Errorf("owner = %v, want a user with the account owner's email", u)
				}
			}
			if c.existing {
				// The user found by email is linked, so that the user
				// mapping syncs the pair from now on.
				links := env.Links(t, users.ID)
				if len(links) != 1 || links[0].CZID != existing || sum.Totals().Matched != 1 {
					t.Errorf("user links = %+v, matched = %d; want the found user linked", links, sum.Totals().Matched)
				}
				admin := env.SF.All("User")[0]
				if err := env.SF.Update("User", admin["Id"].(string), map[string]any{"FirstName": "Augusta"}); err != nil {
					t.Fatal(err)
				}
				Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
				if u, _ := cz.Get(existing); u["FirstName"] != "Augusta" {
					t.Errorf("clarizen user first name = %v, want the Salesforce change synced", u["FirstName"])
				}
			}
			warned := false
			for _, w := range sum.Warnings {
				warned = warned || strings.Contains(w, "left empty")
			}
			if warned != c.wantWarned {
				t.Errorf("warnings = %q, want a left-empty warning: %v", sum.Warnings, c.wantWarned)
			}
		})
	}
}
