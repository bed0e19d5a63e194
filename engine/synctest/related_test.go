package synctest

import (
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// A Clarizen project that exists with its milestones for a while is
// linked by an event. The next run brings its milestones to Salesforce,
// although their stamps are older than the related objects' watermark.
func TestRun_RelatedOfNewlyLinkedParent(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	env.AddProjectObjects(t)
	cz := env.CZ["clarizen1"]
	flow := NewProjectFlow(1)
	// The project's name comes to Salesforce on create too.
	for i, fm := range flow.Project.FieldMaps {
		if fm.ID == "name-back" {
			flow.Project.FieldMaps[i].EventType = mapping.CreateAndSync
		}
	}
	for _, m := range []mapping.Mapping{flow.Account, flow.Milestone, flow.Project} {
		env.SaveMapping(t, m)
	}
	apollo, err := cz.Create("Project", map[string]any{"Name": "Apollo"})
	if err != nil {
		t.Fatal(err)
	}
	countdown, err := cz.Create("Milestone", map[string]any{"Name": "Countdown", "Parent": apollo, "DueDate": "2026-12-20"})
	if err != nil {
		t.Fatal(err)
	}
	moon, err := cz.Create("Project", map[string]any{"Name": "Moon base"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Survey", "Landing"} {
		if _, err := cz.Create("Milestone", map[string]any{"Name": name, "Parent": moon, "DueDate": "2027-01-15"}); err != nil {
			t.Fatal(err)
		}
	}
	r := env.Runner(t, syncer.Options{})
	env.SaveEvent(t, ClarizenEvent("projects", 1, "Project", "Name = 'Apollo'", flow.Project.ID), env.Clock.Now())
	Run(t, r, syncer.RunOptions{})
	Run(t, r, syncer.RunOptions{})
	// A later change of Apollo's milestone moves the related objects'
	// watermark past Moon base's milestones by more than the overlap.
	env.Clock.Advance(10 * time.Minute)
	if err := cz.Update(countdown, map[string]any{"DueDate": "2026-12-21"}); err != nil {
		t.Fatal(err)
	}
	Run(t, r, syncer.RunOptions{})
	if n := len(env.SF.All("Clarizen_Milestone__c")); n != 1 {
		t.Fatalf("Clarizen_Milestone__c records = %d, want Apollo's", n)
	}

	// The event now fires for every project, so Moon base gets linked.
	env.SaveEvent(t, ClarizenEvent("projects", 1, "Project", "", flow.Project.ID), env.Clock.Now())
	Run(t, r, syncer.RunOptions{})
	records := byName(env.SF.All("Clarizen_Project__c"))
	if records["Moon base"] == nil {
		t.Fatalf("Clarizen_Project__c records = %v, want one for the linked project", records)
	}
	Run(t, r, syncer.RunOptions{})
	checkRegistry(t, env)
	milestones := byName(env.SF.All("Clarizen_Milestone__c"))
	for _, name := range []string{"Survey", "Landing"} {
		m := milestones[name]
		if m == nil {
			t.Errorf("milestone %q did not reach Salesforce", name)
			continue
		}
		if m["Clarizen_Project__c"] != records["Moon base"]["Id"] {
			t.Errorf("milestone %q is under %v, want %v", name, m["Clarizen_Project__c"], records["Moon base"]["Id"])
		}
	}
	if sum := Run(t, r, syncer.RunOptions{}); sum.Writes() != 0 {
		t.Errorf("writes of the run after = %d, want 0", sum.Writes())
	}
}
