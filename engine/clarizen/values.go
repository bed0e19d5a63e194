package clarizen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen/czql"
)

// DurationUnit is the unit of a Duration value.
type DurationUnit string

// Duration units as the API spells them.
const (
	Minutes DurationUnit = "Minutes"
	Hours   DurationUnit = "Hours"
	Days    DurationUnit = "Days"
	Weeks   DurationUnit = "Weeks"
	Months  DurationUnit = "Months"
)

// Duration is a Clarizen Duration value, {"value": 3, "unit": "Days"}.
// Type is the optional durationType (Default, Consecutive, OverrideStart,
// OverrideEnd, OverrideBoth).
type Duration struct {
	Value float64      `json:"value"`
	Unit  DurationUnit `json:"unit"`
	Type  string       `json:"durationType,omitempty"`
}

// CZQLLiteral returns the duration as a CZQL literal (8h, 2d).
func (d Duration) CZQLLiteral() (string, error) {
	return czql.DurationLiteral(d.Value, string(d.Unit))
}

// Money is a Clarizen Money value: an amount and its ISO 4217 currency
// code.
type Money struct {
	Value    float64 `json:"value"`
	Currency string  `json:"currency"`
}

// Date is a calendar day without a time or a time zone, for Date fields and
// for the date part of DateTime fields that mean a day (StartDate,
// DueDate). It never shifts with the local time zone. The zero Date is
// written as null.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads "2006-01-02", and also a date-time whose date part it
// keeps without converting zones ("2014-11-03T08:00:00.0000000").
func ParseDate(s string) (Date, error) {
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String returns the date as 2006-01-02.
func (d Date) String() string { return czql.Date(d.Year, d.Month, d.Day) }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// CZQLLiteral returns the date as a CZQL date literal.
func (d Date) CZQLLiteral() (string, error) { return d.String(), nil }

// MarshalJSON writes "2006-01-02", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a date or date-time string and keeps its date part.
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("decode date: %w", err)
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// dateTimeLayouts are the forms a DateTime field arrives in. The service
// prints seven fractional digits and no zone; the others are accepted for
// robustness.
var dateTimeLayouts = []string{
	"2006-01-02T15:04:05.9999999",
	time.RFC3339Nano,
	time.DateOnly,
}

// ParseDateTime reads a DateTime value. A value without a zone suffix is
// taken as UTC.
//
// NOTE: no public source states the zone of a zone-less DateTime; UTC is
// assumed, matching what the client writes.
func ParseDateTime(s string) (time.Time, error) {
	for _, layout := range dateTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("parse date-time %q: unknown format", s)
}

// formatDateTime writes t as the service prints date-times: UTC without a
// zone suffix.
func formatDateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05")
}

// Values are the fields of a create or update. A value may be a string,
// number, bool, nil (clears the field), EntityID (reference), a picklist
// value as a string ("Active") or an id ("/State/Active"), []string (multi-
// picklist), Duration, Money, Date, or time.Time (written in UTC).
type Values map[string]any

// wire returns a copy of v ready for encoding/json, with time.Time values
// replaced by the service's date-time form.
func (v Values) wire() map[string]any {
	out := make(map[string]any, len(v))
	for name, value := range v {
		switch x := value.(type) {
		case time.Time:
			out[name] = formatDateTime(x)
		case *time.Time:
			if x == nil {
				out[name] = nil
			} else {
				out[name] = formatDateTime(*x)
			}
		default:
			out[name] = value
		}
	}
	return out
}

// picklistValue returns the value part of a picklist id ("Active" for
// "/State/Active"); a plain value is returned unchanged.
func picklistValue(s string) string {
	if !strings.HasPrefix(s, "/") {
		return s
	}
	return EntityID(s).Value()
}
