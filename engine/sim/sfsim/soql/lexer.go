package soql

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokNumber
	tokDate
	tokDateTime
	tokPunct // ( ) , . :
	tokOp    // = != <> < > <= >=
)

type token struct {
	kind tokenKind
	text string // raw text
	str  string // unescaped string value for tokString
	pos  Pos
	off  int
}

var (
	dateTimePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})`)
	datePattern     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	numberPattern   = regexp.MustCompile(`^-?\d+(\.\d+)?`)
)

// lex splits the query into tokens. Errors carry the row and column.
func lex(src string) ([]token, error) {
	var toks []token
	row, col := 1, 1
	advance := func(s string) {
		for _, r := range s {
			if r == '\n' {
				row++
				col = 1
			} else {
				col++
			}
		}
	}
	i := 0
	for i < len(src) {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			advance(src[i : i+1])
			i++
			continue
		}
		start := Pos{Row: row, Col: col}
		rest := src[i:]
		var tok token
		switch {
		case c == '\'':
			raw, str, err := scanString(rest)
			if err != nil {
				return nil, &Error{Pos: start, Msg: err.Error()}
			}
			tok = token{kind: tokString, text: raw, str: str}
		case isDigit(c) || (c == '-' && len(rest) > 1 && isDigit(rest[1])):
			if m := dateTimePattern.FindString(rest); m != "" && c != '-' {
				tok = token{kind: tokDateTime, text: m}
			} else if m := datePattern.FindString(rest); m != "" && c != '-' {
				tok = token{kind: tokDate, text: m}
			} else {
				tok = token{kind: tokNumber, text: numberPattern.FindString(rest)}
			}
			if end := len(tok.text); end < len(rest) && isIdentChar(rest[end]) {
				return nil, &Error{Pos: start, Msg: fmt.Sprintf("unexpected token: '%s'", rest[:end+1])}
			}
		case isIdentStart(c):
			j := 1
			for j < len(rest) && isIdentChar(rest[j]) {
				j++
			}
			tok = token{kind: tokIdent, text: rest[:j]}
		case c == '(' || c == ')' || c == ',' || c == '.' || c == ':':
			tok = token{kind: tokPunct, text: rest[:1]}
		case c == '=':
			tok = token{kind: tokOp, text: "="}
		case c == '!' && strings.HasPrefix(rest, "!="):
			tok = token{kind: tokOp, text: "!="}
		case c == '<' || c == '>':
			op := rest[:1]
			if strings.HasPrefix(rest, "<=") || strings.HasPrefix(rest, ">=") || strings.HasPrefix(rest, "<>") {
				op = rest[:2]
			}
			tok = token{kind: tokOp, text: op}
		default:
			return nil, &Error{Pos: start, Msg: fmt.Sprintf("unexpected character '%c'", c)}
		}
		tok.pos = start
		tok.off = i
		toks = append(toks, tok)
		advance(tok.text)
		i += len(tok.text)
	}
	toks = append(toks, token{kind: tokEOF, pos: Pos{Row: row, Col: col}, off: len(src)})
	return toks, nil
}

// scanString reads a quoted literal at the start of s and applies the SOQL
// escape table: \n \r \t \b \f \" \' \\ \uXXXX, plus \_ and \% which stay
// escaped so that LIKE can tell them from wildcards.
func scanString(s string) (raw, value string, err error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\'':
			return s[:i+1], b.String(), nil
		case '\\':
			if i+1 >= len(s) {
				return "", "", fmt.Errorf("unterminated string literal")
			}
			i++
			switch s[i] {
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
			case '"', '\'', '\\':
				b.WriteByte(s[i])
			case '_', '%':
				b.WriteByte('\\')
				b.WriteByte(s[i])
			case 'u':
				if i+4 >= len(s) {
					return "", "", fmt.Errorf("invalid unicode escape")
				}
				n, perr := strconv.ParseUint(s[i+1:i+5], 16, 32)
				if perr != nil {
					return "", "", fmt.Errorf("invalid unicode escape \\u%s", s[i+1:i+5])
				}
				b.WriteRune(rune(n))
				i += 4
			default:
				return "", "", fmt.Errorf("invalid escape sequence \\%c", s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", fmt.Errorf("unterminated string literal")
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isIdentChar(c byte) bool  { return isIdentStart(c) || isDigit(c) }

func upper(s string) string { return strings.ToUpper(s) }
