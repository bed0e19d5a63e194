package mapping

import (
	"github.com/liaison-sync/liaison/engine/schema"
)

// Compatibility is one entry of the type compatibility table: values of
// kind From may be written into a field of kind To.
type Compatibility struct {
	From schema.Kind `json:"from"`
	To   schema.Kind `json:"to"`
	// Note is the caveat a field picker shows for the pair, empty when the
	// value moves unchanged.
	Note string `json:"note,omitempty"`
	// NeedsMapping is true for reference pairs, which are valid only when a
	// mapping connects the referenced object types.
	NeedsMapping bool `json:"needsMapping,omitempty"`
}

var (
	textKinds   = []schema.Kind{schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL}
	numberKinds = []schema.Kind{schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency}
)

// compatibilityTable is built once; CompatibilityTable hands out copies.
var compatibilityTable = buildCompatibility()

func buildCompatibility() []Compatibility {
	var t []Compatibility
	add := func(from, to schema.Kind, note string) {
		t = append(t, Compatibility{From: from, To: to, Note: note})
	}
	for _, from := range textKinds {
		for _, to := range textKinds {
			add(from, to, "Text longer than the target field fails unless the map truncates it.")
		}
	}
	for _, to := range textKinds {
		add(schema.KindID, to, "The record id is written as text.")
	}
	for _, from := range numberKinds {
		for _, to := range numberKinds {
			add(from, to, numberNote(from, to))
		}
	}
	for _, k := range numberKinds {
		add(schema.KindDuration, k, "The duration is written as working days (8 hours a day, 5 days a week, 20 days a month).")
		add(k, schema.KindDuration, "The number is read as days.")
	}
	add(schema.KindDuration, schema.KindDuration, "")
	add(schema.KindBoolean, schema.KindBoolean, "")
	add(schema.KindDate, schema.KindDate, "")
	add(schema.KindDateTime, schema.KindDateTime, "")
	add(schema.KindDate, schema.KindDateTime, "The date is written as that day, with no time.")
	add(schema.KindDateTime, schema.KindDate, "Only the day is kept: the UTC day, or the day as written for Clarizen date-times without a zone.")
	add(schema.KindPicklist, schema.KindPicklist, "Values move by value through the map's value map.")
	add(schema.KindPicklist, schema.KindMultiPicklist, "The value becomes a one-item selection.")
	add(schema.KindMultiPicklist, schema.KindMultiPicklist, "Each selected value moves through the map's value map.")
	for _, to := range textKinds {
		add(schema.KindPicklist, to, "The picklist value is written as text.")
		add(schema.KindMultiPicklist, to, "The selected values are written as text, joined with ;.")
	}
	t = append(t, Compatibility{
		From: schema.KindReference, To: schema.KindReference, NeedsMapping: true,
		Note: "The referenced record's counterpart is found through the mapping between the referenced types.",
	})
	return t
}

func numberNote(from, to schema.Kind) string {
	switch {
	case to == schema.KindInteger && from != schema.KindInteger:
		return "A value with a fraction fails, because the target holds whole numbers."
	case from == schema.KindCurrency && to != schema.KindCurrency:
		return "The amount moves without its currency."
	case to == schema.KindCurrency && from != schema.KindCurrency:
		return "The number gets the record's currency, or the default currency."
	case from == schema.KindCurrency && to == schema.KindCurrency:
		return "The currency code moves with the amount; amounts are never converted between currencies."
	}
	return ""
}

// CompatibilityTable returns the one table of kind pairs a field map may
// connect. Pairs not listed are incompatible. The UI field pickers read it
// through the app layer.
func CompatibilityTable() []Compatibility {
	return append([]Compatibility(nil), compatibilityTable...)
}

// Compatible reports whether values of kind from may be written into a
// field of kind to. Reference pairs also need a mapping between the
// referenced types, which Validate checks.
func Compatible(from, to schema.Kind) bool {
	_, ok := CompatibilityOf(from, to)
	return ok
}

// CompatibilityOf returns the table entry for a kind pair.
func CompatibilityOf(from, to schema.Kind) (Compatibility, bool) {
	for _, c := range compatibilityTable {
		if c.From == from && c.To == to {
			return c, true
		}
	}
	return Compatibility{}, false
}
