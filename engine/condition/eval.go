package condition

import (
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/schema"
)

// truth is a three-valued result: a comparison with a null field is
// unknown, as in SQL.
type truth int8

const (
	falseT truth = iota
	unknownT
	trueT
)

func boolTruth(b bool) truth {
	if b {
		return trueT
	}
	return falseT
}

// Eval reports whether the record matches e.
//
// rec holds wire values as the API clients return them: strings, float64
// numbers, bools, nil, nested maps for relationship fields and Clarizen
// references ({"id": ...}), Money and Duration maps, and multi-select
// picklists as "a;b" strings or lists. obj supplies field kinds and may be
// the zero Object; with it, = on a multi-select picklist compares sets.
//
// A comparison with a null field is unknown: it is not true, and NOT keeps
// it unknown, so "NOT Amount > 5" does not match a record without an Amount.
// Only IS NULL and IS NOT NULL see nulls. A boolean field that is null reads
// as false, as Salesforce checkboxes do. Text comparisons and LIKE ignore
// case. Eval returns an *EvalError when a value cannot be read as the
// literal's type.
func Eval(e Expr, rec map[string]any, obj schema.Object) (bool, error) {
	t, err := evalNode(e, rec, obj)
	return t == trueT, err
}

func evalNode(e Expr, rec map[string]any, obj schema.Object) (truth, error) {
	switch n := e.(type) {
	case And:
		result := trueT
		for _, term := range n.Terms {
			t, err := evalNode(term, rec, obj)
			if err != nil || t == falseT {
				return falseT, err
			}
			if t == unknownT {
				result = unknownT
			}
		}
		return result, nil
	case Or:
		result := falseT
		for _, term := range n.Terms {
			t, err := evalNode(term, rec, obj)
			if err != nil {
				return falseT, err
			}
			if t == trueT {
				return trueT, nil
			}
			if t == unknownT {
				result = unknownT
			}
		}
		return result, nil
	case Not:
		t, err := evalNode(n.X, rec, obj)
		return trueT - t, err
	case Comparison:
		return evalComparison(n, rec, obj)
	}
	return falseT, nil
}

func evalComparison(c Comparison, rec map[string]any, obj schema.Object) (truth, error) {
	v := Lookup(rec, c.Field)
	switch c.Op {
	case OpIsNull:
		return boolTruth(v == nil), nil
	case OpIsNotNull:
		return boolTruth(v != nil), nil
	}
	if v == nil {
		if _, ok := c.Value.(Bool); ok {
			v = false
		} else {
			return unknownT, nil
		}
	}
	kind := schema.KindOther
	if f, ok := obj.Field(c.Field); ok {
		kind = f.Kind
	}
	switch c.Op {
	case OpIn, OpNotIn:
		list, _ := c.Value.(List)
		in := false
		for _, item := range list {
			eq, err := compareValue(c.Field, OpEq, v, item, kind)
			if err != nil {
				return falseT, err
			}
			in = in || eq
		}
		return boolTruth(in == (c.Op == OpIn)), nil
	case OpIncludes, OpExcludes:
		return evalIncludes(c, v)
	}
	ok, err := compareValue(c.Field, c.Op, v, c.Value, kind)
	return boolTruth(ok), err
}

// compareValue applies a scalar operator to a non-null record value.
func compareValue(field string, op Op, v any, lit Value, kind schema.Kind) (bool, error) {
	switch x := lit.(type) {
	case String:
		return compareText(field, op, v, string(x), kind)
	case Pattern:
		texts, ok := wireTexts(v)
		if !ok {
			return false, &EvalError{Field: field, Value: v, Want: "text"}
		}
		match := false
		for _, t := range texts {
			match = match || likeMatch(string(x), t)
		}
		return match == (op == OpLike), nil
	case Number:
		n, ok := WireNumber(v)
		if !ok {
			return false, &EvalError{Field: field, Value: v, Want: "a number"}
		}
		return ordered(op, cmpFloat(n, x.Float())), nil
	case Bool:
		b, ok := v.(bool)
		if !ok {
			return false, &EvalError{Field: field, Value: v, Want: "true or false"}
		}
		return ordered(op, cmpBool(b, bool(x))), nil
	case Date:
		s, _ := v.(string)
		d, ok := ParseDate(s)
		if !ok {
			return false, &EvalError{Field: field, Value: v, Want: "a date"}
		}
		return ordered(op, d.compare(x)), nil
	case DateTime:
		t, ok := wireTime(v)
		if !ok {
			return false, &EvalError{Field: field, Value: v, Want: "a date-time"}
		}
		return ordered(op, t.Compare(x.Time)), nil
	}
	return false, &EvalError{Field: field, Value: v, Want: "a value the operator " + string(op) + " applies to"}
}

func wireTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case string:
		return ParseDateTime(x)
	case time.Time:
		return x.UTC(), true
	}
	return time.Time{}, false
}

// compareText compares case-insensitively. A multi-select picklist (known
// from the describe, or a list value) compares as a set under = and !=.
func compareText(field string, op Op, v any, lit string, kind schema.Kind) (bool, error) {
	_, isList := v.([]any)
	_, isStrings := v.([]string)
	if (kind == schema.KindMultiPicklist || isList || isStrings) && (op == OpEq || op == OpNe) {
		got, ok := WireMulti(v)
		if !ok {
			return false, &EvalError{Field: field, Value: v, Want: "a multi-select picklist value"}
		}
		return sameSet(got, splitMulti(lit)) == (op == OpEq), nil
	}
	texts, ok := wireTexts(v)
	if !ok {
		return false, &EvalError{Field: field, Value: v, Want: "text"}
	}
	lit = strings.ToLower(lit)
	if op == OpNe {
		for _, t := range texts {
			if strings.ToLower(t) == lit {
				return false, nil
			}
		}
		return true, nil
	}
	for _, t := range texts {
		if ordered(op, strings.Compare(strings.ToLower(t), lit)) {
			return true, nil
		}
	}
	return false, nil
}

// evalIncludes applies SOQL's multi-select rule: INCLUDES ('a;b', 'c')
// matches a value holding both a and b, or holding c. EXCLUDES matches when
// INCLUDES would not.
func evalIncludes(c Comparison, v any) (truth, error) {
	got, ok := WireMulti(v)
	if !ok {
		return falseT, &EvalError{Field: c.Field, Value: v, Want: "a multi-select picklist value"}
	}
	have := map[string]bool{}
	for _, g := range got {
		have[strings.ToLower(g)] = true
	}
	list, _ := c.Value.(List)
	includes := false
	for _, item := range list {
		s, _ := item.(String)
		all := true
		for _, part := range splitMulti(string(s)) {
			all = all && have[strings.ToLower(part)]
		}
		includes = includes || all
	}
	return boolTruth(includes == (c.Op == OpIncludes)), nil
}

func sameSet(a, b []string) bool {
	set := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[strings.ToLower(x)] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for k := range sa {
		if !sb[k] {
			return false
		}
	}
	return true
}

// ordered applies a comparison operator to the result of a three-way
// comparison.
func ordered(op Op, c int) bool {
	switch op {
	case OpEq:
		return c == 0
	case OpNe:
		return c != 0
	case OpLt:
		return c < 0
	case OpGt:
		return c > 0
	case OpLe:
		return c <= 0
	case OpGe:
		return c >= 0
	}
	return false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpBool(a, b bool) int {
	if a == b {
		return 0
	}
	if !a {
		return -1
	}
	return 1
}
