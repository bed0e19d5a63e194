package condition

import (
	"strings"
)

// pushNot rewrites e into negation normal form: no Not nodes remain, and a
// negated comparison takes the opposite operator (NOT a = 1 becomes a != 1).
// Under the null rule of this package (a comparison with a null field is
// never true, and negation keeps it so) the result matches the same records.
func pushNot(e Expr, negate bool) Expr {
	switch n := e.(type) {
	case Not:
		return pushNot(n.X, !negate)
	case And:
		terms := pushTerms(n.Terms, negate)
		if negate {
			return flattenOr(terms)
		}
		return flattenAnd(terms)
	case Or:
		terms := pushTerms(n.Terms, negate)
		if negate {
			return flattenAnd(terms)
		}
		return flattenOr(terms)
	case Comparison:
		if negate {
			n.Op = n.Op.Negate()
		}
		return n
	}
	return e
}

func pushTerms(terms []Expr, negate bool) []Expr {
	out := make([]Expr, len(terms))
	for i, t := range terms {
		out[i] = pushNot(t, negate)
	}
	return out
}

func flattenAnd(terms []Expr) Expr {
	var out []Expr
	for _, t := range terms {
		if a, ok := t.(And); ok {
			out = append(out, a.Terms...)
			continue
		}
		out = append(out, t)
	}
	return And{Terms: out}
}

func flattenOr(terms []Expr) Expr {
	var out []Expr
	for _, t := range terms {
		if o, ok := t.(Or); ok {
			out = append(out, o.Terms...)
			continue
		}
		out = append(out, t)
	}
	return Or{Terms: out}
}

// needsNullGuard reports whether a compiled comparison must be joined with
// "field is not null". Salesforce documents that != null means "has a
// value", and SQL-like servers differ on whether a null field satisfies
// != or NOT IN; the guard makes every target agree with Eval. Boolean
// comparisons get no guard because a Salesforce checkbox is never null and
// SOQL reads "= null" on one as "= false".
func needsNullGuard(c Comparison) bool {
	if !c.Op.negative() {
		return false
	}
	_, isBool := c.Value.(Bool)
	return !isBool
}

// textDialect renders one comparison in a text query language.
type textDialect interface {
	comparison(c Comparison) (string, error)
	notNull(field string) string
}

// compileText renders an expression in negation normal form. Nested groups
// are always parenthesised, because SOQL rejects AND and OR mixed at one
// level.
func compileText(e Expr, d textDialect) (string, error) {
	switch n := e.(type) {
	case And:
		return compileTerms(n.Terms, " AND ", d)
	case Or:
		return compileTerms(n.Terms, " OR ", d)
	case Comparison:
		s, err := d.comparison(n)
		if err != nil {
			return "", err
		}
		if needsNullGuard(n) {
			s = "(" + s + " AND " + d.notNull(n.Field) + ")"
		}
		return s, nil
	}
	return "", nil
}

func compileTerms(terms []Expr, sep string, d textDialect) (string, error) {
	if len(terms) == 1 {
		return compileText(terms[0], d)
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		s, err := compileText(t, d)
		if err != nil {
			return "", err
		}
		if _, ok := t.(Comparison); !ok {
			s = "(" + s + ")"
		}
		parts[i] = s
	}
	return strings.Join(parts, sep), nil
}
