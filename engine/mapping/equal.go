package mapping

import (
	"reflect"
	"slices"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

// Equal reports whether two wire values of a field of kind k hold the same
// value, whichever client shape each comes in. So 5, 5.0 and
// json.Number("5") are equal, and so are a Clarizen Money and a plain
// number of the same amount (the codes must match when both carry one), a
// Duration and its working days, "a;b" and ["b","a"] for multi-select
// picklists, and a Clarizen reference object and its id. Date-times compare
// as instants. Null equals only null, so null and "" differ. Text compares
// exactly.
func Equal(k schema.Kind, a, b any) bool {
	a, b = condition.DecodeRaw(a), condition.DecodeRaw(b)
	if k == schema.KindMultiPicklist {
		a, b = emptySelectionToNil(a), emptySelectionToNil(b)
	}
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if eq, ok := equalByKind(k, a, b); ok {
		return eq
	}
	return reflect.DeepEqual(a, b)
}

// equalByKind compares by kind. ok is false when a value cannot be read as
// the kind, and then Equal compares the values as they are.
func equalByKind(k schema.Kind, a, b any) (eq, ok bool) {
	switch k {
	case schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindDuration:
		x, okA := condition.WireNumber(a)
		y, okB := condition.WireNumber(b)
		return x == y, okA && okB
	case schema.KindCurrency:
		x, okA := condition.WireNumber(a)
		y, okB := condition.WireNumber(b)
		ca, cb := moneyCurrency(a), moneyCurrency(b)
		sameCode := ca == "" || cb == "" || strings.EqualFold(ca, cb)
		return x == y && sameCode, okA && okB
	case schema.KindDate:
		sa, okA := a.(string)
		sb, okB := b.(string)
		x, okA2 := condition.ParseDate(sa)
		y, okB2 := condition.ParseDate(sb)
		return x == y, okA && okB && okA2 && okB2
	case schema.KindDateTime:
		sa, okA := a.(string)
		sb, okB := b.(string)
		x, okA2 := condition.ParseDateTime(sa)
		y, okB2 := condition.ParseDateTime(sb)
		return x.Equal(y), okA && okB && okA2 && okB2
	case schema.KindPicklist:
		x, okA := picklistText(a)
		y, okB := picklistText(b)
		return x == y, okA && okB
	case schema.KindMultiPicklist:
		x, okA := condition.WireMulti(a)
		y, okB := condition.WireMulti(b)
		return sameValues(x, y), okA && okB
	case schema.KindReference:
		x, okA := referenceID(a)
		y, okB := referenceID(b)
		if strings.HasPrefix(x, "/") || strings.HasPrefix(y, "/") {
			return strings.EqualFold(x, y), okA && okB
		}
		return x == y, okA && okB
	}
	return false, false
}

func referenceID(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case map[string]any:
		for k, id := range x {
			if strings.EqualFold(k, "id") {
				s, ok := id.(string)
				return s, ok
			}
		}
	}
	return "", false
}

// sameValues compares two selections as sets.
func sameValues(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// emptySelectionToNil returns nil for a multi-select value with nothing
// selected ("", [] or an id with no values).
func emptySelectionToNil(v any) any {
	if v == nil {
		return nil
	}
	if vals, ok := condition.WireMulti(v); ok && len(vals) == 0 {
		return nil
	}
	return v
}
