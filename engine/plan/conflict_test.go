package plan

import (
	"slices"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// In these cases the budget changed on both sides since the base, and the
// Salesforce amount cannot go to Clarizen because no currency is known.
func TestPlanSync_ConflictWithUnconvertibleSide(t *testing.T) {
	budgetConflict := func(rule mapping.ConflictRule) SyncInput {
		sf, cz := sfValues(), czValues()
		sf["Budget__c"] = 600.0
		cz["PlannedBudget"] = map[string]any{"value": 700.0, "currency": "EUR"}
		return SyncInput{Mapping: projectMapping(rule), SalesforceObject: sfObject, ClarizenObject: czObject,
			Base: syncedBase(), Salesforce: Record{ID: "a01", Values: sf, Stamp: t1},
			Clarizen: Record{ID: "/Project/p1", Values: cz, Stamp: t2}, Currency: "", Resolver: resolver}
	}

	t.Run("convertible winner moves", func(t *testing.T) {
		p, err := PlanSync(budgetConflict(mapping.NewestWins))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 0 {
			t.Errorf("errors = %+v, want none: only the winner's value is converted", p.Errors)
		}
		if p.Salesforce == nil || len(p.Salesforce.Changes) != 1 || p.Salesforce.Changes[0].Field != "Budget__c" {
			t.Fatalf("salesforce update = %+v, want Budget__c from Clarizen", p.Salesforce)
		}
		if got := p.Salesforce.Changes[0].After; got != 700.0 {
			t.Errorf("Budget__c after = %v, want 700", got)
		}
		if len(p.Conflicts) != 1 || p.Conflicts[0].Winner != schema.Clarizen {
			t.Errorf("conflicts = %+v, want one won by Clarizen", p.Conflicts)
		}
		if p.Clarizen != nil {
			t.Errorf("clarizen update = %+v, want none", p.Clarizen)
		}
	})
	t.Run("unconvertible winner keeps both bases", func(t *testing.T) {
		in := budgetConflict(mapping.SalesforceWins)
		p, err := PlanSync(in)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 1 || p.Errors[0].FieldMapID != "budget" {
			t.Errorf("errors = %+v, want the budget map's conversion error", p.Errors)
		}
		if p.Salesforce != nil || p.Clarizen != nil {
			t.Errorf("updates = %+v, %+v, want none", p.Salesforce, p.Clarizen)
		}
		if got := p.Base.Salesforce["Budget__c"]; got != 500.0 {
			t.Errorf("base Budget__c = %v, want the old 500", got)
		}
		if got, _ := p.Base.Clarizen["PlannedBudget"].(map[string]any); got["value"] != 500.0 {
			t.Errorf("base PlannedBudget = %v, want the old 500", p.Base.Clarizen["PlannedBudget"])
		}
		for _, side := range []schema.Side{schema.Salesforce, schema.Clarizen} {
			if !slices.Contains(p.RetrySides, side) {
				t.Errorf("retry sides = %v, want %s", p.RetrySides, side)
			}
		}

		// The next run, with the old base kept, still sees both changes.
		next := p.CommitBase(t1, t2)
		in.Base = &next
		again, err := PlanSync(in)
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Conflicts) != 1 {
			t.Errorf("next run conflicts = %+v, want the same conflict again", again.Conflicts)
		}
	})
}
