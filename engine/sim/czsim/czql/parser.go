package czql

import (
	"math"
	"strconv"
)

// maxDepth bounds the nesting of parentheses and NOT so that a hostile query
// cannot exhaust the stack.
const maxDepth = 100

type parser struct {
	lex   lexer
	tok   token
	depth int
}

// Parse parses one CZQL SELECT statement.
func Parse(src string) (*Query, error) {
	p := &parser{lex: lexer{src: src}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.unexpected("end of query")
	}
	return q, nil
}

// ParseCondition parses a WHERE condition on its own, as entityQuery's
// cZQLCondition carries it.
func ParseCondition(src string) (Expr, error) {
	p := &parser{lex: lexer{src: src}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.unexpected("end of condition")
	}
	return e, nil
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func (p *parser) isKeyword(kw string) bool {
	return p.tok.kind == tokKeyword && p.tok.text == kw
}

func (p *parser) expectKeyword(kw string) error {
	if !p.isKeyword(kw) {
		return p.unexpected(kw)
	}
	return p.advance()
}

func (p *parser) unexpected(want string) error {
	got := p.tok.text
	switch p.tok.kind {
	case tokEOF:
		got = "end of query"
	case tokString:
		got = "string " + strconv.Quote(p.tok.text)
	}
	return &SyntaxError{Pos: p.tok.pos, Msg: "expected " + want + ", found " + got}
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return &SyntaxError{Pos: p.tok.pos, Msg: "query nested too deeply"}
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) query() (*Query, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	if err := p.expectKeyword("SELECT"); err != nil {
		return nil, err
	}
	q := &Query{Limit: -1, Offset: -1}
	fields, err := p.selectList()
	if err != nil {
		return nil, err
	}
	q.Fields = fields
	if err := p.expectKeyword("FROM"); err != nil {
		return nil, err
	}
	if p.tok.kind != tokIdent {
		return nil, p.unexpected("entity type name")
	}
	q.From = p.tok.text
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.isKeyword("WHERE") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		if q.Where, err = p.or(); err != nil {
			return nil, err
		}
	}
	if p.isKeyword("GROUP") || p.isKeyword("HAVING") {
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: p.tok.text + " is not supported"}
	}
	if p.isKeyword("ORDER") {
		if q.OrderBy, err = p.orderBy(); err != nil {
			return nil, err
		}
	}
	if p.isKeyword("LIMIT") {
		if q.Limit, err = p.count("LIMIT"); err != nil {
			return nil, err
		}
	}
	if p.isKeyword("OFFSET") {
		if q.Offset, err = p.count("OFFSET"); err != nil {
			return nil, err
		}
	}
	return q, nil
}

func (p *parser) selectList() ([]Field, error) {
	var fields []Field
	for {
		switch p.tok.kind {
		case tokLParen:
			if err := p.advance(); err != nil {
				return nil, err
			}
			sub, err := p.query()
			if err != nil {
				return nil, err
			}
			if p.tok.kind != tokRParen {
				return nil, p.unexpected("')' after the relation query")
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
			fields = append(fields, Field{Sub: sub})
		case tokIdent:
			path, err := p.path()
			if err != nil {
				return nil, err
			}
			fields = append(fields, Field{Path: path})
		case tokStar:
			return nil, &SyntaxError{Pos: p.tok.pos, Msg: "SELECT * is not supported; list the fields"}
		default:
			return nil, p.unexpected("field name")
		}
		if p.isKeyword("AS") {
			return nil, &SyntaxError{Pos: p.tok.pos, Msg: "AS aliases are not supported"}
		}
		if p.tok.kind == tokLParen {
			return nil, &SyntaxError{Pos: p.tok.pos, Msg: "functions are not supported"}
		}
		if p.tok.kind != tokComma {
			return fields, nil
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
}

func (p *parser) path() ([]string, error) {
	if p.tok.kind != tokIdent {
		return nil, p.unexpected("field name")
	}
	path := []string{p.tok.text}
	if err := p.advance(); err != nil {
		return nil, err
	}
	for p.tok.kind == tokDot {
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.tok.kind != tokIdent {
			return nil, p.unexpected("field name after '.'")
		}
		path = append(path, p.tok.text)
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	return path, nil
}

func (p *parser) orderBy() ([]Order, error) {
	if err := p.advance(); err != nil {
		return nil, err
	}
	if err := p.expectKeyword("BY"); err != nil {
		return nil, err
	}
	var orders []Order
	for {
		path, err := p.path()
		if err != nil {
			return nil, err
		}
		o := Order{Path: path}
		switch {
		case p.isKeyword("DESC"):
			o.Desc = true
			if err := p.advance(); err != nil {
				return nil, err
			}
		case p.isKeyword("ASC"):
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
		orders = append(orders, o)
		if p.tok.kind != tokComma {
			return orders, nil
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
}

func (p *parser) count(clause string) (int, error) {
	if err := p.advance(); err != nil {
		return 0, err
	}
	if p.tok.kind != tokNumber || p.tok.lit.Num < 0 || p.tok.lit.Num != math.Trunc(p.tok.lit.Num) || p.tok.lit.Num > math.MaxInt32 {
		return 0, p.unexpected("a whole number after " + clause)
	}
	n := int(p.tok.lit.Num)
	return n, p.advance()
}

func (p *parser) or() (Expr, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.isKeyword("OR") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		left = &Or{Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) and() (Expr, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.isKeyword("AND") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.unary()
		if err != nil {
			return nil, err
		}
		left = &And{Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) unary() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	if p.isKeyword("NOT") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Not{X: x}, nil
	}
	if p.tok.kind == tokLParen {
		if err := p.advance(); err != nil {
			return nil, err
		}
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokRParen {
			return nil, p.unexpected("')'")
		}
		return e, p.advance()
	}
	return p.predicate()
}

// predicate parses "path op literal", "path [NOT] LIKE literal",
// "path [NOT] IN (literals)" and "path IS [NOT] NULL".
func (p *parser) predicate() (Expr, error) {
	path, err := p.path()
	if err != nil {
		return nil, err
	}
	switch {
	case p.tok.kind == tokOp:
		op := map[string]Op{"=": OpEq, "<>": OpNe, "<": OpLt, ">": OpGt, "<=": OpLe, ">=": OpGe}[p.tok.text]
		if err := p.advance(); err != nil {
			return nil, err
		}
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		return &Compare{Path: path, Op: op, Value: lit}, nil
	case p.isKeyword("IS"):
		if err := p.advance(); err != nil {
			return nil, err
		}
		not := false
		if p.isKeyword("NOT") {
			not = true
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
		if err := p.expectKeyword("NULL"); err != nil {
			return nil, err
		}
		return &IsNull{Path: path, Not: not}, nil
	}
	not := false
	if p.isKeyword("NOT") {
		not = true
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	switch {
	case p.isKeyword("LIKE"):
		if err := p.advance(); err != nil {
			return nil, err
		}
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		if lit.Kind != LitString {
			return nil, &SyntaxError{Pos: p.tok.pos, Msg: "LIKE needs a quoted pattern"}
		}
		op := OpLike
		if not {
			op = OpNotLike
		}
		return &Compare{Path: path, Op: op, Value: lit}, nil
	case p.isKeyword("IN"):
		values, err := p.list()
		if err != nil {
			return nil, err
		}
		return &In{Path: path, Values: values, Not: not}, nil
	}
	if not {
		return nil, p.unexpected("LIKE or IN after NOT")
	}
	return nil, p.unexpected("comparison operator")
}

func (p *parser) list() ([]Literal, error) {
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tokLParen {
		return nil, p.unexpected("'(' after IN")
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	var values []Literal
	for {
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		values = append(values, lit)
		if p.tok.kind == tokRParen {
			return values, p.advance()
		}
		if p.tok.kind != tokComma {
			return nil, p.unexpected("',' or ')' in the IN list")
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
}

func (p *parser) literal() (Literal, error) {
	t := p.tok
	var lit Literal
	switch {
	case t.kind == tokString || t.kind == tokNumber || t.kind == tokDate || t.kind == tokDuration:
		lit = t.lit
	case p.isKeyword("NULL"):
		lit = Literal{Kind: LitNull}
	case p.isKeyword("TRUE") || p.isKeyword("FALSE"):
		lit = Literal{Kind: LitBool, Bool: t.text == "TRUE"}
	default:
		return Literal{}, p.unexpected("a value (quoted string, number, date, duration, TRUE, FALSE or NULL)")
	}
	return lit, p.advance()
}
