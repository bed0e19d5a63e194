package czql

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SyntaxError reports a query that does not parse. Pos is the byte offset in
// the query text where the problem starts.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid CZQL at position %d: %s", e.Pos, e.Msg)
}

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokKeyword
	tokString
	tokNumber
	tokDate
	tokDuration
	tokOp // = <> != < > <= >=
	tokComma
	tokDot
	tokLParen
	tokRParen
	tokStar
)

type token struct {
	kind tokenKind
	text string // keyword text upper-cased; identifier text without '@'
	pos  int
	lit  Literal // for string, number, date and duration tokens
}

var keywords = map[string]struct{}{
	"SELECT": {}, "FROM": {}, "WHERE": {}, "AND": {}, "OR": {}, "NOT": {},
	"LIKE": {}, "IN": {}, "IS": {}, "NULL": {}, "TRUE": {}, "FALSE": {},
	"ORDER": {}, "BY": {}, "ASC": {}, "DESC": {}, "LIMIT": {}, "OFFSET": {},
	"GROUP": {}, "AS": {}, "HAVING": {},
}

// durationUnits maps a duration literal suffix to the Clarizen duration unit.
var durationUnits = map[byte]string{'h': "Hours", 'd': "Days", 'w': "Weeks"}

var durationSuffix = map[string]string{"Hours": "h", "Days": "d", "Weeks": "w"}

type lexer struct {
	src string
	pos int
}

func (l *lexer) errorf(pos int, format string, args ...any) error {
	return &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.pos++
	}
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tokEOF, pos: start}, nil
	}
	c := l.src[l.pos]
	switch {
	case c == ',':
		l.pos++
		return token{kind: tokComma, text: ",", pos: start}, nil
	case c == '.':
		l.pos++
		return token{kind: tokDot, text: ".", pos: start}, nil
	case c == '(':
		l.pos++
		return token{kind: tokLParen, text: "(", pos: start}, nil
	case c == ')':
		l.pos++
		return token{kind: tokRParen, text: ")", pos: start}, nil
	case c == '*':
		l.pos++
		return token{kind: tokStar, text: "*", pos: start}, nil
	case c == '=' || c == '<' || c == '>' || c == '!':
		return l.operator()
	case c == '\'' || c == '"':
		return l.quoted(c)
	case isDigit(c) || (c == '-' && l.pos+1 < len(l.src) && isDigit(l.src[l.pos+1])):
		return l.number()
	case c == '@' || c == '_' || isLetterStart(l.src[l.pos:]):
		return l.word()
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
	return token{}, l.errorf(start, "unexpected character %q", r)
}

func (l *lexer) operator() (token, error) {
	start := l.pos
	two := ""
	if l.pos+1 < len(l.src) {
		two = l.src[l.pos : l.pos+2]
	}
	switch two {
	case "<>", "!=", "<=", ">=":
		l.pos += 2
		if two == "!=" {
			two = "<>"
		}
		return token{kind: tokOp, text: two, pos: start}, nil
	}
	c := l.src[l.pos]
	if c == '!' {
		return token{}, l.errorf(start, "unexpected character '!' (use <> or !=)")
	}
	l.pos++
	return token{kind: tokOp, text: string(c), pos: start}, nil
}

// quoted reads a string in single or double quotes. Inside it, a backslash
// escapes the next character and a doubled quote stands for one quote.
func (l *lexer) quoted(quote byte) (token, error) {
	start := l.pos
	l.pos++
	var b strings.Builder
	for {
		if l.pos >= len(l.src) {
			return token{}, l.errorf(start, "unterminated string")
		}
		c := l.src[l.pos]
		switch {
		case c == '\\' && l.pos+1 < len(l.src):
			b.WriteByte(l.src[l.pos+1])
			l.pos += 2
		case c == quote && l.pos+1 < len(l.src) && l.src[l.pos+1] == quote:
			b.WriteByte(quote)
			l.pos += 2
		case c == quote:
			l.pos++
			s := b.String()
			return token{kind: tokString, text: s, pos: start, lit: Literal{Kind: LitString, Str: s}}, nil
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
}

// number reads a number, a date such as 2014-01-01 or 2014-01-01T08:00:00,
// or a duration such as 2000h.
func (l *lexer) number() (token, error) {
	start := l.pos
	if tok, ok, err := l.date(); ok || err != nil {
		return tok, err
	}
	if l.src[l.pos] == '-' {
		l.pos++
	}
	for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
		l.pos++
	}
	if l.pos+1 < len(l.src) && l.src[l.pos] == '.' && isDigit(l.src[l.pos+1]) {
		l.pos++
		for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
			l.pos++
		}
	}
	text := l.src[start:l.pos]
	num, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return token{}, l.errorf(start, "invalid number %q", text)
	}
	if l.pos < len(l.src) {
		if unit, ok := durationUnits[lower(l.src[l.pos])]; ok && !l.identCharAt(l.pos+1) {
			l.pos++
			return token{kind: tokDuration, text: l.src[start:l.pos], pos: start,
				lit: Literal{Kind: LitDuration, Num: num, Unit: unit}}, nil
		}
		if l.identCharAt(l.pos) {
			return token{}, l.errorf(start, "invalid number %q", l.src[start:l.pos+1])
		}
	}
	return token{kind: tokNumber, text: text, pos: start, lit: Literal{Kind: LitNumber, Num: num}}, nil
}

var dateLayouts = []string{
	"2006-01-02T15:04:05.9999999Z07:00",
	"2006-01-02T15:04:05.9999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
}

// date reads an unquoted date or date-time literal when one starts at the
// current position. ok is false when the text is not shaped like a date.
func (l *lexer) date() (tok token, ok bool, err error) {
	start := l.pos
	s := l.src[start:]
	if len(s) < 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[0:4]) || !allDigits(s[5:7]) || !allDigits(s[8:10]) {
		return token{}, false, nil
	}
	end := 10
	if len(s) > 10 && (s[10] == 'T' || s[10] == 't') {
		end = 11
		for end < len(s) && strings.IndexByte("0123456789:.+-Zz", s[end]) >= 0 {
			end++
		}
	}
	text := s[:end]
	lit, perr := ParseDate(text)
	if perr != nil {
		return token{}, false, l.errorf(start, "invalid date %q", text)
	}
	if l.identCharAt(start + end) {
		return token{}, false, l.errorf(start, "invalid date %q", l.src[start:start+end+1])
	}
	l.pos = start + end
	return token{kind: tokDate, text: text, pos: start, lit: lit}, true, nil
}

// ParseDate parses a date (2014-01-01) or a date-time with an optional
// fraction and zone (2014-01-01T08:00:00, 2014-01-01T08:00:00.0000000Z). A
// value with a zone is converted to UTC; one without a zone is kept as
// written, so a date never shifts.
func ParseDate(text string) (Literal, error) {
	if t, err := time.Parse(time.DateOnly, text); err == nil {
		return Literal{Kind: LitDate, Time: t, DateOnly: true}, nil
	}
	upper := strings.ToUpper(text)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, upper); err == nil {
			return Literal{Kind: LitDate, Time: t.UTC()}, nil
		}
	}
	return Literal{}, fmt.Errorf("invalid date %q", text)
}

func (l *lexer) word() (token, error) {
	start := l.pos
	quotedIdent := l.src[l.pos] == '@'
	if quotedIdent {
		l.pos++
	}
	nameStart := l.pos
	for l.identCharAt(l.pos) {
		_, size := utf8.DecodeRuneInString(l.src[l.pos:])
		l.pos += size
	}
	name := l.src[nameStart:l.pos]
	if name == "" {
		return token{}, l.errorf(start, "missing name after '@'")
	}
	if !quotedIdent {
		if _, ok := keywords[strings.ToUpper(name)]; ok {
			return token{kind: tokKeyword, text: strings.ToUpper(name), pos: start}, nil
		}
	}
	return token{kind: tokIdent, text: name, pos: start}, nil
}

func (l *lexer) identCharAt(pos int) bool {
	if pos >= len(l.src) {
		return false
	}
	c := l.src[pos]
	if c < utf8.RuneSelf {
		return c == '_' || isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
	}
	r, _ := utf8.DecodeRuneInString(l.src[pos:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
