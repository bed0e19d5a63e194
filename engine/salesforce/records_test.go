package salesforce_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestClient_CRUD(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()

	id, err := o.client.Create(ctx, "Account", salesforce.Fields{
		"Name": "Acme", "Phone": "555-0100", "Description": "first", "Id": "ignored", "attributes": "ignored",
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if len(id) != 18 || salesforce.KeyPrefix(id) != "001" {
		t.Fatalf("id = %q, want an 18-character Account id", id)
	}

	rec, err := o.client.Get(ctx, "Account", id, "Name", "Phone", "Description")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if name, _ := rec.String("Name"); name != "Acme" {
		t.Errorf("Name = %q, want Acme", name)
	}

	// Description is cleared by an explicit null; Phone is absent and kept.
	if err := o.client.Update(ctx, "Account", id, salesforce.Fields{"Name": "Acme Corp", "Description": nil}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	rec, err = o.client.Get(ctx, "Account", id)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		field string
		want  any
	}{
		{"Name", "Acme Corp"},
		{"Phone", "555-0100"},
		{"Description", nil},
	}
	for _, c := range checks {
		got, ok := rec.Get(c.field)
		if !ok {
			t.Errorf("%s missing from the record", c.field)
			continue
		}
		if got != c.want {
			t.Errorf("%s = %v, want %v", c.field, got, c.want)
		}
	}

	if err := o.client.Delete(ctx, "Account", id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, err = o.client.Get(ctx, "Account", id)
	var se *salesforce.Error
	if !errors.As(err, &se) || se.Status != http.StatusNotFound {
		t.Fatalf("Get after delete: err = %v, want HTTP 404", err)
	}
	if se.Op != "get" || se.Object != "Account" || se.RecordID != id {
		t.Errorf("error carries op %q object %q id %q", se.Op, se.Object, se.RecordID)
	}
	if err := o.client.Delete(ctx, "Account", id); err == nil {
		t.Error("second Delete succeeded")
	}
}

func TestClient_Create_errors(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		object string
		fields salesforce.Fields
		code   string
	}{
		{"required field missing", "Account", salesforce.Fields{"Phone": "1"}, "REQUIRED_FIELD_MISSING"},
		{"string too long", "Account", salesforce.Fields{"Name": string(make([]byte, 300))}, "STRING_TOO_LONG"},
		{"read-only field", "Opportunity", salesforce.Fields{"Name": "x", "StageName": "Prospecting",
			"CloseDate": salesforce.Date{Year: 2025, Month: 4, Day: 1}, "IsWon": true}, "INVALID_FIELD_FOR_INSERT_UPDATE"},
		{"unknown field", "Account", salesforce.Fields{"Name": "x", "Nope__c": 1}, "INVALID_FIELD"},
		{"bad reference", "Opportunity", salesforce.Fields{"Name": "x", "StageName": "Prospecting",
			"CloseDate": salesforce.Date{Year: 2025, Month: 4, Day: 1}, "AccountId": "001000000000000AAA"}, "INVALID_CROSS_REFERENCE_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(o.sim.All(tt.object))
			_, err := o.client.Create(ctx, tt.object, tt.fields)
			if !salesforce.HasCode(err, tt.code) {
				t.Fatalf("err = %v, want %s", err, tt.code)
			}
			if salesforce.ClassOf(err) != salesforce.Permanent {
				t.Errorf("class = %v, want permanent", salesforce.ClassOf(err))
			}
			if got := len(o.sim.All(tt.object)) - before; got != 0 {
				t.Errorf("%d records created by a failed create", got)
			}
		})
	}
}

func TestClient_values(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	close := salesforce.Date{Year: 2025, Month: time.December, Day: 31}
	id, err := o.client.Create(ctx, "Opportunity", salesforce.Fields{
		"Name": "Values", "StageName": "Prospecting", "CloseDate": close, "Amount": 1234.5,
	})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := o.client.Get(ctx, "Opportunity", id)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := rec.Date("CloseDate"); !ok || got != close {
		t.Errorf("CloseDate = %v, want %v", got, close)
	}
	if got, ok := rec.Float("Amount"); !ok || got != 1234.5 {
		t.Errorf("Amount = %v, want 1234.5", got)
	}
	stamp, ok := rec.DateTime("SystemModstamp")
	if !ok || !stamp.Equal(o.clock.Now()) {
		t.Errorf("SystemModstamp = %v, want the simulator clock %v", stamp, o.clock.Now())
	}
	raw, _ := rec.String("SystemModstamp")
	if got, err := salesforce.ParseDateTime(raw); err != nil || salesforce.FormatDateTime(got) != raw {
		t.Errorf("SystemModstamp %q does not round-trip through the +0000 form", raw)
	}

	zones, err := o.client.QueryRecords(ctx, "SELECT Id FROM Community LIMIT 1", salesforce.QueryOptions{})
	if err != nil || len(zones) != 1 {
		t.Fatalf("find an Ideas zone: %v (%d found)", err, len(zones))
	}
	zone := zones[0].ID()
	idea, err := o.client.Create(ctx, "Idea", salesforce.Fields{
		"Title": "Sets", "CommunityId": zone, "Categories": salesforce.MultiPicklist{"Service", "Product"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := o.client.Get(ctx, "Idea", idea, "Categories")
	if err != nil {
		t.Fatal(err)
	}
	cats, _ := got.MultiPicklist("Categories")
	if !cats.Equal(salesforce.MultiPicklist{"Product", "Service"}) {
		t.Errorf("Categories = %v, want the set {Product, Service}", cats)
	}
}

func TestClient_Upsert(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()

	res, err := o.client.Upsert(ctx, "Product2", "ExternalId", "CZ-1", salesforce.Fields{"Name": "Widget", "ExternalId": "ignored"})
	if err != nil {
		t.Fatalf("first upsert: %v", err)
	}
	if !res.Created || res.ID == "" {
		t.Errorf("first upsert = %+v, want created with an id", res)
	}
	again, err := o.client.Upsert(ctx, "Product2", "ExternalId", "CZ-1", salesforce.Fields{"Name": "Widget 2"})
	if err != nil {
		t.Fatalf("second upsert: %v", err)
	}
	if again.Created {
		t.Errorf("second upsert = %+v, want an update", again)
	}
	if again.ID != "" && again.ID != res.ID {
		t.Errorf("second upsert id = %s, want %s", again.ID, res.ID)
	}
	rec, err := o.client.Get(ctx, "Product2", res.ID, "Name", "ExternalId")
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := rec.String("Name"); name != "Widget 2" {
		t.Errorf("Name = %q, want Widget 2", name)
	}
	if ext, _ := rec.String("ExternalId"); ext != "CZ-1" {
		t.Errorf("ExternalId = %q, want CZ-1", ext)
	}

	for _, value := range []string{"a b", "50%d+x", "https://cz.example/p/1"} {
		t.Run("value "+value, func(t *testing.T) {
			first, err := o.client.Upsert(ctx, "Product2", "ExternalId", value, salesforce.Fields{"Name": "Odd key"})
			if err != nil {
				t.Fatal(err)
			}
			if !first.Created {
				t.Errorf("first upsert = %+v, want created", first)
			}
			second, err := o.client.Upsert(ctx, "Product2", "ExternalId", value, salesforce.Fields{"Name": "Odd key 2"})
			if err != nil {
				t.Fatal(err)
			}
			if second.Created {
				t.Errorf("second upsert = %+v, want an update", second)
			}
			rec, err := o.client.Get(ctx, "Product2", first.ID, "ExternalId", "Name")
			if err != nil {
				t.Fatal(err)
			}
			if ext, _ := rec.String("ExternalId"); ext != value {
				t.Errorf("ExternalId = %q, want %q", ext, value)
			}
			if name, _ := rec.String("Name"); name != "Odd key 2" {
				t.Errorf("Name = %q, want Odd key 2", name)
			}
		})
	}

	t.Run("several matches", func(t *testing.T) {
		mustInsert(t, o.sim, "Product2", map[string]any{"Name": "Dup A", "ExternalId": "DUP"})
		mustInsert(t, o.sim, "Product2", map[string]any{"Name": "Dup B", "ExternalId": "DUP"})
		_, err := o.client.Upsert(ctx, "Product2", "ExternalId", "DUP", salesforce.Fields{"Name": "Dup C"})
		if !errors.Is(err, salesforce.ErrMultipleMatches) {
			t.Fatalf("err = %v, want ErrMultipleMatches", err)
		}
		var mm *salesforce.MultipleMatchesError
		if errors.As(err, &mm) && len(mm.URLs) != 2 {
			t.Errorf("matches = %v, want 2", mm.URLs)
		}
	})

	t.Run("field not an external id", func(t *testing.T) {
		_, err := o.client.Upsert(ctx, "Product2", "Description", "x", salesforce.Fields{"Name": "No"})
		if err == nil {
			t.Fatal("upsert by a non-external-id field succeeded")
		}
	})
}
