package condition

import (
	"fmt"
	"unicode/utf8"
)

// SyntaxError reports where a condition stops being valid, what the parser
// expected there, and how to fix it.
type SyntaxError struct {
	// Offset is the byte offset of the problem in the source text.
	Offset int `json:"offset"`
	// Column is the 1-based character position of the problem, for people.
	Column   int    `json:"column"`
	Expected string `json:"expected"`
	Found    string `json:"found"`
	Fix      string `json:"fix"`
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid condition at column %d: expected %s but found %s (%s)", e.Column, e.Expected, e.Found, e.Fix)
}

func syntaxError(src string, off int, expected, found, fix string) *SyntaxError {
	if off > len(src) {
		off = len(src)
	}
	return &SyntaxError{
		Offset:   off,
		Column:   utf8.RuneCountInString(src[:off]) + 1,
		Expected: expected,
		Found:    found,
		Fix:      fix,
	}
}

// UnsupportedError reports a condition that is valid but cannot be expressed
// in a target query language.
type UnsupportedError struct {
	Target string `json:"target"` // "SOQL", "CZQL" or "entityQuery"
	Field  string `json:"field"`
	Op     Op     `json:"op"`
	Reason string `json:"reason"`
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("compile condition to %s: %s %s is not supported: %s", e.Target, e.Field, e.Op, e.Reason)
}

// EvalError reports a record value that a comparison cannot use, such as
// text where the condition compares with a number.
type EvalError struct {
	Field string `json:"field"`
	Value any    `json:"value"`
	Want  string `json:"want"`
}

func (e *EvalError) Error() string {
	return fmt.Sprintf("evaluate condition: field %s holds %#v, expected %s", e.Field, e.Value, e.Want)
}
