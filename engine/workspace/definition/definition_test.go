package definition_test

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/workspace/definition"
)

func TestDecodeMapping(t *testing.T) {
	cases := []struct {
		name    string
		def     store.Definition
		wantErr bool
	}{
		{"columns win over the JSON", store.Definition{ID: "m1", Name: "Accounts", Enabled: true,
			JSON: []byte(`{"id":"old","name":"Old name","enabled":false,"clarizenEntity":"Customer"}`)}, false},
		{"invalid JSON", store.Definition{ID: "m2", JSON: []byte(`{"fieldMaps": 5}`)}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := definition.DecodeMapping(c.def)
			if c.wantErr {
				if err == nil {
					t.Errorf("mapping = %+v, want an error", m)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.ID != c.def.ID || m.Name != c.def.Name || m.Enabled != c.def.Enabled {
				t.Errorf("mapping = %s %q enabled %v, want the columns' %s %q %v", m.ID, m.Name, m.Enabled, c.def.ID, c.def.Name, c.def.Enabled)
			}
			if m.ClarizenEntity != "Customer" {
				t.Errorf("entity = %q, want Customer from the JSON", m.ClarizenEntity)
			}
		})
	}
}

func TestDecodeEvent(t *testing.T) {
	d := store.Definition{ID: "e1", Name: "Opportunity at 70 %", Enabled: true, FireExisting: true,
		JSON: []byte(`{"id":"old","name":"Old","enabled":false,"fireExisting":false,"condition":"Probability >= 70"}`)}
	e, err := definition.DecodeEvent(d)
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "e1" || e.Name != d.Name || !e.Enabled || !e.FireExisting {
		t.Errorf("event = %+v, want the columns' id, name, enabled and fire-existing", e)
	}
	if e.Condition != "Probability >= 70" {
		t.Errorf("condition = %q, want the JSON's", e.Condition)
	}
	if _, err := definition.DecodeEvent(store.Definition{ID: "e2", JSON: []byte(`[`)}); err == nil {
		t.Error("invalid JSON decoded without an error")
	}
}
