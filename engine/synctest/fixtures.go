package synctest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// AddProjectObjects creates, in the simulated org, the custom objects the
// best-practices mappings use: Clarizen_Project__c (linked to an
// Opportunity) and Clarizen_Milestone__c (linked to a Clarizen_Project__c),
// each with the external-id fields Liaison upserts by.
func (e *Env) AddProjectObjects(tb testing.TB) {
	tb.Helper()
	objects := []struct {
		name, label, plural string
		fields              map[string]map[string]any
	}{
		{"Clarizen_Project__c", "Clarizen Project", "Clarizen Projects", map[string]map[string]any{
			"Opportunity__c":  {"type": "Lookup", "label": "Opportunity", "referenceTo": "Opportunity", "relationshipName": "Clarizen_Projects"},
			"Liaison_Key__c":  {"type": "Text", "label": "Liaison Key", "length": 80, "externalId": true, "unique": true},
			"Clarizen_Id__c":  {"type": "Text", "label": "Clarizen Id", "length": 80, "externalId": true, "unique": true},
			"Status__c":       {"type": "Text", "label": "Status", "length": 40},
			"Progress__c":     {"type": "Percent", "label": "Progress", "precision": 5, "scale": 2},
			"Start_Date__c":   {"type": "Date", "label": "Start Date"},
			"Due_Date__c":     {"type": "Date", "label": "Due Date"},
			"Description__c":  {"type": "LongTextArea", "label": "Description", "length": 32000},
			"Project_Type__c": {"type": "Text", "label": "Project Type", "length": 80},
		}},
		{"Clarizen_Milestone__c", "Clarizen milestone", "Clarizen milestones", map[string]map[string]any{
			"Clarizen_Project__c": {"type": "Lookup", "label": "Clarizen Project", "referenceTo": "Clarizen_Project__c", "relationshipName": "Clarizen_Milestones"},
			"Liaison_Key__c":      {"type": "Text", "label": "Liaison Key", "length": 80, "externalId": true, "unique": true},
			"Clarizen_Id__c":      {"type": "Text", "label": "Clarizen Id", "length": 80, "externalId": true, "unique": true},
			"Due_Date__c":         {"type": "Date", "label": "Due Date"},
			"Progress__c":         {"type": "Percent", "label": "Progress", "precision": 5, "scale": 2},
		}},
	}
	for _, o := range objects {
		if _, err := e.SF.CreateCustomObject(o.name, map[string]any{"label": o.label, "pluralLabel": o.plural,
			"nameField": map[string]any{"type": "Text", "label": o.label + " Name"}, "deploymentStatus": "Deployed",
			"sharingModel": "ReadWrite"}); err != nil {
			tb.Fatalf("create custom object: %v", err)
		}
		for name, md := range o.fields {
			if _, err := e.SF.CreateCustomField(o.name+"."+name, md); err != nil {
				tb.Fatalf("create custom field: %v", err)
			}
		}
	}
}

// SaveMapping stores m as an enabled mapping.
func (e *Env) SaveMapping(tb testing.TB, m mapping.Mapping) {
	tb.Helper()
	m.Enabled = true
	data, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	err = e.DB.SaveMapping(context.Background(), store.Definition{ID: m.ID, Name: m.Name,
		ClarizenConnection: m.ClarizenConnection(), JSON: data, Enabled: true})
	if err != nil {
		tb.Fatalf("save mapping %s: %v", m.ID, err)
	}
}

// SaveEvent stores ev as enabled at enabledAt.
func (e *Env) SaveEvent(tb testing.TB, ev mapping.Event, enabledAt time.Time) {
	tb.Helper()
	ev.Enabled = true
	data, err := json.Marshal(ev)
	if err != nil {
		tb.Fatal(err)
	}
	err = e.DB.SaveEvent(context.Background(), store.Definition{ID: ev.ID, Name: ev.Name, TriggeredBy: string(ev.TriggeredBy),
		ClarizenConnection: ev.ClarizenConnection(), JSON: data, Enabled: true, EnabledAt: enabledAt, FireExisting: ev.FireExisting})
	if err != nil {
		tb.Fatalf("save event %s: %v", ev.ID, err)
	}
}

// Runner returns a sync runner over the env's clients and store.
func (e *Env) Runner(tb testing.TB, opts syncer.Options) *syncer.Runner {
	tb.Helper()
	cz := map[string]syncer.ClarizenAPI{}
	for id, c := range e.CZClients {
		cz[id] = c
	}
	opts.Store = e.DB
	opts.Clients = syncer.StaticClients{SF: e.SFClient, CZ: cz}
	if opts.Now == nil {
		opts.Now = e.Clock.Now
	}
	r, err := syncer.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// Run runs one sync and fails the test on an error.
func Run(tb testing.TB, r *syncer.Runner, opts syncer.RunOptions) syncer.Summary {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if opts.Trigger == "" {
		opts.Trigger = "test"
	}
	sum, err := r.Run(ctx, opts)
	if err != nil {
		tb.Fatalf("run: %v (summary %+v)", err, sum)
	}
	return sum
}

// Registry returns every registry row, oldest first.
func (e *Env) Registry(tb testing.TB) []store.RegistryRow {
	tb.Helper()
	rows, _, err := e.DB.Registry(context.Background(), store.RegistryFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return rows
}

// Links returns the links of a mapping.
func (e *Env) Links(tb testing.TB, mappingID string) []store.Link {
	tb.Helper()
	links, err := e.DB.Links(context.Background(), mappingID)
	if err != nil {
		tb.Fatal(err)
	}
	return links
}

// AccountCustomer is a mapping of Salesforce Account to Clarizen Customer:
// the name goes to Clarizen on create and sync, the description comes
// back from Clarizen on sync, and the Customer keeps the Account Id in
// SfExternalId.
func AccountCustomer(id string, instance int) mapping.Mapping {
	return mapping.Mapping{
		ID: id, Name: "Account to Customer " + id, ClarizenInstance: instance,
		ClarizenEntity: "Customer", SalesforceObject: "Account",
		ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Id",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart,
		ConflictRule: mapping.NewestWins,
		FieldMaps: []mapping.FieldMap{
			{ID: "name", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.CreateAndSync},
			{ID: "description", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "Description", SalesforceField: "Description", EventType: mapping.SyncOnly},
		},
	}
}

// EntityEvent is an event that creates the Clarizen object of mappingID
// for each record of object matching cond.
func EntityEvent(id string, instance int, object, cond, mappingID string, fireExisting bool) mapping.Event {
	return mapping.Event{ID: id, Name: "Event " + id, ClarizenInstance: instance, TriggeredBy: schema.Salesforce,
		TriggeringObject: object, Condition: cond, FireExisting: fireExisting,
		Target: mapping.EventTarget{Kind: mapping.EntityMapping, MappingID: mappingID}}
}

// ProjectFlow holds the best-practices flow as test definitions. It maps
// Account to Customer, the Clarizen Project record to Project (with the
// Customer link, template rules and milestones brought back), Clarizen
// Milestone to the Clarizen milestone record, and opportunity line items
// to sub-projects. Its event creates a project for an opportunity at 70 %
// or more.
type ProjectFlow struct {
	Account, Project, Milestone, Product mapping.Mapping
	Event                                mapping.Event
}

// NewProjectFlow returns the flow's definitions for a Clarizen instance;
// ids carry the instance number so that two instances can hold one each.
func NewProjectFlow(instance int) ProjectFlow {
	n := string(rune('0' + instance))
	f := ProjectFlow{Account: AccountCustomer("account-"+n, instance)}
	f.Milestone = mapping.Mapping{
		ID: "milestone-" + n, Name: "Milestone to Clarizen milestone " + n, ClarizenInstance: instance,
		ClarizenEntity: "Milestone", SalesforceObject: "Clarizen_Milestone__c",
		ClarizenKeyField: "ExternalID", SalesforceKeyField: "Clarizen_Id__c",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.DeleteCounterpart, ConflictRule: mapping.NewestWins,
		FieldMaps: []mapping.FieldMap{
			{ID: "name", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.CreateAndSync},
			{ID: "due", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "DueDate", SalesforceField: "Due_Date__c", EventType: mapping.CreateAndSync},
			{ID: "progress", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "PercentCompleted", SalesforceField: "Progress__c", EventType: mapping.CreateAndSync},
		},
	}
	f.Project = mapping.Mapping{
		ID: "project-" + n, Name: "Clarizen Project to Project " + n, ClarizenInstance: instance,
		ClarizenEntity: "Project", SalesforceObject: "Clarizen_Project__c",
		ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Id",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart, ConflictRule: mapping.NewestWins,
		TemplateRules: []mapping.TemplateRule{
			{Template: "Standard delivery", Logic: mapping.All,
				Criteria: []string{"Project_Type__c = 'New Customer'", "Opportunity__r.Amount >= 100000"}},
			{Template: "Quick start", Logic: mapping.Any,
				Criteria: []string{"Opportunity__r.Amount < 10000", "Project_Type__c = 'Existing Customer - Upgrade'"}},
		},
		FieldMaps: []mapping.FieldMap{
			// The name goes to Clarizen on create and comes back on sync.
			{ID: "name", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.CreateOnly},
			{ID: "name-back", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.SyncOnly},
			{ID: "description", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Description", SalesforceField: "Description__c", EventType: mapping.CreateAndSync},
			{ID: "state", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "State", SalesforceField: "Status__c", EventType: mapping.SyncOnly},
			{ID: "progress", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "PercentCompleted", SalesforceField: "Progress__c", EventType: mapping.SyncOnly},
			{ID: "start", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "StartDate", SalesforceField: "Start_Date__c", EventType: mapping.SyncOnly},
			{ID: "due", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "DueDate", SalesforceField: "Due_Date__c", EventType: mapping.SyncOnly},
		},
		Links: []mapping.ClarizenLink{{ID: "customer", LinkEntity: "CustomerLink", EntityField: "Entity", LinkedField: "Customer",
			LinkedEntity: "Customer", Method: mapping.BySourceField, SourceField: "Opportunity__r.AccountId", MappingID: f.Account.ID}},
		RelatedObjects: []mapping.RelatedObject{{ID: "milestones", RelatedEntity: "Milestone", Relationship: "Children",
			SalesforceObject: "Clarizen_Milestone__c", MappingID: f.Milestone.ID, ParentLinkField: "Clarizen_Project__c"}},
	}
	f.Product = mapping.Mapping{
		ID: "product-" + n, Name: "Opportunity product to sub-project " + n, ClarizenInstance: instance,
		ClarizenEntity: "Project", SalesforceObject: "OpportunityLineItem",
		ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Id",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart, ConflictRule: mapping.NewestWins,
		FieldMaps: []mapping.FieldMap{
			{ID: "name", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.CreateAndSync},
		},
	}
	f.Event = mapping.Event{ID: "opportunity-70-" + n, Name: "Opportunity at 70 % " + n, ClarizenInstance: instance,
		TriggeredBy: schema.Salesforce, TriggeringObject: "Opportunity", Condition: "Probability >= 70", FireExisting: true,
		Target: mapping.EventTarget{Kind: mapping.CreateAndSynchronize, NewObject: &mapping.NewObject{
			SalesforceObject: "Clarizen_Project__c", SourceLinkField: "Opportunity__c", MappingID: f.Project.ID,
			Values: []mapping.FieldValue{
				{Field: "Name", Source: mapping.SourceField, Value: "Name"},
				{Field: "Project_Type__c", Source: mapping.SourceField, Value: "Type"},
				{Field: "Description__c", Source: mapping.Constant, Value: "Created by Liaison"},
			}}},
		RelatedObjects: []mapping.RelatedSalesforceObject{{ID: "products", Relationship: "OpportunityLineItems",
			Object: "OpportunityLineItem", ParentField: "OpportunityId", MappingID: f.Product.ID, AsSubProjects: true}},
	}
	return f
}

// Save stores the flow's mappings and event, enabled.
func (f ProjectFlow) Save(tb testing.TB, env *Env, enabledAt time.Time) {
	tb.Helper()
	for _, m := range []mapping.Mapping{f.Account, f.Milestone, f.Project, f.Product} {
		env.SaveMapping(tb, m)
	}
	env.SaveEvent(tb, f.Event, enabledAt)
}

// Product adds a product with a standard price and returns its price book
// entry id.
func (e *Env) Product(tb testing.TB, name string, price float64) string {
	tb.Helper()
	var book string
	for _, b := range e.SF.All("Pricebook2") {
		if b["IsStandard"] == true {
			book, _ = b["Id"].(string)
		}
	}
	product, err := e.SF.Insert("Product2", map[string]any{"Name": name, "ProductCode": name, "IsActive": true})
	if err != nil {
		tb.Fatal(err)
	}
	entry, err := e.SF.Insert("PricebookEntry", map[string]any{"Pricebook2Id": book, "Product2Id": product,
		"UnitPrice": price, "IsActive": true})
	if err != nil {
		tb.Fatal(err)
	}
	return entry
}

// Insert adds a Salesforce record and returns its id.
func (e *Env) Insert(tb testing.TB, object string, fields map[string]any) string {
	tb.Helper()
	id, err := e.SF.Insert(object, fields)
	if err != nil {
		tb.Fatalf("insert %s: %v", object, err)
	}
	return id
}

// AddAccountKey adds the external-id field Liaison upserts Accounts by.
func (e *Env) AddAccountKey(tb testing.TB) {
	tb.Helper()
	if _, err := e.SF.CreateCustomField("Account."+syncer.IdempotencyField, map[string]any{"type": "Text",
		"label": "Liaison Key", "length": 80, "externalId": true, "unique": true}); err != nil {
		tb.Fatal(err)
	}
}

// CustomerAccount maps Clarizen Customer to Salesforce Account, creating
// Accounts from Customers: the Account's Liaison_Key__c holds the
// Customer's ExternalID.
func CustomerAccount(id string, instance int) mapping.Mapping {
	return mapping.Mapping{
		ID: id, Name: "Customer to Account " + id, ClarizenInstance: instance,
		ClarizenEntity: "Customer", SalesforceObject: "Account",
		ClarizenKeyField: "ExternalID", SalesforceKeyField: syncer.IdempotencyField,
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart, ConflictRule: mapping.NewestWins,
		FieldMaps: []mapping.FieldMap{
			{ID: "name", Enabled: true, Direction: mapping.FromClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.CreateAndSync},
		},
	}
}

// ClarizenEvent is an event that creates the Salesforce record of
// mappingID for each entity of typeName matching cond.
func ClarizenEvent(id string, instance int, typeName, cond, mappingID string) mapping.Event {
	return mapping.Event{ID: id, Name: "Event " + id, ClarizenInstance: instance, TriggeredBy: schema.Clarizen,
		TriggeringObject: typeName, Condition: cond, FireExisting: true,
		Target: mapping.EventTarget{Kind: mapping.SalesforceMapping, MappingID: mappingID}}
}

// CountBy counts records by a field's value.
func CountBy(records []map[string]any, field string) map[string]int {
	out := map[string]int{}
	for _, r := range records {
		out[fmt.Sprint(r[field])]++
	}
	return out
}

// UserUser maps Salesforce User to Clarizen User, matched by email.
func UserUser(id string, instance int, policy mapping.CreatePolicy) mapping.Mapping {
	return mapping.Mapping{
		ID: id, Name: "User to User " + id, ClarizenInstance: instance,
		ClarizenEntity: "User", SalesforceObject: "User",
		ClarizenKeyField: "Email", SalesforceKeyField: "Email",
		CreatePolicy: policy, DeletePolicy: mapping.RetainCounterpart, ConflictRule: mapping.NewestWins,
		FieldMaps: []mapping.FieldMap{
			{ID: "username", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "UserName", SalesforceField: "Username", EventType: mapping.CreateOnly},
			{ID: "email", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Email", SalesforceField: "Email", EventType: mapping.CreateAndSync},
			{ID: "first", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "FirstName", SalesforceField: "FirstName", EventType: mapping.CreateAndSync},
			{ID: "last", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "LastName", SalesforceField: "LastName", EventType: mapping.CreateAndSync},
		},
	}
}
