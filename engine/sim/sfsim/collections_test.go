package sfsim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

type collectionItem struct {
	ID      *string `json:"id"`
	Success bool    `json:"success"`
	Created *bool   `json:"created"`
	Errors  []struct {
		StatusCode string   `json:"statusCode"`
		Message    string   `json:"message"`
		Fields     []string `json:"fields"`
	} `json:"errors"`
}

func accountRecords(names ...string) []map[string]any {
	var out []map[string]any
	for _, n := range names {
		rec := map[string]any{"attributes": map[string]any{"type": "Account"}}
		if n != "" {
			rec["Name"] = n
		}
		out = append(out, rec)
	}
	return out
}

func TestCollections_Create(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	count := func() int { return len(s.All("Account")) }

	t.Run("partial success with allOrNone false", func(t *testing.T) {
		before := count()
		res := c.do(http.MethodPost, "/composite/sobjects", map[string]any{"allOrNone": false, "records": accountRecords("A", "", "C")})
		var items []collectionItem
		res.decode(t, &items)
		if res.status != http.StatusOK || len(items) != 3 {
			t.Fatalf("status %d %s", res.status, res.body)
		}
		if !items[0].Success || items[1].Success || !items[2].Success || items[1].ID != nil {
			t.Errorf("items %s", res.body)
		}
		if items[1].Errors[0].StatusCode != "REQUIRED_FIELD_MISSING" || items[1].Errors[0].Fields[0] != "Name" {
			t.Errorf("error item %+v", items[1].Errors)
		}
		if !strings.Contains(string(res.body), `"statusCode"`) || strings.Contains(string(res.body), `"errorCode"`) {
			t.Errorf("collection errors must use statusCode: %s", res.body)
		}
		if got := count() - before; got != 2 {
			t.Errorf("%d accounts stored, want 2", got)
		}
	})
	t.Run("rollback with allOrNone true", func(t *testing.T) {
		before := count()
		res := c.do(http.MethodPost, "/composite/sobjects", map[string]any{"allOrNone": true, "records": accountRecords("A", "", "C")})
		var items []collectionItem
		res.decode(t, &items)
		if count() != before {
			t.Errorf("%d accounts stored after rollback", count()-before)
		}
		for _, i := range []int{0, 2} {
			if items[i].Success || items[i].Errors[0].StatusCode != "ALL_OR_NONE_OPERATION_ROLLED_BACK" {
				t.Errorf("item %d %+v", i, items[i])
			}
		}
		if items[1].Errors[0].StatusCode != "REQUIRED_FIELD_MISSING" {
			t.Errorf("failing item %+v", items[1])
		}
	})
	t.Run("more than 200 records", func(t *testing.T) {
		var names []string
		for i := 0; i < 201; i++ {
			names = append(names, fmt.Sprint("N", i))
		}
		res := c.do(http.MethodPost, "/composite/sobjects", map[string]any{"records": accountRecords(names...)})
		if res.status != http.StatusBadRequest || errorCode(t, res) != "EXCEEDED_ID_LIMIT" {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
}

func TestCollections_UpdateDeleteRetrieve(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	a, _ := s.Insert("Account", map[string]any{"Name": "A"})
	b, _ := s.Insert("Account", map[string]any{"Name": "B"})

	t.Run("update with lower-case id and allOrNone rollback", func(t *testing.T) {
		body := map[string]any{"allOrNone": true, "records": []map[string]any{
			{"attributes": map[string]any{"type": "Account"}, "id": a, "Name": "A2"},
			{"attributes": map[string]any{"type": "Account"}, "Id": b, "Name": strings.Repeat("x", 300)},
		}}
		var items []collectionItem
		c.do(http.MethodPatch, "/composite/sobjects", body).decode(t, &items)
		got, _ := s.Get("Account", a)
		if got["Name"] != "A" || items[0].Errors[0].StatusCode != "ALL_OR_NONE_OPERATION_ROLLED_BACK" || items[1].Errors[0].StatusCode != "STRING_TOO_LONG" {
			t.Errorf("name %v items %+v", got["Name"], items)
		}
		body["allOrNone"] = false
		c.do(http.MethodPatch, "/composite/sobjects", body).decode(t, &items)
		got, _ = s.Get("Account", a)
		if got["Name"] != "A2" || !items[0].Success || items[1].Success || *items[0].ID != a {
			t.Errorf("name %v items %+v", got["Name"], items)
		}
	})
	t.Run("retrieve", func(t *testing.T) {
		var recs []map[string]any
		c.do(http.MethodPost, "/composite/sobjects/Account", map[string]any{"ids": []string{a, "001000000000000AAA", b}, "fields": []string{"Id", "Name"}}).decode(t, &recs)
		if len(recs) != 3 || recs[0]["Name"] != "A2" || recs[1] != nil || recs[2]["Name"] != "B" {
			t.Errorf("retrieve %v", recs)
		}
	})
	t.Run("delete", func(t *testing.T) {
		var items []collectionItem
		c.do(http.MethodDelete, "/composite/sobjects?ids="+a+","+b+",001000000000000AAA&allOrNone=false", nil).decode(t, &items)
		if len(items) != 3 || !items[0].Success || !items[1].Success || items[2].Success {
			t.Errorf("items %+v", items)
		}
		if len(s.All("Account")) != 0 {
			t.Errorf("%d accounts left", len(s.All("Account")))
		}
	})
}

func TestCollections_Upsert(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	if _, err := s.Insert("Product2", map[string]any{"Name": "Old", "ExternalId": "K1"}); err != nil {
		t.Fatal(err)
	}
	var items []collectionItem
	res := c.do(http.MethodPatch, "/composite/sobjects/Product2/ExternalId", map[string]any{"allOrNone": false, "records": []map[string]any{
		{"attributes": map[string]any{"type": "Product2"}, "ExternalId": "K1", "Name": "New"},
		{"attributes": map[string]any{"type": "Product2"}, "ExternalId": "K2", "Name": "Other"},
		{"attributes": map[string]any{"type": "Product2"}, "ExternalId": "K3"},
	}})
	res.decode(t, &items)
	if len(items) != 3 || *items[0].Created || !*items[1].Created || items[2].Success {
		t.Fatalf("items %s", res.body)
	}
	if items[2].Errors[0].StatusCode != "REQUIRED_FIELD_MISSING" {
		t.Errorf("failed item %+v", items[2])
	}
	if len(s.All("Product2")) != 2 {
		t.Errorf("%d products, want 2", len(s.All("Product2")))
	}
}

func TestComposite_References(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	type sub = map[string]any
	t.Run("chained creates with references", func(t *testing.T) {
		body := map[string]any{"allOrNone": true, "compositeRequest": []sub{
			{"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "acct", "body": sub{"Name": "Composite"}},
			{"method": "POST", "url": "/services/data/v59.0/sobjects/Opportunity", "referenceId": "opp",
				"body": sub{"Name": "Composite Opp", "AccountId": "@{acct.id}", "StageName": "Prospecting", "CloseDate": "2025-02-01"}},
			{"method": "GET", "url": "/services/data/v59.0/sobjects/Opportunity/@{opp.id}?fields=AccountId", "referenceId": "read"},
		}}
		var out struct {
			CompositeResponse []struct {
				Body           any    `json:"body"`
				HTTPStatusCode int    `json:"httpStatusCode"`
				ReferenceID    string `json:"referenceId"`
			} `json:"compositeResponse"`
		}
		res := c.do(http.MethodPost, "/composite", body)
		res.decode(t, &out)
		if res.status != http.StatusOK || len(out.CompositeResponse) != 3 {
			t.Fatalf("%d %s", res.status, res.body)
		}
		acctID := out.CompositeResponse[0].Body.(map[string]any)["id"]
		read := out.CompositeResponse[2].Body.(map[string]any)
		if out.CompositeResponse[1].HTTPStatusCode != http.StatusCreated || read["AccountId"] != acctID {
			t.Errorf("responses %s", res.body)
		}
	})
	t.Run("allOrNone rolls back earlier subrequests", func(t *testing.T) {
		before := len(s.All("Account"))
		body := map[string]any{"allOrNone": true, "compositeRequest": []sub{
			{"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "ok", "body": sub{"Name": "Rolled back"}},
			{"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "bad", "body": sub{"Name": nil}},
			{"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "later", "body": sub{"Name": "Never"}},
		}}
		var out struct {
			CompositeResponse []struct {
				Body           []apiError `json:"body"`
				HTTPStatusCode int        `json:"httpStatusCode"`
			} `json:"compositeResponse"`
		}
		c.do(http.MethodPost, "/composite", body).decode(t, &out)
		if len(s.All("Account")) != before {
			t.Errorf("accounts stored despite rollback")
		}
		codes := []string{out.CompositeResponse[0].Body[0].ErrorCode, out.CompositeResponse[1].Body[0].ErrorCode, out.CompositeResponse[2].Body[0].ErrorCode}
		if fmt.Sprint(codes) != "[PROCESSING_HALTED REQUIRED_FIELD_MISSING PROCESSING_HALTED]" {
			t.Errorf("codes %v", codes)
		}
	})
	t.Run("more than 25 subrequests", func(t *testing.T) {
		var subs []sub
		for i := 0; i < 26; i++ {
			subs = append(subs, sub{"method": "GET", "url": "/services/data/v59.0/limits", "referenceId": fmt.Sprint("r", i)})
		}
		res := c.do(http.MethodPost, "/composite", map[string]any{"compositeRequest": subs})
		if res.status != http.StatusBadRequest {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
	t.Run("counts as one API call", func(t *testing.T) {
		before := s.APICalls()
		c.do(http.MethodPost, "/composite", map[string]any{"compositeRequest": []sub{
			{"method": "GET", "url": "/services/data/v59.0/limits", "referenceId": "a"},
			{"method": "GET", "url": "/services/data/v59.0/limits", "referenceId": "b"},
		}})
		if got := s.APICalls() - before; got != 1 {
			t.Errorf("%d API calls counted", got)
		}
	})
	t.Run("batch halts on error", func(t *testing.T) {
		var out struct {
			HasErrors bool `json:"hasErrors"`
			Results   []struct {
				StatusCode int `json:"statusCode"`
			} `json:"results"`
		}
		c.do(http.MethodPost, "/composite/batch", map[string]any{"haltOnError": true, "batchRequests": []sub{
			{"method": "GET", "url": "v59.0/sobjects/Account/001000000000000AAA"},
			{"method": "GET", "url": "v59.0/limits"},
		}}).decode(t, &out)
		if !out.HasErrors || out.Results[0].StatusCode != http.StatusNotFound || out.Results[1].StatusCode != http.StatusPreconditionFailed {
			t.Errorf("batch %+v", out)
		}
	})
}
