package czql

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Valuer is implemented by value types that have their own CZQL literal
// form (dates, durations, entity ids).
type Valuer interface {
	CZQLLiteral() (string, error)
}

// String returns s as a single-quoted literal, with backslashes and single
// quotes escaped by a backslash. Every other byte is kept as it is, because
// the JSON encoding of the request escapes control characters.
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// Date returns the calendar day as an unquoted date literal (2024-05-01).
// The day is taken as given, without any time zone conversion.
func Date(year int, month time.Month, day int) string {
	return fmt.Sprintf("%04d-%02d-%02d", year, int(month), day)
}

// DateTime returns t converted to UTC as an unquoted literal without a zone
// suffix (2024-05-01T10:20:30), the form in which the service prints
// date-times. Sub-second precision is dropped.
func DateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05")
}

// Stamp is a date-time literal with the seven fractional digits in which
// the service prints LastUpdatedOn (2024-05-01T10:20:30.1234567), for a
// condition that must compare a stamp read back exactly. DateTime drops
// the fraction.
//
// NOTE: the documented literals have no fraction; that the service reads
// the form it prints is inferred.
type Stamp time.Time

// CZQLLiteral implements Valuer.
func (s Stamp) CZQLLiteral() (string, error) {
	return time.Time(s).UTC().Format("2006-01-02T15:04:05.0000000"), nil
}

// Duration units accepted by DurationLiteral, as the API names them.
const (
	UnitMinutes = "Minutes"
	UnitHours   = "Hours"
	UnitDays    = "Days"
	UnitWeeks   = "Weeks"
	UnitMonths  = "Months"
)

// ErrUnsupportedUnit is returned for a duration unit that has no CZQL
// literal suffix.
var ErrUnsupportedUnit = errors.New("duration unit has no CZQL literal")

// DurationLiteral returns a duration literal: the number followed by a unit
// letter (8h, 2d, 1w). Minutes are written as fractional hours. Months have
// no known suffix and are rejected.
func DurationLiteral(value float64, unit string) (string, error) {
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return "", fmt.Errorf("format duration %v %s: not a finite number", value, unit)
	}
	switch strings.ToLower(unit) {
	case "minutes":
		return Number(value/60) + "h", nil
	case "hours":
		return Number(value) + "h", nil
	case "days":
		return Number(value) + "d", nil
	case "weeks":
		return Number(value) + "w", nil
	default:
		return "", fmt.Errorf("format duration %v %s: %w", value, unit, ErrUnsupportedUnit)
	}
}

// Number returns f in the shortest decimal form without an exponent.
func Number(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// Bool returns true or false.
func Bool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Literal returns the CZQL literal of v. It accepts strings, booleans, Go
// integer and float types, time.Time (a date-time in UTC), Valuer and nil
// (null), and a slice of these for IN lists.
func Literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "null", nil
	case Valuer:
		return x.CZQLLiteral()
	case string:
		return String(x), nil
	case bool:
		return Bool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float32:
		return literalFloat(float64(x))
	case float64:
		return literalFloat(x)
	case time.Time:
		return DateTime(x), nil
	case []string:
		return listLiteral(len(x), func(i int) any { return x[i] })
	case []any:
		return listLiteral(len(x), func(i int) any { return x[i] })
	default:
		return "", fmt.Errorf("format literal: unsupported type %T", v)
	}
}

func literalFloat(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("format literal %v: not a finite number", f)
	}
	return Number(f), nil
}

func listLiteral(n int, item func(int) any) (string, error) {
	if n == 0 {
		return "", errors.New("format list literal: the list is empty")
	}
	parts := make([]string, n)
	for i := range n {
		lit, err := Literal(item(i))
		if err != nil {
			return "", err
		}
		parts[i] = lit
	}
	return "(" + strings.Join(parts, ", ") + ")", nil
}
