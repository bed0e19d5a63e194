package sfsim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestUpsert_ExternalIDEscaping(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	for _, value := range []string{"50%d", "a+b", "x y", "slash-less:colon"} {
		t.Run(value, func(t *testing.T) {
			path := "/sobjects/Product2/ExternalId/" + url.PathEscape(value)
			first := c.do(http.MethodPatch, path, map[string]any{"Name": "P " + value})
			if first.status != http.StatusCreated {
				t.Fatalf("first upsert %d %s", first.status, first.body)
			}
			second := c.do(http.MethodPatch, path, map[string]any{"Name": "P2 " + value})
			if second.status != http.StatusOK {
				t.Fatalf("second upsert %d %s", second.status, second.body)
			}
			var a, b struct {
				ID      string `json:"id"`
				Created bool   `json:"created"`
			}
			first.decode(t, &a)
			second.decode(t, &b)
			if a.ID != b.ID || !a.Created || b.Created {
				t.Errorf("upserts %+v then %+v, want one record", a, b)
			}
			got, _ := s.Get("Product2", a.ID)
			if got["ExternalId"] != value {
				t.Errorf("stored external id %q, want %q", got["ExternalId"], value)
			}
		})
	}
}

func TestRecords_ValidationRules(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	acct, _ := s.Insert("Account", map[string]any{"Name": "Acme"})
	opp, _ := s.Insert("Opportunity", map[string]any{"Name": "O", "StageName": "Prospecting", "CloseDate": "2025-01-01"})
	long := strings.Repeat("x", 256)
	cases := []struct {
		name   string
		object string
		body   map[string]any
		code   string
		field  string
	}{
		{"required field", "Opportunity", map[string]any{"Name": "No stage"}, "REQUIRED_FIELD_MISSING", "CloseDate"},
		{"read-only field", "Account", map[string]any{"Name": "A", "CreatedDate": "2024-01-01T00:00:00Z"}, "INVALID_FIELD_FOR_INSERT_UPDATE", "CreatedDate"},
		{"calculated field", "Opportunity", map[string]any{"Name": "A", "StageName": "Prospecting", "CloseDate": "2025-01-01", "ExpectedRevenue": 5}, "INVALID_FIELD_FOR_INSERT_UPDATE", "ExpectedRevenue"},
		{"string too long", "Account", map[string]any{"Name": long}, "STRING_TOO_LONG", "Name"},
		{"restricted picklist", "Opportunity", map[string]any{"Name": "A", "StageName": "Prospecting", "CloseDate": "2025-01-01", "ForecastCategoryName": "Maybe"}, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "ForecastCategoryName"},
		{"malformed id", "Opportunity", map[string]any{"Name": "A", "StageName": "Prospecting", "CloseDate": "2025-01-01", "AccountId": "nope"}, "MALFORMED_ID", "AccountId"},
		{"missing reference", "Opportunity", map[string]any{"Name": "A", "StageName": "Prospecting", "CloseDate": "2025-01-01", "AccountId": "001" + acct[3:14] + "Z"}, "INVALID_CROSS_REFERENCE_KEY", "AccountId"},
		{"reference of wrong type", "Opportunity", map[string]any{"Name": "A", "StageName": "Prospecting", "CloseDate": "2025-01-01", "AccountId": opp}, "FIELD_INTEGRITY_EXCEPTION", "AccountId"},
		{"unknown field", "Account", map[string]any{"Name": "A", "Nope__c": 1}, "INVALID_FIELD", "Nope__c"},
		{"wrong value type", "Account", map[string]any{"Name": "A", "NumberOfEmployees": "many"}, "INVALID_TYPE_ON_FIELD_IN_RECORD", "NumberOfEmployees"},
		{"bad email", "Contact", map[string]any{"LastName": "L", "Email": "not-an-email"}, "INVALID_EMAIL_ADDRESS", "Email"},
		{"number out of range", "Opportunity", map[string]any{"Name": "A", "StageName": "Prospecting", "CloseDate": "2025-01-01", "Probability": 1000}, "NUMBER_OUTSIDE_VALID_RANGE", "Probability"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.do(http.MethodPost, "/sobjects/"+tc.object, tc.body)
			if res.status != http.StatusBadRequest {
				t.Fatalf("status %d %s", res.status, res.body)
			}
			var errs []apiError
			res.decode(t, &errs)
			if errs[0].ErrorCode != tc.code {
				t.Errorf("errorCode %s (%s), want %s", errs[0].ErrorCode, errs[0].Message, tc.code)
			}
			if len(errs[0].Fields) == 0 || errs[0].Fields[0] != tc.field {
				t.Errorf("fields %v, want [%s]", errs[0].Fields, tc.field)
			}
		})
	}
	t.Run("clearing a required field on update", func(t *testing.T) {
		res := c.do(http.MethodPatch, "/sobjects/Opportunity/"+opp, map[string]any{"StageName": nil})
		if res.status != http.StatusBadRequest || errorCode(t, res) != "REQUIRED_FIELD_MISSING" {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
	t.Run("create-only field on update", func(t *testing.T) {
		res := c.do(http.MethodPatch, "/sobjects/Opportunity/"+opp, map[string]any{"ContactId": nil})
		if res.status != http.StatusBadRequest || errorCode(t, res) != "INVALID_FIELD_FOR_INSERT_UPDATE" {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
}

func TestRecords_IDsAndStamps(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC)
	s := mustServer(t, Options{Seed: 1, Clock: func() time.Time { return now }})
	c := newAPIClient(t, s)
	res := c.do(http.MethodPost, "/sobjects/Account", map[string]any{"Name": "Stamp"})
	var created struct{ ID string }
	res.decode(t, &created)
	id := created.ID
	t.Run("eighteen characters with prefix and checksum", func(t *testing.T) {
		if len(id) != 18 || id[:3] != "001" || idSuffix(id[:15]) != id[15:] {
			t.Errorf("id %q", id)
		}
	})
	t.Run("fifteen-character id accepted", func(t *testing.T) {
		res := c.do(http.MethodGet, "/sobjects/Account/"+id[:15]+"?fields=Id,Name", nil)
		var rec map[string]any
		res.decode(t, &rec)
		if res.status != http.StatusOK || rec["Id"] != id || rec["Name"] != "Stamp" || len(rec) != 3 {
			t.Errorf("GET by 15-char id: %d %v", res.status, rec)
		}
	})
	t.Run("stamps move on update", func(t *testing.T) {
		before, _ := s.Get("Account", id)
		if before["CreatedDate"] != "2025-01-02T03:04:05.000+0000" || before["SystemModstamp"] != before["CreatedDate"] {
			t.Errorf("stamps after create %v %v", before["CreatedDate"], before["SystemModstamp"])
		}
		now = now.Add(90 * time.Second)
		if res := c.do(http.MethodPatch, "/sobjects/Account/"+id, map[string]any{"Name": "Stamp 2"}); res.status != http.StatusNoContent {
			t.Fatalf("update %d", res.status)
		}
		after, _ := s.Get("Account", id)
		if after["CreatedDate"] != before["CreatedDate"] || after["LastModifiedDate"] != "2025-01-02T03:05:35.000+0000" || after["SystemModstamp"] != after["LastModifiedDate"] {
			t.Errorf("stamps after update: created %v modified %v modstamp %v", after["CreatedDate"], after["LastModifiedDate"], after["SystemModstamp"])
		}
	})
	t.Run("delete twice", func(t *testing.T) {
		if res := c.do(http.MethodDelete, "/sobjects/Account/"+id, nil); res.status != http.StatusNoContent {
			t.Fatalf("delete %d", res.status)
		}
		res := c.do(http.MethodDelete, "/sobjects/Account/"+id, nil)
		if res.status != http.StatusNotFound || errorCode(t, res) != "ENTITY_IS_DELETED" {
			t.Errorf("second delete %d %s", res.status, res.body)
		}
	})
	t.Run("dates keep their day", func(t *testing.T) {
		res := c.do(http.MethodPost, "/sobjects/Opportunity", map[string]any{"Name": "D", "StageName": "Prospecting", "CloseDate": "2025-12-31"})
		var o struct{ ID string }
		res.decode(t, &o)
		got, _ := s.Get("Opportunity", o.ID)
		if got["CloseDate"] != "2025-12-31" {
			t.Errorf("CloseDate %v", got["CloseDate"])
		}
	})
}

func TestOpportunity_StageRules(t *testing.T) {
	s := mustServer(t, Options{Seed: 1, Demo: true})
	c := newAPIClient(t, s)
	create := func(body map[string]any) string {
		res := c.do(http.MethodPost, "/sobjects/Opportunity", body)
		if res.status != http.StatusCreated {
			t.Fatalf("create %d %s", res.status, res.body)
		}
		var o struct{ ID string }
		res.decode(t, &o)
		return o.ID
	}
	id := create(map[string]any{"Name": "S", "StageName": "Perception Analysis", "CloseDate": "2025-01-01", "Amount": 1000})
	got, _ := s.Get("Opportunity", id)
	if got["Probability"] != 70.0 || got["ExpectedRevenue"] != 700.0 || got["ForecastCategoryName"] != "Pipeline" || got["IsClosed"] != false {
		t.Errorf("after create: %v %v %v %v", got["Probability"], got["ExpectedRevenue"], got["ForecastCategoryName"], got["IsClosed"])
	}
	c.do(http.MethodPatch, "/sobjects/Opportunity/"+id, map[string]any{"Probability": 55})
	got, _ = s.Get("Opportunity", id)
	if got["Probability"] != 55.0 {
		t.Errorf("explicit probability %v", got["Probability"])
	}
	c.do(http.MethodPatch, "/sobjects/Opportunity/"+id, map[string]any{"StageName": "Closed Won"})
	got, _ = s.Get("Opportunity", id)
	if got["Probability"] != 100.0 || got["IsWon"] != true || got["IsClosed"] != true || got["ForecastCategory"] != "Closed" || got["LastStageChangeDate"] == nil {
		t.Errorf("after stage change: %v %v %v %v", got["Probability"], got["IsWon"], got["ForecastCategory"], got["LastStageChangeDate"])
	}
	explicit := create(map[string]any{"Name": "E", "StageName": "Prospecting", "CloseDate": "2025-01-01", "Probability": 35})
	got, _ = s.Get("Opportunity", explicit)
	if got["Probability"] != 35.0 {
		t.Errorf("explicit probability on create %v", got["Probability"])
	}
	t.Run("line items roll up", func(t *testing.T) {
		entry := s.All("PricebookEntry")[0]
		res := c.do(http.MethodPost, "/sobjects/OpportunityLineItem", map[string]any{"OpportunityId": explicit, "PricebookEntryId": entry["Id"], "Quantity": 3, "UnitPrice": 100})
		if res.status != http.StatusCreated {
			t.Fatalf("line item %d %s", res.status, res.body)
		}
		got, _ := s.Get("Opportunity", explicit)
		if got["Amount"] != 300.0 || got["HasOpportunityLineItem"] != true || got["Pricebook2Id"] != entry["Pricebook2Id"] {
			t.Errorf("opportunity after line item: %v %v %v", got["Amount"], got["HasOpportunityLineItem"], got["Pricebook2Id"])
		}
		res = c.do(http.MethodPost, "/sobjects/OpportunityLineItem", map[string]any{"OpportunityId": explicit, "PricebookEntryId": entry["Id"], "Quantity": 1, "UnitPrice": 1, "TotalPrice": 1})
		if res.status != http.StatusBadRequest || errorCode(t, res) != "FIELD_INTEGRITY_EXCEPTION" {
			t.Errorf("both prices: %d %s", res.status, res.body)
		}
	})
}

func TestUpsert_Outcomes(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	path := "/sobjects/Product2/ExternalId/"
	if res := c.do(http.MethodPatch, path+"U-1", map[string]any{"Name": "U"}); res.status != http.StatusCreated {
		t.Fatalf("create %d", res.status)
	}
	t.Run("update answers 204 before API 46.0", func(t *testing.T) {
		res := c.do(http.MethodPatch, "/services/data/v45.0"+path+"U-1", map[string]any{"Name": "U2"})
		if res.status != http.StatusNoContent || len(res.body) != 0 {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
	t.Run("updateOnly does not insert", func(t *testing.T) {
		res := c.do(http.MethodPatch, path+"U-404?updateOnly=true", map[string]any{"Name": "X"})
		if res.status != http.StatusNotFound {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
	t.Run("several matches answer 300", func(t *testing.T) {
		for i := 0; i < 2; i++ {
			if _, err := s.Insert("Product2", map[string]any{"Name": "Dup", "StockKeepingUnit": "SKU-1"}); err != nil {
				t.Fatal(err)
			}
		}
		res := c.do(http.MethodPatch, "/sobjects/Product2/StockKeepingUnit/SKU-1", map[string]any{"Name": "X"})
		var urls []string
		res.decode(t, &urls)
		if res.status != http.StatusMultipleChoices || len(urls) != 2 || !strings.HasPrefix(urls[0], "/services/data/v59.0/sobjects/Product2/01t") {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
	t.Run("field that is not an external id", func(t *testing.T) {
		res := c.do(http.MethodPatch, "/sobjects/Account/Phone/123", map[string]any{"Name": "X"})
		if res.status != http.StatusNotFound || errorCode(t, res) != "NOT_FOUND" {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
}
