package condition

import (
	"strings"
	"time"
)

// SOQL compiles e into the text of a SOQL WHERE clause (without the WHERE
// keyword). It fails with an *UnsupportedError for a date-time with
// fractional seconds, which SOQL literals cannot express.
func SOQL(e Expr) (string, error) {
	return compileText(pushNot(e, false), soqlDialect{})
}

type soqlDialect struct{}

func (soqlDialect) notNull(field string) string { return field + " != null" }

func (d soqlDialect) comparison(c Comparison) (string, error) {
	switch c.Op {
	case OpIsNull:
		return c.Field + " = null", nil
	case OpIsNotNull:
		return c.Field + " != null", nil
	}
	v, err := d.value(c, c.Value)
	if err != nil {
		return "", err
	}
	if c.Op == OpNotLike {
		return "(NOT " + c.Field + " LIKE " + v + ")", nil
	}
	return c.Field + " " + string(c.Op) + " " + v, nil
}

func (d soqlDialect) value(c Comparison, v Value) (string, error) {
	switch x := v.(type) {
	case String:
		return soqlQuote(string(x), false), nil
	case Pattern:
		return soqlQuote(string(x), true), nil
	case DateTime:
		t := x.Time.UTC()
		if t.Nanosecond() != 0 {
			return "", &UnsupportedError{Target: "SOQL", Field: c.Field, Op: c.Op,
				Reason: "SOQL date-time literals have whole seconds; drop the fraction from " + x.String()}
		}
		return t.Format(time.RFC3339), nil
	case List:
		parts := make([]string, len(x))
		for i, item := range x {
			s, err := d.value(c, item)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "(" + strings.Join(parts, ", ") + ")", nil
	}
	return v.String(), nil
}

// soqlQuote quotes s as a SOQL string literal using Salesforce's escape
// table: \' \" \\ \n \r \t \b \f, and \uXXXX for other control characters.
// In a LIKE pattern, \% \_ and \\ are kept as the pattern escapes SOQL reads.
func soqlQuote(s string, pattern bool) string {
	return quoteLiteral(s, pattern, quoteRules{doubleQuote: true, controls: true})
}
