package condition

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokNumber
	tokDate
	tokDateTime
	tokOp     // = != <> < > <= >=
	tokLParen // (
	tokRParen // )
	tokComma  // ,
	tokDot    // .
)

// token is one lexical unit. For tokString, text is the raw body between the
// quotes. The parser unescapes it, because the escapes allowed depend on
// whether the string is a LIKE pattern.
type token struct {
	kind tokenKind
	text string
	off  int // byte offset of the token's first character
}

// describe names the token for "found ..." in syntax errors.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "the end of the condition"
	case tokString:
		return "the string '" + t.text + "'"
	case tokIdent:
		if isKeyword(t.text) {
			return "the keyword " + strings.ToUpper(t.text)
		}
		return "the name " + t.text
	}
	return fmt.Sprintf("%q", t.text)
}

var keywords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "IN": true, "LIKE": true, "INCLUDES": true,
	"EXCLUDES": true, "IS": true, "NULL": true, "TRUE": true, "FALSE": true,
}

func isKeyword(s string) bool { return keywords[strings.ToUpper(s)] }

// lex splits src into tokens, ending with a tokEOF token.
func lex(src string) ([]token, error) {
	if !utf8.ValidString(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRuneInString(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return nil, syntaxError(src, off, "text in UTF-8", "a byte that is not valid UTF-8", "retype the character at that position")
	}
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{tokLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tokRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, token{tokComma, ",", i})
			i++
		case c == '.':
			toks = append(toks, token{tokDot, ".", i})
			i++
		case c == '=' || c == '<' || c == '>' || c == '!':
			t, err := lexOperator(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.text)
		case c == '\'':
			t, err := lexString(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.text) + 2
		case c == '"':
			return nil, syntaxError(src, i, "a value", `a double quote`, `put strings in single quotes, as in Name = 'Acme'`)
		case isDigit(c) || (c == '-' && i+1 < len(src) && isDigit(src[i+1])):
			t, err := lexNumberOrDate(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.text)
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentChar(src[j]) {
				j++
			}
			toks = append(toks, token{tokIdent, src[i:j], i})
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(src[i:])
			return nil, syntaxError(src, i, "a field name, value or operator", fmt.Sprintf("the character %q", r),
				"remove it; field names use letters, digits and underscores, and text values go in single quotes")
		}
	}
	return append(toks, token{tokEOF, "", len(src)}), nil
}

func lexOperator(src string, i int) (token, error) {
	two := ""
	if i+1 < len(src) {
		two = src[i : i+2]
	}
	switch two {
	case "!=", "<>", "<=", ">=":
		return token{tokOp, two, i}, nil
	case "==":
		return token{}, syntaxError(src, i, "an operator", `"=="`, "write a single = to test equality")
	}
	if src[i] == '!' {
		return token{}, syntaxError(src, i, "an operator", `"!"`, "write != for not equal, or NOT before a comparison")
	}
	return token{tokOp, src[i : i+1], i}, nil
}

// lexString finds the closing quote of the string starting at src[i]. A
// backslash always skips the next character here; which escapes are valid
// is checked when the parser unescapes the body.
func lexString(src string, i int) (token, error) {
	j := i + 1
	for j < len(src) {
		switch src[j] {
		case '\\':
			j += 2
			continue
		case '\'':
			return token{tokString, src[i+1 : j], i}, nil
		}
		j++
	}
	return token{}, syntaxError(src, i, "a closing single quote", "the end of the condition",
		`close the string with ', and write \' for a quote inside it`)
}

func lexNumberOrDate(src string, i int) (token, error) {
	j := i
	if src[j] == '-' {
		j++
	}
	start := j
	for j < len(src) && isDigit(src[j]) {
		j++
	}
	if j-start == 4 && src[i] != '-' && j < len(src) && src[j] == '-' {
		return lexDate(src, i)
	}
	if j < len(src) && src[j] == '.' {
		k := j + 1
		for k < len(src) && isDigit(src[k]) {
			k++
		}
		if k == j+1 {
			return token{}, syntaxError(src, j, "digits after the decimal point", describeAt(src, k), "write a number such as 2.5")
		}
		j = k
	}
	if j < len(src) && (isIdentChar(src[j]) || src[j] == '.') {
		return token{}, syntaxError(src, j, "a space or an operator after the number "+src[i:j], describeAt(src, j),
			"numbers are written with digits and one decimal point, as in 1500 or 0.25")
	}
	return token{tokNumber, src[i:j], i}, nil
}

// lexDate reads YYYY-MM-DD, optionally followed by an RFC 3339 time of day
// and zone.
func lexDate(src string, i int) (token, error) {
	j := i
	for j < len(src) && (isDigit(src[j]) || src[j] == '-') {
		j++
	}
	if _, err := time.Parse("2006-01-02", src[i:j]); err != nil || j-i != 10 {
		return token{}, syntaxError(src, i, "a date in the form YYYY-MM-DD", "the date "+src[i:j], "write a real calendar date, as in 2024-01-31")
	}
	if j >= len(src) || (src[j] != 'T' && src[j] != 't') {
		if j < len(src) && isIdentChar(src[j]) {
			return token{}, syntaxError(src, j, "T and a time after the date", describeAt(src, j), "write a date-time as 2024-01-31T09:30:00Z")
		}
		return token{tokDate, src[i:j], i}, nil
	}
	for j < len(src) && (isIdentChar(src[j]) || strings.IndexByte(":.+-", src[j]) >= 0) {
		j++
	}
	text := src[i:j]
	if _, err := time.Parse(time.RFC3339Nano, strings.ToUpper(text)); err != nil {
		return token{}, syntaxError(src, i, "an RFC 3339 date-time", "the date-time "+text,
			"write the time with seconds and a zone, as in 2024-01-31T09:30:00Z or 2024-01-31T09:30:00+02:00")
	}
	return token{tokDateTime, text, i}, nil
}

func describeAt(src string, off int) string {
	if off >= len(src) {
		return "the end of the condition"
	}
	r, _ := utf8.DecodeRuneInString(src[off:])
	return fmt.Sprintf("%q", r)
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isIdentChar(c byte) bool  { return isIdentStart(c) || isDigit(c) }
