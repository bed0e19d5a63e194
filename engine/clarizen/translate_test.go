package clarizen

import (
	"encoding/json"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
	"github.com/liaison-sync/liaison/engine/schema"
)

// projectDescription has the field-description shape of a real
// describeMetadata answer.
const projectDescription = `{
 "typeName": "Project", "label": "Project", "labelPlural": "Projects", "parentEntity": "GenericProject",
 "relations": [{"name": "Discussions", "label": "Discussions", "readOnly": false, "relatedTypeName": "DiscussionPost"}],
 "fields": [
  {"name":"Name","type":"String","presentationType":"Text","label":"Name","defaultValue":null,"calculated":false,"nullable":false,"createOnly":false,"updateable":true,"custom":false,"maxLength":250},
  {"name":"Description","type":"String","presentationType":"TextArea","label":"Description","nullable":true,"updateable":true,"maxLength":4000},
  {"name":"State","type":"Entity","presentationType":"PickList","label":"State","defaultValue":{"id":"/State/Draft"},"nullable":false,"updateable":false,"referencedEntities":["State"]},
  {"name":"ProjectManager","type":"Entity","presentationType":"ReferenceToObject","label":"Project Manager","nullable":true,"updateable":true,"referencedEntities":["User"]},
  {"name":"Phase","type":"Entity","label":"Phase","nullable":true,"updateable":true,"referencedEntities":["Phase"]},
  {"name":"Parent","type":"Entity","presentationType":"ReferenceToObject","label":"Parent","nullable":true,"createOnly":true,"updateable":false,"referencedEntities":["WorkItem"]},
  {"name":"Duration","type":"Duration","presentationType":"Duration","label":"Duration","defaultValue":{"unit":"Days","value":1.0},"nullable":true,"updateable":true},
  {"name":"PlannedBudget","type":"Money","presentationType":"Currency","label":"Planned Budget","nullable":true,"updateable":true},
  {"name":"PercentCompleted","type":"Double","presentationType":"Percent","label":"% Complete","nullable":true,"updateable":true},
  {"name":"Priority","type":"Integer","presentationType":"Numeric","label":"Priority","nullable":true,"updateable":true},
  {"name":"StartDate","type":"DateTime","presentationType":"Date","label":"Start Date","nullable":true,"updateable":true},
  {"name":"C_Kickoff","type":"Date","presentationType":"Date","label":"Kickoff","nullable":true,"updateable":true,"custom":true},
  {"name":"C_Regions","type":"MultiPickList","presentationType":"MultiPickList","label":"Regions","nullable":true,"updateable":true,"custom":true,"referencedEntities":["C_ProjectRegions"]},
  {"name":"C_Site","type":"String","presentationType":"Url","label":"Site","nullable":true,"updateable":true,"maxLength":255},
  {"name":"Billable","type":"Boolean","presentationType":"Checkbox","label":"Billable","nullable":false,"updateable":true,"defaultValue":false},
  {"name":"ChildrenCount","type":"Integer","presentationType":"Numeric","label":"Children","nullable":true,"calculated":true,"updateable":false},
  {"name":"CreatedOn","type":"DateTime","presentationType":"Date","label":"Created On","nullable":false,"updateable":false,"system":true},
  {"name":"ExternalID","type":"String","presentationType":"Text","label":"External ID","nullable":true,"updateable":true,"maxLength":50},
  {"name":"Logo","type":"Binary","presentationType":"Other","label":"Logo","nullable":true,"updateable":true}
 ]}`

func TestTranslateObject(t *testing.T) {
	var desc api.EntityDescription
	if err := json.Unmarshal([]byte(projectDescription), &desc); err != nil {
		t.Fatal(err)
	}
	picklists := map[string][]api.PickupDescription{
		"State":            {{Value: "Draft", DisplayValue: "Draft"}, {Value: "Active", DisplayValue: "Active"}},
		"c_projectregions": {{Value: "EMEA", DisplayValue: "Europe"}},
	}
	obj := translateObject(desc, picklists)

	if obj.Name != "Project" || !obj.Templatable || !obj.FeedEnabled || obj.Custom {
		t.Errorf("object = %+v, want templatable, feed-enabled, standard Project", obj)
	}
	tests := []struct {
		field                              string
		kind                               schema.Kind
		createable, updateable, calculated bool
	}{
		{"id", schema.KindID, false, false, false},
		{"Name", schema.KindString, true, true, false},
		{"Description", schema.KindTextArea, true, true, false},
		{"State", schema.KindPicklist, false, false, false},
		{"ProjectManager", schema.KindReference, true, true, false},
		{"Phase", schema.KindPicklist, true, true, false},
		{"Parent", schema.KindReference, true, false, false},
		{"Duration", schema.KindDuration, true, true, false},
		{"PlannedBudget", schema.KindCurrency, true, true, false},
		{"PercentCompleted", schema.KindPercent, true, true, false},
		{"Priority", schema.KindInteger, true, true, false},
		{"StartDate", schema.KindDateTime, true, true, false},
		{"C_Kickoff", schema.KindDate, true, true, false},
		{"C_Regions", schema.KindMultiPicklist, true, true, false},
		{"C_Site", schema.KindURL, true, true, false},
		{"Billable", schema.KindBoolean, true, true, false},
		{"ChildrenCount", schema.KindInteger, false, false, true},
		{"CreatedOn", schema.KindDateTime, false, false, false},
		{"ExternalID", schema.KindString, true, true, false},
		{"Logo", schema.KindOther, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			f, ok := obj.Field(tt.field)
			if !ok {
				t.Fatalf("field %s missing", tt.field)
			}
			if f.Kind != tt.kind {
				t.Errorf("Kind = %s, want %s", f.Kind, tt.kind)
			}
			if f.Createable != tt.createable {
				t.Errorf("Createable = %v, want %v", f.Createable, tt.createable)
			}
			if f.Updateable != tt.updateable {
				t.Errorf("Updateable = %v, want %v", f.Updateable, tt.updateable)
			}
			if f.Calculated != tt.calculated {
				t.Errorf("Calculated = %v, want %v", f.Calculated, tt.calculated)
			}
		})
	}

	t.Run("details", func(t *testing.T) {
		name, _ := obj.Field("Name")
		if !name.Required || name.Length != 250 {
			t.Errorf("Name: Required %v Length %d, want required, 250", name.Required, name.Length)
		}
		billable, _ := obj.Field("Billable")
		if billable.Required {
			t.Error("Billable is required although it has a default value")
		}
		manager, _ := obj.Field("ProjectManager")
		if len(manager.ReferenceTo) != 1 || manager.ReferenceTo[0] != "User" || manager.RelationshipName != "ProjectManager" {
			t.Errorf("ProjectManager: ReferenceTo %v RelationshipName %q", manager.ReferenceTo, manager.RelationshipName)
		}
		state, _ := obj.Field("State")
		if !state.HasPicklistValue("Active") || !state.RestrictedPicklist || state.NativeType != "Entity" {
			t.Errorf("State: picklist %v restricted %v native %q", state.Picklist, state.RestrictedPicklist, state.NativeType)
		}
		regions, _ := obj.Field("C_Regions")
		if !regions.Custom || len(regions.Picklist) != 1 || regions.Picklist[0].Label != "Europe" {
			t.Errorf("C_Regions: custom %v picklist %v", regions.Custom, regions.Picklist)
		}
		ext, _ := obj.Field("ExternalID")
		if !ext.ExternalID || !ext.Unique {
			t.Errorf("ExternalID: ExternalID %v Unique %v", ext.ExternalID, ext.Unique)
		}
		phase, _ := obj.Field("Phase")
		if len(phase.Picklist) != 0 || phase.RestrictedPicklist {
			t.Errorf("Phase without known values: picklist %v restricted %v", phase.Picklist, phase.RestrictedPicklist)
		}
	})
}

func TestPicklistTypes(t *testing.T) {
	var desc api.EntityDescription
	if err := json.Unmarshal([]byte(projectDescription), &desc); err != nil {
		t.Fatal(err)
	}
	got := picklistTypes(desc)
	want := []string{"State", "Phase", "C_ProjectRegions"}
	if len(got) != len(want) {
		t.Fatalf("picklistTypes() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("picklistTypes()[%d] = %s, want %s", i, got[i], want[i])
		}
	}
}
