package synctest

import (
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// checkRegistry fails the test for every registry row that did not
// succeed.
func checkRegistry(t *testing.T, env *Env) {
	t.Helper()
	for _, row := range env.Registry(t) {
		if row.State != store.Success {
			t.Errorf("registry row %d (%s on %s %s%s) is %s: %s %s", row.ID, row.Operation, row.Target,
				row.SFObject, row.CZType, row.State, row.ErrorCode, row.ErrorMessage)
		}
	}
}

// byName indexes records by their Name field.
func byName(records []map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range records {
		if name, ok := r["Name"].(string); ok {
			out[name] = r
		}
	}
	return out
}

func refID(v any) string {
	if m, ok := v.(map[string]any); ok {
		s, _ := m["id"].(string)
		return s
	}
	s, _ := v.(string)
	return s
}

// countChildren counts the work items whose parent is parent.
func countChildren(items []map[string]any, parent any) int {
	n := 0
	for _, it := range items {
		if refID(it["Parent"]) == parent {
			n++
		}
	}
	return n
}

func TestRun_OpportunityProjectFlow(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	env.AddProjectObjects(t)
	flow := NewProjectFlow(1)
	flow.Save(t, env, time.Now())
	runner := env.Runner(t, syncer.Options{})
	cz := env.CZ["clarizen1"]

	globex := env.Insert(t, "Account", map[string]any{"Name": "Globex"})
	initech := env.Insert(t, "Account", map[string]any{"Name": "Initech"})
	big := env.Insert(t, "Opportunity", map[string]any{"Name": "Globex rollout", "AccountId": globex,
		"StageName": "Negotiation/Review", "CloseDate": "2026-12-31", "Type": "New Customer"})
	env.Insert(t, "Opportunity", map[string]any{"Name": "Initech upgrade", "AccountId": initech,
		"StageName": "Perception Analysis", "CloseDate": "2026-11-30", "Amount": 5000.0, "Type": "Existing Customer - Upgrade"})
	early := env.Insert(t, "Opportunity", map[string]any{"Name": "Globex pilot", "AccountId": globex,
		"StageName": "Prospecting", "CloseDate": "2027-03-31", "Amount": 20000.0})
	// The line items make up the big opportunity's amount (250,000), which
	// picks the "Standard delivery" template by the AND rule.
	for _, p := range []struct {
		name  string
		price float64
	}{{"Onboarding", 150000}, {"Training", 100000}} {
		entry := env.Product(t, p.name, p.price)
		env.Insert(t, "OpportunityLineItem", map[string]any{"OpportunityId": big, "PricebookEntryId": entry,
			"Quantity": 1.0, "UnitPrice": p.price})
	}

	t.Run("first run creates projects", func(t *testing.T) {
		Run(t, runner, syncer.RunOptions{})
		checkRegistry(t, env)
		records := byName(env.SF.All("Clarizen_Project__c"))
		if len(records) != 2 || records["Globex rollout"] == nil || records["Initech upgrade"] == nil {
			t.Fatalf("Clarizen_Project__c records = %v, want one for each opportunity at 70 or more", records)
		}
		if records["Globex rollout"]["Opportunity__c"] != big {
			t.Errorf("Globex rollout record points at %v, want %s", records["Globex rollout"]["Opportunity__c"], big)
		}
		projects := byName(cz.All("Project"))
		rollout := projects["Globex rollout"]
		if rollout == nil || projects["Initech upgrade"] == nil {
			t.Fatalf("projects = %v", projects)
		}
		if rollout["SfExternalId"] != records["Globex rollout"]["Id"] {
			t.Errorf("project SfExternalId = %v, want the Clarizen_Project__c id %v", rollout["SfExternalId"], records["Globex rollout"]["Id"])
		}
		if rollout["Description"] != "Created by Liaison" {
			t.Errorf("project description = %v, want the event's constant", rollout["Description"])
		}
		for _, sub := range []string{"Globex rollout Onboarding", "Globex rollout Training"} {
			if p := projects[sub]; p == nil || refID(p["Parent"]) != rollout["id"] {
				t.Errorf("sub-project %q = %v, want a child of %v", sub, p, rollout["id"])
			}
		}
		// The AND rule (new customer and 100,000 or more) picked Standard
		// delivery with its four milestones. The OR rule (under 10,000 or
		// an upgrade) picked Quick start with its three tasks.
		if n := countChildren(cz.All("Milestone"), rollout["id"]); n != 4 {
			t.Errorf("milestones of Globex rollout = %d, want the 4 of template Standard delivery", n)
		}
		upgrade := projects["Initech upgrade"]
		if n := countChildren(cz.All("Task"), upgrade["id"]); n != 3 {
			t.Errorf("tasks of Initech upgrade = %d, want the 3 of template Quick start", n)
		}
		if n := countChildren(cz.All("Milestone"), upgrade["id"]); n != 0 {
			t.Errorf("milestones of Initech upgrade = %d, want none", n)
		}
		customers := byName(cz.All("Customer"))
		if customers["Globex"] == nil || customers["Initech"] == nil || len(customers) != 2 {
			t.Fatalf("customers = %v", customers)
		}
		links := cz.All("CustomerLink")
		if len(links) != 2 {
			t.Fatalf("customer links = %d, want 2", len(links))
		}
		want := map[string]string{rollout["id"].(string): customers["Globex"]["id"].(string),
			projects["Initech upgrade"]["id"].(string): customers["Initech"]["id"].(string)}
		for _, l := range links {
			if want[refID(l["Entity"])] != refID(l["Customer"]) {
				t.Errorf("customer link %v: project %s should link %s", l["id"], refID(l["Entity"]), want[refID(l["Entity"])])
			}
		}
	})
	t.Run("second run brings milestones back", func(t *testing.T) {
		Run(t, runner, syncer.RunOptions{})
		checkRegistry(t, env)
		record := byName(env.SF.All("Clarizen_Project__c"))["Globex rollout"]
		milestones := env.SF.All("Clarizen_Milestone__c")
		if len(milestones) != 4 {
			t.Fatalf("Clarizen_Milestone__c records = %d, want 4", len(milestones))
		}
		for _, m := range milestones {
			if m["Clarizen_Project__c"] != record["Id"] || m["Due_Date__c"] == nil {
				t.Errorf("milestone record %v: want Clarizen_Project__c %v and a due date", m, record["Id"])
			}
		}
		if record["Status__c"] != "Draft" || record["Start_Date__c"] == nil || record["Due_Date__c"] == nil {
			t.Errorf("project record = %v, want the status and dates from Clarizen", record)
		}
	})
	t.Run("third run writes nothing", func(t *testing.T) {
		sum := Run(t, runner, syncer.RunOptions{})
		if sum.Writes() != 0 {
			t.Errorf("writes = %d, want 0 (summary %+v)", sum.Writes(), sum)
		}
	})
	t.Run("name goes to clarizen on create and comes back on sync", func(t *testing.T) {
		project := byName(cz.All("Project"))["Globex rollout"]
		if err := cz.Update(project["id"].(string), map[string]any{"Name": "Globex rollout, phase 1"}); err != nil {
			t.Fatal(err)
		}
		Run(t, runner, syncer.RunOptions{})
		records := byName(env.SF.All("Clarizen_Project__c"))
		record := records["Globex rollout, phase 1"]
		if record == nil {
			t.Fatalf("Clarizen_Project__c records = %v, want the project's new name", records)
		}
		if err := env.SF.Update("Clarizen_Project__c", record["Id"].(string), map[string]any{"Name": "Renamed in Salesforce"}); err != nil {
			t.Fatal(err)
		}
		sum := Run(t, runner, syncer.RunOptions{})
		if got, _ := cz.Get(project["id"].(string)); got["Name"] != "Globex rollout, phase 1" {
			t.Errorf("project name = %v, want it unchanged: the name goes to Clarizen on create only", got["Name"])
		}
		if sum.Writes() != 0 {
			t.Errorf("writes = %d, want 0", sum.Writes())
		}
	})
	t.Run("one more opportunity at 70", func(t *testing.T) {
		if err := env.SF.Update("Opportunity", early, map[string]any{"StageName": "Proposal/Price Quote"}); err != nil {
			t.Fatal(err)
		}
		before := len(cz.All("Project"))
		Run(t, runner, syncer.RunOptions{})
		checkRegistry(t, env)
		if after := len(cz.All("Project")); after != before+1 {
			t.Errorf("projects = %d, want %d", after, before+1)
		}
		if byName(cz.All("Project"))["Globex pilot"] == nil {
			t.Error("no project for Globex pilot")
		}
	})
	t.Run("renaming an account renames its customer", func(t *testing.T) {
		if err := env.SF.Update("Account", globex, map[string]any{"Name": "Globex Corporation"}); err != nil {
			t.Fatal(err)
		}
		Run(t, runner, syncer.RunOptions{})
		customers := byName(cz.All("Customer"))
		if customers["Globex Corporation"] == nil || customers["Globex"] != nil {
			t.Errorf("customers = %v, want Globex renamed", customers)
		}
	})
}
