package czsim

import (
	"encoding/json"
	"strings"

	"github.com/liaison-sync/liaison/engine/sim/czsim/czql"
)

// conditionOperators maps entityQuery operator names to CZQL operators.
// In and NotIn are handled apart because they take a list.
var conditionOperators = map[string]czql.Op{
	"equal": czql.OpEq, "notequal": czql.OpNe,
	"lessthan": czql.OpLt, "greaterthan": czql.OpGt,
	"lessthanorequal": czql.OpLe, "greaterthanorequal": czql.OpGe,
	"beginswith": czql.OpBeginsWith, "endswith": czql.OpEndsWith,
	"contains": czql.OpContains, "doesnotcontain": czql.OpNotContains,
	"like": czql.OpLike, "notlike": czql.OpNotLike,
}

// parseCondition converts an entityQuery condition to a CZQL expression.
// Conditions come in two shapes: with a "_type" discriminator (compare, and,
// or, not, cZQLCondition), as one client sends them, or without it, as the
// official samples do, where the keys decide. It returns nil for an empty
// and/or list, which matches everything.
func (s *Server) parseCondition(raw any) (czql.Expr, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, errorf(codeInvalidArgument, "a condition must be an object")
	}
	cond := jsonObject(m)
	kind, err := cond.str("_type")
	if err != nil {
		return nil, err
	}
	kind = strings.ToLower(kind)
	switch {
	case kind == "and" || (kind == "" && cond.has("and")):
		return s.parseJunction(cond, "and")
	case kind == "or" || (kind == "" && cond.has("or")):
		return s.parseJunction(cond, "or")
	case kind == "not" || (kind == "" && cond.has("not")):
		inner, _ := cond.get("not")
		if inner == nil {
			inner, _ = cond.get("condition")
		}
		x, err := s.parseCondition(inner)
		if err != nil {
			return nil, err
		}
		if x == nil {
			return nil, errorf(codeInvalidArgument, "not needs a condition")
		}
		return &czql.Not{X: x}, nil
	case kind == "czqlcondition" || (kind == "" && cond.has("text")):
		text, err := cond.str("text")
		if err != nil {
			return nil, err
		}
		e, err := czql.ParseCondition(text)
		if err != nil {
			return nil, errorf(codeInvalidArgument, "%v", err)
		}
		return e, nil
	case kind == "compare" || (kind == "" && cond.has("leftExpression")):
		return s.parseCompare(cond)
	}
	return nil, errorf(codeInvalidArgument, "unknown condition type %q; use compare, and, or, not or cZQLCondition", kind)
}

func (s *Server) parseJunction(cond jsonObject, key string) (czql.Expr, error) {
	items, err := cond.list(key)
	if err != nil {
		return nil, err
	}
	var out czql.Expr
	for _, item := range items {
		x, err := s.parseCondition(item)
		if err != nil {
			return nil, err
		}
		switch {
		case x == nil:
		case out == nil:
			out = x
		case key == "and":
			out = &czql.And{Left: out, Right: x}
		default:
			out = &czql.Or{Left: out, Right: x}
		}
	}
	return out, nil
}

func (s *Server) parseCompare(cond jsonObject) (czql.Expr, error) {
	left, err := cond.obj("leftExpression")
	if err != nil {
		return nil, err
	}
	if left == nil || !left.has("fieldName") {
		return nil, errorf(codeInvalidArgument, "leftExpression must be a field expression: {\"fieldName\": \"Name\"}")
	}
	field, err := left.str("fieldName")
	if err != nil {
		return nil, err
	}
	path := strings.Split(field, ".")
	opName, err := cond.str("operator")
	if err != nil {
		return nil, err
	}
	right, err := cond.obj("rightExpression")
	if err != nil {
		return nil, err
	}
	if right == nil {
		return nil, errorf(codeMissingArgument, "rightExpression is required")
	}
	values, isList, err := s.rightValues(right)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(opName) {
	case "in", "notin":
		return &czql.In{Path: path, Values: values, Not: strings.EqualFold(opName, "notin")}, nil
	}
	op, ok := conditionOperators[strings.ToLower(opName)]
	if !ok {
		return nil, errorf(codeInvalidArgument, "unknown operator %q", opName)
	}
	if isList {
		return nil, errorf(codeInvalidArgument, "operator %s needs one value, not a list", opName)
	}
	if (op == czql.OpLike || op == czql.OpNotLike || op == czql.OpBeginsWith || op == czql.OpEndsWith ||
		op == czql.OpContains || op == czql.OpNotContains) && values[0].Kind == czql.LitNull {
		return nil, errorf(codeInvalidArgument, "operator %s needs a text value", opName)
	}
	return &czql.Compare{Path: path, Op: op, Value: values[0]}, nil
}

// rightValues reads a constant, constant list or query expression. isList is
// true for a list or a query.
func (s *Server) rightValues(right jsonObject) (values []czql.Literal, isList bool, err error) {
	kind, err := right.str("_type")
	if err != nil {
		return nil, false, err
	}
	if strings.EqualFold(kind, "queryExpression") || (kind == "" && right.has("query")) {
		query, err := right.obj("query")
		if err != nil {
			return nil, false, err
		}
		if query == nil {
			return nil, false, errorf(codeMissingArgument, "queryExpression needs a query")
		}
		ids, err := s.subqueryIDs(query)
		return ids, true, err
	}
	raw, present := right.get("value")
	if !present {
		raw, present = right.get("values")
	}
	if !present {
		return nil, false, errorf(codeMissingArgument, "rightExpression needs a value")
	}
	if list, ok := raw.([]any); ok {
		for _, item := range list {
			lit, err := literalFromJSON(item)
			if err != nil {
				return nil, false, err
			}
			values = append(values, lit)
		}
		return values, true, nil
	}
	lit, err := literalFromJSON(raw)
	if err != nil {
		return nil, false, err
	}
	return []czql.Literal{lit}, false, nil
}

// subqueryIDs runs a nested query and returns the ids it finds, for
// conditions such as "Parent In (query)".
func (s *Server) subqueryIDs(query jsonObject) ([]czql.Literal, error) {
	spec, err := s.specFromTypedQuery(query)
	if err != nil {
		return nil, err
	}
	if err := s.validate(&spec); err != nil {
		return nil, err
	}
	recs, err := s.run(s.newReader(), spec)
	if err != nil {
		return nil, err
	}
	ids := make([]czql.Literal, 0, len(recs))
	for _, rec := range recs {
		ids = append(ids, czql.Literal{Kind: czql.LitString, Str: rec.ref().String()})
	}
	return ids, nil
}

// literalFromJSON converts a condition constant. References ({"id": ...})
// compare by id, Money by value, and Duration objects by their length.
func literalFromJSON(v any) (czql.Literal, error) {
	switch v := v.(type) {
	case nil:
		return czql.Literal{Kind: czql.LitNull}, nil
	case string:
		return czql.Literal{Kind: czql.LitString, Str: v}, nil
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return czql.Literal{}, errorf(codeInvalidArgument, "invalid number %s", v)
		}
		return czql.Literal{Kind: czql.LitNumber, Num: f}, nil
	case bool:
		return czql.Literal{Kind: czql.LitBool, Bool: v}, nil
	case map[string]any:
		obj := jsonObject(v)
		if id, ok := refString(v); ok && obj.has("id") {
			return czql.Literal{Kind: czql.LitString, Str: id}, nil
		}
		if obj.has("unit") {
			d, err := decodeDuration(v, func(want string) error {
				return errorf(codeInvalidArgument, "invalid duration in condition: expected %s", want)
			})
			if err != nil {
				return czql.Literal{}, err
			}
			dv := d.(durationValue)
			hours, _ := czql.DurationHours(dv.Value, dv.Unit)
			return czql.Literal{Kind: czql.LitDuration, Num: hours, Unit: "Hours"}, nil
		}
		if raw, ok := obj.get("value"); ok {
			if n, isNum := toFloat(raw); isNum {
				return czql.Literal{Kind: czql.LitNumber, Num: n}, nil
			}
		}
	}
	return czql.Literal{}, errorf(codeInvalidArgument, "unsupported value %s in condition", describeJSON(v))
}
