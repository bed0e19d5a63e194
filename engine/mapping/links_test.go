package mapping

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestClarizenLink_IdentifiedByCondition(t *testing.T) {
	customer := obj("Customer", text("Name", 0), rw("Rank", schema.KindInteger), rw("Active", schema.KindBoolean),
		rw("Since", schema.KindDate), ref("Owner", "", "User"))
	source := map[string]any{
		"Account__r": map[string]any{"Name": "O'Brien & Co", "Rank__c": 3.0},
		"Empty__c":   nil,
	}
	tests := []struct {
		name     string
		criteria []Criterion
		want     string // canonical condition text
		czql     string
		wantErr  string
	}{
		{"source text", []Criterion{{Field: "Name", ValueType: SourceField, Value: "Account__r.Name"}},
			`Name = 'O\'Brien & Co'`, `Name = 'O\'Brien & Co'`, ""},
		{"constants of each kind", []Criterion{
			{Field: "Rank", ValueType: Constant, Value: "3"}, {Field: "Active", ValueType: Constant, Value: "true"},
			{Field: "Since", ValueType: Constant, Value: "2024-01-31"}, {Field: "Owner", ValueType: Constant, Value: "/User/u1"}},
			"Rank = 3 AND Active = true AND Since = 2024-01-31 AND Owner = '/User/u1'",
			"Rank = 3 AND Active = true AND Since = 2024-01-31 AND Owner = '/User/u1'", ""},
		{"source number", []Criterion{{Field: "Rank", ValueType: SourceField, Value: "Account__r.Rank__c"}}, "Rank = 3", "Rank = 3", ""},
		{"empty source fails", []Criterion{{Field: "Name", ValueType: SourceField, Value: "Empty__c"}}, "", "", "source field Empty__c is empty"},
		{"bad constant", []Criterion{{Field: "Rank", ValueType: Constant, Value: "high"}}, "", "", `parse constant "high" for Rank`},
		{"unknown field", []Criterion{{Field: "Title", ValueType: Constant, Value: "x"}}, "", "", "Customer has no field Title"},
		{"no criteria", nil, "", "", "no identified-by criteria"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ClarizenLink{ID: "l1", Method: ByIdentifiedBy, LinkedEntity: "Customer", IdentifiedBy: tt.criteria}
			e, err := l.IdentifiedByCondition(source, customer)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.String() != tt.want {
				t.Errorf("condition = %s, want %s", e, tt.want)
			}
			czql, err := condition.CZQL(e, customer)
			if err != nil || czql != tt.czql {
				t.Errorf("CZQL = %q, %v, want %q", czql, err, tt.czql)
			}
			if p := condition.Check(e, customer, nil); len(p) != 0 {
				t.Errorf("the built condition does not check: %+v", p)
			}
		})
	}
}

func TestParseConstant_Kinds(t *testing.T) {
	tests := []struct {
		side    schema.Side
		kind    schema.Kind
		in      string
		want    any
		wantErr bool
	}{
		{schema.Salesforce, schema.KindString, " padded ", " padded ", false},
		{schema.Salesforce, schema.KindDouble, "2.5", 2.5, false},
		{schema.Salesforce, schema.KindInteger, "12", 12.0, false},
		{schema.Salesforce, schema.KindInteger, "1.5", nil, true},
		{schema.Salesforce, schema.KindCurrency, "1e400", nil, true},
		{schema.Salesforce, schema.KindBoolean, "TRUE", true, false},
		{schema.Salesforce, schema.KindBoolean, "yes", nil, true},
		{schema.Salesforce, schema.KindDate, "2024-02-29", "2024-02-29", false},
		{schema.Salesforce, schema.KindDate, "2024-02-30", nil, true},
		{schema.Salesforce, schema.KindDate, "2024-02-29T00:00:00Z", nil, true},
		{schema.Salesforce, schema.KindDateTime, "2024-02-29T10:00:00+01:00", "2024-02-29T09:00:00.000Z", false},
		{schema.Clarizen, schema.KindDateTime, "2024-02-29T10:00:00Z", "2024-02-29T10:00:00", false},
		{schema.Salesforce, schema.KindDateTime, "2024-02-29", nil, true},
		{schema.Clarizen, schema.KindDuration, "2", map[string]any{"value": 2.0, "unit": "Days"}, false},
		{schema.Clarizen, schema.KindMultiPicklist, "a;b", []any{"a", "b"}, false},
		{schema.Salesforce, schema.KindMultiPicklist, "a;b", "a;b", false},
		{schema.Salesforce, schema.KindOther, "x", nil, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.side)+"_"+string(tt.kind)+"_"+tt.in, func(t *testing.T) {
			got, err := ParseConstant(tt.side, schema.Field{Name: "F", Kind: tt.kind}, tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseConstant = %#v, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !Equal(tt.kind, got, tt.want) || !sameShape(got, tt.want) {
				t.Errorf("ParseConstant = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func sameShape(a, b any) bool {
	switch a.(type) {
	case string:
		_, ok := b.(string)
		return ok && a == b
	case float64:
		_, ok := b.(float64)
		return ok
	case bool:
		_, ok := b.(bool)
		return ok
	}
	return true
}
