package salesforce

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// soqlEscapes is the escape table for characters inside a quoted SOQL
// string literal. The SOQL reference ("Quoted String Escape Sequences")
// lists \n \r \t \b \f \" \' \\ and \uXXXX as valid escapes, plus \_ and
// \% inside LIKE patterns. Any other backslash is an error, so every
// backslash in user data must be doubled.
var soqlEscapes = strings.NewReplacer(
	`\`, `\\`,
	`'`, `\'`,
	`"`, `\"`,
	"\n", `\n`,
	"\r", `\r`,
	"\t", `\t`,
	"\b", `\b`,
	"\f", `\f`,
)

// likeEscapes adds the two LIKE wildcards to soqlEscapes, for a literal
// that must match itself inside a LIKE pattern.
var likeEscapes = strings.NewReplacer(
	`\`, `\\`,
	`'`, `\'`,
	`"`, `\"`,
	"\n", `\n`,
	"\r", `\r`,
	"\t", `\t`,
	"\b", `\b`,
	"\f", `\f`,
	`%`, `\%`,
	`_`, `\_`,
)

// EscapeString escapes s for use between single quotes in SOQL.
func EscapeString(s string) string { return soqlEscapes.Replace(s) }

// QuoteString returns s as a quoted SOQL string literal.
func QuoteString(s string) string { return "'" + EscapeString(s) + "'" }

// EscapeLike escapes s for use inside a LIKE pattern so that it matches
// itself: % and _ lose their wildcard meaning. Add wildcards around the
// result, as in "'" + EscapeLike(s) + "%'".
func EscapeLike(s string) string { return likeEscapes.Replace(s) }

// FormatDate formats d as an unquoted SOQL date literal.
func FormatDate(d Date) string { return d.String() }

// FormatSOQLDateTime formats t as an unquoted SOQL dateTime literal in UTC
// (2006-01-02T15:04:05Z); SOQL literals carry no fractional seconds.
func FormatSOQLDateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// Literal formats a Go value as a SOQL literal: strings quoted and
// escaped, Date and time.Time unquoted, nil as null, and a []string or
// []any as a parenthesised list for IN.
func Literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "null", nil
	case string:
		return QuoteString(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("format SOQL literal: %v is not a number SOQL accepts", x)
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case json.Number:
		if _, err := x.Float64(); err != nil {
			return "", fmt.Errorf("format SOQL literal: invalid number %q", x)
		}
		return x.String(), nil
	case Date:
		return FormatDate(x), nil
	case time.Time:
		return FormatSOQLDateTime(x), nil
	case MultiPicklist:
		return QuoteString(x.String()), nil
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = QuoteString(s)
		}
		return "(" + strings.Join(parts, ", ") + ")", nil
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			lit, err := Literal(e)
			if err != nil {
				return "", err
			}
			parts[i] = lit
		}
		return "(" + strings.Join(parts, ", ") + ")", nil
	}
	return "", fmt.Errorf("format SOQL literal: unsupported type %T", v)
}

// identifierRE matches an API name or a relationship path (Account.Owner.Name).
var identifierRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$`)

// CheckIdentifier rejects anything but a field name or relationship path,
// so that names from mappings cannot change the shape of a query.
func CheckIdentifier(name string) error {
	if !identifierRE.MatchString(name) {
		return fmt.Errorf("check SOQL identifier %q: expected an API name such as Name or Account.Name", name)
	}
	return nil
}

// Condition is a SOQL WHERE fragment built by Compare, In, Like, And, Or
// and Not, or taken as it is from a trusted compiler through Raw.
type Condition struct {
	text string
	err  error
}

// Raw wraps an already-built SOQL condition (from the condition language
// compiler). The caller vouches for its escaping.
func Raw(soql string) Condition { return Condition{text: soql} }

// String returns the SOQL text.
func (c Condition) String() string { return c.text }

// Err returns the first error met while building c.
func (c Condition) Err() error { return c.err }

var comparisonOps = map[string]bool{"=": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true}

// Compare builds "field op literal" for op in = != < <= > >=.
func Compare(field, op string, value any) Condition {
	if err := CheckIdentifier(field); err != nil {
		return Condition{err: err}
	}
	if !comparisonOps[op] {
		return Condition{err: fmt.Errorf("build SOQL condition: invalid operator %q", op)}
	}
	lit, err := Literal(value)
	if err != nil {
		return Condition{err: err}
	}
	return Condition{text: field + " " + op + " " + lit}
}

// In builds "field IN (...)"; an empty list matches nothing and becomes a
// condition that is always false, because SOQL rejects "IN ()".
func In(field string, values []string) Condition {
	if err := CheckIdentifier(field); err != nil {
		return Condition{err: err}
	}
	if len(values) == 0 {
		return Condition{text: "Id = null"}
	}
	lit, _ := Literal(values)
	return Condition{text: field + " IN " + lit}
}

// Like builds "field LIKE 'pattern'" from a pattern whose user-supplied
// parts were escaped with EscapeLike; % and _ outside them are wildcards.
func Like(field, escapedPattern string) Condition {
	if err := CheckIdentifier(field); err != nil {
		return Condition{err: err}
	}
	return Condition{text: field + " LIKE '" + escapedPattern + "'"}
}

// And joins conditions with AND, each in parentheses.
func And(conds ...Condition) Condition { return join("AND", conds) }

// Or joins conditions with OR, each in parentheses.
func Or(conds ...Condition) Condition { return join("OR", conds) }

// Not negates c.
func Not(c Condition) Condition {
	if c.err != nil {
		return c
	}
	return Condition{text: "(NOT " + c.text + ")"}
}

func join(op string, conds []Condition) Condition {
	parts := make([]string, 0, len(conds))
	for _, c := range conds {
		if c.err != nil {
			return c
		}
		if c.text != "" {
			parts = append(parts, "("+c.text+")")
		}
	}
	return Condition{text: strings.Join(parts, " "+op+" ")}
}

// SOQL is a SELECT statement.
type SOQL struct {
	Fields []string
	From   string
	Where  Condition
	// OrderBy lists "Field", "Field ASC" or "Field DESC NULLS LAST" terms.
	OrderBy []string
	Limit   int
	Offset  int
}

// Build returns the statement text after checking every name in it.
func (q SOQL) Build() (string, error) {
	if len(q.Fields) == 0 {
		return "", fmt.Errorf("build SOQL: no fields to select from %s", q.From)
	}
	for _, f := range q.Fields {
		if f == "COUNT()" {
			continue
		}
		if err := CheckIdentifier(f); err != nil {
			return "", err
		}
	}
	if err := CheckIdentifier(q.From); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("SELECT " + strings.Join(q.Fields, ", ") + " FROM " + q.From)
	if err := q.Where.Err(); err != nil {
		return "", err
	}
	if q.Where.text != "" {
		b.WriteString(" WHERE " + q.Where.text)
	}
	if len(q.OrderBy) > 0 {
		terms := make([]string, len(q.OrderBy))
		for i, term := range q.OrderBy {
			t, err := orderTerm(term)
			if err != nil {
				return "", err
			}
			terms[i] = t
		}
		b.WriteString(" ORDER BY " + strings.Join(terms, ", "))
	}
	if q.Limit > 0 {
		b.WriteString(" LIMIT " + strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		b.WriteString(" OFFSET " + strconv.Itoa(q.Offset))
	}
	return b.String(), nil
}

func orderTerm(term string) (string, error) {
	words := strings.Fields(term)
	if len(words) == 0 {
		return "", fmt.Errorf("build SOQL: empty ORDER BY term")
	}
	if err := CheckIdentifier(words[0]); err != nil {
		return "", err
	}
	rest := strings.ToUpper(strings.Join(words[1:], " "))
	switch rest {
	case "", "ASC", "DESC", "ASC NULLS FIRST", "ASC NULLS LAST", "DESC NULLS FIRST", "DESC NULLS LAST",
		"NULLS FIRST", "NULLS LAST":
	default:
		return "", fmt.Errorf("build SOQL: invalid ORDER BY term %q", term)
	}
	return strings.TrimSpace(words[0] + " " + rest), nil
}
