package sfsim

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFaults_Injection(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)

	t.Run("unavailable for two calls", func(t *testing.T) {
		s.Faults().Unavailable(2)
		defer s.Faults().Clear()
		var statuses []int
		for i := 0; i < 3; i++ {
			statuses = append(statuses, c.do(http.MethodGet, "/limits", nil).status)
		}
		if statuses[0] != 503 || statuses[1] != 503 || statuses[2] != 200 {
			t.Errorf("statuses %v", statuses)
		}
		if s.Faults().Fired(FaultUnavailable) != 2 {
			t.Errorf("fired %d", s.Faults().Fired(FaultUnavailable))
		}
	})
	t.Run("lock row on a single write", func(t *testing.T) {
		s.Faults().Add(Fault{Kind: FaultLockRow, Match: "POST /sobjects/Account", Times: 1})
		defer s.Faults().Clear()
		res := c.do(http.MethodPost, "/sobjects/Account", map[string]any{"Name": "Locked"})
		if res.status != http.StatusBadRequest || errorCode(t, res) != "UNABLE_TO_LOCK_ROW" {
			t.Errorf("got %d %s", res.status, res.body)
		}
		if res := c.do(http.MethodPost, "/sobjects/Account", map[string]any{"Name": "Locked"}); res.status != http.StatusCreated {
			t.Errorf("retry %d", res.status)
		}
	})
	t.Run("lock row on one collection record", func(t *testing.T) {
		s.Faults().Add(Fault{Kind: FaultLockRow, Match: "POST /composite/sobjects", After: 1, Times: 1})
		defer s.Faults().Clear()
		var items []collectionItem
		c.do(http.MethodPost, "/composite/sobjects", map[string]any{"records": accountRecords("L1", "L2", "L3")}).decode(t, &items)
		if !items[0].Success || items[1].Success || !items[2].Success || items[1].Errors[0].StatusCode != "UNABLE_TO_LOCK_ROW" {
			t.Errorf("items %+v", items)
		}
	})
	t.Run("request limit after n calls", func(t *testing.T) {
		s.Faults().RequestLimitAfter(1)
		defer s.Faults().Clear()
		first := c.do(http.MethodGet, "/limits", nil)
		second := c.do(http.MethodGet, "/limits", nil)
		if first.status != http.StatusOK || second.status != http.StatusForbidden || errorCode(t, second) != "REQUEST_LIMIT_EXCEEDED" {
			t.Errorf("statuses %d %d %s", first.status, second.status, second.body)
		}
	})
	t.Run("concurrent limit", func(t *testing.T) {
		s.Faults().ConcurrentLimit(1)
		defer s.Faults().Clear()
		res := c.do(http.MethodGet, "/limits", nil)
		var errs []apiError
		res.decode(t, &errs)
		if res.status != http.StatusForbidden || !strings.Contains(errs[0].Message, "ConcurrentRequests") {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
	t.Run("session expiry", func(t *testing.T) {
		s.Faults().Add(Fault{Kind: FaultExpireSession, Times: 1})
		defer s.Faults().Clear()
		if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusUnauthorized {
			t.Errorf("got %d", res.status)
		}
		c.token = s.IssueTokens().AccessToken
	})
	t.Run("latency", func(t *testing.T) {
		s.Faults().Add(Fault{Kind: FaultLatency, Delay: time.Millisecond, Times: 1})
		defer s.Faults().Clear()
		if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusOK || s.Faults().Fired(FaultLatency) != 1 {
			t.Errorf("got %d, fired %d", res.status, s.Faults().Fired(FaultLatency))
		}
	})
	t.Run("drop after write applies the write", func(t *testing.T) {
		s.Faults().DropAfterWrite("PATCH /sobjects/Product2/ExternalId", 1)
		defer s.Faults().Clear()
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPatch,
			s.URL()+"/services/data/v59.0/sobjects/Product2/ExternalId/DROP-1", bytes.NewReader([]byte(`{"Name":"Dropped"}`)))
		req.Header.Set("Authorization", "Bearer "+c.token)
		req.Header.Set("Content-Type", "application/json")
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		_, err := client.Do(req)
		if err == nil {
			t.Fatal("the response arrived although the connection should drop")
		}
		matches := 0
		for _, p := range s.All("Product2") {
			if p["ExternalId"] == "DROP-1" {
				matches++
			}
		}
		if matches != 1 {
			t.Fatalf("%d records after the dropped write, want 1", matches)
		}
		retry := c.do(http.MethodPatch, "/sobjects/Product2/ExternalId/DROP-1", map[string]any{"Name": "Dropped"})
		if retry.status != http.StatusOK {
			t.Errorf("retry %d %s", retry.status, retry.body)
		}
		if n := len(s.All("Product2")); n != 1 {
			t.Errorf("%d products after retry, want 1", n)
		}
		if errors.Is(err, context.Canceled) {
			t.Error("unexpected cancel")
		}
	})
}

func TestLimits_Header(t *testing.T) {
	s := mustServer(t, Options{Seed: 1, DailyAPILimit: 5})
	c := newAPIClient(t, s)
	t.Run("usage grows with each call", func(t *testing.T) {
		first := c.do(http.MethodGet, "/limits", nil)
		second := c.do(http.MethodGet, "/sobjects", nil)
		if first.header.Get("Sforce-Limit-Info") != "api-usage=1/5" || second.header.Get("Sforce-Limit-Info") != "api-usage=2/5" {
			t.Errorf("headers %q %q", first.header.Get("Sforce-Limit-Info"), second.header.Get("Sforce-Limit-Info"))
		}
		var l map[string]map[string]int
		first.decode(t, &l)
		if l["DailyApiRequests"]["Max"] != 5 || l["DailyApiRequests"]["Remaining"] != 4 {
			t.Errorf("DailyApiRequests %v", l["DailyApiRequests"])
		}
	})
	t.Run("versions list is free and has no header", func(t *testing.T) {
		res := c.do(http.MethodGet, "/services/data/", nil)
		var versions []map[string]string
		res.decode(t, &versions)
		if res.header.Get("Sforce-Limit-Info") != "" || s.APICalls() != 2 {
			t.Errorf("header %q calls %d", res.header.Get("Sforce-Limit-Info"), s.APICalls())
		}
		last := versions[len(versions)-1]
		if len(versions) < 40 || last["version"] != "64.0" || last["url"] != "/services/data/v64.0" || last["label"] != "Summer '25" {
			t.Errorf("versions end with %v", last)
		}
	})
	t.Run("budget runs out", func(t *testing.T) {
		s.SetAPIUsage(5)
		res := c.do(http.MethodGet, "/limits", nil)
		var errs []apiError
		res.decode(t, &errs)
		if res.status != http.StatusForbidden || errs[0].ErrorCode != "REQUEST_LIMIT_EXCEEDED" || !strings.Contains(errs[0].Message, "TotalRequests") {
			t.Errorf("got %d %s", res.status, res.body)
		}
		if res.header.Get("Sforce-Limit-Info") != "api-usage=5/5" {
			t.Errorf("header %q", res.header.Get("Sforce-Limit-Info"))
		}
	})
}

func TestRouter_Errors(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	cases := []struct {
		name, method, path string
		status             int
		code               string
	}{
		{"unknown resource", http.MethodGet, "/nope", 404, "NOT_FOUND"},
		{"unknown version", http.MethodGet, "/services/data/v19.0/limits", 404, "NOT_FOUND"},
		{"unknown object", http.MethodGet, "/sobjects/Nope__c/describe", 404, "NOT_FOUND"},
		{"method not allowed", http.MethodPut, "/sobjects/Account", 405, "METHOD_NOT_ALLOWED"},
		{"no session", "NOAUTH", "/limits", 401, "INVALID_SESSION_ID"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			cl := c
			if method == "NOAUTH" {
				method = http.MethodGet
				cl = &apiClient{tb: t, base: s.URL(), token: "00Dx!nope"}
			}
			res := cl.do(method, tc.path, nil)
			if res.status != tc.status || errorCode(t, res) != tc.code {
				t.Errorf("got %d %s", res.status, res.body)
			}
		})
	}
}
