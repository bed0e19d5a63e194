package salesforce_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestClient_CreateMany(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	records := []salesforce.NewRecord{
		{Object: "Account", Fields: salesforce.Fields{"Name": "Good 1"}},
		{Object: "Account", Fields: salesforce.Fields{"Phone": "no name"}},
		{Object: "Contact", Fields: salesforce.Fields{"LastName": "Mixed Types"}},
		{Object: "Account", Fields: salesforce.Fields{"Name": strings.Repeat("x", 256)}},
		{Object: "Account", Fields: salesforce.Fields{"Name": "Good 2"}},
	}
	want := []struct {
		success bool
		code    string
	}{
		{true, ""},
		{false, "REQUIRED_FIELD_MISSING"},
		{true, ""},
		{false, "STRING_TOO_LONG"},
		{true, ""},
	}
	results, err := o.client.CreateMany(ctx, records)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(records) {
		t.Fatalf("got %d results for %d records", len(results), len(records))
	}
	for i, w := range want {
		r := results[i]
		if r.Success != w.success {
			t.Errorf("record %d: Success = %v, want %v (err %v)", i, r.Success, w.success, r.Err)
			continue
		}
		if w.success {
			if r.ID == "" || r.Err != nil {
				t.Errorf("record %d: id %q err %v, want an id and no error", i, r.ID, r.Err)
			}
			continue
		}
		if r.Err == nil || r.Err.Code != w.code {
			t.Errorf("record %d: err %v, want %s", i, r.Err, w.code)
		} else if r.Err.Object != records[i].Object || r.Err.Op != "create" {
			t.Errorf("record %d: error carries op %q object %q", i, r.Err.Op, r.Err.Object)
		}
	}
	if got, _ := o.sim.Get("Contact", results[2].ID); got["LastName"] != "Mixed Types" {
		t.Errorf("the Contact result id does not point at the Contact: %v", got)
	}
}

func TestClient_CreateMany_chunks(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	records := make([]salesforce.NewRecord, 450)
	for i := range records {
		records[i] = salesforce.NewRecord{Object: "Account", Fields: salesforce.Fields{"Name": fmt.Sprintf("Bulk %03d", i)}}
	}
	results, err := o.client.CreateMany(ctx, records)
	if err != nil {
		t.Fatal(err)
	}
	if got := o.transport.count("POST", "/composite/sobjects"); got != 3 {
		t.Errorf("collection calls = %d, want 3", got)
	}
	for i, r := range results {
		got, ok := o.sim.Get("Account", r.ID)
		if !ok || got["Name"] != fmt.Sprintf("Bulk %03d", i) {
			t.Fatalf("result %d (%s) is not the record of input %d: %v", i, r.ID, i, got)
		}
	}
}

func TestClient_UpdateMany(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	a := mustInsert(t, o.sim, "Account", map[string]any{"Name": "A", "Phone": "1"})
	b := mustInsert(t, o.sim, "Account", map[string]any{"Name": "B"})
	gone := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Gone"})
	if err := o.sim.Delete("Account", gone); err != nil {
		t.Fatal(err)
	}
	results, err := o.client.UpdateMany(ctx, []salesforce.RecordUpdate{
		{Object: "Account", ID: a, Fields: salesforce.Fields{"Phone": nil}},
		{Object: "Account", ID: gone, Fields: salesforce.Fields{"Name": "Back"}},
		{Object: "Account", ID: b, Fields: salesforce.Fields{"Name": "B2"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !results[0].Success || !results[2].Success {
		t.Errorf("results = %+v, want records 0 and 2 updated", results)
	}
	if results[1].Success || results[1].Err == nil || results[1].Err.RecordID != gone {
		t.Errorf("result 1 = %+v, want a failure for %s", results[1], gone)
	}
	if got, _ := o.sim.Get("Account", a); got["Phone"] != nil {
		t.Errorf("Phone = %v, want cleared by null", got["Phone"])
	}
	if got, _ := o.sim.Get("Account", b); got["Name"] != "B2" {
		t.Errorf("Name = %v, want B2", got["Name"])
	}
}

func TestClient_UpsertMany(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	existing := mustInsert(t, o.sim, "Product2", map[string]any{"Name": "Old", "ExternalId": "E-1"})
	results, err := o.client.UpsertMany(ctx, "Product2", "ExternalId", []salesforce.Fields{
		{"ExternalId": "E-1", "Name": "Renamed"},
		{"ExternalId": "E-2", "Name": "New"},
		{"ExternalId": "E-3"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !results[0].Success || results[0].Created || results[0].ID != existing {
		t.Errorf("result 0 = %+v, want an update of %s", results[0], existing)
	}
	if !results[1].Success || !results[1].Created {
		t.Errorf("result 1 = %+v, want created", results[1])
	}
	if results[2].Success || results[2].Err == nil || results[2].Err.Code != "REQUIRED_FIELD_MISSING" {
		t.Errorf("result 2 = %+v, want REQUIRED_FIELD_MISSING", results[2])
	}
	if _, err := o.client.UpsertMany(ctx, "Product2", "ExternalId", []salesforce.Fields{{"Name": "no key"}}); err == nil {
		t.Error("UpsertMany accepted a record without its external id")
	}
}

func TestClient_DeleteMany(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	a := mustInsert(t, o.sim, "Account", map[string]any{"Name": "A"})
	c := mustInsert(t, o.sim, "Contact", map[string]any{"LastName": "C"})
	const missing = "001000000000000AAA"
	results, err := o.client.DeleteMany(ctx, []string{a, missing, c})
	if err != nil {
		t.Fatal(err)
	}
	if !results[0].Success || !results[2].Success {
		t.Errorf("results = %+v, want records 0 and 2 deleted", results)
	}
	if results[1].Success || results[1].Err == nil || results[1].ID != missing {
		t.Errorf("result 1 = %+v, want a failure for %s", results[1], missing)
	}
	if _, ok := o.sim.Get("Account", a); ok {
		t.Error("Account still exists")
	}
}
