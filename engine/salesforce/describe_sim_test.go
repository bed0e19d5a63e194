package salesforce_test

import (
	"context"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

func TestClient_DescribeGlobal(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	first, err := o.client.DescribeGlobal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range first.SObjects {
		names[s.Name] = true
	}
	for _, want := range []string{"Account", "Opportunity", "OpportunityLineItem", "Product2", "User"} {
		if !names[want] {
			t.Errorf("global describe lacks %s", want)
		}
	}
	second, err := o.client.DescribeGlobal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := o.transport.notModified.Load(); got != 1 {
		t.Errorf("304 responses = %d, want 1 (the second describe revalidates)", got)
	}
	if len(second.SObjects) != len(first.SObjects) {
		t.Errorf("cached describe has %d objects, want %d", len(second.SObjects), len(first.SObjects))
	}
}

func TestClient_Object(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	opp, err := o.client.Object(ctx, "Opportunity")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field    string
		kind     schema.Kind
		required bool
		calc     bool
		writable bool
	}{
		{"Id", schema.KindID, false, false, false},
		{"Name", schema.KindString, true, false, true},
		{"StageName", schema.KindPicklist, true, false, true},
		{"CloseDate", schema.KindDate, true, false, true},
		{"Amount", schema.KindCurrency, false, false, true},
		{"Probability", schema.KindPercent, false, false, true},
		{"AccountId", schema.KindReference, false, false, true},
		{"IsWon", schema.KindBoolean, false, false, false},
		{"SystemModstamp", schema.KindDateTime, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			f, ok := opp.Field(tt.field)
			if !ok {
				t.Fatalf("Opportunity has no field %s", tt.field)
			}
			if f.Kind != tt.kind {
				t.Errorf("Kind = %q, want %q", f.Kind, tt.kind)
			}
			if f.Required != tt.required {
				t.Errorf("Required = %v, want %v", f.Required, tt.required)
			}
			if f.Calculated != tt.calc {
				t.Errorf("Calculated = %v, want %v", f.Calculated, tt.calc)
			}
			if f.Writable(true) != tt.writable {
				t.Errorf("Writable(create) = %v, want %v", f.Writable(true), tt.writable)
			}
		})
	}
	stage, _ := opp.Field("StageName")
	if len(stage.Picklist) == 0 || !stage.HasPicklistValue("Closed Won") {
		t.Errorf("StageName picklist = %v, want the stages including Closed Won", stage.Picklist)
	}
	account, _ := opp.Field("AccountId")
	if len(account.ReferenceTo) != 1 || account.ReferenceTo[0] != "Account" || account.RelationshipName != "Account" {
		t.Errorf("AccountId references %v via %q, want Account via Account", account.ReferenceTo, account.RelationshipName)
	}

	if d, _ := opp.Field("Description"); !d.NotFilterable {
		t.Error("Description (a long text area) is filterable, want NotFilterable")
	}
	if n, _ := opp.Field("Name"); n.NotFilterable {
		t.Error("Name is not filterable, want filterable")
	}
	if a, _ := opp.Field("Amount"); a.Precision == 0 {
		t.Error("Amount has no precision, want the describe's precision")
	}

	if _, err := o.client.Object(ctx, "Opportunity"); err != nil {
		t.Fatal(err)
	}
	if got := o.transport.notModified.Load(); got != 1 {
		t.Errorf("304 responses = %d, want 1", got)
	}
}

func TestClient_Object_unknown(t *testing.T) {
	o := newOrg(t)
	_, err := o.client.Object(context.Background(), "NoSuchThing__c")
	if err == nil {
		t.Fatal("describe of an unknown object succeeded")
	}
}
