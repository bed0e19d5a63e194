package condition

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Value is a literal on the right of a comparison.
type Value interface {
	// String returns the literal in source form.
	String() string
	isValue()
}

// String is a text literal, already unescaped.
type String string

// Pattern is a LIKE pattern. % matches any run of characters and _ matches
// one character. A backslash makes a following %, _ or backslash literal
// (\%, \_, \\); any other character, a lone backslash included, stands for
// itself.
type Pattern string

// Number is a decimal literal kept as written (5 and 5.0 are different
// literals with the same value).
type Number string

// Bool is true or false.
type Bool bool

// Date is a calendar date with no time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateTime is an instant, held in UTC.
type DateTime struct {
	Time time.Time
}

// List is the parenthesised value list of IN, NOT IN, INCLUDES and EXCLUDES.
type List []Value

func (String) isValue()   {}
func (Pattern) isValue()  {}
func (Number) isValue()   {}
func (Bool) isValue()     {}
func (Date) isValue()     {}
func (DateTime) isValue() {}
func (List) isValue()     {}

func (s String) String() string  { return quote(string(s), false) }
func (p Pattern) String() string { return quote(string(p), true) }
func (n Number) String() string  { return string(n) }

// Float returns the number's value.
func (n Number) Float() float64 {
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

func (b Bool) String() string {
	if b {
		return "true"
	}
	return "false"
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// compare returns -1, 0 or 1 as d is before, equal to or after e.
func (d Date) compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func (t DateTime) String() string { return t.Time.UTC().Format(time.RFC3339Nano) }

func (l List) String() string {
	parts := make([]string, len(l))
	for i, v := range l {
		parts[i] = v.String()
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func equalValues(a, b Value) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case DateTime:
		y, ok := b.(DateTime)
		return ok && x.Time.Equal(y.Time)
	case List:
		y, ok := b.(List)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalValues(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// quote renders s as a single-quoted literal of the condition language.
// In a pattern, \%, \_ and \\ are pattern escapes and pass through. A
// backslash before any other character, or at the end, is a literal one.
func quote(s string, pattern bool) string {
	return quoteLiteral(s, pattern, quoteRules{controls: true})
}

// quoteRules are the differences between the quoting of the condition
// language, SOQL and CZQL.
type quoteRules struct {
	doubleQuote bool // escape " as \" (SOQL)
	controls    bool // escape control characters (\n, \t, \uXXXX ...)
}

// quoteLiteral quotes s in single quotes, escaping backslash and single
// quote with a backslash, and more as rules say. In a pattern, the escapes
// \%, \_ and \\ are kept as they are.
func quoteLiteral(s string, pattern bool, rules quoteRules) string {
	var b strings.Builder
	b.WriteByte('\'')
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' && pattern && i+1 < len(rs) && isPatternEscape(rs[i+1]) {
			b.WriteRune('\\')
			b.WriteRune(rs[i+1])
			i++
			continue
		}
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`\'`)
		case r == '"' && rules.doubleQuote:
			b.WriteString(`\"`)
		case rules.controls:
			writeControlEscape(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func isPatternEscape(r rune) bool { return r == '%' || r == '_' || r == '\\' }

// writeControlEscape writes r, spelling control characters as the escapes
// that SOQL and the condition language share.
func writeControlEscape(b *strings.Builder, r rune) {
	switch r {
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	case '\b':
		b.WriteString(`\b`)
	case '\f':
		b.WriteString(`\f`)
	default:
		if r < 0x20 || r == 0x7f {
			fmt.Fprintf(b, `\u%04x`, r)
			return
		}
		b.WriteRune(r)
	}
}
