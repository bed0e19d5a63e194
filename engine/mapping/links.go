package mapping

import (
	"fmt"
	"strconv"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

// IdentifiedByCondition builds the condition that finds the object to link
// to under the identified-by method: every criterion's field of the linked
// entity equals its constant, or the value of its Salesforce source field
// in source. The result compiles to CZQL or entityQuery with
// condition.CZQL and condition.EntityQuery. An empty source field fails,
// because it cannot identify one object.
func (l ClarizenLink) IdentifiedByCondition(source map[string]any, linked schema.Object) (condition.Expr, error) {
	if len(l.IdentifiedBy) == 0 {
		return nil, fmt.Errorf("build link condition for link %s: it has no identified-by criteria; add at least one", l.ID)
	}
	var terms []condition.Expr
	for _, c := range l.IdentifiedBy {
		f, ok := linked.Field(c.Field)
		if !ok {
			return nil, fmt.Errorf("build link condition for link %s: %s has no field %s", l.ID, linked.Name, c.Field)
		}
		var v any = c.Value
		if c.ValueType == SourceField {
			v = condition.DecodeRaw(condition.Lookup(source, c.Value))
			if v == nil {
				return nil, fmt.Errorf("build link condition for link %s: source field %s is empty, so no %s can be identified",
					l.ID, c.Value, linked.Name)
			}
		}
		lit, err := literalFor(f, v)
		if err != nil {
			return nil, fmt.Errorf("build link condition for link %s: %w", l.ID, err)
		}
		terms = append(terms, condition.Comparison{Field: f.Name, Op: condition.OpEq, Value: lit})
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return condition.And{Terms: terms}, nil
}

// literalFor turns a constant or a record value into a condition literal
// suited to a field of f's kind.
func literalFor(f schema.Field, v any) (condition.Value, error) {
	if s, ok := v.(string); ok {
		parsed, err := ParseConstant(schema.Clarizen, f, s)
		if err != nil {
			return nil, err
		}
		v = parsed
	}
	switch f.Kind {
	case schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency, schema.KindDuration:
		n, ok := condition.WireNumber(v)
		if !ok {
			return nil, fmt.Errorf("%s takes a number, not %v", f.Name, v)
		}
		return condition.Number(formatNumber(n)), nil
	case schema.KindBoolean:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("%s takes true or false, not %v", f.Name, v)
		}
		return condition.Bool(b), nil
	case schema.KindDate:
		s, _ := v.(string)
		d, ok := condition.ParseDate(s)
		if !ok {
			return nil, fmt.Errorf("%s takes a date, not %v", f.Name, v)
		}
		return d, nil
	case schema.KindDateTime:
		s, _ := v.(string)
		t, ok := condition.ParseDateTime(s)
		if !ok {
			return nil, fmt.Errorf("%s takes a date-time, not %v", f.Name, v)
		}
		return condition.DateTime{Time: t}, nil
	}
	if s, ok := picklistText(v); ok && f.Kind == schema.KindPicklist {
		return condition.String(s), nil
	}
	if id, ok := referenceID(v); ok {
		return condition.String(id), nil
	}
	return nil, fmt.Errorf("%s takes text, not %v", f.Name, v)
}

// formatNumber writes n as the shortest decimal that reads back as n,
// without an exponent, as condition literals require.
func formatNumber(n float64) string {
	return strconv.FormatFloat(n, 'f', -1, 64)
}
