package sfsim

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestControls_HTTP(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	call := func(method, path, body string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, s.URL()+"/__sim/"+path, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	status, body := call(http.MethodPost, "token", "")
	var tok Tokens
	if err := json.Unmarshal(body, &tok); err != nil || status != http.StatusOK || tok.AccessToken == "" {
		t.Fatalf("token %d %s", status, body)
	}
	c := &apiClient{tb: t, base: s.URL(), token: tok.AccessToken}

	t.Run("faults", func(t *testing.T) {
		if status, _ := call(http.MethodPost, "faults", `{"kind":"unavailable","times":1}`); status != http.StatusNoContent {
			t.Fatalf("add fault %d", status)
		}
		if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusServiceUnavailable {
			t.Errorf("faulted call %d", res.status)
		}
		_, body := call(http.MethodGet, "faults", "")
		var fired map[string]int
		_ = json.Unmarshal(body, &fired)
		if fired["unavailable"] != 1 {
			t.Errorf("fired %v", fired)
		}
		call(http.MethodDelete, "faults", "")
	})
	t.Run("records and custom schema", func(t *testing.T) {
		if status, body := call(http.MethodPost, "records/Account", `{"Name":"Via control"}`); status != http.StatusCreated {
			t.Fatalf("insert %d %s", status, body)
		}
		if status, body := call(http.MethodPost, "custom-objects", `{"fullName":"Ctl__c","metadata":{"label":"Ctl","pluralLabel":"Ctls"}}`); status != http.StatusCreated {
			t.Fatalf("custom object %d %s", status, body)
		}
		_, body := call(http.MethodGet, "records/Account", "")
		if !strings.Contains(string(body), "Via control") {
			t.Errorf("records %s", body)
		}
	})
	t.Run("usage, expiry and sandbox refresh", func(t *testing.T) {
		call(http.MethodPost, "api-usage", `{"used":40}`)
		if s.APICalls() != 40 {
			t.Errorf("api calls %d", s.APICalls())
		}
		call(http.MethodPost, "expire-tokens", "")
		if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusUnauthorized {
			t.Errorf("after expiry %d", res.status)
		}
		old := s.OrgID()
		_, body := call(http.MethodPost, "refresh-sandbox", "")
		if strings.Contains(string(body), old) || s.OrgID() == old {
			t.Errorf("org id unchanged: %s", body)
		}
	})
}
