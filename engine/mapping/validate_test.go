package mapping

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

func TestValidateMapping_Valid(t *testing.T) {
	for _, m := range append(allMappings(), lineItemMapping()) {
		t.Run(m.Name, func(t *testing.T) {
			if problems := ValidateMapping(m, catalog, append(allMappings(), lineItemMapping())); len(problems) != 0 {
				for _, p := range problems {
					t.Errorf("unexpected problem: %+v", p)
				}
			}
		})
	}
}

func TestValidateMapping_Problems(t *testing.T) {
	tests := []struct {
		name       string
		edit       func(m *Mapping)
		code       ProblemCode
		severity   Severity
		side       schema.Side
		field      string
		fieldMapID string
		message    string
		fix        string
	}{
		{"no name", func(m *Mapping) { m.Name = "" }, CodeInvalidSetting, SeverityError, "", "", "", "has no name", "name"},
		{"bad instance", func(m *Mapping) { m.ClarizenInstance = 3 }, CodeInvalidSetting, SeverityError, "", "", "", "instance is 3", "1 or 2"},
		{"bad create policy", func(m *Mapping) { m.CreatePolicy = "maybe" }, CodeInvalidSetting, SeverityError, "", "", "", `create policy "maybe"`, "listed values"},
		{"bad delete policy", func(m *Mapping) { m.DeletePolicy = "" }, CodeInvalidSetting, SeverityError, "", "", "", "delete policy", "listed values"},
		{"bad conflict rule", func(m *Mapping) { m.ConflictRule = "oldest" }, CodeInvalidSetting, SeverityError, "", "", "", "conflict rule", "listed values"},
		{"bad direction", func(m *Mapping) { m.FieldMaps[0].Direction = "sideways" }, CodeInvalidSetting, SeverityError, "", "", "name-create", "direction", "listed values"},
		{"bad event type", func(m *Mapping) { m.FieldMaps[0].EventType = "always" }, CodeInvalidSetting, SeverityError, "", "", "name-create", "event type", "listed values"},
		{"duplicate field map id", func(m *Mapping) { m.FieldMaps[1].ID = "name-create" }, CodeDuplicateID, SeverityError, "", "", "name-create", "two field maps", "own id"},
		{"unknown salesforce object", func(m *Mapping) { m.SalesforceObject = "Projekt__c" }, CodeUnknownObject, SeverityError, schema.Salesforce, "", "", "Salesforce has no object Projekt__c", "refresh"},
		{"unknown clarizen entity", func(m *Mapping) { m.ClarizenEntity = "Projekt" }, CodeUnknownObject, SeverityError, schema.Clarizen, "", "", "Clarizen instance 1 has no object Projekt", "existing object"},
		{"entity only on other instance", func(m *Mapping) { m.ClarizenInstance = 2; m.ClarizenEntity = "Customer" }, CodeUnknownObject, SeverityError, schema.Clarizen, "", "", "Clarizen instance 2 has no object Customer", "existing object"},
		{"missing key field", func(m *Mapping) { m.SalesforceKeyField = "" }, CodeMissingKeyField, SeverityError, schema.Salesforce, "", "", "Salesforce key field is not set", "external id"},
		{"unknown key field", func(m *Mapping) { m.ClarizenKeyField = "SfId" }, CodeMissingKeyField, SeverityError, schema.Clarizen, "SfId", "", "key field SfId does not exist on Project", "key field"},
		{"unknown field", func(m *Mapping) { m.FieldMaps[0].SalesforceField = "Nmae" }, CodeUnknownField, SeverityError, schema.Salesforce, "Nmae", "name-create", "Salesforce field Nmae does not exist on Salesforce Clarizen_Project__c", "existing field"},
		{"incompatible pair", func(m *Mapping) { m.FieldMaps[0].SalesforceField = "Budget__c" }, CodeIncompatibleTypes, SeverityError, schema.Clarizen, "Name", "name-create", "Clarizen_Project__c.Budget__c (currency) cannot be written into Project.Name (string)", "compatible type"},
		{"text into picklist", func(m *Mapping) { m.FieldMaps[2].SalesforceField = "Name" }, CodeIncompatibleTypes, SeverityError, schema.Clarizen, "State", "state", "cannot be written into Project.State", "compatible type"},
		{"read-only target", func(m *Mapping) {
			m.FieldMaps = append(m.FieldMaps, FieldMap{ID: "x", Enabled: true, Direction: ToClarizen, ClarizenField: "SYSID", SalesforceField: "Name", EventType: CreateAndSync})
		}, CodeReadOnlyField, SeverityError, schema.Clarizen, "SYSID", "x", "Project.SYSID is read-only and cannot be written on create or on update", "writable field"},
		{"formula target", func(m *Mapping) {
			m.FieldMaps = append(m.FieldMaps, FieldMap{ID: "x", Enabled: true, Direction: FromClarizen, ClarizenField: "Name", SalesforceField: "Health__c", EventType: SyncOnly})
		}, CodeReadOnlyField, SeverityError, schema.Salesforce, "Health__c", "x", "formula or roll-up field and cannot be written on update", "create only"},
		{"create-only field in sync map", func(m *Mapping) { m.FieldMaps[11].EventType = CreateAndSync }, CodeReadOnlyField, SeverityError, schema.Salesforce, "Origin__c", "sysid", "cannot be written on update", "Make the map create only"},
		{"shorter target warns", func(m *Mapping) { m.FieldMaps[1].Truncate = false }, CodeTargetShorter, SeverityWarning, schema.Salesforce, "Name", "name-sync", "Name holds at most 80 characters", "truncate"},
		{"picklist value without counterpart", func(m *Mapping) { m.FieldMaps[2].ValueMap = nil }, CodeNoPicklistCounterpart, SeverityError, schema.Clarizen, "State", "state", `State has no counterpart for the Status__c value(s) "Done"`, "value map"},
		{"value map to a missing value", func(m *Mapping) { m.FieldMaps[3].ValueMap = map[string]string{"Completed": "Finished"} }, CodeNoPicklistCounterpart, SeverityError, schema.Salesforce, "Status__c", "state-back", `"Completed"`, "value map"},
		{"reference without mapping", func(m *Mapping) {
			m.FieldMaps = append(m.FieldMaps, FieldMap{ID: "acct", Enabled: true, Direction: ToClarizen, ClarizenField: "Manager", SalesforceField: "Account__c", EventType: CreateAndSync})
		}, CodeNoReferenceMapping, SeverityError, schema.Clarizen, "Manager", "acct", "Account__c references Account and Manager references User, but no mapping connects them", "Create a mapping between Account and User"},
		{"templates on non-templatable", func(m *Mapping) {
			m.ClarizenEntity = "Customer"
			m.FieldMaps = nil
			m.ClarizenKeyField = "SfExternalId"
		}, CodeNotTemplatable, SeverityError, schema.Clarizen, "", "", "Customer cannot be created from a template", "Remove the template rules"},
		{"template without name", func(m *Mapping) { m.TemplateRules[1].Template = " " }, CodeInvalidSetting, SeverityError, "", "", "", "template rule 2 names no template", "Pick the template"},
		{"template logic", func(m *Mapping) { m.TemplateRules[0].Logic = "xor" }, CodeInvalidSetting, SeverityError, "", "", "", "template rule logic", "listed values"},
		{"criterion does not parse", func(m *Mapping) { m.TemplateRules[0].Criteria[1] = "Seats__c >" }, CodeInvalidCondition, SeverityError, schema.Salesforce, "", "", `Template rule 1, criterion 2 "Seats__c >" does not parse`, "Write a value"},
		{"criterion names missing field", func(m *Mapping) { m.TemplateRules[1].Criteria[0] = "Budgett__c < 5" }, CodeInvalidCondition, SeverityError, schema.Salesforce, "Budgett__c", "", "Template rule 2, criterion 1: Clarizen_Project__c has no field Budgett__c.", "Did you mean Budget__c?"},
		{"link entity unknown", func(m *Mapping) { m.Links[0].LinkEntity = "ClientLink" }, CodeUnknownObject, SeverityError, schema.Clarizen, "", "", "has no object ClientLink", "existing object"},
		{"link field unknown", func(m *Mapping) { m.Links[0].LinkedField = "Client" }, CodeUnknownField, SeverityError, schema.Clarizen, "Client", "", "link field that holds the Customer Client does not exist on Clarizen CustomerLink", "existing field"},
		{"link source field unknown", func(m *Mapping) { m.Links[0].SourceField = "Opportunity__r.AcountId" }, CodeUnknownField, SeverityError, schema.Salesforce, "Opportunity__r.AcountId", "", "Opportunity has no field AcountId", "AccountId"},
		{"link source field not a reference", func(m *Mapping) { m.Links[0].SourceField = "Opportunity__r.Name" }, CodeIncompatibleTypes, SeverityError, schema.Salesforce, "Opportunity__r.Name", "", "is string, not a reference", "references the record"},
		{"link mapping unknown", func(m *Mapping) { m.Links[0].MappingID = "m-nope" }, CodeUnknownMapping, SeverityError, "", "", "", "mapping of the linked type m-nope does not exist", "create it first"},
		{"link mapping of another type", func(m *Mapping) { m.Links[0].MappingID = "m-user" }, CodeMappingMismatch, SeverityError, "", "", "", `mapping "Clarizen User to SFDC User" maps User`, "Clarizen entity is Customer"},
		{"link method", func(m *Mapping) { m.Links[0].Method = "magic" }, CodeInvalidSetting, SeverityError, "", "", "", "link method", "listed values"},
		{"identified by without criteria", func(m *Mapping) { m.Links[1].IdentifiedBy = nil }, CodeInvalidSetting, SeverityError, "", "", "", "identifies the Customer by no criteria", "at least one"},
		{"identified by unknown field", func(m *Mapping) { m.Links[1].IdentifiedBy[0].Field = "Title" }, CodeUnknownField, SeverityError, schema.Clarizen, "Title", "", "identified-by field Title does not exist on Clarizen Customer", "existing field"},
		{"identified by bad source", func(m *Mapping) { m.Links[1].IdentifiedBy[0].Value = "Account__r.Nam" }, CodeUnknownField, SeverityError, schema.Salesforce, "Account__r.Nam", "", "Account has no field Nam", "Name"},
		{"related entity unknown", func(m *Mapping) { m.RelatedObjects[0].RelatedEntity = "Milestones" }, CodeUnknownObject, SeverityError, schema.Clarizen, "", "", "has no object Milestones", "existing object"},
		{"related condition", func(m *Mapping) { m.RelatedObjects[0].Condition = "DueDate > 5" }, CodeInvalidCondition, SeverityError, schema.Clarizen, "DueDate", "", "Related object 1 condition: DueDate is a date-time field but is compared with the number 5", "2024-01-31T09:30:00Z"},
		{"related parent field wrong", func(m *Mapping) { m.RelatedObjects[0].ParentLinkField = "Name" }, CodeIncompatibleTypes, SeverityError, schema.Salesforce, "Name", "", "Clarizen_Milestone__c.Name does not reference Clarizen_Project__c", "references Clarizen_Project__c"},
		{"related mapping mismatch", func(m *Mapping) { m.RelatedObjects[0].MappingID = "m-account" }, CodeMappingMismatch, SeverityError, "", "", "", `mapping "Account to Customer" maps Customer to Account`, "Milestone and Clarizen_Milestone__c"},
		{"related without relationship", func(m *Mapping) { m.RelatedObjects[0].Relationship = "" }, CodeInvalidSetting, SeverityError, "", "", "", "names no relationship", "relationship type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := projectMapping()
			tt.edit(&m)
			problems := ValidateMapping(m, catalog, allMappings())
			var found *Problem
			for i, p := range problems {
				if p.Code == tt.code {
					found = &problems[i]
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s problem in %+v", tt.code, problems)
			}
			if found.Severity != tt.severity {
				t.Errorf("severity = %s, want %s", found.Severity, tt.severity)
			}
			if found.Owner != "mapping" || found.OwnerID != "m-project" || found.OwnerName != m.Name {
				t.Errorf("owner = %s %s %q, want mapping m-project %q", found.Owner, found.OwnerID, found.OwnerName, m.Name)
			}
			prefix := `Mapping "Project to Project": `
			if m.Name == "" {
				prefix = "Mapping m-project: "
			}
			if !strings.HasPrefix(found.Message, prefix) {
				t.Errorf("message %q does not start with %q", found.Message, prefix)
			}
			if found.Side != tt.side {
				t.Errorf("side = %q, want %q", found.Side, tt.side)
			}
			if found.Field != tt.field {
				t.Errorf("field = %q, want %q", found.Field, tt.field)
			}
			if found.FieldMapID != tt.fieldMapID {
				t.Errorf("field map = %q, want %q", found.FieldMapID, tt.fieldMapID)
			}
			if !strings.Contains(found.Message, tt.message) {
				t.Errorf("message = %q, want it to contain %q", found.Message, tt.message)
			}
			if !strings.Contains(found.Fix, tt.fix) {
				t.Errorf("fix = %q, want it to contain %q", found.Fix, tt.fix)
			}
			if HasErrors(problems) != (tt.severity == SeverityError || hasErrorOtherThan(problems, tt.code)) {
				t.Errorf("HasErrors = %v for %+v", HasErrors(problems), problems)
			}
		})
	}
}

func hasErrorOtherThan(problems []Problem, code ProblemCode) bool {
	for _, p := range problems {
		if p.Code != code && p.Severity == SeverityError {
			return true
		}
	}
	return false
}

func TestValidateMapping_DisabledMapsSkipped(t *testing.T) {
	m := projectMapping()
	for _, p := range ValidateMapping(m, catalog, allMappings()) {
		if p.FieldMapID == "disabled-bad" {
			t.Errorf("a disabled field map was checked: %+v", p)
		}
	}
	m.FieldMaps[len(m.FieldMaps)-1].Enabled = true
	found := false
	for _, p := range ValidateMapping(m, catalog, allMappings()) {
		found = found || p.FieldMapID == "disabled-bad"
	}
	if !found {
		t.Error("the enabled bad field map was not reported")
	}
}

func TestValidateMapping_SocialSyncWithoutFeed(t *testing.T) {
	m := milestoneMapping()
	m.SocialSync = true
	problems := ValidateMapping(m, catalog, allMappings())
	if len(problems) != 2 {
		t.Fatalf("problems = %+v, want a no_feed warning per side", problems)
	}
	for _, p := range problems {
		if p.Code != CodeNoFeed || p.Severity != SeverityWarning {
			t.Errorf("problem = %+v, want a no_feed warning", p)
		}
	}
	if HasErrors(problems) {
		t.Error("a missing feed blocks enabling, want a warning only")
	}
}

func TestValidateMapping_UnknownObjectsStopFieldChecks(t *testing.T) {
	m := projectMapping()
	m.SalesforceObject = "Nope__c"
	for _, p := range ValidateMapping(m, catalog, allMappings()) {
		if p.FieldMapID != "" {
			t.Errorf("field map checked against an unknown object: %+v", p)
		}
	}
}
