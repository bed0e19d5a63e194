package czql

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind selects the member of a Value that holds the data.
type Kind int

// Value kinds.
const (
	KindNull Kind = iota
	KindString
	KindNumber
	KindBool
	KindTime
	KindDuration
	KindRef
)

// Value is a field value in the form the evaluator compares.
type Value struct {
	Kind Kind
	// Str holds a KindString value, or the entity id of a KindRef value
	// (such as /State/Active or /User/abc).
	Str string
	// Name is the display name of a KindRef value when known (Active, or
	// the user's display name); LIKE and ordering use it.
	Name string
	// Num holds a KindNumber value, or a KindDuration value in hours.
	Num  float64
	Bool bool
	Time time.Time
}

// Record resolves a field path of one entity to its value. An unknown field
// is an error; a known field without a value is a KindNull Value.
type Record interface {
	Value(path []string) (Value, error)
}

// Work-time hours per duration unit: an 8-hour day and a 5-day week, with a
// 20-day month.
var hoursPerUnit = map[string]float64{
	"minutes": 1.0 / 60, "hours": 1, "days": 8, "weeks": 40, "months": 160,
}

// DurationHours converts a Clarizen duration to work hours. ok is false for an
// unknown unit.
func DurationHours(value float64, unit string) (hours float64, ok bool) {
	factor, ok := hoursPerUnit[strings.ToLower(unit)]
	return value * factor, ok
}

// Match evaluates a condition against a record.
func Match(e Expr, r Record) (bool, error) {
	switch e := e.(type) {
	case *And:
		ok, err := Match(e.Left, r)
		if err != nil || !ok {
			return false, err
		}
		return Match(e.Right, r)
	case *Or:
		ok, err := Match(e.Left, r)
		if err != nil || ok {
			return ok, err
		}
		return Match(e.Right, r)
	case *Not:
		ok, err := Match(e.X, r)
		return !ok, err
	case *IsNull:
		v, err := r.Value(e.Path)
		if err != nil {
			return false, err
		}
		return (v.Kind == KindNull) != e.Not, nil
	case *In:
		v, err := r.Value(e.Path)
		if err != nil {
			return false, err
		}
		for _, lit := range e.Values {
			eq, err := compareLiteral(v, OpEq, lit, e.Path)
			if err != nil {
				return false, err
			}
			if eq {
				return !e.Not, nil
			}
		}
		return e.Not, nil
	case *Compare:
		v, err := r.Value(e.Path)
		if err != nil {
			return false, err
		}
		return compareLiteral(v, e.Op, e.Value, e.Path)
	}
	return false, fmt.Errorf("unknown condition node %T", e)
}

func compareLiteral(v Value, op Op, lit Literal, path []string) (bool, error) {
	if lit.Kind == LitNull {
		switch op {
		case OpEq:
			return v.Kind == KindNull, nil
		case OpNe:
			return v.Kind != KindNull, nil
		}
		return false, nil
	}
	if v.Kind == KindNull {
		return op == OpNe || op == OpNotLike || op == OpNotContains, nil
	}
	switch op {
	case OpLike, OpNotLike, OpBeginsWith, OpEndsWith, OpContains, OpNotContains:
		return matchText(v, op, literalText(lit)), nil
	}
	c, err := compareTo(v, lit)
	if err != nil {
		return false, fmt.Errorf("compare %s with %s: %w", strings.Join(path, "."), literalText(lit), err)
	}
	switch op {
	case OpEq:
		return c == 0, nil
	case OpNe:
		return c != 0, nil
	case OpLt:
		return c < 0, nil
	case OpGt:
		return c > 0, nil
	case OpLe:
		return c <= 0, nil
	case OpGe:
		return c >= 0, nil
	}
	return false, fmt.Errorf("unknown operator %v", op)
}

// CheckLiteral reports whether a literal can be compared with field values
// of kind k, so a query fails on a mistyped literal even when no record
// holds a value.
func CheckLiteral(k Kind, lit Literal) error {
	if lit.Kind == LitNull || k == KindNull || k == KindString || k == KindRef {
		return nil
	}
	_, err := compareTo(Value{Kind: k}, lit)
	return err
}

// compareTo orders a non-null field value against a non-null literal,
// converting the literal to the field's kind.
func compareTo(v Value, lit Literal) (int, error) {
	switch v.Kind {
	case KindNumber:
		n, err := literalNumber(lit)
		if err != nil {
			return 0, err
		}
		return cmp.Compare(v.Num, n), nil
	case KindDuration:
		h, err := literalHours(lit)
		if err != nil {
			return 0, err
		}
		return cmp.Compare(v.Num, h), nil
	case KindBool:
		b, err := literalBool(lit)
		if err != nil {
			return 0, err
		}
		return cmp.Compare(boolInt(v.Bool), boolInt(b)), nil
	case KindTime:
		d, err := literalDate(lit)
		if err != nil {
			return 0, err
		}
		t := v.Time
		if d.DateOnly {
			t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		return t.Compare(d.Time), nil
	case KindRef:
		s := literalText(lit)
		if strings.EqualFold(v.Str, s) || strings.EqualFold(lastSegment(v.Str), s) || (v.Name != "" && strings.EqualFold(v.Name, s)) {
			return 0, nil
		}
		return compareFold(refSortKey(v), s), nil
	}
	return compareFold(v.Str, literalText(lit)), nil
}

func literalNumber(lit Literal) (float64, error) {
	switch lit.Kind {
	case LitNumber:
		return lit.Num, nil
	case LitString:
		n, err := strconv.ParseFloat(strings.TrimSpace(lit.Str), 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", lit.Str)
		}
		return n, nil
	case LitBool:
		return float64(boolInt(lit.Bool)), nil
	}
	return 0, fmt.Errorf("%s is not a number", literalText(lit))
}

// literalHours converts a duration literal to hours. A bare number counts as
// days, the default Clarizen duration unit.
func literalHours(lit Literal) (float64, error) {
	switch lit.Kind {
	case LitDuration:
		h, _ := DurationHours(lit.Num, lit.Unit)
		return h, nil
	case LitNumber:
		return lit.Num * hoursPerUnit["days"], nil
	case LitString:
		l := lexer{src: strings.TrimSpace(lit.Str)}
		t, err := l.next()
		if err == nil && (t.kind == tokDuration || t.kind == tokNumber) && l.pos == len(l.src) {
			return literalHours(t.lit)
		}
	}
	return 0, fmt.Errorf("%s is not a duration (write it like 16h, 2d or 1w)", literalText(lit))
}

func literalBool(lit Literal) (bool, error) {
	switch lit.Kind {
	case LitBool:
		return lit.Bool, nil
	case LitString:
		b, err := strconv.ParseBool(strings.TrimSpace(lit.Str))
		if err == nil {
			return b, nil
		}
	case LitNumber:
		if lit.Num == 0 || lit.Num == 1 {
			return lit.Num == 1, nil
		}
	}
	return false, fmt.Errorf("%s is not a boolean", literalText(lit))
}

func literalDate(lit Literal) (Literal, error) {
	switch lit.Kind {
	case LitDate:
		return lit, nil
	case LitString:
		return ParseDate(strings.TrimSpace(lit.Str))
	}
	return Literal{}, fmt.Errorf("%s is not a date (write it like 2024-05-01 or 2024-05-01T08:00:00)", literalText(lit))
}

// literalText returns a literal's value as plain text, without quotes.
func literalText(lit Literal) string {
	if lit.Kind == LitString {
		return lit.Str
	}
	var b strings.Builder
	lit.write(&b)
	return b.String()
}

func matchText(v Value, op Op, pattern string) bool {
	texts := []string{valueText(v)}
	if v.Kind == KindRef {
		texts = append(texts, lastSegment(v.Str))
		if v.Name != "" {
			texts = append(texts, v.Name)
		}
	}
	lowerPattern := strings.ToLower(pattern)
	found := false
	for _, text := range texts {
		t := strings.ToLower(text)
		var ok bool
		switch op {
		case OpLike, OpNotLike:
			ok = like(t, lowerPattern)
		case OpBeginsWith:
			ok = strings.HasPrefix(t, lowerPattern)
		case OpEndsWith:
			ok = strings.HasSuffix(t, lowerPattern)
		case OpContains, OpNotContains:
			ok = strings.Contains(t, lowerPattern)
		}
		if ok {
			found = true
			break
		}
	}
	if op == OpNotLike || op == OpNotContains {
		return !found
	}
	return found
}

// like matches text against a LIKE pattern where % is any run of characters
// and _ is one character. Both arguments are already lower-cased.
func like(text, pattern string) bool {
	t, p := []rune(text), []rune(pattern)
	// Iterative wildcard matching with one backtrack point for the last %.
	ti, pi := 0, 0
	star, mark := -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && (p[pi] == '_' || p[pi] == t[ti]):
			ti++
			pi++
		case pi < len(p) && p[pi] == '%':
			star, mark = pi, ti
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '%' {
		pi++
	}
	return pi == len(p)
}

// CompareValues orders two field values for ORDER BY. Null sorts first;
// strings compare without regard to case; values of different kinds compare
// by their text.
func CompareValues(a, b Value) int {
	switch {
	case a.Kind == KindNull && b.Kind == KindNull:
		return 0
	case a.Kind == KindNull:
		return -1
	case b.Kind == KindNull:
		return 1
	case a.Kind != b.Kind:
		return compareFold(valueText(a), valueText(b))
	}
	switch a.Kind {
	case KindNumber, KindDuration:
		return cmp.Compare(a.Num, b.Num)
	case KindBool:
		return cmp.Compare(boolInt(a.Bool), boolInt(b.Bool))
	case KindTime:
		return a.Time.Compare(b.Time)
	case KindRef:
		return compareFold(refSortKey(a), refSortKey(b))
	}
	return compareFold(a.Str, b.Str)
}

func valueText(v Value) string {
	switch v.Kind {
	case KindNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case KindDuration:
		return strconv.FormatFloat(v.Num, 'f', -1, 64) + "h"
	case KindBool:
		return strconv.FormatBool(v.Bool)
	case KindTime:
		return v.Time.Format("2006-01-02T15:04:05.0000000")
	}
	return v.Str
}

func refSortKey(v Value) string {
	if v.Name != "" {
		return v.Name
	}
	return v.Str
}

func compareFold(a, b string) int {
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

func lastSegment(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[i+1:]
	}
	return id
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
