package synctest

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestRun_TwoClarizenInstances(t *testing.T) {
	env := NewEnv(t, EnvOptions{ClarizenInstances: 2})
	env.AddProjectObjects(t)
	// New customers' projects go to instance 1, upgrades to instance 2.
	first, second := NewProjectFlow(1), NewProjectFlow(2)
	first.Event.Condition = "Probability >= 70 AND Type = 'New Customer'"
	second.Event.Condition = "Probability >= 70 AND Type = 'Existing Customer - Upgrade'"
	first.Save(t, env, env.Clock.Now())
	second.Save(t, env, env.Clock.Now())

	acme := env.Insert(t, "Account", map[string]any{"Name": "Acme"})
	hooli := env.Insert(t, "Account", map[string]any{"Name": "Hooli"})
	env.Insert(t, "Opportunity", map[string]any{"Name": "Acme launch", "AccountId": acme, "StageName": "Negotiation/Review",
		"CloseDate": "2026-12-31", "Amount": 150000.0, "Type": "New Customer"})
	env.Insert(t, "Opportunity", map[string]any{"Name": "Hooli upgrade", "AccountId": hooli, "StageName": "Negotiation/Review",
		"CloseDate": "2026-12-31", "Amount": 8000.0, "Type": "Existing Customer - Upgrade"})

	r := env.Runner(t, syncer.Options{})
	Run(t, r, syncer.RunOptions{})
	checkRegistry(t, env)

	one, two := env.CZ["clarizen1"], env.CZ["clarizen2"]
	if p := byName(one.All("Project")); p["Acme launch"] == nil || p["Hooli upgrade"] != nil {
		t.Errorf("instance 1 projects = %v, want only Acme launch", p)
	}
	if p := byName(two.All("Project")); p["Hooli upgrade"] == nil || p["Acme launch"] != nil {
		t.Errorf("instance 2 projects = %v, want only Hooli upgrade", p)
	}
	if c := byName(one.All("Customer")); c["Acme"] == nil || len(c) != 1 {
		t.Errorf("instance 1 customers = %v, want Acme", c)
	}
	if c := byName(two.All("Customer")); c["Hooli"] == nil || len(c) != 1 {
		t.Errorf("instance 2 customers = %v, want Hooli", c)
	}
	if n := len(env.SF.All("Clarizen_Project__c")); n != 2 {
		t.Errorf("Clarizen_Project__c records = %d, want 2", n)
	}
	perConnection := map[string]int{}
	for _, row := range env.Registry(t) {
		if row.Target == "clarizen" {
			perConnection[row.CZConnection]++
		}
	}
	if perConnection["clarizen1"] == 0 || perConnection["clarizen2"] == 0 {
		t.Errorf("registry rows per Clarizen connection = %v, want both", perConnection)
	}
	links := map[string][]store.Link{}
	for _, id := range []string{first.Project.ID, second.Project.ID} {
		links[id] = env.Links(t, id)
	}
	if len(links[first.Project.ID]) != 1 || links[first.Project.ID][0].CZConnection != "clarizen1" ||
		len(links[second.Project.ID]) != 1 || links[second.Project.ID][0].CZConnection != "clarizen2" {
		t.Errorf("project links = %+v", links)
	}

	Run(t, r, syncer.RunOptions{})
	if n := len(env.SF.All("Clarizen_Milestone__c")); n != 4 {
		t.Errorf("milestone records = %d, want the 4 of Acme launch's template", n)
	}
	again := Run(t, r, syncer.RunOptions{})
	if again.Writes() != 0 {
		t.Errorf("writes in the third run = %d, want 0", again.Writes())
	}
}
