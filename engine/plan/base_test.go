package plan

import (
	"encoding/json"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestBase_EncodeDecode(t *testing.T) {
	b := syncedBase()
	b.SalesforceStamp = t1
	data, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeBase(data)
	if err != nil {
		t.Fatal(err)
	}
	if !got.SalesforceStamp.Equal(t1) || !got.ClarizenStamp.Equal(t0) {
		t.Errorf("stamps = %v / %v, want %v / %v", got.SalesforceStamp, got.ClarizenStamp, t1, t0)
	}
	if n, ok := got.Salesforce["Budget__c"].(json.Number); !ok || n.String() != "500" {
		t.Errorf("Budget__c = %#v, want json.Number 500", got.Salesforce["Budget__c"])
	}
	for field, v := range b.Clarizen {
		kind := schema.KindOther
		if f, ok := czObject.Field(field); ok {
			kind = f.Kind
		}
		if !mapping.Equal(kind, got.Clarizen[field], v) {
			t.Errorf("Clarizen %s = %#v after decoding, want %#v", field, got.Clarizen[field], v)
		}
	}
	if nilBase, err := DecodeBase([]byte("  ")); err != nil || nilBase != nil {
		t.Errorf("DecodeBase of empty input = %v, %v, want nil, nil", nilBase, err)
	}
	if _, err := DecodeBase([]byte("{")); err == nil {
		t.Error("DecodeBase of broken JSON succeeded")
	}
}

func TestNewBase_MappedFieldsOnly(t *testing.T) {
	m := projectMapping(mapping.NewestWins)
	sf := sfValues()
	sf["Unmapped__c"] = "x"
	b := NewBase(m, Record{Values: sf, Stamp: t1}, Record{Values: map[string]any{"name": "lower-case key"}, Stamp: t2})
	if _, ok := b.Salesforce["Unmapped__c"]; ok {
		t.Error("an unmapped field is in the base")
	}
	if _, ok := b.Salesforce["Hidden__c"]; !ok {
		t.Error("Hidden__c, read by the create-only sysid map, is missing")
	}
	if b.Clarizen["Name"] != "lower-case key" {
		t.Errorf("Clarizen Name = %v, want the value under the lower-case key", b.Clarizen["Name"])
	}
	if v, ok := b.Clarizen["Description"]; !ok || v != nil {
		t.Errorf("a mapped field missing from the record = %v, %v, want a null entry", v, ok)
	}
	if !b.SalesforceStamp.Equal(t1) || !b.ClarizenStamp.Equal(t2) {
		t.Errorf("stamps = %v / %v", b.SalesforceStamp, b.ClarizenStamp)
	}
}

func TestLookup(t *testing.T) {
	values := map[string]any{"Name": "exact", "email": "lower", "EMAIL": "upper"}
	cases := []struct {
		name   string
		want   any
		wantOK bool
	}{
		{"Name", "exact", true},
		{"NAME", "exact", true},
		{"Email", "upper", true},
		{"Phone", nil, false},
	}
	for _, c := range cases {
		got, ok := Lookup(values, c.name)
		if got != c.want || ok != c.wantOK {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", c.name, got, ok, c.want, c.wantOK)
		}
	}
}
