package salesforce_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/salesforce/api"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestClient_CustomSchema(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	want := []salesforce.ObjectFields{
		{Object: "Clarizen_Project__c", Fields: []string{"Liaison_Key__c", "Opportunity__c"}},
		{Object: "Opportunity", Fields: []string{"Name", "Clarizen_Link__c"}},
	}

	gaps, err := o.client.CheckSchema(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 2 || !gaps[0].ObjectMissing || gaps[1].ObjectMissing ||
		len(gaps[1].Fields) != 1 || gaps[1].Fields[0] != "Clarizen_Link__c" {
		t.Fatalf("gaps = %+v, want the missing object and Opportunity.Clarizen_Link__c", gaps)
	}

	if _, err := o.client.CreateCustomObject(ctx, api.CustomObjectInput{
		FullName: "Clarizen_Project__c",
		Metadata: api.CustomObjectMetadata{Label: "Clarizen Project", PluralLabel: "Clarizen Projects",
			NameField: api.NameField{Type: "Text", Label: "Project Name"}, DeploymentStatus: "Deployed",
			SharingModel: "ReadWrite", EnableFeeds: true},
	}); err != nil {
		t.Fatalf("create object: %v", err)
	}
	fields := []api.CustomFieldInput{
		{FullName: "Clarizen_Project__c.Liaison_Key__c", Metadata: api.CustomFieldMetadata{
			Label: "Liaison Key", Type: "Text", Length: 80, ExternalID: true, Unique: true}},
		{FullName: "Clarizen_Project__c.Opportunity__c", Metadata: api.CustomFieldMetadata{
			Label: "Opportunity", Type: "Lookup", ReferenceTo: "Opportunity", RelationshipName: "Opportunity",
			RelationshipLabel: "Clarizen Projects", DeleteConstraint: "SetNull"}},
		{FullName: "Opportunity.Clarizen_Link__c", Metadata: api.CustomFieldMetadata{
			Label: "Clarizen Link", Type: "Url"}},
	}
	for _, f := range fields {
		if _, err := o.client.CreateCustomField(ctx, f); err != nil {
			t.Fatalf("create field %s: %v", f.FullName, err)
		}
	}

	// No clock step: the describe cache must not hide the new schema.
	gaps, err = o.client.CheckSchema(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 0 {
		t.Errorf("gaps after creating = %+v, want none", gaps)
	}
	obj, err := o.client.Object(ctx, "Clarizen_Project__c")
	if err != nil {
		t.Fatal(err)
	}
	if !obj.Custom || !obj.FeedEnabled {
		t.Errorf("object Custom=%v FeedEnabled=%v, want both true", obj.Custom, obj.FeedEnabled)
	}
	key, _ := obj.Field("Liaison_Key__c")
	if !key.ExternalID || key.Kind != schema.KindString || key.Length != 80 {
		t.Errorf("Liaison_Key__c = %+v, want an 80-character external id text field", key)
	}
	opp, _ := obj.Field("Opportunity__c")
	if opp.Kind != schema.KindReference || len(opp.ReferenceTo) != 1 || opp.ReferenceTo[0] != "Opportunity" {
		t.Errorf("Opportunity__c = %+v, want a reference to Opportunity", opp)
	}

	t.Run("upsert into the new object", func(t *testing.T) {
		o.clock.Advance(time.Second)
		res, err := o.client.Upsert(ctx, "Clarizen_Project__c", "Liaison_Key__c", "CZ-P-1", salesforce.Fields{"Name": "Rollout"})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Created {
			t.Errorf("upsert = %+v, want created", res)
		}
	})

	t.Run("create again", func(t *testing.T) {
		_, err := o.client.CreateCustomObject(ctx, api.CustomObjectInput{FullName: "Clarizen_Project__c",
			Metadata: api.CustomObjectMetadata{Label: "X", PluralLabel: "Xs", NameField: api.NameField{Type: "Text", Label: "N"}}})
		if !salesforce.HasCode(err, "DUPLICATE_DEVELOPER_NAME") {
			t.Errorf("err = %v, want DUPLICATE_DEVELOPER_NAME", err)
		}
	})
	t.Run("name without __c", func(t *testing.T) {
		before := o.transport.count("POST", "/tooling/")
		if _, err := o.client.CreateCustomField(ctx, api.CustomFieldInput{FullName: "Account.Plain"}); err == nil {
			t.Error("CreateCustomField accepted a name without __c")
		}
		if o.transport.count("POST", "/tooling/") != before {
			t.Error("a request was sent for an invalid name")
		}
	})
}
