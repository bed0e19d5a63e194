package plan

import (
	"encoding/json"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

func field(name string, k schema.Kind) schema.Field {
	return schema.Field{Name: name, Kind: k, Createable: true, Updateable: true, Nillable: true}
}

func withLength(f schema.Field, n int) schema.Field { f.Length = n; return f }

func refField(name string, to string) schema.Field {
	f := field(name, schema.KindReference)
	f.ReferenceTo = []string{to}
	return f
}

var (
	sfObject = schema.Object{Name: "Clarizen_Project__c", Fields: []schema.Field{
		withLength(field("Name", schema.KindString), 10), field("Status__c", schema.KindPicklist),
		field("Budget__c", schema.KindCurrency), field("Effort__c", schema.KindDouble),
		field("Tags__c", schema.KindMultiPicklist), field("Start__c", schema.KindDate),
		field("Description__c", schema.KindTextArea), field("Seats__c", schema.KindInteger),
		refField("OwnerId", "User"), refField("Opportunity__c", "Opportunity"), field("Hidden__c", schema.KindString),
	}}
	czObject = schema.Object{Name: "Project", Templatable: true, Fields: []schema.Field{
		field("Name", schema.KindString), field("State", schema.KindPicklist),
		field("PlannedBudget", schema.KindCurrency), field("Work", schema.KindDuration),
		field("C_Tags", schema.KindMultiPicklist), field("StartDate", schema.KindDateTime),
		field("Description", schema.KindTextArea), field("Manager", schema.KindReference),
		field("SYSID", schema.KindString), field("Hidden", schema.KindString),
	}}
)

func init() {
	czObject.Fields[7].ReferenceTo = []string{"User"}
}

// projectMapping maps the fields the tests use; Name, Budget and Tags are
// mapped both ways for syncs.
func projectMapping(rule mapping.ConflictRule) mapping.Mapping {
	return mapping.Mapping{
		ID: "m-project", Name: "Project to Project", ClarizenInstance: 1,
		ClarizenEntity: "Project", SalesforceObject: "Clarizen_Project__c",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart, ConflictRule: rule,
		FieldMaps: []mapping.FieldMap{
			{ID: "name", Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "Name", ClarizenField: "Name", EventType: mapping.CreateAndSync},
			{ID: "name-back", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Name", ClarizenField: "Name", EventType: mapping.SyncOnly},
			{ID: "desc", Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "Description__c", ClarizenField: "Description", EventType: mapping.SyncOnly},
			{ID: "budget", Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "Budget__c", ClarizenField: "PlannedBudget", EventType: mapping.CreateAndSync},
			{ID: "budget-back", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Budget__c", ClarizenField: "PlannedBudget", EventType: mapping.CreateAndSync},
			{ID: "work", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Effort__c", ClarizenField: "Work", EventType: mapping.SyncOnly},
			{ID: "tags", Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "Tags__c", ClarizenField: "C_Tags", EventType: mapping.CreateAndSync},
			{ID: "tags-back", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Tags__c", ClarizenField: "C_Tags", EventType: mapping.SyncOnly},
			{ID: "state", Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "Status__c", ClarizenField: "State", EventType: mapping.CreateOnly,
				ValueMap: map[string]string{"Done": "Completed"}},
			{ID: "start", Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "Start__c", ClarizenField: "StartDate", EventType: mapping.CreateAndSync},
			{ID: "owner", Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "OwnerId", ClarizenField: "Manager", EventType: mapping.CreateAndSync},
			{ID: "sysid", Enabled: true, Direction: mapping.FromClarizen, SalesforceField: "Hidden__c", ClarizenField: "SYSID", EventType: mapping.CreateOnly},
			{ID: "off", Enabled: false, Direction: mapping.ToClarizen, SalesforceField: "Hidden__c", ClarizenField: "Hidden", EventType: mapping.CreateAndSync},
		},
	}
}

var (
	t0 = time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
	t2 = t0.Add(2 * time.Hour)
)

// sfValues and czValues are a linked pair in sync.
func sfValues() map[string]any {
	return map[string]any{
		"Id": "a01", "Name": "Acme", "Status__c": "Active", "Budget__c": 500.0, "Effort__c": 2.0,
		"Tags__c": "a;b", "Start__c": "2024-03-04", "Description__c": "first", "OwnerId": "005A", "Hidden__c": nil,
	}
}

func czValues() map[string]any {
	return map[string]any{
		"id": "/Project/p1", "Name": "Acme", "State": map[string]any{"id": "/State/Active"},
		"PlannedBudget": map[string]any{"value": 500.0, "currency": "EUR"}, "Work": map[string]any{"value": 16.0, "unit": "Hours"},
		"C_Tags": []any{"a", "b"}, "StartDate": "2024-03-04T00:00:00.0000000", "Description": "first",
		"Manager": map[string]any{"id": "/User/u1"}, "SYSID": "P-1", "Hidden": nil,
	}
}

// syncedBase is the base of the pair above, recorded at t0 on both sides.
func syncedBase() *Base {
	b := NewBase(projectMapping(mapping.NewestWins), Record{Values: sfValues(), Stamp: t0}, Record{Values: czValues(), Stamp: t0})
	return &b
}

var resolver = mapping.ResolverFunc(func(r mapping.Reference) (mapping.Resolution, error) {
	switch r.ID {
	case "005A":
		return mapping.Resolution{Action: mapping.Found, ID: "/User/u1"}, nil
	case "005B":
		return mapping.Resolution{Action: mapping.Found, ID: "u9"}, nil
	case "005C":
		return mapping.Resolution{Action: mapping.CreateCounterpart}, nil
	case "005D":
		return mapping.Resolution{Action: mapping.LeaveReferenceEmpty}, nil
	case "001A":
		return mapping.Resolution{Action: mapping.Found, ID: "/Customer/c1"}, nil
	case "001C":
		return mapping.Resolution{Action: mapping.CreateCounterpart}, nil
	case "001D":
		return mapping.Resolution{Action: mapping.LeaveReferenceEmpty}, nil
	}
	return mapping.Resolution{Action: mapping.LeaveReferenceEmpty}, nil
})

func jsonNumber(s string) any { return json.Number(s) }
