package mapping

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

// picklistValue reads a single picklist value (Salesforce text or a
// Clarizen {"id": "/State/Active"}) and applies the value map.
func (c Conversion) picklistValue(v any) (string, error) {
	s, ok := picklistText(v)
	if !ok {
		return "", c.fail(CodeWrongType, v, "the value is not a picklist value", "check the source field's type")
	}
	return c.mapValue(s), nil
}

// picklistText returns the value of a picklist wire value.
func picklistText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		if val, ok := condition.IDValue(x); ok {
			return val, true
		}
		return x, true
	case map[string]any:
		for k, id := range x {
			if strings.EqualFold(k, "id") {
				s, ok := id.(string)
				if !ok {
					return "", false
				}
				if val, ok := condition.IDValue(s); ok {
					return val, true
				}
				return s, true
			}
		}
	}
	return "", false
}

// mapValue applies the field map's value map: an exact key first, then a
// key that differs only in case.
func (c Conversion) mapValue(s string) string {
	if to, ok := c.Map.ValueMap[s]; ok {
		return to
	}
	for from, to := range c.Map.ValueMap {
		if strings.EqualFold(from, s) {
			return to
		}
	}
	return s
}

// multiValues reads the selected values of a multi-select picklist (or one
// picklist value) and maps each one.
func (c Conversion) multiValues(v any) ([]string, error) {
	var vals []string
	if c.Source.Kind == schema.KindPicklist {
		s, ok := picklistText(v)
		if !ok {
			return nil, c.fail(CodeWrongType, v, "the value is not a picklist value", "check the source field's type")
		}
		vals = []string{s}
	} else {
		got, ok := condition.WireMulti(v)
		if !ok {
			return nil, c.fail(CodeWrongType, v, "the value is not a multi-select picklist value", "check the source field's type")
		}
		vals = got
	}
	out := make([]string, 0, len(vals))
	for _, s := range vals {
		out = append(out, c.mapValue(s))
	}
	return out, nil
}

func (c Conversion) toPicklist(v any) (Result, error) {
	s, err := c.picklistValue(v)
	if err != nil {
		return Result{}, err
	}
	if err := c.checkAllowed(v, s); err != nil {
		return Result{}, err
	}
	return Result{Value: s}, nil
}

// toMultiPicklist writes the selection. An empty selection is written as
// null, which both APIs read back as no selection.
func (c Conversion) toMultiPicklist(v any, side schema.Side) (Result, error) {
	vals, err := c.multiValues(v)
	if err != nil {
		return Result{}, err
	}
	for _, s := range vals {
		if err := c.checkAllowed(v, s); err != nil {
			return Result{}, err
		}
	}
	if len(vals) == 0 {
		return Result{}, nil
	}
	if side == schema.Salesforce {
		return Result{Value: strings.Join(vals, ";")}, nil
	}
	list := make([]any, len(vals))
	for i, s := range vals {
		list[i] = s
	}
	return Result{Value: list}, nil
}

// checkAllowed rejects a value that a restricted target picklist does not
// have, before the API rejects the whole record.
func (c Conversion) checkAllowed(v any, s string) error {
	if !c.Target.RestrictedPicklist || len(c.Target.Picklist) == 0 || hasValueFold(c.Target, s) {
		return nil
	}
	return c.fail(CodeUnknownPicklistValue, v,
		fmt.Sprintf("%s has no picklist value %q", c.Target.Name, s),
		fmt.Sprintf("add %q to the field map's value map, mapped to a value of %s", s, c.Target.Name))
}

func hasValueFold(f schema.Field, v string) bool {
	for _, p := range f.Picklist {
		if strings.EqualFold(p.Value, v) {
			return true
		}
	}
	return false
}
