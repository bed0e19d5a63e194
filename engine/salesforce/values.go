package salesforce

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Date is a calendar date with no time zone, as Salesforce's date type is.
// It never passes through a time.Time in a local zone, which is how
// one-day shifts happen.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

const (
	dateLayout = "2006-01-02"
	// DateTimeLayout is the form Salesforce sends and Liaison writes:
	// UTC with milliseconds and a +0000 offset.
	DateTimeLayout = "2006-01-02T15:04:05.000-0700"
)

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: expected YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// DateOf returns the calendar date t shows in its own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String returns YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// In returns midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// MarshalJSON encodes d as "YYYY-MM-DD", and the zero Date as null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON decodes "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("decode date: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// FormatDateTime formats t in UTC as 2006-01-02T15:04:05.000+0000.
func FormatDateTime(t time.Time) string {
	return t.UTC().Format(DateTimeLayout)
}

// ParseDateTime accepts the +0000 form Salesforce sends as well as RFC 3339
// (Z or ±hh:mm), and returns the instant in UTC.
func ParseDateTime(s string) (time.Time, error) {
	for _, layout := range []string{DateTimeLayout, "2006-01-02T15:04:05-0700", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("parse dateTime %q: expected 2006-01-02T15:04:05.000+0000 or RFC 3339", s)
}

// MultiPicklist is the value of a multi-select picklist: a set of values,
// sent as one string joined by ";". Order carries no meaning, so Equal
// compares as sets.
type MultiPicklist []string

// ParseMultiPicklist splits "a;b;c", dropping empty and repeated values.
func ParseMultiPicklist(s string) MultiPicklist {
	var out MultiPicklist
	for _, v := range strings.Split(s, ";") {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// String joins the values with ";".
func (m MultiPicklist) String() string { return strings.Join(m, ";") }

// Contains reports whether v is selected.
func (m MultiPicklist) Contains(v string) bool { return slices.Contains(m, v) }

// Equal reports whether m and o select the same values in any order.
func (m MultiPicklist) Equal(o MultiPicklist) bool {
	a, b := slices.Clone(m), slices.Clone(o)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// MarshalJSON encodes "a;b;c", and an empty set as null, which is how
// Salesforce stores "nothing selected".
func (m MultiPicklist) MarshalJSON() ([]byte, error) {
	if len(m) == 0 {
		return []byte("null"), nil
	}
	return json.Marshal(m.String())
}

// UnmarshalJSON decodes "a;b;c" or null.
func (m *MultiPicklist) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = nil
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("decode multipicklist: %w", err)
	}
	*m = ParseMultiPicklist(s)
	return nil
}

// Fields is a record body for a write. A key set to nil is sent as JSON
// null and clears the field; a key that is absent leaves the field as it
// is. Values may be string, bool, numbers, json.Number, Date, time.Time
// (sent as a UTC dateTime), MultiPicklist or nil.
type Fields map[string]any

// wireFields converts values whose default JSON form Salesforce would read
// differently (time.Time) and rejects types it cannot take.
func wireFields(f Fields) (map[string]any, error) {
	out := make(map[string]any, len(f))
	for k, v := range f {
		w, err := wireValue(v)
		if err != nil {
			return nil, fmt.Errorf("encode field %s: %w", k, err)
		}
		out[k] = w
	}
	return out, nil
}

func wireValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, json.Number, Date, MultiPicklist,
		int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return v, nil
	case time.Time:
		return FormatDateTime(x), nil
	case *time.Time:
		if x == nil {
			return nil, nil
		}
		return FormatDateTime(*x), nil
	case []string:
		return MultiPicklist(x).String(), nil
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}
