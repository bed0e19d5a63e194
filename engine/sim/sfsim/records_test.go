package sfsim

import (
	"net/http"
	"net/url"
	"testing"
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
