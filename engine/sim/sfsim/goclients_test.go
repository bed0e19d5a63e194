package sfsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	gosf "github.com/k-capehart/go-salesforce/v3"
	"github.com/simpleforce/simpleforce"
)

// The two third-party Go clients below run the same steps as the jsforce
// script, within what each client offers, against an in-process simulator.

const clientPageRows = 450

func TestGoSalesforce_Script(t *testing.T) {
	s := mustServer(t, Options{Seed: 4, MaxQueryBatchSize: 200})
	tok := mustLogin(t, s, s.LoginURL())
	// go-salesforce strips its default version (v63.0) from nextRecordsUrl, so
	// the test keeps that version; the simulator echoes the request's version.
	sf, err := gosf.Init(gosf.Creds{Domain: tok.InstanceURL, AccessToken: tok.AccessToken})
	if err != nil {
		t.Fatalf("Init: %v", err)
	}

	t.Run("describe", func(t *testing.T) {
		resp, err := sf.DoRequest(http.MethodGet, "/sobjects/Opportunity/describe", nil)
		if err != nil {
			t.Fatalf("describe: %v", err)
		}
		defer resp.Body.Close()
		var d struct {
			Name   string
			Fields []struct{ Name, Type string }
		}
		if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
			t.Fatalf("decode describe: %v", err)
		}
		if d.Name != "Opportunity" || len(d.Fields) < 30 {
			t.Errorf("describe = %s with %d fields", d.Name, len(d.Fields))
		}
	})

	t.Run("query paged over three batches", func(t *testing.T) {
		recs := make([]map[string]any, clientPageRows)
		for i := range recs {
			recs[i] = map[string]any{"Name": fmt.Sprintf("GoSF Page %03d", i)}
		}
		results, err := sf.InsertCollection("Account", recs, 200)
		if err != nil {
			t.Fatalf("InsertCollection: %v", err)
		}
		if len(results.Results) != clientPageRows || results.HasSalesforceErrors {
			t.Fatalf("InsertCollection results: %d, errors %v", len(results.Results), results.HasSalesforceErrors)
		}
		before := s.APICalls()
		var rows []struct{ Id, Name string }
		if err := sf.Query("SELECT Id, Name FROM Account WHERE Name LIKE 'GoSF Page%' ORDER BY Name", &rows); err != nil {
			t.Fatalf("Query: %v", err)
		}
		if len(rows) != clientPageRows || rows[0].Name != "GoSF Page 000" || rows[len(rows)-1].Name != "GoSF Page 449" {
			t.Fatalf("query returned %d rows", len(rows))
		}
		if calls := s.APICalls() - before; calls != 3 {
			t.Errorf("query took %d API calls, want 3 batches", calls)
		}
	})

	t.Run("single record CRUD and upsert", func(t *testing.T) {
		res, err := sf.InsertOne("Account", map[string]any{"Name": "GoSF One"})
		if err != nil || !res.Success {
			t.Fatalf("InsertOne: %v %+v", err, res)
		}
		if err := sf.UpdateOne("Account", map[string]any{"Id": res.Id, "Name": "GoSF One Updated"}); err != nil {
			t.Fatalf("UpdateOne: %v", err)
		}
		got, ok := s.Get("Account", res.Id)
		if !ok || got["Name"] != "GoSF One Updated" {
			t.Errorf("after update: %v", got["Name"])
		}
		up, err := sf.UpsertOne("Product2", "ExternalId", map[string]any{"ExternalId": "GOSF-1", "Name": "GoSF Product"})
		if err != nil || !up.Success {
			t.Fatalf("UpsertOne create: %v %+v", err, up)
		}
		up2, err := sf.UpsertOne("Product2", "ExternalId", map[string]any{"ExternalId": "GOSF-1", "Name": "GoSF Product 2"})
		if err != nil || up2.Id != up.Id {
			t.Fatalf("UpsertOne update: %v %+v, want id %s", err, up2, up.Id)
		}
		if err := sf.DeleteOne("Account", map[string]any{"Id": res.Id}); err != nil {
			t.Fatalf("DeleteOne: %v", err)
		}
		if _, ok := s.Get("Account", res.Id); ok {
			t.Error("record still live after DeleteOne")
		}
	})

	t.Run("collections update upsert delete", func(t *testing.T) {
		ins, err := sf.InsertCollection("Account", []map[string]any{{"Name": "GoSF A"}, {"Name": "GoSF B"}}, 200)
		if err != nil {
			t.Fatalf("InsertCollection: %v", err)
		}
		var upd []map[string]any
		for i, r := range ins.Results {
			upd = append(upd, map[string]any{"Id": r.Id, "Name": fmt.Sprintf("GoSF U%d", i)})
		}
		if _, err := sf.UpdateCollection("Account", upd, 200); err != nil {
			t.Fatalf("UpdateCollection: %v", err)
		}
		ups, err := sf.UpsertCollection("Product2", "ExternalId", []map[string]any{{"ExternalId": "GOSF-1", "Name": "GoSF P1"}, {"ExternalId": "GOSF-2", "Name": "GoSF P2"}}, 200)
		if err != nil || len(ups.Results) != 2 {
			t.Fatalf("UpsertCollection: %v %+v", err, ups)
		}
		if ups.Results[0].Id != "" && ups.Results[1].Id == ups.Results[0].Id {
			t.Errorf("upsert gave both records id %s", ups.Results[0].Id)
		}
		products := 0
		for _, p := range s.All("Product2") {
			if p["ExternalId"] == "GOSF-1" || p["ExternalId"] == "GOSF-2" {
				products++
			}
		}
		if products != 2 {
			t.Errorf("%d products with GOSF ids, want 2 (one updated, one created)", products)
		}
		if _, err := sf.DeleteCollection("Account", upd, 200); err != nil {
			t.Fatalf("DeleteCollection: %v", err)
		}
		for _, r := range upd {
			if _, ok := s.Get("Account", r["Id"].(string)); ok {
				t.Errorf("account %v still live", r["Id"])
			}
		}
	})

	t.Run("error answer", func(t *testing.T) {
		_, err := sf.InsertOne("Opportunity", map[string]any{"Name": "GoSF no stage"})
		if err == nil || !strings.Contains(err.Error(), "REQUIRED_FIELD_MISSING") {
			t.Errorf("InsertOne without required fields: %v", err)
		}
	})
}

func TestSimpleforce_Script(t *testing.T) {
	s := mustServer(t, Options{Seed: 5, MaxQueryBatchSize: 200})
	tok := mustLogin(t, s, s.LoginURL())
	client := simpleforce.NewClient(tok.InstanceURL, DefaultClientID, "59.0")
	client.SetSidLoc(tok.AccessToken, tok.InstanceURL)

	t.Run("describe", func(t *testing.T) {
		meta := client.SObject("Account").Describe()
		if meta == nil {
			t.Fatal("Describe returned nil")
		}
		if (*meta)["keyPrefix"] != "001" {
			t.Errorf("keyPrefix = %v", (*meta)["keyPrefix"])
		}
	})

	t.Run("query paged over three batches", func(t *testing.T) {
		for i := 0; i < clientPageRows; i++ {
			if client.SObject("Account").Set("Name", fmt.Sprintf("SF Page %03d", i)).Create() == nil {
				t.Fatalf("Create %d failed", i)
			}
		}
		res, err := client.Query("SELECT Id, Name FROM Account WHERE Name LIKE 'SF Page%' ORDER BY Name")
		if err != nil {
			t.Fatalf("Query: %v", err)
		}
		pages := []int{len(res.Records)}
		total := res.TotalSize
		var last string
		for !res.Done {
			if res, err = client.Query(res.NextRecordsURL); err != nil {
				t.Fatalf("Query next page: %v", err)
			}
			pages = append(pages, len(res.Records))
			last = res.Records[len(res.Records)-1].StringField("Name")
		}
		if total != clientPageRows || fmt.Sprint(pages) != "[200 200 50]" || last != "SF Page 449" {
			t.Errorf("total %d, pages %v, last %q", total, pages, last)
		}
	})

	t.Run("single record CRUD and upsert", func(t *testing.T) {
		obj := client.SObject("Account").Set("Name", "SF One").Create()
		if obj == nil || obj.ID() == "" {
			t.Fatal("Create failed")
		}
		if obj.Set("Name", "SF One Updated").Update() == nil {
			t.Fatal("Update failed")
		}
		got := client.SObject("Account").Get(obj.ID())
		if got == nil || got.StringField("Name") != "SF One Updated" {
			t.Fatalf("Get after update = %v", got)
		}
		up := client.SObject("Product2").Set("ExternalIDField", "ExternalId").Set("ExternalId", "SF-EXT-1").Set("Name", "SF Product").Upsert()
		if up == nil {
			t.Fatal("Upsert failed")
		}
		if err := client.SObject("Account").Set("Id", obj.ID()).Delete(); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		if _, ok := s.Get("Account", obj.ID()); ok {
			t.Error("record still live after Delete")
		}
		found := false
		for _, p := range s.All("Product2") {
			found = found || p["ExternalId"] == "SF-EXT-1"
		}
		if !found {
			t.Error("upserted product not stored")
		}
	})

	t.Run("collections through a raw request", func(t *testing.T) {
		body := `{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"Name":"SF C1"},{"attributes":{"type":"Account"}}]}`
		out, err := client.ApexREST(http.MethodPost, "services/data/v59.0/composite/sobjects", strings.NewReader(body))
		if err != nil {
			t.Fatalf("collections create: %v", err)
		}
		var results []struct {
			Success bool
			Errors  []struct{ StatusCode string }
		}
		if err := json.Unmarshal(out, &results); err != nil {
			t.Fatalf("decode %s: %v", out, err)
		}
		if len(results) != 2 || !results[0].Success || results[1].Success || results[1].Errors[0].StatusCode != "REQUIRED_FIELD_MISSING" {
			t.Errorf("results = %s", out)
		}
	})

	t.Run("error answer", func(t *testing.T) {
		if got := client.SObject("Account").Get("001000000000000AAA"); got != nil {
			t.Errorf("Get of a missing record = %v, want nil", got)
		}
	})
}
