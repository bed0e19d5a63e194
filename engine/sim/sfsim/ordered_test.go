package sfsim

import (
	"net/http"
	"strings"
	"testing"
)

func TestQuery_KeyOrder(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	if _, err := s.Insert("Account", map[string]any{"Name": "Order", "Phone": "1"}); err != nil {
		t.Fatal(err)
	}
	res := c.query("SELECT Phone, Owner.Name, Name FROM Account")
	body := string(res.body)
	start := strings.Index(body, `"records":[{`)
	if res.status != http.StatusOK || start < 0 {
		t.Fatalf("%d %s", res.status, body)
	}
	rec := body[start:]
	order := []string{`"attributes"`, `"Phone"`, `"Owner":{"attributes"`, `"Name":"Ada Admin"`, `"Name":"Order"`}
	last := -1
	for _, key := range order {
		i := strings.Index(rec, key)
		if i <= last {
			t.Fatalf("key %s at %d, after %d, in %s", key, i, last, rec)
		}
		last = i
	}
}
