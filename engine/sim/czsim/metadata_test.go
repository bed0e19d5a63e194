package czsim

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The key names and JSON types below are those of real describeEntities and
// describeEntityRelations output (public dumps of a live organization). A
// JSON type list with several entries means the real output uses each of
// them ("null" for an absent value).
var (
	realFieldShape = map[string][]string{
		"name": {"string"}, "type": {"string"}, "presentationType": {"string"}, "label": {"string"},
		"defaultValue": {"null", "string", "number", "boolean", "object"},
		"system":       {"boolean"}, "calculated": {"boolean"}, "nullable": {"boolean"},
		"createOnly": {"boolean"}, "updateable": {"boolean"}, "internal": {"boolean"},
		"custom": {"boolean"}, "visible": {"boolean"}, "decimalPlaces": {"number"},
		"filterable": {"boolean"}, "sortable": {"boolean"}, "maxLength": {"number"},
		"flags": {"null", "array"},
	}
	realEntityShape = map[string][]string{
		"typeName": {"string"}, "fields": {"array", "null"}, "validStates": {"array"},
		"label": {"string"}, "labelPlural": {"string"}, "parentEntity": {"string", "null"},
		"displayField": {"string"}, "disabled": {"boolean"}, "relations": {"null", "array"},
	}
	realRelationShape = map[string][]string{
		"name": {"string"}, "label": {"string"}, "roleLabel": {"string"}, "readOnly": {"boolean"},
		"linkTypeName": {"string", "null"}, "relatedTypeName": {"string"}, "sourceFieldName": {"string", "null"},
	}
	realFieldTypes        = []string{"Entity", "Money", "DateTime", "String", "Boolean", "Double", "Integer", "Duration", "Date", "Long", "MultiPickList", "Binary"}
	realPresentationTypes = []string{"Text", "Numeric", "Date", "Checkbox", "TextArea", "RichText", "Currency", "Duration", "ReferenceToObject", "PickList", "MultiPickList", "Url", "Percent", "Other"}
)

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// checkShape compares an object's keys and value types with a real shape.
func checkShape(t *testing.T, where string, obj map[string]any, shape map[string][]string, extra ...string) {
	t.Helper()
	for key, types := range shape {
		v, ok := obj[key]
		if !ok {
			t.Errorf("%s: key %q missing", where, key)
			continue
		}
		if !slices.Contains(types, jsonType(v)) {
			t.Errorf("%s: key %q is %s, want one of %v", where, key, jsonType(v), types)
		}
	}
	for key := range obj {
		if _, ok := shape[key]; !ok && !slices.Contains(extra, key) {
			t.Errorf("%s: key %q is not in the real shape", where, key)
		}
	}
}

func TestMetadata_DescribeEntitiesShape(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	names := []string{"Project", "Program", "Milestone", "Task", "Customer", "CustomerLink", "DependencyLink", "User",
		"Issue", "Bug", "Risk", "EnhancementRequest", "DiscussionPost", "DiscussionReply", "WorkItem", "Case"}
	resp := c.must("GET", "/metadata/describeEntities?typeNames="+strings.Join(names, ","), nil)
	descs := resp.list("entityDescriptions")
	if len(descs) != len(names) {
		t.Fatalf("got %d descriptions, want %d", len(descs), len(names))
	}
	for i, d := range descs {
		desc := d.(map[string]any)
		if desc["typeName"] != names[i] {
			t.Errorf("description %d is %v, want %s", i, desc["typeName"], names[i])
		}
		checkShape(t, names[i], desc, realEntityShape)
		fields, _ := desc["fields"].([]any)
		if len(fields) == 0 {
			t.Errorf("%s has no fields", names[i])
		}
		for _, f := range fields {
			field := f.(map[string]any)
			where := fmt.Sprintf("%s.%v", names[i], field["name"])
			checkShape(t, where, field, realFieldShape)
			if !slices.Contains(realFieldTypes, field["type"].(string)) {
				t.Errorf("%s: type %v is not a real field type", where, field["type"])
			}
			if !slices.Contains(realPresentationTypes, field["presentationType"].(string)) {
				t.Errorf("%s: presentationType %v is not a real one", where, field["presentationType"])
			}
		}
	}
}

func TestMetadata_FieldFacts(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	resp := c.must("POST", "/metadata/describeMetadata", map[string]any{
		"typeNames": []string{"Task", "DiscussionPost", "Project"}, "flags": []string{"fields", "relations"}})
	fields := map[string]map[string]any{}
	relations := map[string][]any{}
	for _, d := range resp.list("entityDescriptions") {
		desc := d.(map[string]any)
		for _, f := range desc["fields"].([]any) {
			field := f.(map[string]any)
			fields[desc["typeName"].(string)+"."+field["name"].(string)] = field
		}
		relations[desc["typeName"].(string)] = desc["relations"].([]any)
	}
	tests := []struct {
		field string
		key   string
		want  any
	}{
		{"Task.State", "updateable", false},
		{"Task.State", "presentationType", "PickList"},
		{"Task.Manager", "presentationType", "ReferenceToObject"},
		{"Task.Parent", "createOnly", true},
		{"Task.Name", "nullable", false},
		{"Task.PercentCompleted", "presentationType", "Percent"},
		{"Task.PlannedBudget", "type", "Money"},
		{"Task.PlannedBudget", "presentationType", "Currency"},
		{"Task.SfExternalId", "updateable", true},
		{"Task.ExternalID", "updateable", true},
		{"Task.LastUpdatedBySystemOn", "filterable", false},
		{"DiscussionPost.ExternalID", "createOnly", true},
		{"DiscussionPost.Container", "createOnly", true},
		{"DiscussionPost.Body", "presentationType", "RichText"},
		{"Project.C_Regions", "custom", true},
		{"Project.C_Regions", "type", "MultiPickList"},
		{"Project.Name", "custom", false},
	}
	for _, tt := range tests {
		t.Run(tt.field+"."+tt.key, func(t *testing.T) {
			f, ok := fields[tt.field]
			if !ok {
				t.Fatalf("field %s not described", tt.field)
			}
			if f[tt.key] != tt.want {
				t.Errorf("%s = %v, want %v", tt.key, f[tt.key], tt.want)
			}
		})
	}
	t.Run("referenced entities", func(t *testing.T) {
		refs, _ := fields["Task.Manager"]["referencedEntities"].([]any)
		if len(refs) != 1 || refs[0] != "User" {
			t.Errorf("Task.Manager referencedEntities = %v, want [User]", fields["Task.Manager"]["referencedEntities"])
		}
	})
	t.Run("relations shape", func(t *testing.T) {
		if len(relations["Project"]) == 0 {
			t.Fatal("Project has no relations")
		}
		for _, r := range relations["Project"] {
			checkShape(t, "Project relation", r.(map[string]any), realRelationShape)
		}
	})
}

func TestMetadata_PicklistValues(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	resp := c.must("GET", "/metadata/describeMetadata?typeNames=State", nil)
	desc := resp.list("entityDescriptions")[0].(map[string]any)
	var values []string
	for _, p := range desc["pickups"].([]any) {
		pickup := p.(map[string]any)
		values = append(values, pickup["value"].(string))
		if _, ok := pickup["displayValue"].(string); !ok {
			t.Errorf("pickup %v has no displayValue", pickup)
		}
	}
	for _, want := range []string{"Draft", "Active", "On Hold", "Completed", "Cancelled"} {
		if !slices.Contains(values, want) {
			t.Errorf("State pickups %v lack %q", values, want)
		}
	}
}

func TestMetadata_ListEntitiesAndRelations(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	list := c.must("GET", "/metadata/listEntities", nil)
	var names []string
	for _, n := range list.list("typeNames") {
		names = append(names, n.(string))
	}
	if !sort.StringsAreSorted(names) {
		t.Error("typeNames are not sorted")
	}
	for _, want := range []string{"WorkItem", "Project", "Task", "Customer", "User", "DiscussionPost", "State"} {
		if !slices.Contains(names, want) {
			t.Errorf("listEntities lacks %s", want)
		}
	}
	rel := c.must("POST", "/metadata/describeEntityRelations", map[string]any{"typeNames": []string{"Customer"}})
	entry := rel.list("entityRelations")[0].(map[string]any)
	if entry["typeName"] != "Customer" {
		t.Fatalf("typeName = %v", entry["typeName"])
	}
	found := false
	for _, r := range entry["relations"].([]any) {
		relation := r.(map[string]any)
		checkShape(t, "Customer relation", relation, realRelationShape)
		if relation["name"] == "Projects" && relation["linkTypeName"] == "CustomerLink" && relation["sourceFieldName"] == "Customer" {
			found = true
		}
	}
	if !found {
		t.Errorf("Customer.Projects through CustomerLink missing: %s", rel.raw)
	}
}
