package condition

import (
	"strings"
)

// Expr is a node of a parsed condition: And, Or, Not or Comparison.
type Expr interface {
	// String returns the condition in canonical source form. Parsing the
	// result yields an expression Equal to the receiver.
	String() string
	isExpr()
}

// And is true when every term is true. Parse flattens nested groups, so a
// term is never itself an And.
type And struct {
	Terms []Expr
}

// Or is true when at least one term is true. A term is never itself an Or.
type Or struct {
	Terms []Expr
}

// Not negates its operand.
type Not struct {
	X Expr
}

// Comparison tests one field. Value is nil for IS NULL and IS NOT NULL, a
// Pattern for LIKE and NOT LIKE, a List for IN, NOT IN, INCLUDES and EXCLUDES,
// and a scalar (String, Number, Bool, Date, DateTime) otherwise.
type Comparison struct {
	// Field is a field name or a dot path through references (Account.Name).
	Field string
	Op    Op
	Value Value
}

func (And) isExpr()        {}
func (Or) isExpr()         {}
func (Not) isExpr()        {}
func (Comparison) isExpr() {}

func (a And) String() string { return joinTerms(a.Terms, " AND ") }
func (o Or) String() string  { return joinTerms(o.Terms, " OR ") }

func (n Not) String() string {
	if _, ok := n.X.(Comparison); ok {
		return "NOT " + n.X.String()
	}
	if _, ok := n.X.(Not); ok {
		return "NOT " + n.X.String()
	}
	return "NOT (" + n.X.String() + ")"
}

func (c Comparison) String() string {
	if c.Value == nil {
		return c.Field + " " + string(c.Op)
	}
	return c.Field + " " + string(c.Op) + " " + c.Value.String()
}

// joinTerms renders terms with sep and puts every nested group in
// parentheses. An Or inside an And needs them for precedence. An And inside
// an Or gets them too, so that the text reads the same way in SOQL, which
// rejects AND and OR mixed without parentheses.
func joinTerms(terms []Expr, sep string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		s := t.String()
		if isAnd(t) || isOr(t) {
			s = "(" + s + ")"
		}
		parts[i] = s
	}
	return strings.Join(parts, sep)
}

func isAnd(e Expr) bool { _, ok := e.(And); return ok }
func isOr(e Expr) bool  { _, ok := e.(Or); return ok }

// Op is a comparison operator in canonical spelling.
type Op string

// Comparison operators. Parse also reads <> as !=, "= null" as IS NULL and
// "!= null" as IS NOT NULL.
const (
	OpEq        Op = "="
	OpNe        Op = "!="
	OpLt        Op = "<"
	OpGt        Op = ">"
	OpLe        Op = "<="
	OpGe        Op = ">="
	OpLike      Op = "LIKE"
	OpNotLike   Op = "NOT LIKE"
	OpIn        Op = "IN"
	OpNotIn     Op = "NOT IN"
	OpIncludes  Op = "INCLUDES"
	OpExcludes  Op = "EXCLUDES"
	OpIsNull    Op = "IS NULL"
	OpIsNotNull Op = "IS NOT NULL"
)

// AllOps lists every operator in the order a condition builder offers them.
var AllOps = []Op{OpEq, OpNe, OpLt, OpGt, OpLe, OpGe, OpLike, OpNotLike, OpIn, OpNotIn, OpIncludes, OpExcludes, OpIsNull, OpIsNotNull}

// Negate returns the operator that is true exactly when o is false for a
// non-null field value.
func (o Op) Negate() Op {
	switch o {
	case OpEq:
		return OpNe
	case OpNe:
		return OpEq
	case OpLt:
		return OpGe
	case OpGe:
		return OpLt
	case OpGt:
		return OpLe
	case OpLe:
		return OpGt
	case OpLike:
		return OpNotLike
	case OpNotLike:
		return OpLike
	case OpIn:
		return OpNotIn
	case OpNotIn:
		return OpIn
	case OpIncludes:
		return OpExcludes
	case OpExcludes:
		return OpIncludes
	case OpIsNull:
		return OpIsNotNull
	case OpIsNotNull:
		return OpIsNull
	}
	return o
}

// negative reports whether the operator matches by absence (!=, NOT LIKE,
// NOT IN, EXCLUDES). Compilers add an explicit "field is not null" guard to
// these, so that a null field never matches, whatever the server's own null
// rule is.
func (o Op) negative() bool {
	return o == OpNe || o == OpNotLike || o == OpNotIn || o == OpExcludes
}

// Fields returns the field paths that e names, in first-use order, without
// duplicates (compared case-insensitively).
func Fields(e Expr) []string {
	var out []string
	seen := map[string]bool{}
	Walk(e, func(c Comparison) {
		k := strings.ToLower(c.Field)
		if !seen[k] {
			seen[k] = true
			out = append(out, c.Field)
		}
	})
	return out
}

// Walk calls fn for every comparison in e, left to right.
func Walk(e Expr, fn func(Comparison)) {
	switch n := e.(type) {
	case And:
		for _, t := range n.Terms {
			Walk(t, fn)
		}
	case Or:
		for _, t := range n.Terms {
			Walk(t, fn)
		}
	case Not:
		Walk(n.X, fn)
	case Comparison:
		fn(n)
	}
}

// Equal reports whether two expressions have the same structure and values.
// Date-times are compared as instants.
func Equal(a, b Expr) bool {
	switch x := a.(type) {
	case And:
		y, ok := b.(And)
		return ok && equalTerms(x.Terms, y.Terms)
	case Or:
		y, ok := b.(Or)
		return ok && equalTerms(x.Terms, y.Terms)
	case Not:
		y, ok := b.(Not)
		return ok && Equal(x.X, y.X)
	case Comparison:
		y, ok := b.(Comparison)
		return ok && x.Field == y.Field && x.Op == y.Op && equalValues(x.Value, y.Value)
	}
	return a == nil && b == nil
}

func equalTerms(a, b []Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
