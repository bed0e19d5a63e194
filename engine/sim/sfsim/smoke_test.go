package sfsim

import (
	"net/http"
	"testing"
)

func TestServer_Smoke(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)

	t.Run("create query update delete", func(t *testing.T) {
		res := c.do(http.MethodPost, "/sobjects/Account", map[string]any{"Name": "Acme"})
		if res.status != http.StatusCreated {
			t.Fatalf("create status %d: %s", res.status, res.body)
		}
		var created struct{ ID string }
		res.decode(t, &created)
		q := c.query("SELECT Id, Name, Owner.Name FROM Account WHERE Name = 'acme'")
		if q.status != http.StatusOK {
			t.Fatalf("query status %d: %s", q.status, q.body)
		}
		t.Logf("%s", q.body)
		if got := c.do(http.MethodPatch, "/sobjects/Account/"+created.ID, map[string]any{"Name": "Acme 2"}); got.status != http.StatusNoContent {
			t.Fatalf("update status %d: %s", got.status, got.body)
		}
		if got := c.do(http.MethodDelete, "/sobjects/Account/"+created.ID, nil); got.status != http.StatusNoContent {
			t.Fatalf("delete status %d: %s", got.status, got.body)
		}
		if got := c.do(http.MethodGet, "/sobjects/Account/"+created.ID, nil); got.status != http.StatusNotFound {
			t.Fatalf("get after delete status %d: %s", got.status, got.body)
		}
	})
}
