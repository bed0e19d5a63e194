package synctest

import (
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
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

// A user that a changed owner needs is created in the same run as the
// customer's update. When the create fails for a reason that may pass, the
// update waits too, and the next run reads the account again although the
// watermark moved past it.
func TestRun_ReferencedCreateFailsTransiently(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	cz := env.CZ["clarizen1"]
	env.SaveMapping(t, UserUser("users", 1, mapping.CreateMissing))
	m := AccountCustomer("acct", 1)
	m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "owner", Enabled: true, Direction: mapping.ToClarizen,
		ClarizenField: "Owner", SalesforceField: "OwnerId", EventType: mapping.CreateAndSync})
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	first := env.Insert(t, "Account", map[string]any{"Name": "Vought"})
	second := env.Insert(t, "Account", map[string]any{"Name": "Dunder Mifflin"})
	r := env.Runner(t, syncer.Options{})
	Run(t, r, syncer.RunOptions{})

	profiles := env.SF.All("Profile")
	if len(profiles) == 0 {
		t.Fatal("the simulated org has no profile")
	}
	const email = "new.owner@liaison-test.example"
	owner := env.Insert(t, "User", map[string]any{"Username": email, "LastName": "Owner", "Email": email, "Alias": "nowner",
		"TimeZoneSidKey": "GMT", "LocaleSidKey": "en_US", "EmailEncodingKey": "UTF-8", "LanguageLocaleKey": "en_US",
		"ProfileId": profiles[0]["Id"]})
	if err := env.SF.Update("Account", first, map[string]any{"OwnerId": owner}); err != nil {
		t.Fatal(err)
	}
	// Later changes of the other pair move both watermarks past the first
	// pair by more than the overlap.
	env.Clock.Advance(10 * time.Minute)
	if err := env.SF.Update("Account", second, map[string]any{"Name": "Dunder Mifflin Paper"}); err != nil {
		t.Fatal(err)
	}
	for _, l := range env.Links(t, m.ID) {
		if l.SFID == second {
			if err := cz.Update(l.CZID, map[string]any{"Description": "paper"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Every attempt of the user's create fails with HTTP 500.
	cz.Faults().Add(czsim.Fault{Kind: czsim.FaultServerError, Path: "data/objects/User", Times: clarizen.DefaultMaxAttempts})
	Run(t, r, syncer.RunOptions{})
	var waiting store.RegistryRow
	for _, row := range env.Registry(t) {
		if row.Operation == "update" && row.ErrorCode == syncer.CodeDependencyFailed {
			waiting = row
		}
	}
	if waiting.ID == 0 {
		t.Fatalf("registry = %+v, want the customer update failed for its dependency", env.Registry(t))
	}
	if waiting.ErrorClass != syncer.ClassTransient {
		t.Errorf("dependency failure class = %s, want %s like the failed create", waiting.ErrorClass, syncer.ClassTransient)
	}

	Run(t, r, syncer.RunOptions{})
	var created map[string]any
	for _, u := range cz.All("User") {
		if u["Email"] == email {
			created = u
		}
	}
	if created == nil {
		t.Fatal("the new owner was never created in Clarizen")
	}
	var customer map[string]any
	for _, l := range env.Links(t, m.ID) {
		if l.SFID == first {
			customer, _ = cz.Get(l.CZID)
		}
	}
	if got := refID(customer["Owner"]); got != created["id"] {
		t.Errorf("customer owner = %v, want the new user %v", got, created["id"])
	}
	if row, _ := env.DB.RegistryRow(t.Context(), waiting.ID); row.State != store.Success {
		t.Errorf("update row after the next run = %s %s, want Success", row.State, row.ErrorCode)
	}
}

// A run limited to one mapping lists it even when it did nothing, and
// names the mapping it also wrote through for a reference.
func TestRun_SelectedMappingSummary(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	users := UserUser("users", 1, mapping.CreateMissing)
	env.SaveMapping(t, users)
	m := AccountCustomer("acct", 1)
	m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "owner", Enabled: true, Direction: mapping.ToClarizen,
		ClarizenField: "Owner", SalesforceField: "OwnerId", EventType: mapping.CreateAndSync})
	env.SaveMapping(t, m)
	idle := AccountCustomer("idle", 1)
	idle.SalesforceObject = "Contact"
	idle.FieldMaps = []mapping.FieldMap{{ID: "name", Enabled: true, Direction: mapping.ToClarizen,
		ClarizenField: "Name", SalesforceField: "LastName", EventType: mapping.CreateAndSync}}
	env.SaveMapping(t, idle)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	env.Insert(t, "Account", map[string]any{"Name": "Wonka"})
	r := env.Runner(t, syncer.Options{})

	sum := Run(t, r, syncer.RunOptions{MappingIDs: []string{m.ID}})
	lines := map[string]syncer.MappingSummary{}
	for _, l := range sum.Mappings {
		lines[l.MappingID] = l
	}
	if lines[m.ID].Created != 1 {
		t.Errorf("line of the selected mapping = %+v, want 1 created", lines[m.ID])
	}
	if _, ok := lines[idle.ID]; ok {
		t.Errorf("lines = %+v, want no line for a mapping outside the selection", sum.Mappings)
	}
	if len(sum.AlsoSynced) != 1 || sum.AlsoSynced[0] != users.Name {
		t.Errorf("also synced = %v, want %q", sum.AlsoSynced, users.Name)
	}

	all := Run(t, r, syncer.RunOptions{})
	lines = map[string]syncer.MappingSummary{}
	for _, l := range all.Mappings {
		lines[l.MappingID] = l
	}
	if _, ok := lines[idle.ID]; !ok {
		t.Errorf("lines = %+v, want one for the idle mapping, all zeros", all.Mappings)
	}
	if len(all.AlsoSynced) != 0 {
		t.Errorf("also synced = %v, want none when every mapping runs", all.AlsoSynced)
	}
}
