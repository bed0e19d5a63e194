package condition

import (
	"strconv"
	"strings"

	"github.com/liaison-sync/liaison/engine/schema"
)

// czqlDateTime is the layout of Clarizen date-times: UTC without a zone suffix.
const czqlDateTime = "2006-01-02T15:04:05.999999999"

// CZQL compiles e into the text of a Clarizen query language WHERE clause
// (without the WHERE keyword). obj supplies field kinds, so that a number
// compared with a Duration field is written in days (5d). A boolean
// comparison reads a null field as false, as Eval does, so it becomes
// "F = true" or "(F = false OR F IS NULL)". INCLUDES and EXCLUDES fail with
// an *UnsupportedError because CZQL has no multi-select operators.
func CZQL(e Expr, obj schema.Object) (string, error) {
	return compileText(pushNot(e, false), czqlDialect{obj: obj})
}

type czqlDialect struct{ obj schema.Object }

func (czqlDialect) notNull(field string) string { return field + " IS NOT NULL" }

func (d czqlDialect) comparison(c Comparison) (string, error) {
	switch c.Op {
	case OpIsNull, OpIsNotNull:
		return c.Field + " " + string(c.Op), nil
	case OpIncludes, OpExcludes:
		return "", &UnsupportedError{Target: "CZQL", Field: c.Field, Op: c.Op,
			Reason: "Clarizen queries have no multi-select operators; use = or LIKE"}
	}
	if b, ok := c.Value.(Bool); ok {
		if (c.Op == OpEq) == bool(b) {
			return c.Field + " = true", nil
		}
		return "(" + c.Field + " = false OR " + c.Field + " IS NULL)", nil
	}
	v := d.value(c, c.Value)
	switch c.Op {
	case OpNe:
		return c.Field + " <> " + v, nil
	case OpNotLike:
		return "NOT (" + c.Field + " LIKE " + v + ")", nil
	case OpNotIn:
		return "NOT (" + c.Field + " IN " + v + ")", nil
	}
	return c.Field + " " + string(c.Op) + " " + v, nil
}

func (d czqlDialect) value(c Comparison, v Value) string {
	switch x := v.(type) {
	case String:
		return czqlQuote(string(x), false)
	case Pattern:
		return czqlQuote(string(x), true)
	case Number:
		if isDuration(d.obj, c.Field) {
			return string(x) + "d"
		}
		return string(x)
	case DateTime:
		return x.Time.UTC().Format(czqlDateTime)
	case List:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = d.value(c, item)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return v.String()
}

// czqlQuote quotes s in single quotes, escaping backslash and quote with a
// backslash. Other characters, control characters included, are written as
// they are.
// NOTE: how Clarizen escapes % and _ in LIKE is not documented; patterns
// keep SOQL's \% and \_ escapes, which the simulator honours.
func czqlQuote(s string, pattern bool) string {
	return quoteLiteral(s, pattern, quoteRules{})
}

func isDuration(obj schema.Object, field string) bool {
	f, ok := obj.Field(field)
	return ok && f.Kind == schema.KindDuration
}

// EntityQuery compiles e into the "where" condition of a Clarizen
// entityQuery request: comparisons as {"leftExpression": {"fieldName": F},
// "operator": OP, "rightExpression": {"value": V}}, groups as {"and": [...]}
// and {"or": [...]}, negated LIKE and IN as {"not": ...}. A null test
// compares with a null value. Booleans read null as false, as in CZQL. obj supplies field kinds, so that a number
// compared with a Duration field becomes {"value": n, "unit": "Days"}.
func EntityQuery(e Expr, obj schema.Object) (map[string]any, error) {
	return entityQueryNode(pushNot(e, false), obj)
}

var entityQueryOps = map[Op]string{
	OpEq: "Equal", OpNe: "NotEqual", OpLt: "LessThan", OpGt: "GreaterThan",
	OpLe: "LessThanOrEqual", OpGe: "GreaterThanOrEqual", OpLike: "Like", OpIn: "In",
	OpNotLike: "Like", OpNotIn: "In", OpIsNull: "Equal", OpIsNotNull: "NotEqual",
}

func entityQueryNode(e Expr, obj schema.Object) (map[string]any, error) {
	switch n := e.(type) {
	case And:
		return entityQueryGroup("and", n.Terms, obj)
	case Or:
		return entityQueryGroup("or", n.Terms, obj)
	case Comparison:
		return entityQueryComparison(n, obj)
	}
	return nil, nil
}

func entityQueryGroup(key string, terms []Expr, obj schema.Object) (map[string]any, error) {
	list := make([]any, len(terms))
	for i, t := range terms {
		m, err := entityQueryNode(t, obj)
		if err != nil {
			return nil, err
		}
		list[i] = m
	}
	return map[string]any{key: list}, nil
}

func entityQueryComparison(c Comparison, obj schema.Object) (map[string]any, error) {
	op, ok := entityQueryOps[c.Op]
	if !ok {
		return nil, &UnsupportedError{Target: "entityQuery", Field: c.Field, Op: c.Op,
			Reason: "Clarizen queries have no multi-select operators; use = or LIKE"}
	}
	if b, ok := c.Value.(Bool); ok {
		if (c.Op == OpEq) == bool(b) {
			return compareNode(c.Field, "Equal", true), nil
		}
		return map[string]any{"or": []any{compareNode(c.Field, "Equal", false), compareNode(c.Field, "Equal", nil)}}, nil
	}
	cmp := compareNode(c.Field, op, entityQueryValue(c, c.Value, obj))
	if c.Op == OpNotLike || c.Op == OpNotIn {
		cmp = map[string]any{"not": cmp}
	}
	if needsNullGuard(c) {
		cmp = map[string]any{"and": []any{cmp, compareNode(c.Field, "NotEqual", nil)}}
	}
	return cmp, nil
}

func compareNode(field, op string, value any) map[string]any {
	return map[string]any{
		"leftExpression":  map[string]any{"fieldName": field},
		"operator":        op,
		"rightExpression": map[string]any{"value": value},
	}
}

func entityQueryValue(c Comparison, v Value, obj schema.Object) any {
	switch x := v.(type) {
	case nil:
		return nil
	case String:
		return string(x)
	case Pattern:
		return string(x)
	case Number:
		f, _ := strconv.ParseFloat(string(x), 64)
		if isDuration(obj, c.Field) {
			return map[string]any{"value": f, "unit": "Days"}
		}
		return f
	case Bool:
		return bool(x)
	case Date:
		return x.String()
	case DateTime:
		return x.Time.UTC().Format(czqlDateTime)
	case List:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = entityQueryValue(c, item, obj)
		}
		return out
	}
	return nil
}
