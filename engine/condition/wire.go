package condition

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// Date-time layouts the two APIs send: RFC 3339, Salesforce's
// 2013-05-07T22:07:19.000+0000, and Clarizen's zone-less
// 2014-11-03T08:00:00.0000000, which is read as UTC.
var dateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02T15:04:05.999999999",
}

// ParseDateTime reads a date-time as either API sends it and returns it in
// UTC. A bare date (2024-01-31) reads as midnight UTC.
func ParseDateTime(s string) (time.Time, bool) {
	for _, layout := range dateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// ParseDate reads a calendar date. A date-time with a zone gives its UTC
// date. A zone-less date-time gives the date as written, so that a Clarizen
// DueDate of 2024-01-31T00:00:00 never moves to another day.
func ParseDate(s string) (Date, bool) {
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			if len(s) > 10 {
				full, ok := ParseDateTime(s)
				if !ok {
					return Date{}, false
				}
				if hasZone(s) {
					t = full
				}
			}
			return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
		}
	}
	return Date{}, false
}

func hasZone(s string) bool {
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		return true
	}
	i := strings.LastIndexAny(s, "+-")
	return i > 10
}

// WireNumber reads a number from a record value: a JSON number, a numeric
// string, a Clarizen Money ({value, currency}) or a Clarizen Duration
// ({value, unit}, returned in working days).
func WireNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x)
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	case map[string]any:
		n, ok := WireNumber(mapGet(x, "value"))
		if !ok {
			return 0, false
		}
		if unit, ok := mapGet(x, "unit").(string); ok {
			return DurationDays(n, unit)
		}
		return n, true
	}
	return 0, false
}

// Working-time units behind DurationDays: a working day has 8 hours, a week
// 5 working days and a month 20 working days.
const (
	HoursPerDay  = 8
	DaysPerWeek  = 5
	DaysPerMonth = 20
)

// DurationDays converts a Clarizen Duration value in the given unit
// (Minutes, Hours, Days, Weeks, Months, matched case-insensitively) to
// working days.
func DurationDays(value float64, unit string) (float64, bool) {
	switch strings.ToLower(unit) {
	case "minutes":
		return value / 60 / HoursPerDay, true
	case "hours":
		return value / HoursPerDay, true
	case "days", "":
		return value, true
	case "weeks":
		return value * DaysPerWeek, true
	case "months":
		return value * DaysPerMonth, true
	}
	return 0, false
}

// wireTexts returns the strings a record value can be compared as: the
// string itself, or for a Clarizen reference or picklist ({"id":
// "/State/Active"}) the id and the value after the type (Active).
func wireTexts(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		return []string{x}, true
	case map[string]any:
		id, ok := mapGet(x, "id").(string)
		if !ok {
			return nil, false
		}
		if val, ok := IDValue(id); ok {
			return []string{id, val}, true
		}
		return []string{id}, true
	}
	return nil, false
}

// IDValue returns the part of a Clarizen id "/Type/value" after the type,
// and false for text that is not such an id.
func IDValue(id string) (string, bool) {
	if !strings.HasPrefix(id, "/") {
		return "", false
	}
	i := strings.IndexByte(id[1:], '/')
	if i < 0 {
		return "", false
	}
	return id[i+2:], true
}

// WireMulti returns the selected values of a multi-select picklist value:
// Salesforce's "a;b", a JSON list of strings or ids, or Clarizen's
// {"id": "/C_Type/a;b"}.
func WireMulti(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		return splitMulti(x), true
	case []string:
		return x, true
	case []any:
		out := make([]string, 0, len(x))
		for _, item := range x {
			texts, ok := wireTexts(item)
			if !ok {
				return nil, false
			}
			out = append(out, texts[len(texts)-1])
		}
		return out, true
	case map[string]any:
		texts, ok := wireTexts(x)
		if !ok {
			return nil, false
		}
		return splitMulti(texts[len(texts)-1]), true
	}
	return nil, false
}

// mapGet returns m[key], falling back to a case-insensitive match because
// both APIs treat field names case-insensitively.
func mapGet(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	// Take the smallest matching key, so that a map holding two spellings
	// of one name returns the same value on every call.
	found, best := false, ""
	for k := range m {
		if strings.EqualFold(k, key) && (!found || k < best) {
			found, best = true, k
		}
	}
	if !found {
		return nil
	}
	return m[best]
}

// Lookup returns the value at a field path in a record, following nested
// maps for dot paths (Account.Name, Manager.Name). A missing field, a null
// step or a step that is not a map gives nil. Raw JSON values (a Clarizen
// entity's fields) are decoded on the way, and a nested value with a
// Get(path) (any, bool) method, such as a Salesforce client record, is asked
// for the rest of the path.
func Lookup(rec map[string]any, path string) any {
	var cur any = rec
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		cur = DecodeRaw(cur)
		switch m := cur.(type) {
		case map[string]any:
			cur = mapGet(m, seg)
		case pathGetter:
			v, _ := m.Get(strings.Join(segs[i:], "."))
			return DecodeRaw(v)
		default:
			return nil
		}
	}
	return DecodeRaw(cur)
}

type pathGetter interface {
	Get(path string) (any, bool)
}

// DecodeRaw decodes a json.RawMessage into plain values, keeping numbers as
// json.Number. Other values, and invalid JSON, are returned unchanged.
func DecodeRaw(v any) any {
	raw, ok := v.(json.RawMessage)
	if !ok {
		return v
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return v
	}
	return out
}
