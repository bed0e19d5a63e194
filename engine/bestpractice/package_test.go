package bestpractice_test

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestPackage_Current(t *testing.T) {
	pkg, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Version != bestpractice.Version || pkg.Instance != 1 {
		t.Errorf("version %d instance %d, want %d and 1", pkg.Version, pkg.Instance, bestpractice.Version)
	}
	wantMappings := []struct {
		id, clarizen, salesforce string
		social                   bool
	}{
		{bestpractice.UsersMapping, "User", "User", false},
		{bestpractice.AccountsMapping, "Customer", "Account", true},
		{bestpractice.MilestonesMapping, "Milestone", "Clarizen_Milestone__c", false},
		{bestpractice.ProjectsMapping, "Project", "Clarizen_Project__c", false},
		{bestpractice.ProductsMapping, "Project", "OpportunityLineItem", false},
	}
	for _, want := range wantMappings {
		t.Run(want.id, func(t *testing.T) {
			m, ok := pkg.Mapping(want.id)
			if !ok {
				t.Fatalf("the package has no mapping %s", want.id)
			}
			if m.ClarizenEntity != want.clarizen || m.SalesforceObject != want.salesforce {
				t.Errorf("mapping maps %s to %s, want %s to %s", m.SalesforceObject, m.ClarizenEntity, want.salesforce, want.clarizen)
			}
			if m.SocialSync != want.social {
				t.Errorf("social sync = %v, want %v", m.SocialSync, want.social)
			}
			if !m.Enabled {
				t.Error("mapping is disabled, want it installed enabled")
			}
		})
	}
	t.Run("milestones only come from Clarizen", func(t *testing.T) {
		m, _ := pkg.Mapping(bestpractice.MilestonesMapping)
		for _, fm := range m.FieldMaps {
			if fm.Direction != mapping.FromClarizen {
				t.Errorf("field map %s goes %s, want from_clarizen", fm.ID, fm.Direction)
			}
		}
	})
	t.Run("event", func(t *testing.T) {
		e, ok := pkg.Event(bestpractice.OpportunityEvent)
		if !ok {
			t.Fatal("the package has no opportunity event")
		}
		if e.Enabled {
			t.Error("event is enabled, want it installed disabled")
		}
		if e.TriggeredBy != schema.Salesforce || e.TriggeringObject != "Opportunity" || e.Condition != "Probability >= 70" {
			t.Errorf("event fires on %s %s where %q", e.TriggeredBy, e.TriggeringObject, e.Condition)
		}
		if e.Target.Kind != mapping.CreateAndSynchronize || e.Target.NewObject == nil ||
			e.Target.NewObject.SalesforceObject != "Clarizen_Project__c" || e.Target.NewObject.SourceLinkField != "Opportunity__c" ||
			e.Target.NewObject.MappingID != bestpractice.ProjectsMapping {
			t.Errorf("event target = %+v, want a Clarizen_Project__c linked by Opportunity__c through the project mapping", e.Target)
		}
		if len(e.RelatedObjects) != 1 || !e.RelatedObjects[0].AsSubProjects || e.RelatedObjects[0].Object != "OpportunityLineItem" {
			t.Errorf("related objects = %+v, want the line items as sub-projects", e.RelatedObjects)
		}
	})
}

func TestPackage_ForInstance(t *testing.T) {
	pkg, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	second, err := pkg.ForInstance(2)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, m := range second.Mappings {
		ids[m.ID] = true
		if m.ClarizenInstance != 2 {
			t.Errorf("mapping %s is for instance %d, want 2", m.ID, m.ClarizenInstance)
		}
		if first, ok := pkg.Mapping(m.ID); ok {
			t.Errorf("mapping id %s (%s) is the same as in instance 1", m.ID, first.Name)
		}
	}
	refs := func(m mapping.Mapping) []string {
		var out []string
		for _, l := range m.Links {
			out = append(out, l.MappingID)
		}
		for _, r := range m.RelatedObjects {
			out = append(out, r.MappingID)
		}
		return out
	}
	for _, m := range second.Mappings {
		for _, ref := range refs(m) {
			if !ids[ref] {
				t.Errorf("mapping %s refers to %s, which instance 2 does not have", m.ID, ref)
			}
		}
	}
	e, ok := second.Event(bestpractice.EventID(bestpractice.OpportunityEvent, 2))
	if !ok {
		t.Fatal("instance 2 has no opportunity event")
	}
	if !ids[e.Target.NewObject.MappingID] || !ids[e.RelatedObjects[0].MappingID] || e.ClarizenInstance != 2 {
		t.Errorf("event of instance 2 = %+v, want its references and instance in instance 2", e)
	}
	if first, _ := pkg.Mapping(bestpractice.ProjectsMapping); first.ClarizenInstance != 1 {
		t.Error("ForInstance changed the package it was called on")
	}
	if _, err := pkg.ForInstance(3); err == nil {
		t.Error("ForInstance(3) succeeded, want an error")
	}
}
