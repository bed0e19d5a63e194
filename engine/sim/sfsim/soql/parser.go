package soql

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Error is a syntax error with the row and column where parsing stopped.
type Error struct {
	Pos Pos
	Msg string
}

// Error formats the message the way Salesforce reports MALFORMED_QUERY.
func (e *Error) Error() string {
	return fmt.Sprintf("ERROR at Row:%d:Column:%d\n%s", e.Pos.Row, e.Pos.Col, e.Msg)
}

// reserved words cannot be field names, object names or aliases.
var reserved = map[string]bool{
	"AND": true, "ASC": true, "DESC": true, "EXCLUDES": true, "FIRST": true, "FROM": true,
	"GROUP": true, "HAVING": true, "IN": true, "INCLUDES": true, "LAST": true, "LIKE": true,
	"LIMIT": true, "NOT": true, "NULL": true, "NULLS": true, "OR": true, "SELECT": true,
	"WHERE": true, "WITH": true, "ORDER": true, "OFFSET": true, "FOR": true, "USING": true,
	"TRUE": true, "FALSE": true,
}

var selectFunctions = map[string]bool{
	"COUNT": true, "COUNT_DISTINCT": true, "SUM": true, "AVG": true, "MIN": true, "MAX": true,
	"TOLABEL": true, "FORMAT": true, "CONVERTCURRENCY": true, "FIELDS": true,
	"CALENDAR_YEAR": true, "CALENDAR_MONTH": true, "CALENDAR_QUARTER": true, "DAY_ONLY": true,
	"DAY_IN_MONTH": true, "DAY_IN_WEEK": true, "DAY_IN_YEAR": true, "HOUR_IN_DAY": true,
	"WEEK_IN_MONTH": true, "WEEK_IN_YEAR": true, "FISCAL_YEAR": true, "FISCAL_MONTH": true,
	"FISCAL_QUARTER": true, "CONVERTTIMEZONE": true,
}

var dateLiterals = map[string]bool{
	"YESTERDAY": true, "TODAY": true, "TOMORROW": true, "LAST_WEEK": true, "THIS_WEEK": true,
	"NEXT_WEEK": true, "LAST_MONTH": true, "THIS_MONTH": true, "NEXT_MONTH": true,
	"LAST_90_DAYS": true, "NEXT_90_DAYS": true, "THIS_QUARTER": true, "LAST_QUARTER": true,
	"NEXT_QUARTER": true, "THIS_YEAR": true, "LAST_YEAR": true, "NEXT_YEAR": true,
	"THIS_FISCAL_QUARTER": true, "LAST_FISCAL_QUARTER": true, "NEXT_FISCAL_QUARTER": true,
	"THIS_FISCAL_YEAR": true, "LAST_FISCAL_YEAR": true, "NEXT_FISCAL_YEAR": true,
}

var dateNLiterals = map[string]bool{
	"LAST_N_DAYS": true, "NEXT_N_DAYS": true, "N_DAYS_AGO": true,
	"LAST_N_WEEKS": true, "NEXT_N_WEEKS": true, "N_WEEKS_AGO": true,
	"LAST_N_MONTHS": true, "NEXT_N_MONTHS": true, "N_MONTHS_AGO": true,
	"LAST_N_QUARTERS": true, "NEXT_N_QUARTERS": true, "N_QUARTERS_AGO": true,
	"LAST_N_YEARS": true, "NEXT_N_YEARS": true, "N_YEARS_AGO": true,
	"LAST_N_FISCAL_QUARTERS": true, "NEXT_N_FISCAL_QUARTERS": true, "N_FISCAL_QUARTERS_AGO": true,
	"LAST_N_FISCAL_YEARS": true, "NEXT_N_FISCAL_YEARS": true, "N_FISCAL_YEARS_AGO": true,
}

var currencyPattern = regexp.MustCompile(`^([A-Za-z]{3})(\d+)$`)

// Parse parses one SELECT statement.
func Parse(src string) (*Query, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	q, err := p.parseQuery(false)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, p.unexpected(t)
	}
	return q, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekAt(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func (p *parser) isKeyword(word string) bool {
	t := p.peek()
	return t.kind == tokIdent && upper(t.text) == word
}

func (p *parser) isPunct(s string) bool {
	t := p.peek()
	return t.kind == tokPunct && t.text == s
}

func (p *parser) acceptKeyword(word string) bool {
	if p.isKeyword(word) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectKeyword(word string) error {
	if !p.acceptKeyword(word) {
		return p.unexpected(p.peek())
	}
	return nil
}

func (p *parser) expectPunct(s string) error {
	if !p.isPunct(s) {
		return p.unexpected(p.peek())
	}
	p.i++
	return nil
}

func (p *parser) unexpected(t token) error {
	if t.kind == tokEOF {
		return &Error{Pos: t.pos, Msg: "unexpected token: <EOF>"}
	}
	return &Error{Pos: t.pos, Msg: fmt.Sprintf("unexpected token: '%s'", t.text)}
}

func (p *parser) parseQuery(nested bool) (*Query, error) {
	if err := p.expectKeyword("SELECT"); err != nil {
		return nil, err
	}
	q := &Query{}
	for {
		f, err := p.parseSelectItem(nested)
		if err != nil {
			return nil, err
		}
		q.Fields = append(q.Fields, f)
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	if err := p.expectKeyword("FROM"); err != nil {
		return nil, err
	}
	name, err := p.parseName()
	if err != nil {
		return nil, err
	}
	q.Object = name
	if t := p.peek(); t.kind == tokIdent && !reserved[upper(t.text)] && upper(t.text) != "UPDATE" {
		q.ObjectAlias = t.text
		p.next()
	}
	if err := p.parseClauses(q, nested); err != nil {
		return nil, err
	}
	stripAlias(q)
	return q, nil
}

func (p *parser) parseClauses(q *Query, nested bool) error {
	if p.acceptKeyword("USING") {
		if err := p.expectKeyword("SCOPE"); err != nil {
			return err
		}
		t := p.next()
		if t.kind != tokIdent {
			return p.unexpected(t)
		}
		q.UsingScope = t.text
	}
	if p.acceptKeyword("WHERE") {
		e, err := p.parseCondition(false)
		if err != nil {
			return err
		}
		q.Where = e
	}
	if p.acceptKeyword("WITH") {
		t := p.next()
		switch upper(t.text) {
		case "SECURITY_ENFORCED", "USER_MODE", "SYSTEM_MODE":
			q.With = upper(t.text)
		default:
			return p.unexpected(t)
		}
	}
	if p.acceptKeyword("GROUP") {
		if err := p.expectKeyword("BY"); err != nil {
			return err
		}
		for {
			f, err := p.parseFieldExpr()
			if err != nil {
				return err
			}
			q.GroupBy = append(q.GroupBy, f)
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	if p.isKeyword("HAVING") {
		if len(q.GroupBy) == 0 {
			return p.unexpected(p.peek())
		}
		p.next()
		e, err := p.parseCondition(true)
		if err != nil {
			return err
		}
		q.Having = e
	}
	if p.acceptKeyword("ORDER") {
		if err := p.expectKeyword("BY"); err != nil {
			return err
		}
		for {
			o, err := p.parseOrder()
			if err != nil {
				return err
			}
			q.OrderBy = append(q.OrderBy, o)
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	if p.acceptKeyword("LIMIT") {
		n, err := p.parseCount()
		if err != nil {
			return err
		}
		q.Limit = &n
	}
	if p.acceptKeyword("OFFSET") {
		n, err := p.parseCount()
		if err != nil {
			return err
		}
		q.Offset = &n
	}
	if !nested && p.acceptKeyword("FOR") {
		for {
			t := p.next()
			switch upper(t.text) {
			case "VIEW", "REFERENCE", "UPDATE":
				q.For = append(q.For, upper(t.text))
			default:
				return p.unexpected(t)
			}
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	return nil
}

func (p *parser) parseCount() (int, error) {
	t := p.next()
	if t.kind != tokNumber || strings.ContainsAny(t.text, ".-") {
		return 0, p.unexpected(t)
	}
	n, err := strconv.Atoi(t.text)
	if err != nil {
		return 0, &Error{Pos: t.pos, Msg: fmt.Sprintf("invalid number '%s'", t.text)}
	}
	return n, nil
}

// parseName reads a dotted name such as Account or Account.Contacts.
func (p *parser) parseName() (string, error) {
	var parts []string
	for {
		t := p.next()
		if t.kind != tokIdent || reserved[upper(t.text)] {
			return "", p.unexpected(t)
		}
		parts = append(parts, t.text)
		if !p.isPunct(".") {
			break
		}
		p.next()
	}
	return strings.Join(parts, "."), nil
}

func (p *parser) parseSelectItem(nested bool) (Field, error) {
	if p.isPunct("(") {
		start := p.next()
		if nested {
			return Field{}, p.unexpected(start)
		}
		sub, err := p.parseQuery(true)
		if err != nil {
			return Field{}, err
		}
		if err := p.expectPunct(")"); err != nil {
			return Field{}, err
		}
		return Field{Kind: FieldSubquery, Subquery: sub, Pos: start.pos}, nil
	}
	f, err := p.parseFieldExpr()
	if err != nil {
		return Field{}, err
	}
	if t := p.peek(); t.kind == tokIdent && !reserved[upper(t.text)] {
		f.Alias = t.text
		p.next()
	}
	return f, nil
}

// parseFieldExpr reads a dotted path or a function call.
func (p *parser) parseFieldExpr() (Field, error) {
	t := p.peek()
	if t.kind != tokIdent || reserved[upper(t.text)] {
		return Field{}, p.unexpected(t)
	}
	if next := p.peekAt(1); next.kind == tokPunct && next.text == "(" {
		return p.parseFunction()
	}
	name, err := p.parseName()
	if err != nil {
		return Field{}, err
	}
	return Field{Kind: FieldPath, Path: strings.Split(name, "."), Pos: t.pos}, nil
}

func (p *parser) parseFunction() (Field, error) {
	name := p.next()
	if !selectFunctions[upper(name.text)] {
		return Field{}, &Error{Pos: name.pos, Msg: fmt.Sprintf("unknown function '%s'", name.text)}
	}
	p.next() // "("
	f := Field{Kind: FieldFunction, Func: name.text, Pos: name.pos}
	if p.isPunct(")") {
		p.next()
		if upper(name.text) != "COUNT" {
			return Field{}, &Error{Pos: name.pos, Msg: fmt.Sprintf("function '%s' needs an argument", name.text)}
		}
		return f, nil
	}
	for {
		arg, err := p.parseFieldExpr()
		if err != nil {
			return Field{}, err
		}
		f.Args = append(f.Args, arg)
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	if err := p.expectPunct(")"); err != nil {
		return Field{}, err
	}
	if upper(f.Func) == "FIELDS" {
		if len(f.Args) != 1 || len(f.Args[0].Path) != 1 {
			return Field{}, &Error{Pos: name.pos, Msg: "FIELDS() takes one of ALL, STANDARD or CUSTOM"}
		}
		switch upper(f.Args[0].Path[0]) {
		case "ALL", "STANDARD", "CUSTOM":
		default:
			return Field{}, &Error{Pos: name.pos, Msg: "FIELDS() takes one of ALL, STANDARD or CUSTOM"}
		}
	}
	return f, nil
}

func (p *parser) parseOrder() (Order, error) {
	f, err := p.parseFieldExpr()
	if err != nil {
		return Order{}, err
	}
	o := Order{Field: f}
	if p.acceptKeyword("DESC") {
		o.Descending = true
		o.NullsLast = true
	} else {
		p.acceptKeyword("ASC")
	}
	if p.acceptKeyword("NULLS") {
		switch {
		case p.acceptKeyword("FIRST"):
			o.NullsLast = false
		case p.acceptKeyword("LAST"):
			o.NullsLast = true
		default:
			return Order{}, p.unexpected(p.peek())
		}
		o.NullsSet = true
	}
	return o, nil
}

// parseCondition reads conditions joined by AND or OR. SOQL rejects a mix of
// AND and OR at one level without parentheses.
func (p *parser) parseCondition(having bool) (Expr, error) {
	left, err := p.parseUnary(having)
	if err != nil {
		return nil, err
	}
	op := ""
	for p.isKeyword("AND") || p.isKeyword("OR") {
		t := p.next()
		word := upper(t.text)
		if op != "" && word != op {
			return nil, p.unexpected(t)
		}
		op = word
		right, err := p.parseUnary(having)
		if err != nil {
			return nil, err
		}
		left = Logical{Op: op, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) parseUnary(having bool) (Expr, error) {
	if p.acceptKeyword("NOT") {
		x, err := p.parseUnary(having)
		if err != nil {
			return nil, err
		}
		return Not{X: x}, nil
	}
	if p.isPunct("(") {
		p.next()
		e, err := p.parseCondition(having)
		if err != nil {
			return nil, err
		}
		if err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		return e, nil
	}
	return p.parseComparison()
}

func (p *parser) parseComparison() (Expr, error) {
	f, err := p.parseFieldExpr()
	if err != nil {
		return nil, err
	}
	c := Comparison{Field: f}
	t := p.next()
	switch {
	case t.kind == tokOp:
		c.Op = t.text
		if c.Op == "<>" {
			c.Op = "!="
		}
		c.Value, err = p.parseValue()
		return c, err
	case t.kind == tokIdent && upper(t.text) == "LIKE":
		c.Op = "LIKE"
		c.Value, err = p.parseValue()
		if err == nil && c.Value.Kind != ValueString && c.Value.Kind != ValueNull {
			return nil, &Error{Pos: c.Value.Pos, Msg: "LIKE needs a string value"}
		}
		return c, err
	case t.kind == tokIdent && upper(t.text) == "NOT":
		if err := p.expectKeyword("IN"); err != nil {
			return nil, err
		}
		c.Op = "NOT IN"
	case t.kind == tokIdent && (upper(t.text) == "IN" || upper(t.text) == "INCLUDES" || upper(t.text) == "EXCLUDES"):
		c.Op = upper(t.text)
	default:
		return nil, p.unexpected(t)
	}
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	if p.isKeyword("SELECT") && (c.Op == "IN" || c.Op == "NOT IN") {
		sub, err := p.parseQuery(true)
		if err != nil {
			return nil, err
		}
		c.Subquery = sub
	} else {
		for {
			v, err := p.parseValue()
			if err != nil {
				return nil, err
			}
			c.Values = append(c.Values, v)
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	if err := p.expectPunct(")"); err != nil {
		return nil, err
	}
	return c, nil
}

func (p *parser) parseValue() (Value, error) {
	t := p.next()
	v := Value{Raw: t.text, Pos: t.pos}
	switch t.kind {
	case tokString:
		v.Kind = ValueString
		v.Str = t.str
		return v, nil
	case tokNumber:
		n, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return v, &Error{Pos: t.pos, Msg: fmt.Sprintf("invalid number '%s'", t.text)}
		}
		v.Kind = ValueNumber
		v.Num = n
		return v, nil
	case tokDate:
		v.Kind = ValueDate
		v.Str = t.text
		return v, nil
	case tokDateTime:
		v.Kind = ValueDateTime
		v.Str = t.text
		return v, nil
	case tokIdent:
		return p.parseWordValue(t, v)
	}
	return v, p.unexpected(t)
}

func (p *parser) parseWordValue(t token, v Value) (Value, error) {
	word := upper(t.text)
	switch {
	case word == "NULL":
		v.Kind = ValueNull
	case word == "TRUE" || word == "FALSE":
		v.Kind = ValueBoolean
		v.Bool = word == "TRUE"
	case dateLiterals[word]:
		v.Kind = ValueDateLiteral
		v.Str = word
	case dateNLiterals[word]:
		if err := p.expectPunct(":"); err != nil {
			return v, err
		}
		n, err := p.parseCount()
		if err != nil {
			return v, err
		}
		v.Kind = ValueDateLiteral
		v.Str = word
		v.N = n
		v.Raw = fmt.Sprintf("%s:%d", t.text, n)
	case currencyPattern.MatchString(t.text):
		m := currencyPattern.FindStringSubmatch(t.text)
		amount := m[2]
		if p.isPunct(".") && p.peekAt(1).kind == tokNumber && !strings.ContainsAny(p.peekAt(1).text, ".-") {
			p.next()
			amount += "." + p.next().text
		}
		n, err := strconv.ParseFloat(amount, 64)
		if err != nil {
			return v, &Error{Pos: t.pos, Msg: fmt.Sprintf("invalid currency literal '%s'", t.text)}
		}
		v.Kind = ValueCurrency
		v.Currency = upper(m[1])
		v.Num = n
		v.Raw = m[1] + amount
	default:
		return v, p.unexpected(t)
	}
	return v, nil
}

// stripAlias removes the FROM alias from the start of field paths, so that
// "SELECT c.Name FROM Contact c" reads as Name.
func stripAlias(q *Query) {
	if q.ObjectAlias == "" {
		return
	}
	fix := func(f *Field) {
		if f.Kind == FieldPath && len(f.Path) > 1 && strings.EqualFold(f.Path[0], q.ObjectAlias) {
			f.Prefix = f.Path[0]
			f.Path = f.Path[1:]
		}
		for i := range f.Args {
			if len(f.Args[i].Path) > 1 && strings.EqualFold(f.Args[i].Path[0], q.ObjectAlias) {
				f.Args[i].Prefix = f.Args[i].Path[0]
				f.Args[i].Path = f.Args[i].Path[1:]
			}
		}
	}
	for i := range q.Fields {
		fix(&q.Fields[i])
	}
	for i := range q.GroupBy {
		fix(&q.GroupBy[i])
	}
	for i := range q.OrderBy {
		fix(&q.OrderBy[i].Field)
	}
	var walk func(e Expr) Expr
	walk = func(e Expr) Expr {
		switch x := e.(type) {
		case Logical:
			x.Left, x.Right = walk(x.Left), walk(x.Right)
			return x
		case Not:
			x.X = walk(x.X)
			return x
		case Comparison:
			fix(&x.Field)
			return x
		}
		return e
	}
	if q.Where != nil {
		q.Where = walk(q.Where)
	}
	if q.Having != nil {
		q.Having = walk(q.Having)
	}
}
