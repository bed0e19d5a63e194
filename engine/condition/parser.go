package condition

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxDepth bounds nesting of parentheses and NOT, so that hostile input
// cannot exhaust the stack.
const maxDepth = 100

// Parse reads a condition. The error is a *SyntaxError on invalid input.
func Parse(src string) (Expr, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	if p.peek().kind == tokEOF {
		return nil, p.fail("a condition", "write a comparison such as Probability >= 70")
	}
	e, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		if t.kind == tokRParen {
			return nil, p.fail("AND, OR or the end of the condition", "remove the unmatched )")
		}
		return nil, p.fail("AND, OR or the end of the condition", "join comparisons with AND or OR")
	}
	return e, nil
}

// MustParse is Parse for conditions written in code; it panics on error.
func MustParse(src string) Expr {
	e, err := Parse(src)
	if err != nil {
		panic(err)
	}
	return e
}

type parser struct {
	src  string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

// keyword reports whether the next token is the keyword kw.
func (p *parser) keyword(kw string) bool {
	t := p.peek()
	return t.kind == tokIdent && strings.EqualFold(t.text, kw)
}

// fail builds a syntax error at the next token.
func (p *parser) fail(expected, fix string) error {
	t := p.peek()
	return syntaxError(p.src, t.off, expected, t.describe(), fix)
}

func (p *parser) parseOr(depth int) (Expr, error) {
	return p.parseGroup(depth, "OR", p.parseAnd, func(ts []Expr) Expr { return Or{Terms: ts} }, isOr)
}

func (p *parser) parseAnd(depth int) (Expr, error) {
	return p.parseGroup(depth, "AND", p.parseNot, func(ts []Expr) Expr { return And{Terms: ts} }, isAnd)
}

// parseGroup reads operands joined by the keyword kw and flattens operands
// that are already groups of the same kind.
func (p *parser) parseGroup(depth int, kw string, operand func(int) (Expr, error), build func([]Expr) Expr, same func(Expr) bool) (Expr, error) {
	var terms []Expr
	for {
		e, err := operand(depth)
		if err != nil {
			return nil, err
		}
		switch g := e.(type) {
		case And:
			if same(e) {
				terms = append(terms, g.Terms...)
				break
			}
			terms = append(terms, e)
		case Or:
			if same(e) {
				terms = append(terms, g.Terms...)
				break
			}
			terms = append(terms, e)
		default:
			terms = append(terms, e)
		}
		if !p.keyword(kw) {
			break
		}
		p.next()
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return build(terms), nil
}

func (p *parser) parseNot(depth int) (Expr, error) {
	if depth > maxDepth {
		return nil, p.fail("a shallower condition", "use fewer nested parentheses and NOTs (at most 100)")
	}
	if p.keyword("NOT") {
		p.next()
		x, err := p.parseNot(depth + 1)
		if err != nil {
			return nil, err
		}
		return Not{X: x}, nil
	}
	if p.peek().kind == tokLParen {
		p.next()
		e, err := p.parseOr(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tokRParen {
			return nil, p.fail("AND, OR or )", "close the parenthesis")
		}
		p.next()
		return e, nil
	}
	return p.parseComparison()
}

func (p *parser) parseField() (string, error) {
	const fix = "start each comparison with a field name such as Amount or Account.Name"
	var parts []string
	for {
		t := p.peek()
		if t.kind != tokIdent {
			return "", p.fail("a field name", fix)
		}
		if isKeyword(t.text) {
			return "", p.fail("a field name", fix)
		}
		parts = append(parts, t.text)
		p.next()
		if p.peek().kind != tokDot {
			return strings.Join(parts, "."), nil
		}
		p.next()
	}
}

func (p *parser) parseComparison() (Expr, error) {
	field, err := p.parseField()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	switch {
	case t.kind == tokOp:
		p.next()
		return p.parseScalarComparison(field, t)
	case p.keyword("LIKE"):
		p.next()
		return p.parsePatternComparison(field, OpLike)
	case p.keyword("IN"):
		p.next()
		return p.parseListComparison(field, OpIn)
	case p.keyword("INCLUDES"):
		p.next()
		return p.parseListComparison(field, OpIncludes)
	case p.keyword("EXCLUDES"):
		p.next()
		return p.parseListComparison(field, OpExcludes)
	case p.keyword("IS"):
		p.next()
		op := OpIsNull
		if p.keyword("NOT") {
			p.next()
			op = OpIsNotNull
		}
		if !p.keyword("NULL") {
			return nil, p.fail("NULL", "write IS NULL or IS NOT NULL")
		}
		p.next()
		return Comparison{Field: field, Op: op}, nil
	case p.keyword("NOT"):
		p.next()
		switch {
		case p.keyword("LIKE"):
			p.next()
			return p.parsePatternComparison(field, OpNotLike)
		case p.keyword("IN"):
			p.next()
			return p.parseListComparison(field, OpNotIn)
		}
		return nil, p.fail("LIKE or IN after NOT", "write NOT LIKE or NOT IN after the field, or put NOT before the field")
	}
	return nil, p.fail("an operator after "+field,
		"use one of = != < > <= >= LIKE, NOT LIKE, IN, NOT IN, INCLUDES, EXCLUDES, IS NULL, IS NOT NULL")
}

func (p *parser) parseScalarComparison(field string, opTok token) (Expr, error) {
	op := Op(opTok.text)
	if op == "<>" {
		op = OpNe
	}
	if p.keyword("NULL") {
		switch op {
		case OpEq:
			p.next()
			return Comparison{Field: field, Op: OpIsNull}, nil
		case OpNe:
			p.next()
			return Comparison{Field: field, Op: OpIsNotNull}, nil
		}
		return nil, p.fail("a value other than null after "+string(op), "compare null only with = or !=, or write IS NULL / IS NOT NULL")
	}
	v, err := p.parseScalar()
	if err != nil {
		return nil, err
	}
	return Comparison{Field: field, Op: op, Value: v}, nil
}

func (p *parser) parsePatternComparison(field string, op Op) (Expr, error) {
	t := p.peek()
	if t.kind != tokString {
		return nil, p.fail("a pattern in single quotes after "+string(op), "write a pattern such as 'Acme%'")
	}
	p.next()
	s, err := p.unescape(t, true)
	if err != nil {
		return nil, err
	}
	return Comparison{Field: field, Op: op, Value: Pattern(s)}, nil
}

func (p *parser) parseListComparison(field string, op Op) (Expr, error) {
	if p.peek().kind != tokLParen {
		return nil, p.fail("( to open the value list after "+string(op), "write a list such as ('a', 'b')")
	}
	p.next()
	var list List
	for {
		if (op == OpIncludes || op == OpExcludes) && p.peek().kind != tokString {
			return nil, p.fail("a string in single quotes", string(op)+" takes picklist values such as ('Red', 'Green;Blue')")
		}
		if p.keyword("NULL") {
			return nil, p.fail("a value other than null in the list", "remove null from the list and add OR "+field+" IS NULL")
		}
		v, err := p.parseScalar()
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		if p.peek().kind == tokRParen {
			p.next()
			return Comparison{Field: field, Op: op, Value: list}, nil
		}
		if p.peek().kind != tokComma {
			return nil, p.fail(", or ) in the value list", "separate values with commas and close the list with )")
		}
		p.next()
	}
}

const valueFix = "write a value such as 'text', 42, true, 2024-01-31 or 2024-01-31T09:30:00Z"

func (p *parser) parseScalar() (Value, error) {
	t := p.peek()
	switch t.kind {
	case tokString:
		p.next()
		s, err := p.unescape(t, false)
		if err != nil {
			return nil, err
		}
		return String(s), nil
	case tokNumber:
		p.next()
		return Number(t.text), nil
	case tokDate:
		p.next()
		d, _ := time.Parse("2006-01-02", t.text)
		return Date{Year: d.Year(), Month: d.Month(), Day: d.Day()}, nil
	case tokDateTime:
		p.next()
		d, _ := time.Parse(time.RFC3339Nano, strings.ToUpper(t.text))
		return DateTime{Time: d.UTC()}, nil
	case tokIdent:
		switch {
		case strings.EqualFold(t.text, "true"):
			p.next()
			return Bool(true), nil
		case strings.EqualFold(t.text, "false"):
			p.next()
			return Bool(false), nil
		case !isKeyword(t.text):
			return nil, p.fail("a value", "put text in single quotes, as in '"+t.text+"'")
		}
	}
	return nil, p.fail("a value", valueFix)
}

// unescape decodes a string token's body. In a pattern, \% \_ and \\ stay
// as pattern escapes; elsewhere \% and \_ are rejected, as SOQL does.
func (p *parser) unescape(t token, pattern bool) (string, error) {
	body := t.text
	base := t.off + 1
	var b strings.Builder
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			r, n := utf8.DecodeRuneInString(body[i:])
			b.WriteRune(r)
			i += n
			continue
		}
		if i+1 >= len(body) {
			return "", syntaxError(p.src, base+i, "a character after the backslash", "the closing quote", `write \\ for a backslash`)
		}
		e := body[i+1]
		switch e {
		case '\'', '"':
			b.WriteByte(e)
		case '\\':
			if pattern {
				b.WriteString(`\\`)
			} else {
				b.WriteByte('\\')
			}
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '%', '_':
			if !pattern {
				return "", syntaxError(p.src, base+i, "an escape that is valid outside LIKE", `\`+string(e),
					`write `+string(e)+` without the backslash; \% and \_ only mean something in a LIKE pattern`)
			}
			b.WriteByte('\\')
			b.WriteByte(e)
		case 'u':
			r, ok := hexRune(body[i+2:])
			if !ok {
				return "", syntaxError(p.src, base+i, `four hex digits after \u`, describeAt(body, i+2), `write a Unicode escape as \u00e9`)
			}
			b.WriteRune(r)
			i += 6
			continue
		default:
			r, _ := utf8.DecodeRuneInString(body[i+1:])
			return "", syntaxError(p.src, base+i, `one of the escapes \' \" \\ \n \r \t \b \f \uXXXX`, `\`+string(r),
				`write \\ for a backslash`)
		}
		i += 2
	}
	return b.String(), nil
}

// hexRune decodes four hex digits into a rune, rejecting surrogate halves,
// which are not characters on their own.
func hexRune(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(s[:4], 16, 32)
	if err != nil {
		return 0, false
	}
	r := rune(n)
	if r >= 0xD800 && r <= 0xDFFF {
		return 0, false
	}
	return r, true
}
