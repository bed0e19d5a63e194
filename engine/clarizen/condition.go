package clarizen

import (
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// Operator is a compare operator of an entityQuery condition.
type Operator string

// Operators of entityQuery conditions.
const (
	Equal              Operator = "Equal"
	NotEqual           Operator = "NotEqual"
	LessThan           Operator = "LessThan"
	GreaterThan        Operator = "GreaterThan"
	LessThanOrEqual    Operator = "LessThanOrEqual"
	GreaterThanOrEqual Operator = "GreaterThanOrEqual"
	BeginsWith         Operator = "BeginsWith"
	EndsWith           Operator = "EndsWith"
	Contains           Operator = "Contains"
	DoesNotContain     Operator = "DoesNotContain"
	In                 Operator = "In"
	Like               Operator = "Like"
)

// Condition is the where clause of an entityQuery or relationQuery, built
// with Compare, AllOf, AnyOf, Not and CZQLCondition.
type Condition struct {
	wire api.Condition
}

// Compare matches field op value. For In, value must be a slice; it is sent
// as a constant list.
func Compare(field string, op Operator, value any) Condition {
	right := &api.Expression{Type: api.ConstantExpression, Value: wireValue(value)}
	if op == In {
		right.Type = api.ConstantListExpression
	}
	return Condition{api.Condition{
		Type:            "compare",
		LeftExpression:  &api.Expression{Type: api.FieldExpression, FieldName: field},
		Operator:        string(op),
		RightExpression: right,
	}}
}

// AllOf matches when every condition matches.
func AllOf(conds ...Condition) Condition {
	return Condition{api.Condition{Type: "and", And: wireConditions(conds)}}
}

// AnyOf matches when at least one condition matches.
func AnyOf(conds ...Condition) Condition {
	return Condition{api.Condition{Type: "or", Or: wireConditions(conds)}}
}

// Not matches when cond does not match.
func Not(cond Condition) Condition {
	inner := cond.wire
	return Condition{api.Condition{Type: "not", Not: &inner}}
}

// CZQLCondition is a condition written in CZQL, such as one built with the
// czql package.
func CZQLCondition(text string) Condition {
	return Condition{api.Condition{Type: "cZQLCondition", Text: text}}
}

func wireConditions(conds []Condition) []api.Condition {
	out := make([]api.Condition, len(conds))
	for i, c := range conds {
		out[i] = c.wire
	}
	return out
}

// wireValue converts a condition value as Values.wire does for fields.
func wireValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return formatDateTime(x)
	case EntityID:
		return string(x)
	default:
		return v
	}
}
