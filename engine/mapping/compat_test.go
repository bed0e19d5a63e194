package mapping

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

var allKinds = []schema.Kind{
	schema.KindID, schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL,
	schema.KindBoolean, schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency,
	schema.KindDate, schema.KindDateTime, schema.KindPicklist, schema.KindMultiPicklist, schema.KindReference,
	schema.KindDuration, schema.KindOther,
}

func TestCompatible_Pairs(t *testing.T) {
	tests := []struct {
		from, to schema.Kind
		want     bool
	}{
		{schema.KindString, schema.KindTextArea, true},
		{schema.KindEmail, schema.KindString, true},
		{schema.KindID, schema.KindString, true},
		{schema.KindString, schema.KindID, false},
		{schema.KindInteger, schema.KindCurrency, true},
		{schema.KindCurrency, schema.KindPercent, true},
		{schema.KindDuration, schema.KindDouble, true},
		{schema.KindDouble, schema.KindDuration, true},
		{schema.KindDuration, schema.KindDuration, true},
		{schema.KindDate, schema.KindDateTime, true},
		{schema.KindDateTime, schema.KindDate, true},
		{schema.KindPicklist, schema.KindPicklist, true},
		{schema.KindPicklist, schema.KindString, true},
		{schema.KindString, schema.KindPicklist, false},
		{schema.KindPicklist, schema.KindMultiPicklist, true},
		{schema.KindMultiPicklist, schema.KindPicklist, false},
		{schema.KindMultiPicklist, schema.KindTextArea, true},
		{schema.KindBoolean, schema.KindBoolean, true},
		{schema.KindBoolean, schema.KindString, false},
		{schema.KindString, schema.KindDouble, false},
		{schema.KindDouble, schema.KindString, false},
		{schema.KindDate, schema.KindString, false},
		{schema.KindReference, schema.KindReference, true},
		{schema.KindReference, schema.KindString, false},
		{schema.KindOther, schema.KindOther, false},
		{schema.KindOther, schema.KindString, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"_to_"+string(tt.to), func(t *testing.T) {
			if got := Compatible(tt.from, tt.to); got != tt.want {
				t.Errorf("Compatible(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestCompatibilityTable_Shape(t *testing.T) {
	table := CompatibilityTable()
	seen := map[[2]schema.Kind]bool{}
	for _, c := range table {
		key := [2]schema.Kind{c.From, c.To}
		if seen[key] {
			t.Errorf("pair %s -> %s listed twice", c.From, c.To)
		}
		seen[key] = true
		if c.From == schema.KindOther || c.To == schema.KindOther {
			t.Errorf("pair %s -> %s uses the unmapped kind", c.From, c.To)
		}
		if c.NeedsMapping != (c.From == schema.KindReference) {
			t.Errorf("pair %s -> %s NeedsMapping = %v", c.From, c.To, c.NeedsMapping)
		}
		if !Compatible(c.From, c.To) {
			t.Errorf("Compatible disagrees with the table for %s -> %s", c.From, c.To)
		}
	}
	for _, from := range allKinds {
		for _, to := range allKinds {
			if Compatible(from, to) != seen[[2]schema.Kind{from, to}] {
				t.Errorf("Compatible(%s, %s) disagrees with the table", from, to)
			}
		}
	}
	table[0].Note = "changed"
	if CompatibilityTable()[0].Note == "changed" {
		t.Error("CompatibilityTable returns the shared table")
	}
}

func TestCompatibilityOf_Notes(t *testing.T) {
	tests := []struct {
		from, to schema.Kind
		note     string
	}{
		{schema.KindDuration, schema.KindDouble, "working days (8 hours a day, 5 days a week, 20 days a month)"},
		{schema.KindDouble, schema.KindInteger, "A value with a fraction fails"},
		{schema.KindCurrency, schema.KindDouble, "without its currency"},
		{schema.KindDouble, schema.KindCurrency, "record's currency, or the default currency"},
		{schema.KindCurrency, schema.KindCurrency, "never converted between currencies"},
		{schema.KindString, schema.KindString, "unless the map truncates"},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"_to_"+string(tt.to), func(t *testing.T) {
			c, ok := CompatibilityOf(tt.from, tt.to)
			if !ok {
				t.Fatal("pair not in the table")
			}
			if !strings.Contains(c.Note, tt.note) {
				t.Errorf("note = %q, want it to contain %q", c.Note, tt.note)
			}
		})
	}
}
