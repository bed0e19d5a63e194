package soql

// Query is one parsed SELECT statement (top level or nested).
type Query struct {
	Fields      []Field
	Object      string // the FROM name; a relationship name for child subqueries
	ObjectAlias string
	UsingScope  string
	Where       Expr // nil when there is no WHERE clause
	With        string
	GroupBy     []Field
	Having      Expr
	OrderBy     []Order
	Limit       *int
	Offset      *int
	For         []string // VIEW, REFERENCE, UPDATE
}

// FieldKind tells which form a select-list item has.
type FieldKind int

// Select-list item forms.
const (
	FieldPath     FieldKind = iota // Name, Account.Name
	FieldFunction                  // COUNT(), MAX(Amount), toLabel(Status), FIELDS(ALL)
	FieldSubquery                  // (SELECT ... FROM Contacts)
)

// Field is one select-list, GROUP BY or ORDER BY item.
type Field struct {
	Kind     FieldKind
	Path     []string // the dotted path, alias prefix removed
	Prefix   string   // the object alias the path started with, if any
	Func     string   // function name as written (FieldFunction)
	Args     []Field  // function arguments (FieldFunction); FIELDS(ALL) has one path arg "ALL"
	Alias    string
	Subquery *Query
	Pos      Pos
}

// IsAggregate reports whether the field is an aggregate function call.
func (f Field) IsAggregate() bool {
	if f.Kind != FieldFunction {
		return false
	}
	switch upper(f.Func) {
	case "COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX":
		return true
	}
	return false
}

// Order is one ORDER BY item.
type Order struct {
	Field      Field
	Descending bool
	NullsLast  bool // SOQL default: NULLS FIRST for ASC, NULLS LAST for DESC
	NullsSet   bool // NULLS FIRST or NULLS LAST was written
}

// Expr is a WHERE or HAVING condition.
type Expr interface{ exprNode() }

// Logical joins two conditions with AND or OR.
type Logical struct {
	Op          string // "AND" or "OR"
	Left, Right Expr
}

// Not negates a condition.
type Not struct{ X Expr }

// Comparison is one "field operator value" condition.
type Comparison struct {
	Field    Field
	Op       string  // =, !=, <, <=, >, >=, LIKE, IN, NOT IN, INCLUDES, EXCLUDES
	Value    Value   // single-value operators
	Values   []Value // IN, NOT IN, INCLUDES, EXCLUDES
	Subquery *Query  // semi-join: IN (SELECT ...)
}

func (Logical) exprNode()    {}
func (Not) exprNode()        {}
func (Comparison) exprNode() {}

// ValueKind is the literal type of a Value.
type ValueKind int

// Literal types.
const (
	ValueString ValueKind = iota
	ValueNumber
	ValueBoolean
	ValueNull
	ValueDate
	ValueDateTime
	ValueDateLiteral // TODAY, LAST_N_DAYS:7 ...
	ValueCurrency    // USD5000
)

// String returns the literal type name used in error messages and tests.
func (k ValueKind) String() string {
	switch k {
	case ValueString:
		return "string"
	case ValueNumber:
		return "number"
	case ValueBoolean:
		return "boolean"
	case ValueNull:
		return "null"
	case ValueDate:
		return "date"
	case ValueDateTime:
		return "dateTime"
	case ValueDateLiteral:
		return "date literal"
	case ValueCurrency:
		return "currency"
	}
	return "unknown"
}

// Value is one literal.
type Value struct {
	Kind     ValueKind
	Raw      string  // as written, quotes included for strings
	Str      string  // unescaped string; date text; date-literal name (upper case)
	Num      float64 // numbers and currency amounts
	Bool     bool
	N        int    // the n of LAST_N_DAYS:n and friends
	Currency string // ISO code of a currency literal
	Pos      Pos
}

// Pos is a 1-based row and column in the query text.
type Pos struct{ Row, Col int }
