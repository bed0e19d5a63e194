package synctest

import (
	"flag"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/syncer"
)

var update = flag.Bool("update", false, "rewrite the golden scenario files in testdata")

// Scenarios whose whole course (each run's registry rows and the records
// on both simulators) is compared with a golden file. Rerun with -update
// to rewrite the files after checking a change.
func TestScenario_Golden(t *testing.T) {
	scenarios := []struct {
		name string
		run  func(t *testing.T, tr *Transcript)
	}{
		{"opportunity-flow", scenarioOpportunityFlow},
		{"delete-policies", scenarioDeletePolicies},
		{"two-instances", scenarioTwoInstances},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			tr := NewTranscript()
			s.run(t, tr)
			CheckGolden(t, s.name, tr.String(), *update)
		})
	}
}

func scenarioOpportunityFlow(t *testing.T, tr *Transcript) {
	env := NewEnv(t, EnvOptions{})
	env.AddProjectObjects(t)
	flow := NewProjectFlow(1)
	flow.Save(t, env, env.Clock.Now())
	r := env.Runner(t, syncer.Options{})
	cz := env.CZ["clarizen1"]

	globex := env.Insert(t, "Account", map[string]any{"Name": "Globex"})
	initech := env.Insert(t, "Account", map[string]any{"Name": "Initech"})
	big := env.Insert(t, "Opportunity", map[string]any{"Name": "Globex rollout", "AccountId": globex,
		"StageName": "Negotiation/Review", "CloseDate": "2026-12-31", "Type": "New Customer"})
	env.Insert(t, "Opportunity", map[string]any{"Name": "Initech upgrade", "AccountId": initech,
		"StageName": "Perception Analysis", "CloseDate": "2026-11-30", "Amount": 5000.0, "Type": "Existing Customer - Upgrade"})
	early := env.Insert(t, "Opportunity", map[string]any{"Name": "Globex pilot", "AccountId": globex,
		"StageName": "Prospecting", "CloseDate": "2027-03-31", "Amount": 20000.0})
	for _, p := range []struct {
		name  string
		price float64
	}{{"Onboarding", 150000}, {"Training", 100000}} {
		entry := env.Product(t, p.name, p.price)
		env.Insert(t, "OpportunityLineItem", map[string]any{"OpportunityId": big, "PricebookEntryId": entry,
			"Quantity": 1.0, "UnitPrice": p.price})
	}

	tr.Run(t, env, "run 1: opportunities at 70 % or more fire", Run(t, r, syncer.RunOptions{}))
	tr.Run(t, env, "run 2: milestones and status come back", Run(t, r, syncer.RunOptions{}))
	tr.Run(t, env, "run 3: nothing changed", Run(t, r, syncer.RunOptions{}))
	if err := env.SF.Update("Opportunity", early, map[string]any{"StageName": "Proposal/Price Quote"}); err != nil {
		t.Fatal(err)
	}
	if err := env.SF.Update("Account", globex, map[string]any{"Name": "Globex Corporation"}); err != nil {
		t.Fatal(err)
	}
	tr.Run(t, env, "run 4: one more opportunity at 70 %, an account renamed", Run(t, r, syncer.RunOptions{}))

	tr.Records("salesforce Clarizen_Project__c", env.SF.All("Clarizen_Project__c"), "Name", "Opportunity__c", "Status__c", "Liaison_Key__c")
	tr.Records("salesforce Clarizen_Milestone__c", env.SF.All("Clarizen_Milestone__c"), "Name", "Clarizen_Project__c", "Clarizen_Id__c")
	tr.Records("clarizen Customer", cz.All("Customer"), "id", "Name", "SfExternalId")
	tr.Records("clarizen Project", cz.All("Project"), "id", "Name", "Parent", "SfExternalId", "State")
	tr.Records("clarizen CustomerLink", cz.All("CustomerLink"), "Entity", "Customer")
	tr.Records("clarizen Milestone", cz.All("Milestone"), "Name", "Parent")
}

func scenarioDeletePolicies(t *testing.T, tr *Transcript) {
	env := NewEnv(t, EnvOptions{})
	cz := env.CZ["clarizen1"]
	deleting := AccountCustomer("deleting", 1)
	deleting.DeletePolicy = mapping.DeleteCounterpart
	retaining := AccountCustomer("retaining", 1)
	retaining.SalesforceObject = "Contact"
	retaining.FieldMaps = []mapping.FieldMap{{ID: "name", Enabled: true, Direction: mapping.ToClarizen,
		ClarizenField: "Name", SalesforceField: "LastName", EventType: mapping.CreateAndSync}}
	for _, m := range []mapping.Mapping{deleting, retaining} {
		env.SaveMapping(t, m)
	}
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", deleting.ID, true), env.Clock.Now())
	env.SaveEvent(t, EntityEvent("contacts", 1, "Contact", "", retaining.ID, true), env.Clock.Now())
	a1 := env.Insert(t, "Account", map[string]any{"Name": "Deleted in Salesforce"})
	env.Insert(t, "Account", map[string]any{"Name": "Deleted in Clarizen"})
	c1 := env.Insert(t, "Contact", map[string]any{"LastName": "Retained after Salesforce delete"})
	env.Insert(t, "Contact", map[string]any{"LastName": "Retained after Clarizen delete"})
	r := env.Runner(t, syncer.Options{})
	tr.Run(t, env, "run 1: create", Run(t, r, syncer.RunOptions{}))
	tr.Run(t, env, "run 2: nothing changed", Run(t, r, syncer.RunOptions{}))

	for _, id := range []string{a1} {
		if err := env.SF.Delete("Account", id); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.SF.Delete("Contact", c1); err != nil {
		t.Fatal(err)
	}
	for _, c := range cz.All("Customer") {
		if c["Name"] == "Deleted in Clarizen" || c["Name"] == "Retained after Clarizen delete" {
			if err := cz.Delete(c["id"].(string)); err != nil {
				t.Fatal(err)
			}
		}
	}
	tr.Run(t, env, "run 3: deletions on both sides", Run(t, r, syncer.RunOptions{}))
	tr.Records("salesforce Account", env.SF.All("Account"), "Name")
	tr.Records("salesforce Contact", env.SF.All("Contact"), "LastName")
	tr.Records("clarizen Customer", cz.All("Customer"), "Name", "SfExternalId")
}

func scenarioTwoInstances(t *testing.T, tr *Transcript) {
	env := NewEnv(t, EnvOptions{ClarizenInstances: 2})
	env.AddProjectObjects(t)
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
	tr.Run(t, env, "run 1", Run(t, r, syncer.RunOptions{}))
	tr.Run(t, env, "run 2", Run(t, r, syncer.RunOptions{}))
	tr.Records("salesforce Clarizen_Project__c", env.SF.All("Clarizen_Project__c"), "Name", "Opportunity__c")
	for _, id := range []string{"clarizen1", "clarizen2"} {
		tr.Records(id+" Project", env.CZ[id].All("Project"), "Name", "SfExternalId")
		tr.Records(id+" Customer", env.CZ[id].All("Customer"), "Name", "SfExternalId")
	}
}
