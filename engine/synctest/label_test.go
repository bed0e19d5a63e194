package synctest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// Plan operations and registry rows name their records in words: a Case
// by number and subject, a link entity and a pair found by key fields by
// both records. A record that a related-object rule creates under a
// parent carries its own name and the parent's.
func TestRun_RecordLabels(t *testing.T) {
	tests := []struct {
		name string
		// setup saves the definitions and records and returns the
		// operation and object whose label is checked, and the label.
		setup     func(t *testing.T, env *Env) (op, object, want string)
		wantCount int
		// reasonHas and reasonLacks are text the planned operation's
		// reason must and must not contain.
		reasonHas, reasonLacks string
	}{
		{"case create", func(t *testing.T, env *Env) (string, string, string) {
			env.SaveMapping(t, caseIssue(mapping.CreateAndSync))
			env.SaveEvent(t, EntityEvent("cases", 1, "Case", "", "case-issue", true), env.Clock.Now())
			id := env.Insert(t, "Case", map[string]any{"Subject": "Charger overheating"})
			c, _ := env.SF.Get("Case", id)
			return "create", "Issue", fmt.Sprintf("%v – Charger overheating", c["CaseNumber"])
		}, 1, "", ""},
		{"customer link", func(t *testing.T, env *Env) (string, string, string) {
			env.AddProjectObjects(t)
			NewProjectFlow(1).Save(t, env, time.Now())
			globex := env.Insert(t, "Account", map[string]any{"Name": "Globex"})
			env.Insert(t, "Opportunity", map[string]any{"Name": "Globex rollout", "AccountId": globex, "Probability": 80.0,
				"StageName": "Negotiation/Review", "CloseDate": "2026-12-31"})
			return "link", "CustomerLink", "Globex rollout – Globex"
		}, 1, `link "Globex rollout" (new) to Customer "Globex" (new)`, "/Project/"},
		{"user match", func(t *testing.T, env *Env) (string, string, string) {
			if _, err := env.CZ["clarizen1"].Create("User", map[string]any{"UserName": "ada", "Email": sfsim.DefaultUsername,
				"FirstName": "Ada", "LastName": "Admin"}); err != nil {
				t.Fatal(err)
			}
			env.SaveMapping(t, UserUser("users", 1, mapping.LeaveEmpty))
			m := AccountCustomer("acct", 1)
			m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "owner", Enabled: true, Direction: mapping.ToClarizen,
				ClarizenField: "Owner", SalesforceField: "OwnerId", EventType: mapping.CreateAndSync})
			env.SaveMapping(t, m)
			env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
			env.Insert(t, "Account", map[string]any{"Name": "Stark"})
			return "match", "User", "Ada Admin"
		}, 1, `User "Ada Admin" (`, ""},
		{"milestone of a changed project", func(t *testing.T, env *Env) (string, string, string) {
			env.AddProjectObjects(t)
			flow := NewProjectFlow(1)
			// The record needs the project's name on create.
			for i, fm := range flow.Project.FieldMaps {
				if fm.ID == "name-back" {
					flow.Project.FieldMaps[i].EventType = mapping.CreateAndSync
				}
			}
			for _, m := range []mapping.Mapping{flow.Account, flow.Milestone, flow.Project} {
				env.SaveMapping(t, m)
			}
			cz := env.CZ["clarizen1"]
			apollo, err := cz.Create("Project", map[string]any{"Name": "Apollo"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cz.Create("Milestone", map[string]any{"Name": "Countdown", "Parent": apollo, "DueDate": "2026-12-20"}); err != nil {
				t.Fatal(err)
			}
			env.SaveEvent(t, ClarizenEvent("projects", 1, "Project", "", flow.Project.ID), env.Clock.Now())
			// The first run links the project; its milestones follow on the
			// next, which is the one checked.
			Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
			return "create", "Clarizen_Milestone__c", "Countdown – Apollo"
		}, 1, `Milestone "Countdown" (`, ""},
		{"customer delete", func(t *testing.T, env *Env) (string, string, string) {
			m := AccountCustomer("acct", 1)
			m.DeletePolicy = mapping.DeleteCounterpart
			env.SaveMapping(t, m)
			env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
			wayne := env.Insert(t, "Account", map[string]any{"Name": "Wayne"})
			Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
			if err := env.SF.Delete("Account", wayne); err != nil {
				t.Fatal(err)
			}
			return "delete", "Customer", "Wayne"
		}, 1, `Account "Wayne" (`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			op, object, want := tt.setup(t, env)
			runner := env.Runner(t, syncer.Options{})

			p, err := runner.Plan(t.Context(), syncer.RunOptions{Trigger: "test"})
			if err != nil {
				t.Fatal(err)
			}
			var planned, reasons []string
			for _, o := range p.Operations {
				if string(o.Kind) == op && o.Object == object {
					planned = append(planned, o.Label)
					reasons = append(reasons, o.Reason)
				}
			}
			if len(planned) != tt.wantCount {
				t.Fatalf("planned %s %s operations = %d, want %d", op, object, len(planned), tt.wantCount)
			}
			if planned[0] != want {
				t.Errorf("plan label = %q, want %q", planned[0], want)
			}
			if tt.reasonHas != "" && !strings.Contains(reasons[0], tt.reasonHas) {
				t.Errorf("reason = %q, want it to contain %q", reasons[0], tt.reasonHas)
			}
			if tt.reasonLacks != "" && strings.Contains(reasons[0], tt.reasonLacks) {
				t.Errorf("reason = %q names %q", reasons[0], tt.reasonLacks)
			}
			var text strings.Builder
			if err := p.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text.String(), fmt.Sprintf("%q", want)) {
				t.Errorf("plan text lacks the label %q:\n%s", want, text.String())
			}

			Run(t, runner, syncer.RunOptions{})
			var rows []store.RegistryRow
			for _, r := range env.Registry(t) {
				if r.Operation == op && (r.CZType == object || r.SFObject == object) {
					rows = append(rows, r)
				}
			}
			if len(rows) != tt.wantCount {
				t.Fatalf("registry rows of %s %s = %d, want %d", op, object, len(rows), tt.wantCount)
			}
			if rows[0].Label != want {
				t.Errorf("registry label = %q, want %q", rows[0].Label, want)
			}
		})
	}
}
