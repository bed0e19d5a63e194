package czql

import (
	"strconv"
	"strings"
	"time"
)

// Query is a parsed CZQL SELECT statement.
type Query struct {
	Fields  []Field
	From    string
	Where   Expr // nil when the query has no WHERE clause
	OrderBy []Order
	// Limit and Offset are -1 when the clause is absent.
	Limit  int
	Offset int
}

// Field is one item of the SELECT list: a field path such as Manager.Name,
// or a relation sub-select such as (SELECT Name FROM Children).
type Field struct {
	Path []string
	Sub  *Query // non-nil for a relation sub-select; Sub.From is the relation name
}

// Order is one ORDER BY item.
type Order struct {
	Path []string
	Desc bool
}

// Op is a comparison operator.
type Op int

// Comparison operators. Like patterns use % for any run of characters and _
// for one character. BeginsWith, EndsWith, Contains and NotContains have no
// CZQL spelling; they exist for entityQuery conditions.
const (
	OpEq Op = iota
	OpNe
	OpLt
	OpGt
	OpLe
	OpGe
	OpLike
	OpNotLike
	OpBeginsWith
	OpEndsWith
	OpContains
	OpNotContains
)

var opText = [...]string{
	OpEq: "=", OpNe: "<>", OpLt: "<", OpGt: ">", OpLe: "<=", OpGe: ">=",
	OpLike: "LIKE", OpNotLike: "NOT LIKE",
	OpBeginsWith: "BEGINSWITH", OpEndsWith: "ENDSWITH",
	OpContains: "CONTAINS", OpNotContains: "NOT CONTAINS",
}

func (o Op) String() string {
	if int(o) < len(opText) {
		return opText[o]
	}
	return "Op(" + strconv.Itoa(int(o)) + ")"
}

// Expr is a WHERE condition node: *Compare, *In, *IsNull, *And, *Or or *Not.
type Expr interface {
	expr()
	write(b *strings.Builder)
}

// Compare tests a field against one literal.
type Compare struct {
	Path  []string
	Op    Op
	Value Literal
}

// In tests a field against a list of literals.
type In struct {
	Path   []string
	Values []Literal
	Not    bool
}

// IsNull tests whether a field has no value.
type IsNull struct {
	Path []string
	Not  bool
}

// And is true when both sides are true.
type And struct{ Left, Right Expr }

// Or is true when either side is true.
type Or struct{ Left, Right Expr }

// Not negates its operand.
type Not struct{ X Expr }

func (*Compare) expr() {}
func (*In) expr()      {}
func (*IsNull) expr()  {}
func (*And) expr()     {}
func (*Or) expr()      {}
func (*Not) expr()     {}

// LiteralKind selects the member of a Literal holds the value.
type LiteralKind int

// Literal kinds.
const (
	LitNull LiteralKind = iota
	LitString
	LitNumber
	LitBool
	LitDate
	LitDuration
)

// Literal is a constant in a condition.
type Literal struct {
	Kind LiteralKind
	Str  string
	Num  float64
	Bool bool
	// Time holds a LitDate value. DateOnly is set when the literal had no
	// time of day, which makes comparisons work on whole days.
	Time     time.Time
	DateOnly bool
	// Duration holds a LitDuration value: Num in Unit (Hours, Days or Weeks).
	Unit string
}

// String renders the query back into CZQL that Parse accepts.
func (q *Query) String() string {
	var b strings.Builder
	q.write(&b)
	return b.String()
}

func (q *Query) write(b *strings.Builder) {
	b.WriteString("SELECT ")
	for i, f := range q.Fields {
		if i > 0 {
			b.WriteString(", ")
		}
		if f.Sub != nil {
			b.WriteString("(")
			f.Sub.write(b)
			b.WriteString(")")
			continue
		}
		writePath(b, f.Path)
	}
	b.WriteString(" FROM ")
	b.WriteString(quoteIdent(q.From))
	if q.Where != nil {
		b.WriteString(" WHERE ")
		q.Where.write(b)
	}
	for i, o := range q.OrderBy {
		if i == 0 {
			b.WriteString(" ORDER BY ")
		} else {
			b.WriteString(", ")
		}
		writePath(b, o.Path)
		if o.Desc {
			b.WriteString(" DESC")
		}
	}
	if q.Limit >= 0 {
		b.WriteString(" LIMIT ")
		b.WriteString(strconv.Itoa(q.Limit))
	}
	if q.Offset >= 0 {
		b.WriteString(" OFFSET ")
		b.WriteString(strconv.Itoa(q.Offset))
	}
}

// String renders the condition in CZQL syntax.
func ExprString(e Expr) string {
	var b strings.Builder
	e.write(&b)
	return b.String()
}

func (c *Compare) write(b *strings.Builder) {
	writePath(b, c.Path)
	b.WriteString(" ")
	b.WriteString(c.Op.String())
	b.WriteString(" ")
	c.Value.write(b)
}

func (c *In) write(b *strings.Builder) {
	writePath(b, c.Path)
	if c.Not {
		b.WriteString(" NOT")
	}
	b.WriteString(" IN (")
	for i, v := range c.Values {
		if i > 0 {
			b.WriteString(", ")
		}
		v.write(b)
	}
	b.WriteString(")")
}

func (c *IsNull) write(b *strings.Builder) {
	writePath(b, c.Path)
	if c.Not {
		b.WriteString(" IS NOT NULL")
	} else {
		b.WriteString(" IS NULL")
	}
}

func (c *And) write(b *strings.Builder) { writeBinary(b, c.Left, "AND", c.Right) }
func (c *Or) write(b *strings.Builder)  { writeBinary(b, c.Left, "OR", c.Right) }

func (c *Not) write(b *strings.Builder) {
	b.WriteString("NOT (")
	c.X.write(b)
	b.WriteString(")")
}

func writeBinary(b *strings.Builder, left Expr, op string, right Expr) {
	b.WriteString("(")
	left.write(b)
	b.WriteString(" ")
	b.WriteString(op)
	b.WriteString(" ")
	right.write(b)
	b.WriteString(")")
}

func (l Literal) write(b *strings.Builder) {
	switch l.Kind {
	case LitNull:
		b.WriteString("NULL")
	case LitString:
		b.WriteString("'")
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(l.Str, `\`, `\\`), "'", `\'`))
		b.WriteString("'")
	case LitNumber:
		b.WriteString(strconv.FormatFloat(l.Num, 'g', -1, 64))
	case LitBool:
		b.WriteString(strings.ToUpper(strconv.FormatBool(l.Bool)))
	case LitDate:
		if l.DateOnly {
			b.WriteString(l.Time.Format(time.DateOnly))
		} else {
			b.WriteString(l.Time.Format("2006-01-02T15:04:05.9999999"))
		}
	case LitDuration:
		b.WriteString(strconv.FormatFloat(l.Num, 'f', -1, 64))
		b.WriteString(durationSuffix[l.Unit])
	}
}

func writePath(b *strings.Builder, path []string) {
	for i, p := range path {
		if i > 0 {
			b.WriteString(".")
		}
		b.WriteString(quoteIdent(p))
	}
}

// quoteIdent prefixes an identifier with @ when it collides with a keyword or
// does not start with a letter or underscore.
func quoteIdent(name string) string {
	if _, ok := keywords[strings.ToUpper(name)]; ok {
		return "@" + name
	}
	if name != "" && name[0] != '_' && !isLetterStart(name) {
		return "@" + name
	}
	return name
}
