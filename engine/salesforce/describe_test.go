package salesforce

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestFieldSchema(t *testing.T) {
	rel := "Account"
	tests := []struct {
		name           string
		in             api.Field
		kind           schema.Kind
		required, calc bool
	}{
		{"required name", api.Field{Name: "Name", Type: "string", Length: 120, Createable: true}, schema.KindString, true, false},
		{"nillable", api.Field{Name: "Description", Type: "textarea", Createable: true, Nillable: true}, schema.KindTextArea, false, false},
		{"defaulted boolean", api.Field{Name: "IsPrivate", Type: "boolean", Createable: true, DefaultedOnCreate: true}, schema.KindBoolean, false, false},
		{"read-only system field", api.Field{Name: "SystemModstamp", Type: "datetime"}, schema.KindDateTime, false, false},
		{"formula", api.Field{Name: "Margin__c", Type: "percent", Calculated: true, Nillable: true}, schema.KindPercent, false, true},
		{"auto number", api.Field{Name: "CaseNumber", Type: "string", AutoNumber: true}, schema.KindString, false, true},
		{"reference", api.Field{Name: "AccountId", Type: "reference", Createable: true, Nillable: true, ReferenceTo: []string{"Account"}, RelationshipName: &rel}, schema.KindReference, false, false},
		{"address is other", api.Field{Name: "BillingAddress", Type: "address"}, schema.KindOther, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FieldSchema(tt.in)
			if got.Kind != tt.kind {
				t.Errorf("Kind = %q, want %q", got.Kind, tt.kind)
			}
			if got.Required != tt.required {
				t.Errorf("Required = %v, want %v", got.Required, tt.required)
			}
			if got.Calculated != tt.calc {
				t.Errorf("Calculated = %v, want %v", got.Calculated, tt.calc)
			}
			if got.NativeType != tt.in.Type {
				t.Errorf("NativeType = %q, want %q", got.NativeType, tt.in.Type)
			}
		})
	}
}

func TestFieldKind(t *testing.T) {
	want := map[string]schema.Kind{
		"id": schema.KindID, "string": schema.KindString, "textarea": schema.KindTextArea,
		"email": schema.KindEmail, "phone": schema.KindPhone, "url": schema.KindURL,
		"boolean": schema.KindBoolean, "int": schema.KindInteger, "double": schema.KindDouble,
		"percent": schema.KindPercent, "currency": schema.KindCurrency, "date": schema.KindDate,
		"datetime": schema.KindDateTime, "picklist": schema.KindPicklist,
		"multipicklist": schema.KindMultiPicklist, "reference": schema.KindReference,
		"base64": schema.KindOther, "location": schema.KindOther, "anyType": schema.KindOther,
	}
	for sfType, kind := range want {
		t.Run(sfType, func(t *testing.T) {
			if got := FieldKind(sfType); got != kind {
				t.Errorf("FieldKind(%q) = %q, want %q", sfType, got, kind)
			}
		})
	}
}
