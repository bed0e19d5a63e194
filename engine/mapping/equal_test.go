package mapping

import (
	"encoding/json"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

func TestEqual_Kinds(t *testing.T) {
	tests := []struct {
		name string
		kind schema.Kind
		a, b any
		want bool
	}{
		{"nulls", schema.KindString, nil, nil, true},
		{"null and empty differ", schema.KindString, nil, "", false},
		{"empty and null differ", schema.KindDouble, "", nil, false},
		{"text exact", schema.KindString, "Acme", "Acme", true},
		{"text case matters", schema.KindString, "Acme", "ACME", false},
		{"5 and 5.0", schema.KindDouble, 5, 5.0, true},
		{"json number", schema.KindInteger, json.Number("5"), 5.0, true},
		{"numbers differ", schema.KindPercent, 70.0, 71.0, false},
		{"money and number", schema.KindCurrency, map[string]any{"value": 10.0, "currency": "USD"}, 10.0, true},
		{"money codes differ", schema.KindCurrency, map[string]any{"value": 10.0, "currency": "USD"}, map[string]any{"value": 10.0, "currency": "EUR"}, false},
		{"money amounts differ", schema.KindCurrency, map[string]any{"value": 10.0, "currency": "USD"}, 11.0, false},
		{"duration and days", schema.KindDuration, map[string]any{"value": 16.0, "unit": "Hours"}, 2.0, true},
		{"durations in two units", schema.KindDuration, map[string]any{"value": 1.0, "unit": "Weeks"}, map[string]any{"value": 5.0, "unit": "Days"}, true},
		{"bools", schema.KindBoolean, true, true, true},
		{"bools differ", schema.KindBoolean, true, false, false},
		{"dates", schema.KindDate, "2024-01-31", "2024-01-31", true},
		{"date and zone-less date-time", schema.KindDate, "2024-01-31", "2024-01-31T00:00:00.0000000", true},
		{"date-times as instants", schema.KindDateTime, "2024-01-31T10:00:00.000+0000", "2024-01-31T12:00:00+02:00", true},
		{"date-times differ", schema.KindDateTime, "2024-01-31T10:00:00Z", "2024-01-31T10:00:01Z", false},
		{"picklist id and value", schema.KindPicklist, map[string]any{"id": "/State/Active"}, "Active", true},
		{"picklists differ", schema.KindPicklist, "Active", "Draft", false},
		{"multi order ignored", schema.KindMultiPicklist, "a;b", "b;a", true},
		{"multi list and string", schema.KindMultiPicklist, []any{"b", "a"}, "a;b", true},
		{"multi differ", schema.KindMultiPicklist, "a;b", "a", false},
		{"empty selection is null", schema.KindMultiPicklist, []any{}, nil, true},
		{"empty multi string is null", schema.KindMultiPicklist, "", nil, true},
		{"selection is not null", schema.KindMultiPicklist, "a", nil, false},
		{"reference object and id", schema.KindReference, map[string]any{"id": "/User/u1"}, "/user/U1", true},
		{"salesforce ids exact", schema.KindReference, "001A", "001a", false},
		{"raw json", schema.KindDouble, json.RawMessage(`5`), 5.0, true},
		{"unreadable falls back to deep equal", schema.KindDouble, "x", "x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Equal(tt.kind, tt.a, tt.b); got != tt.want {
				t.Errorf("Equal(%s, %#v, %#v) = %v, want %v", tt.kind, tt.a, tt.b, got, tt.want)
			}
			if got := Equal(tt.kind, tt.b, tt.a); got != tt.want {
				t.Errorf("Equal is not symmetric for %#v, %#v", tt.a, tt.b)
			}
		})
	}
}
