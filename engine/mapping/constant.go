package mapping

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

// ParseConstant turns a constant typed by the admin (an event's field
// value, an identified-by criterion) into the wire value a field of f's kind
// takes on the given side. Text kinds, ids, references and picklists take
// the text as it is; numbers, booleans (true or false), dates (2024-01-31)
// and date-times (RFC 3339) are parsed. A Duration constant is a number of
// days.
func ParseConstant(side schema.Side, f schema.Field, s string) (any, error) {
	fail := func(want, example string) error {
		return fmt.Errorf("parse constant %q for %s: expected %s, such as %s", s, f.Name, want, example)
	}
	switch f.Kind {
	case schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency, schema.KindDuration:
		n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return nil, fail("a number", "1500 or 0.25")
		}
		if f.Kind == schema.KindInteger && n != math.Trunc(n) {
			return nil, fail("a whole number", "12")
		}
		if f.Kind == schema.KindDuration {
			return map[string]any{"value": n, "unit": "Days"}, nil
		}
		return n, nil
	case schema.KindBoolean:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fail("true or false", "true")
	case schema.KindDate:
		d, ok := condition.ParseDate(s)
		if !ok || len(s) != 10 {
			return nil, fail("a date", "2024-01-31")
		}
		return d.String(), nil
	case schema.KindDateTime:
		t, ok := condition.ParseDateTime(s)
		if !ok || len(s) <= 10 {
			return nil, fail("a date-time", "2024-01-31T09:30:00Z")
		}
		if side == schema.Clarizen {
			return t.Format("2006-01-02T15:04:05"), nil
		}
		return t.Format("2006-01-02T15:04:05.000Z"), nil
	case schema.KindMultiPicklist:
		if side == schema.Clarizen {
			vals, _ := condition.WireMulti(s)
			list := make([]any, len(vals))
			for i, v := range vals {
				list[i] = v
			}
			return list, nil
		}
		return s, nil
	case schema.KindOther:
		return nil, fmt.Errorf("parse constant %q for %s: the field's type is not mapped, so it takes no constant", s, f.Name)
	}
	return s, nil
}
