package mapping

import (
	"errors"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

func eventMappings() []Mapping { return append(allMappings(), lineItemMapping()) }

func TestValidateEvent_Valid(t *testing.T) {
	events := map[string]Event{
		"create and sync": opportunityEvent(),
		"entity mapping": {ID: "e2", Name: "Account becomes customer", ClarizenInstance: 1, TriggeredBy: schema.Salesforce,
			TriggeringObject: "Account", Condition: "Name LIKE 'A%'", Target: EventTarget{Kind: EntityMapping, MappingID: "m-account"}},
		"clarizen triggered": {ID: "e3", Name: "Milestone to Salesforce", ClarizenInstance: 1, TriggeredBy: schema.Clarizen,
			TriggeringObject: "Milestone", Condition: "DueDate >= 2024-01-01T00:00:00Z", Target: EventTarget{Kind: SalesforceMapping, MappingID: "m-milestone"}},
		"no condition": {ID: "e4", Name: "Every account", ClarizenInstance: 1, TriggeredBy: schema.Salesforce,
			TriggeringObject: "Account", Target: EventTarget{Kind: EntityMapping, MappingID: "m-account"}},
	}
	for name, e := range events {
		t.Run(name, func(t *testing.T) {
			for _, p := range ValidateEvent(e, catalog, eventMappings()) {
				t.Errorf("unexpected problem: %+v", p)
			}
		})
	}
}

func TestValidateEvent_Problems(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(e *Event)
		code    ProblemCode
		field   string
		part    string
		message string
		fix     string
	}{
		{"no name", func(e *Event) { e.Name = "" }, CodeInvalidSetting, "", "name", "has no name", "name"},
		{"bad side", func(e *Event) { e.TriggeredBy = "jira" }, CodeInvalidSetting, "", "triggeredBy", `triggered by "jira"`, "listed values"},
		{"target kind for side", func(e *Event) { e.Target.Kind = SalesforceMapping }, CodeInvalidSetting, "", "target", "target for an event triggered by Salesforce", "listed values"},
		{"unknown triggering object", func(e *Event) { e.TriggeringObject = "Oportunity" }, CodeUnknownObject, "", "triggeringObject", "Salesforce has no object Oportunity", "existing object"},
		{"condition does not parse", func(e *Event) { e.Condition = "Probability >= " }, CodeInvalidCondition, "", "condition", `Condition "Probability >= " does not parse`, "Write a value"},
		{"condition names missing field", func(e *Event) { e.Condition = "Probablity >= 70" }, CodeInvalidCondition, "Probablity", "condition", "Condition: Opportunity has no field Probablity.", "Did you mean Probability?"},
		{"condition operator", func(e *Event) { e.Condition = "Amount LIKE '5%'" }, CodeInvalidCondition, "Amount", "condition", "LIKE does not apply to Amount, a currency field.", "Use one of"},
		{"condition picklist value", func(e *Event) { e.Condition = "StageName = 'Won'" }, CodeInvalidCondition, "StageName", "condition", "StageName has no picklist value 'Won'.", "'Closed Won'"},
		{"no new object", func(e *Event) { e.Target.NewObject = nil }, CodeInvalidSetting, "", "target", "names none", "Salesforce object"},
		{"new object unknown", func(e *Event) { e.Target.NewObject.SalesforceObject = "Project__c" }, CodeUnknownObject, "", "target.newObject", "Salesforce has no object Project__c", "existing object"},
		{"new object mapping mismatch", func(e *Event) { e.Target.NewObject.MappingID = "m-account" }, CodeMappingMismatch, "", "target.newObject", `mapping "Account to Customer" maps Salesforce Account`, "Clarizen_Project__c"},
		{"new object mapping unknown", func(e *Event) { e.Target.NewObject.MappingID = "" }, CodeUnknownMapping, "", "target.newObject", "mapping that syncs the new object is not set", "Pick a mapping"},
		{"back link not a reference to source", func(e *Event) { e.Target.NewObject.SourceLinkField = "Account__c" }, CodeIncompatibleTypes, "Account__c", "target.newObject", "Clarizen_Project__c.Account__c does not reference Opportunity", "references Opportunity"},
		{"value field unknown", func(e *Event) { e.Target.NewObject.Values[0].Field = "Nme" }, CodeUnknownField, "Nme", "target.newObject.values[0]", "field to set Nme does not exist", "existing field"},
		{"value field read-only", func(e *Event) { e.Target.NewObject.Values[0].Field = "Health__c" }, CodeReadOnlyField, "Health__c", "target.newObject.values[0]", "Clarizen_Project__c.Health__c cannot be set on create", "written on create"},
		{"constant does not fit", func(e *Event) { e.Target.NewObject.Values[3].Value = "three" }, CodeInvalidConstant, "Seats__c", "target.newObject.values[3]", `Parse constant "three" for Seats__c: expected a number`, "Seats__c, an integer field"},
		{"constant with fraction for integer", func(e *Event) { e.Target.NewObject.Values[3].Value = "3.5" }, CodeInvalidConstant, "Seats__c", "target.newObject.values[3]", "expected a whole number, such as 12", "an integer field"},
		{"constant not in restricted picklist", func(e *Event) { e.Target.NewObject.Values[2].Value = "Started" }, CodeInvalidConstant, "Status__c", "target.newObject.values[2]", `Clarizen_Project__c.Status__c has no picklist value "Started"`, "values of Status__c"},
		{"source field missing", func(e *Event) { e.Target.NewObject.Values[0].Value = "Nam" }, CodeUnknownField, "Nam", "target.newObject.values[0]", "source field Nam does not exist on Salesforce Opportunity", "existing field"},
		{"source field incompatible", func(e *Event) { e.Target.NewObject.Values[0].Value = "Amount" }, CodeIncompatibleTypes, "Name", "target.newObject.values[0]", "Amount (currency) cannot be written into Clarizen_Project__c.Name (string)", "compatible type"},
		{"value source", func(e *Event) { e.Target.NewObject.Values[0].Source = "formula" }, CodeInvalidSetting, "", "target.newObject.values[0]", "value source", "listed values"},
		{"related object unknown", func(e *Event) { e.RelatedObjects[0].Object = "LineItem" }, CodeUnknownObject, "", "relatedObjects[0]", "Salesforce has no object LineItem", "existing object"},
		{"related parent field wrong", func(e *Event) { e.RelatedObjects[0].ParentField = "Name" }, CodeIncompatibleTypes, "Name", "relatedObjects[0]", "OpportunityLineItem.Name does not reference Opportunity", "references Opportunity"},
		{"related condition", func(e *Event) { e.RelatedObjects[0].Condition = "Qty > 0" }, CodeInvalidCondition, "Qty", "relatedObjects[0]", "Related object 1 condition: OpportunityLineItem has no field Qty.", "Pick an existing field"},
		{"related mapping mismatch", func(e *Event) { e.RelatedObjects[0].MappingID = "m-project" }, CodeMappingMismatch, "", "relatedObjects[0]", "maps Salesforce Clarizen_Project__c", "OpportunityLineItem"},
		{"related mapping missing", func(e *Event) { e.RelatedObjects[0].MappingID = "m-gone" }, CodeUnknownMapping, "", "relatedObjects[0]", "mapping of the related records m-gone does not exist", "create it first"},
		{"instance mismatch", func(e *Event) { e.ClarizenInstance = 2 }, CodeMappingMismatch, "", "target.newObject", "on Clarizen instance 1", "on Clarizen instance 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := opportunityEvent()
			tt.edit(&e)
			problems := ValidateEvent(e, catalog, eventMappings())
			var found *Problem
			for i, p := range problems {
				if p.Code == tt.code && p.Part == tt.part {
					found = &problems[i]
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s problem at %s in %+v", tt.code, tt.part, problems)
			}
			if found.Owner != "event" || found.OwnerID != "e-opp" {
				t.Errorf("owner = %s %s, want event e-opp", found.Owner, found.OwnerID)
			}
			if found.Field != tt.field {
				t.Errorf("field = %q, want %q", found.Field, tt.field)
			}
			if !strings.Contains(found.Message, tt.message) {
				t.Errorf("message = %q, want it to contain %q", found.Message, tt.message)
			}
			if !strings.Contains(found.Fix, tt.fix) {
				t.Errorf("fix = %q, want it to contain %q", found.Fix, tt.fix)
			}
			if !HasErrors(problems) {
				t.Error("HasErrors = false, want true")
			}
		})
	}
}

func TestValidateEvent_ConditionTheTargetCannotQuery(t *testing.T) {
	project := czProject
	project.Fields = append(project.Fields, rw("C_Colors", schema.KindMultiPicklist))
	describer := Catalog{Salesforce: catalog.Salesforce, Clarizen: map[int][]schema.Object{1: {project, czCustomer, czMilestone, czLink, czUser}}}
	e := Event{ID: "e5", Name: "Colorful", ClarizenInstance: 1, TriggeredBy: schema.Clarizen, TriggeringObject: "Project",
		Condition: "C_Colors INCLUDES ('Red')", Target: EventTarget{Kind: SalesforceMapping, MappingID: "m-project"}}
	problems := ValidateEvent(e, describer, eventMappings())
	if len(problems) != 1 || problems[0].Code != CodeInvalidCondition || !strings.Contains(problems[0].Message, "cannot be queried") {
		t.Errorf("problems = %+v, want one invalid_condition for INCLUDES in CZQL", problems)
	}
	sfEvent := opportunityEvent()
	sfEvent.Condition = "CloseDate >= 2024-01-01 AND Probability > 5"
	if problems := ValidateEvent(sfEvent, catalog, eventMappings()); len(problems) != 0 {
		t.Errorf("a valid Salesforce condition gave %+v", problems)
	}
}

func TestValidateEvent_ClarizenTriggered(t *testing.T) {
	e := Event{ID: "e3", Name: "Milestone", ClarizenInstance: 1, TriggeredBy: schema.Clarizen, TriggeringObject: "Milestone",
		Condition: "Name LIKE 'M%'", Target: EventTarget{Kind: SalesforceMapping, MappingID: "m-project"},
		RelatedObjects: []RelatedSalesforceObject{{ID: "r", Relationship: "X", Object: "OpportunityLineItem", ParentField: "OpportunityId", MappingID: "m-lineitem"}}}
	problems := ValidateEvent(e, catalog, eventMappings())
	codes := map[ProblemCode]bool{}
	for _, p := range problems {
		codes[p.Code] = true
	}
	if !codes[CodeMappingMismatch] {
		t.Errorf("a Clarizen-triggered event on Milestone with the Project mapping passed: %+v", problems)
	}
	if !codes[CodeInvalidSetting] {
		t.Errorf("related Salesforce objects on a Clarizen-triggered event passed: %+v", problems)
	}
}

func TestCheckEventUpdate_TriggeredByFixed(t *testing.T) {
	old := opportunityEvent()
	tests := []struct {
		name    string
		edit    func(e *Event)
		wantErr error
		text    string
	}{
		{"condition change allowed", func(e *Event) { e.Condition = "Probability >= 90"; e.Enabled = true }, nil, ""},
		{"side change rejected", func(e *Event) { e.TriggeredBy = schema.Clarizen }, ErrTriggeredByChanged, "from salesforce to clarizen"},
		{"id change rejected", func(e *Event) { e.ID = "other" }, nil, "the id changed to other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			updated := opportunityEvent()
			tt.edit(&updated)
			err := CheckEventUpdate(old, updated)
			if tt.text == "" {
				if err != nil {
					t.Fatalf("CheckEventUpdate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("CheckEventUpdate error = %v, want it to contain %q", err, tt.text)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v does not wrap %v", err, tt.wantErr)
			}
		})
	}
}
