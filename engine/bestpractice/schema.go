package bestpractice

import (
	"context"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// CustomObject is a Salesforce custom object the package's mappings use,
// with the custom fields they read and write.
type CustomObject struct {
	Name        string
	Label       string
	PluralLabel string
	Description string
	Fields      []CustomField
}

// CustomField is one custom field as the Tooling API creates it.
type CustomField struct {
	Name     string
	Metadata api.CustomFieldMetadata
}

// idempotencyKey is the external-id field Liaison upserts a record it
// creates by, so that a retried create finds the record instead of
// creating a second one. The sync engine looks for this name.
const idempotencyKey = "Liaison_Key__c"

func scale(n int) *int { return &n }

// SchemaObjects returns the custom objects and fields the package needs
// in Salesforce: Clarizen Project (looking up its Opportunity) and
// Clarizen milestone (looking up its Clarizen Project), each with the
// external-id fields used for idempotent upserts. Objects come in the
// order they must be created, since a lookup needs its target first.
func SchemaObjects() []CustomObject {
	text := func(name, label string, length int) CustomField {
		return CustomField{Name: name, Metadata: api.CustomFieldMetadata{Label: label, Type: "Text", Length: length}}
	}
	date := func(name, label string) CustomField {
		return CustomField{Name: name, Metadata: api.CustomFieldMetadata{Label: label, Type: "Date"}}
	}
	percent := func(name, label string) CustomField {
		return CustomField{Name: name, Metadata: api.CustomFieldMetadata{Label: label, Type: "Percent", Precision: 5, Scale: scale(2)}}
	}
	externalID := func(name, label, description string) CustomField {
		return CustomField{Name: name, Metadata: api.CustomFieldMetadata{Label: label, Type: "Text", Length: 80,
			ExternalID: true, Unique: true, Description: description}}
	}
	lookup := func(name, label, target, relationship string) CustomField {
		return CustomField{Name: name, Metadata: api.CustomFieldMetadata{Label: label, Type: "Lookup", ReferenceTo: target,
			RelationshipName: relationship, DeleteConstraint: "SetNull"}}
	}
	return []CustomObject{
		{
			Name: "Clarizen_Project__c", Label: "Clarizen Project", PluralLabel: "Clarizen Projects",
			Description: "A Clarizen project created for an opportunity; Liaison keeps it in sync with the project.",
			Fields: []CustomField{
				lookup("Opportunity__c", "Opportunity", "Opportunity", "Clarizen_Projects"),
				externalID(idempotencyKey, "Liaison Key", "Set by Liaison so that a retried create finds the record."),
				lookup("Project_Manager__c", "Project Manager", "User", "Managed_Clarizen_Projects"),
				text("Project_Type__c", "Project Type", 80),
				{Name: "Description__c", Metadata: api.CustomFieldMetadata{Label: "Description", Type: "LongTextArea", Length: 32000}},
				text("Status__c", "Status", 40),
				percent("Progress__c", "Progress"),
				date("Start_Date__c", "Start Date"),
				date("Due_Date__c", "Due Date"),
			},
		},
		{
			Name: "Clarizen_Milestone__c", Label: "Clarizen milestone", PluralLabel: "Clarizen milestones",
			Description: "A milestone of a Clarizen project, copied from Clarizen by Liaison.",
			Fields: []CustomField{
				lookup("Clarizen_Project__c", "Clarizen Project", "Clarizen_Project__c", "Clarizen_Milestones"),
				externalID(idempotencyKey, "Liaison Key", "Set by Liaison so that a retried create finds the record."),
				externalID("Clarizen_Id__c", "Clarizen Id", "The milestone's id in Clarizen; Liaison upserts by it."),
				text("Status__c", "Status", 40),
				percent("Progress__c", "Progress"),
				date("Start_Date__c", "Start Date"),
				date("Due_Date__c", "Due Date"),
			},
		},
	}
}

// SchemaGap is an object or fields the org lacks.
type SchemaGap struct {
	Object        string   `json:"object"`
	ObjectMissing bool     `json:"objectMissing"`
	Fields        []string `json:"fields"`
}

func (g SchemaGap) String() string {
	if g.ObjectMissing {
		return fmt.Sprintf("custom object %s with fields %s", g.Object, strings.Join(g.Fields, ", "))
	}
	return fmt.Sprintf("fields %s on %s", strings.Join(g.Fields, ", "), g.Object)
}

// SchemaAPI is the part of the Salesforce client the schema check and
// creation use; *salesforce.Client implements it.
type SchemaAPI interface {
	CheckSchema(ctx context.Context, want []salesforce.ObjectFields) ([]salesforce.SchemaGap, error)
	CreateCustomObject(ctx context.Context, in api.CustomObjectInput) (string, error)
	CreateCustomField(ctx context.Context, in api.CustomFieldInput) (string, error)
}

// CheckSchema returns what the org lacks of SchemaObjects, in their
// order; none means the package's mappings can be enabled.
func CheckSchema(ctx context.Context, sf SchemaAPI) ([]SchemaGap, error) {
	var want []salesforce.ObjectFields
	for _, o := range SchemaObjects() {
		w := salesforce.ObjectFields{Object: o.Name}
		for _, f := range o.Fields {
			w.Fields = append(w.Fields, f.Name)
		}
		want = append(want, w)
	}
	gaps, err := sf.CheckSchema(ctx, want)
	if err != nil {
		return nil, fmt.Errorf("check salesforce schema for the best-practices package: %w", err)
	}
	out := make([]SchemaGap, len(gaps))
	for i, g := range gaps {
		out[i] = SchemaGap{Object: g.Object, ObjectMissing: g.ObjectMissing, Fields: g.Fields}
	}
	return out, nil
}

// CreateSchema creates through the Tooling API what gaps list: missing
// objects first, then missing fields. It returns the full names created
// (Object__c and Object__c.Field__c). It stops at the first failure;
// what was created stays, and a new check shows what is left.
func CreateSchema(ctx context.Context, sf SchemaAPI, gaps []SchemaGap) ([]string, error) {
	objects := map[string]CustomObject{}
	for _, o := range SchemaObjects() {
		objects[strings.ToLower(o.Name)] = o
	}
	var created []string
	for _, g := range gaps {
		o, ok := objects[strings.ToLower(g.Object)]
		if !ok || !g.ObjectMissing {
			continue
		}
		in := api.CustomObjectInput{FullName: o.Name, Metadata: api.CustomObjectMetadata{
			Label: o.Label, PluralLabel: o.PluralLabel, Description: o.Description,
			NameField:        api.NameField{Type: "Text", Label: o.Label + " Name"},
			DeploymentStatus: "Deployed", SharingModel: "ReadWrite", EnableFeeds: true,
		}}
		if _, err := sf.CreateCustomObject(ctx, in); err != nil {
			return created, fmt.Errorf("create custom object %s: %w", o.Name, err)
		}
		created = append(created, o.Name)
	}
	for _, g := range gaps {
		o, ok := objects[strings.ToLower(g.Object)]
		if !ok {
			continue
		}
		for _, name := range g.Fields {
			f, ok := o.field(name)
			if !ok {
				continue
			}
			full := o.Name + "." + f.Name
			if _, err := sf.CreateCustomField(ctx, api.CustomFieldInput{FullName: full, Metadata: f.Metadata}); err != nil {
				return created, fmt.Errorf("create custom field %s: %w", full, err)
			}
			created = append(created, full)
		}
	}
	return created, nil
}

func (o CustomObject) field(name string) (CustomField, bool) {
	for _, f := range o.Fields {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return CustomField{}, false
}
