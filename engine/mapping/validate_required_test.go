package mapping

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

// requiredCatalog is catalog with the fields the real APIs require on
// create: Clarizen Project.Name and the Clarizen milestone record's Name and
// project lookup.
func requiredCatalog() Catalog {
	project := czProject
	project.Fields = append([]schema.Field(nil), czProject.Fields...)
	for i := range project.Fields {
		if project.Fields[i].Name == "Name" {
			project.Fields[i].Required, project.Fields[i].Nillable = true, false
		}
	}
	milestone := sfMilestone
	milestone.Fields = append([]schema.Field(nil), sfMilestone.Fields...)
	for i := range milestone.Fields {
		if n := milestone.Fields[i].Name; n == "Name" || n == "Clarizen_Project__c" {
			milestone.Fields[i].Required, milestone.Fields[i].Nillable = true, false
		}
	}
	c := Catalog{Salesforce: append([]schema.Object(nil), catalog.Salesforce...), Clarizen: map[int][]schema.Object{1: {project}}}
	for i, o := range c.Salesforce {
		if o.Name == milestone.Name {
			c.Salesforce[i] = milestone
		}
	}
	c.Clarizen[1] = append(c.Clarizen[1], czCustomer, czMilestone, czLink, czUser)
	return c
}

func TestValidateMapping_RequiredOnCreate(t *testing.T) {
	tests := []struct {
		name    string
		mapping func() Mapping
		// field is the required field reported, empty when none is.
		field      string
		fieldMapID string
		fix        string
	}{
		{"create only map fills it", projectMapping, "", "", ""},
		{"create and sync map fills it", func() Mapping {
			m := projectMapping()
			m.FieldMaps[0].EventType = CreateAndSync
			return m
		}, "", "", ""},
		{"sync only map leaves it empty", func() Mapping {
			m := projectMapping()
			m.FieldMaps[0].EventType = SyncOnly
			return m
		}, "Name", "name-create", "Change the event type of the field map Name → Name from Sync only to Create and sync, or Create only."},
		{"disabled map leaves it empty", func() Mapping {
			m := projectMapping()
			m.FieldMaps[0].Enabled = false
			return m
		}, "Name", "", "Map a field to Project.Name with event type Create and sync, or Create only."},
		{"key field fills it", func() Mapping {
			m := projectMapping()
			m.FieldMaps[0].Enabled = false
			m.ClarizenKeyField = "Name"
			return m
		}, "", "", ""},
		{"salesforce side filled by map and parent link", milestoneMapping, "", "", ""},
		{"salesforce side sync only name", func() Mapping {
			m := milestoneMapping()
			m.FieldMaps[0].EventType = SyncOnly
			return m
		}, "Name", "f1", "from Sync only to Create and sync"},
		{"salesforce side not created", func() Mapping {
			m := milestoneMapping()
			m.ID = "m-milestone-2"
			m.FieldMaps[0].EventType = SyncOnly
			return m
		}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.mapping()
			var found []Problem
			for _, p := range ValidateMapping(m, requiredCatalog(), allMappings()) {
				if p.Code == CodeRequiredOnCreate {
					found = append(found, p)
				}
			}
			if tt.field == "" {
				if len(found) != 0 {
					t.Fatalf("required_on_create problems = %+v, want none", found)
				}
				return
			}
			if len(found) == 0 {
				t.Fatalf("no required_on_create problem for %s", tt.field)
			}
			p := found[0]
			if p.Severity != SeverityError {
				t.Errorf("severity = %s, want error", p.Severity)
			}
			if p.Field != tt.field {
				t.Errorf("field = %q, want %q", p.Field, tt.field)
			}
			if p.FieldMapID != tt.fieldMapID {
				t.Errorf("field map = %q, want %q", p.FieldMapID, tt.fieldMapID)
			}
			if !strings.Contains(p.Message, m.Name) || !strings.Contains(p.Message, tt.field+" is required to create") {
				t.Errorf("message = %q, want the mapping name and the field", p.Message)
			}
			if !strings.Contains(p.Fix, tt.fix) {
				t.Errorf("fix = %q, want it to contain %q", p.Fix, tt.fix)
			}
		})
	}
}

func TestValidateMapping_UnreachableTemplateRule(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(m *Mapping)
		parts []string
	}{
		{"criteria on every rule", func(*Mapping) {}, nil},
		{"catch-all rule last", func(m *Mapping) {
			m.TemplateRules = append(m.TemplateRules, TemplateRule{Template: "Default", Logic: All})
		}, nil},
		{"catch-all rule first", func(m *Mapping) {
			m.TemplateRules = append([]TemplateRule{{Template: "Default", Logic: All}}, m.TemplateRules...)
		}, []string{"templateRules[1]", "templateRules[2]"}},
		{"catch-all rule in the middle", func(m *Mapping) {
			m.TemplateRules = []TemplateRule{m.TemplateRules[0], {Template: "Default", Logic: Any}, m.TemplateRules[1]}
		}, []string{"templateRules[2]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := projectMapping()
			tt.edit(&m)
			var parts []string
			for _, p := range ValidateMapping(m, catalog, allMappings()) {
				if p.Code != CodeUnreachableRule {
					continue
				}
				parts = append(parts, p.Part)
				if p.Severity != SeverityWarning {
					t.Errorf("severity = %s, want warning", p.Severity)
				}
				if !strings.Contains(p.Message, "can never match") || !strings.Contains(p.Fix, "Move rule") {
					t.Errorf("problem = %q %q, want the rule and the fix", p.Message, p.Fix)
				}
			}
			if strings.Join(parts, ",") != strings.Join(tt.parts, ",") {
				t.Errorf("unreachable rules = %v, want %v", parts, tt.parts)
			}
		})
	}
}

func TestValidateEvent_NewObjectRequired(t *testing.T) {
	withRequired := func(name string) Catalog {
		c := requiredCatalog()
		for i, o := range c.Salesforce {
			if o.Name != sfProject.Name {
				continue
			}
			o.Fields = append([]schema.Field(nil), o.Fields...)
			for j := range o.Fields {
				if o.Fields[j].Name == name {
					o.Fields[j].Required, o.Fields[j].Nillable = true, false
				}
			}
			c.Salesforce[i] = o
		}
		return c
	}
	tests := []struct {
		name     string
		required string
		want     bool
	}{
		{"set by a source field", "Name", false},
		{"set by the link back", "Opportunity__c", false},
		{"set by a constant", "Seats__c", false},
		{"set by nothing", "Description__c", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var found []Problem
			for _, p := range ValidateEvent(opportunityEvent(), withRequired(tt.required), append(allMappings(), lineItemMapping())) {
				if p.Code == CodeRequiredOnCreate {
					found = append(found, p)
				}
			}
			if !tt.want {
				if len(found) != 0 {
					t.Errorf("problems = %+v, want none", found)
				}
				return
			}
			if len(found) != 1 {
				t.Fatalf("problems = %+v, want one for %s", found, tt.required)
			}
			if found[0].Field != tt.required || found[0].Severity != SeverityError || !strings.Contains(found[0].Fix, "constant") {
				t.Errorf("problem = %+v, want a blocking error on %s that suggests a constant", found[0], tt.required)
			}
		})
	}
}
