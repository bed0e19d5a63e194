package plan

import (
	"reflect"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestPlanCreate_ToClarizen(t *testing.T) {
	m := projectMapping(mapping.NewestWins)
	m.TemplateRules = []mapping.TemplateRule{
		{Template: "Big", Criteria: []string{"Budget__c >= 1000", "Seats__c > 10"}, Logic: mapping.All},
		{Template: "Tagged", Criteria: []string{"Tags__c INCLUDES ('x')", "Status__c = 'Done'"}, Logic: mapping.Any},
		{Template: "Default", Logic: mapping.All},
	}
	sf := sfValues()
	sf["Status__c"] = "Done"
	p, err := PlanCreate(CreateInput{Mapping: m, Direction: mapping.ToClarizen, Source: Record{ID: "a01", Values: sf},
		SalesforceObject: sfObject, ClarizenObject: czObject, Currency: "USD", Resolver: resolver})
	if err != nil {
		t.Fatal(err)
	}
	if p.Side != schema.Clarizen || p.Object != "Project" || p.MappingID != "m-project" {
		t.Errorf("target = %s %s under %s, want clarizen Project under m-project", p.Side, p.Object, p.MappingID)
	}
	want := []FieldChange{
		{Field: "Name", FieldMapID: "name", SourceField: "Name", After: "Acme"},
		{Field: "PlannedBudget", FieldMapID: "budget", SourceField: "Budget__c", After: map[string]any{"value": 500.0, "currency": "USD"}},
		{Field: "C_Tags", FieldMapID: "tags", SourceField: "Tags__c", After: []any{"a", "b"}},
		{Field: "State", FieldMapID: "state", SourceField: "Status__c", After: "Completed"},
		{Field: "StartDate", FieldMapID: "start", SourceField: "Start__c", After: "2024-03-04"},
		{Field: "Manager", FieldMapID: "owner", SourceField: "OwnerId", After: "/User/u1"},
	}
	if !reflect.DeepEqual(p.Values, want) {
		t.Errorf("values =\n %+v\nwant\n %+v", p.Values, want)
	}
	if p.Template != "Tagged" {
		t.Errorf("template = %q, want Tagged (the OR rule matches on Status__c)", p.Template)
	}
	if !reflect.DeepEqual(p.Backfill, []string{"budget-back", "sysid"}) {
		t.Errorf("backfill = %v, want the reverse create maps budget-back and sysid", p.Backfill)
	}
}

func TestPlanCreate_FromClarizen(t *testing.T) {
	m := milestoneStyleMapping()
	p, err := PlanCreate(CreateInput{Mapping: m, Direction: mapping.FromClarizen, Source: Record{ID: "/Project/p1", Values: czValues()},
		SalesforceObject: sfObject, ClarizenObject: czObject, Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	want := []FieldChange{
		{Field: "Name", FieldMapID: "n", SourceField: "Name", After: "Acme"},
		{Field: "Budget__c", FieldMapID: "b", SourceField: "PlannedBudget", After: 500.0, Currency: "EUR"},
		{Field: "Effort__c", FieldMapID: "w", SourceField: "Work", After: 2.0},
	}
	if p.Side != schema.Salesforce || p.Object != "Clarizen_Project__c" || !reflect.DeepEqual(p.Values, want) {
		t.Errorf("plan = %s %s %+v, want salesforce Clarizen_Project__c %+v", p.Side, p.Object, p.Values, want)
	}
	if p.Template != "" {
		t.Errorf("template = %q for a Salesforce create", p.Template)
	}
}

func milestoneStyleMapping() mapping.Mapping {
	m := projectMapping(mapping.ClarizenWins)
	m.FieldMaps = []mapping.FieldMap{
		{ID: "n", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Name", ClarizenField: "Name", EventType: mapping.CreateOnly},
		{ID: "b", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Budget__c", ClarizenField: "PlannedBudget", EventType: mapping.CreateAndSync},
		{ID: "w", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Effort__c", ClarizenField: "Work", EventType: mapping.CreateAndSync},
		{ID: "sync-only", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Description__c", ClarizenField: "Description", EventType: mapping.SyncOnly},
	}
	return m
}

func TestPlanCreate_ReferencesAndErrors(t *testing.T) {
	m := projectMapping(mapping.NewestWins)
	m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "name-again", Enabled: true, Direction: mapping.ToClarizen,
		SalesforceField: "Description__c", ClarizenField: "Name", EventType: mapping.CreateOnly})
	sf := sfValues()
	sf["OwnerId"] = "005C"
	sf["Status__c"] = 5.0
	p, err := PlanCreate(CreateInput{Mapping: m, Direction: mapping.ToClarizen, Source: Record{ID: "a01", Values: sf},
		SalesforceObject: sfObject, ClarizenObject: czObject, Currency: "USD", Resolver: resolver})
	if err != nil {
		t.Fatal(err)
	}
	wantPending := []Pending{{FieldMapID: "owner", Field: "Manager", Reference: mapping.Reference{Side: schema.Salesforce, Object: "User", ID: "005C"}}}
	if !reflect.DeepEqual(p.Pending, wantPending) {
		t.Errorf("pending = %+v, want %+v", p.Pending, wantPending)
	}
	if len(p.Errors) != 1 || p.Errors[0].FieldMapID != "state" {
		t.Errorf("errors = %+v, want one for the state map", p.Errors)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Message, "Name is already set by field map name") {
		t.Errorf("warnings = %+v, want the duplicate target noted", p.Warnings)
	}
	for _, v := range p.Values {
		if v.Field == "Manager" || v.Field == "State" {
			t.Errorf("value %s planned despite its pending reference or error", v.Field)
		}
	}
}

func TestPlanCreate_Links(t *testing.T) {
	customers := mapping.Mapping{ID: "m-account", ClarizenEntity: "Customer", SalesforceObject: "Account", ClarizenInstance: 1}
	customer := schema.Object{Name: "Customer", Fields: []schema.Field{field("Name", schema.KindString), field("Rank", schema.KindInteger)}}
	describer := mapping.Catalog{Clarizen: map[int][]schema.Object{1: {customer}}}
	links := func(account any) []mapping.ClarizenLink {
		return []mapping.ClarizenLink{
			{ID: "by-field", LinkEntity: "CustomerLink", EntityField: "Entity", LinkedField: "Customer", LinkedEntity: "Customer",
				Method: mapping.BySourceField, SourceField: "Opportunity__r.AccountId", MappingID: "m-account"},
			{ID: "by-criteria", LinkEntity: "CustomerLink", EntityField: "Entity", LinkedField: "Customer", LinkedEntity: "Customer",
				Method: mapping.ByIdentifiedBy, IdentifiedBy: []mapping.Criterion{
					{Field: "Name", ValueType: mapping.SourceField, Value: "Opportunity__r.Account.Name"},
					{Field: "Rank", ValueType: mapping.Constant, Value: "2"}}},
		}
	}
	tests := []struct {
		account     string
		linkedID    string
		pending     bool
		warning     string
		criteriaSQL string
	}{
		{"001A", "/Customer/c1", false, "", "Name = 'Acme Corp' AND Rank = 2"},
		{"001C", "", true, "", "Name = 'Acme Corp' AND Rank = 2"},
		{"001D", "", false, "has no Customer counterpart", "Name = 'Acme Corp' AND Rank = 2"},
		{"", "", false, "source field Opportunity__r.AccountId is empty", "Name = 'Acme Corp' AND Rank = 2"},
	}
	for _, tt := range tests {
		t.Run("account "+tt.account, func(t *testing.T) {
			m := projectMapping(mapping.NewestWins)
			m.FieldMaps = nil
			m.Links = links(tt.account)
			sf := sfValues()
			var acc any
			if tt.account != "" {
				acc = tt.account
			}
			sf["Opportunity__r"] = map[string]any{"AccountId": acc, "Account": map[string]any{"Name": "Acme Corp"}}
			p, err := PlanCreate(CreateInput{Mapping: m, Direction: mapping.ToClarizen, Source: Record{ID: "a01", Values: sf},
				SalesforceObject: sfObject, ClarizenObject: czObject, Mappings: []mapping.Mapping{customers}, Describer: describer, Resolver: resolver})
			if err != nil {
				t.Fatal(err)
			}
			var byField, byCriteria *LinkPlan
			for i := range p.Links {
				switch p.Links[i].LinkID {
				case "by-field":
					byField = &p.Links[i]
				case "by-criteria":
					byCriteria = &p.Links[i]
				}
			}
			if (byField != nil) != (tt.linkedID != "") || (byField != nil && byField.LinkedID != tt.linkedID) {
				t.Errorf("source-field link = %+v, want linked id %q", byField, tt.linkedID)
			}
			if tt.pending != (len(p.Pending) == 1 && p.Pending[0].Reference == mapping.Reference{Side: schema.Salesforce, Object: "Account", ID: "001C"}) {
				t.Errorf("pending = %+v, want pending %v", p.Pending, tt.pending)
			}
			gotWarning := len(p.Warnings) == 1 && strings.Contains(p.Warnings[0].Message, tt.warning)
			if (tt.warning != "") != gotWarning {
				t.Errorf("warnings = %+v, want %q", p.Warnings, tt.warning)
			}
			if byCriteria == nil {
				t.Fatal("no identified-by link planned")
			}
			czql, err := condition.CZQL(byCriteria.Where, customer)
			if err != nil || czql != tt.criteriaSQL || byCriteria.WhereText != tt.criteriaSQL {
				t.Errorf("identified-by CZQL = %q (%v), text %q, want %q", czql, err, byCriteria.WhereText, tt.criteriaSQL)
			}
		})
	}
}

func TestChooseTemplate_Rules(t *testing.T) {
	m := mapping.Mapping{ID: "m", TemplateRules: []mapping.TemplateRule{
		{Template: "Big and busy", Criteria: []string{"Budget__c >= 1000", "Seats__c > 10"}, Logic: mapping.All},
		{Template: "Big or busy", Criteria: []string{"Budget__c >= 1000", "Seats__c > 10"}, Logic: mapping.Any},
	}}
	tests := []struct {
		name   string
		values map[string]any
		want   string
		ok     bool
	}{
		{"both criteria: first rule", map[string]any{"Budget__c": 5000.0, "Seats__c": 20.0}, "Big and busy", true},
		{"one criterion: the OR rule", map[string]any{"Budget__c": 5000.0, "Seats__c": 2.0}, "Big or busy", true},
		{"other criterion: the OR rule", map[string]any{"Budget__c": 5.0, "Seats__c": 20.0}, "Big or busy", true},
		{"no criterion: none", map[string]any{"Budget__c": 5.0, "Seats__c": 2.0}, "", false},
		{"nulls match nothing", map[string]any{"Budget__c": nil}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := ChooseTemplate(m, tt.values, sfObject)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || ok != tt.ok {
				t.Errorf("ChooseTemplate = %q, %v, want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
	bad := mapping.Mapping{ID: "m", TemplateRules: []mapping.TemplateRule{{Template: "X", Criteria: []string{"Budget__c >"}, Logic: mapping.All}}}
	if _, _, err := ChooseTemplate(bad, nil, sfObject); err == nil || !strings.Contains(err.Error(), "rule 1 (X)") {
		t.Errorf("ChooseTemplate with a broken criterion error = %v", err)
	}
}

func TestPlanCreate_InvalidDirection(t *testing.T) {
	if _, err := PlanCreate(CreateInput{Mapping: projectMapping(mapping.NewestWins)}); err == nil {
		t.Error("PlanCreate without a direction succeeded")
	}
}
