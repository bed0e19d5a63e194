package czsim

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/liaison-sync/liaison/engine/sim/czsim/czql"
)

// Stored field values use these Go types: string, int64, float64, bool,
// time.Time (a wall-clock time in UTC without zone meaning), entityRef (both
// references and picklist values), durationValue, moneyValue and []string
// (multi-select picklists). A missing key means the field has no value.

// entityRef points at an entity or a picklist value: /Type/ID.
type entityRef struct {
	Type string
	ID   string
}

func (r entityRef) String() string { return "/" + r.Type + "/" + r.ID }

type durationValue struct {
	Value float64
	Unit  string
}

type moneyValue struct {
	Value    float64
	Currency string
}

// wireTimeLayout is the date-time format of the real service: seven
// fraction digits and no zone.
const wireTimeLayout = "2006-01-02T15:04:05.0000000"

var durationUnitNames = []string{"Minutes", "Hours", "Days", "Weeks", "Months"}

// parseEntityID splits "/Type/ID" into its parts. "/Type" alone returns an
// empty id. The multi-organization form /Organization/<org>/Type/ID is
// accepted too, with the organization part ignored.
func parseEntityID(s string) (typ, id string, ok bool) {
	rest, found := strings.CutPrefix(s, "/")
	if !found {
		return "", "", false
	}
	if parts := strings.SplitN(rest, "/", 4); len(parts) == 4 && strings.EqualFold(parts[0], "Organization") {
		rest = parts[2] + "/" + parts[3]
	}
	typ, id, _ = strings.Cut(rest, "/")
	if typ == "" {
		return "", "", false
	}
	return typ, id, true
}

// parseTime reads a date or date-time in the forms the API accepts:
// 2014-12-01, 2014-12-01T08:00:00 with an optional fraction, and the same
// with a zone, which is converted to UTC. A value without a zone is stored
// as written, so dates never shift.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(strings.Replace(s, " ", "T", 1))
	lit, err := czql.ParseDate(s)
	if err != nil {
		return time.Time{}, false
	}
	return lit.Time, true
}

func formatTime(t time.Time) string { return t.UTC().Format(wireTimeLayout) }

// decodeValue converts a JSON value written to field f into its stored form.
// It checks types, lengths, picklist values and that references exist.
func (s *Server) decodeValue(t *entityType, f *fieldDef, raw any) (any, error) {
	if raw == nil {
		return nil, nil
	}
	bad := func(want string) error {
		return errorf(codeInvalidArgument, "invalid value for %s.%s: expected %s, got %s", t.Name, f.Name, want, describeJSON(raw))
	}
	switch f.Type {
	case typeString:
		var str string
		switch v := raw.(type) {
		case string:
			str = v
		case json.Number:
			str = v.String()
		case bool:
			str = strconv.FormatBool(v)
		default:
			return nil, bad("a string")
		}
		if f.MaxLength > 0 && utf8.RuneCountInString(str) > f.MaxLength {
			return nil, errorf(codeInvalidArgument, "value for %s.%s is %d characters long; the maximum is %d",
				t.Name, f.Name, utf8.RuneCountInString(str), f.MaxLength)
		}
		return str, nil
	case typeInteger, typeLong:
		n, ok := toFloat(raw)
		if !ok || n != math.Trunc(n) || math.Abs(n) > 1<<53 {
			return nil, bad("a whole number")
		}
		return int64(n), nil
	case typeDouble:
		n, ok := toFloat(raw)
		if !ok || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, bad("a number")
		}
		return n, nil
	case typeBoolean:
		switch v := raw.(type) {
		case bool:
			return v, nil
		case string:
			if b, err := strconv.ParseBool(v); err == nil {
				return b, nil
			}
		}
		return nil, bad("true or false")
	case typeDateTime:
		str, ok := raw.(string)
		if !ok {
			return nil, bad("a date such as 2014-12-01 or 2014-12-01T08:00:00")
		}
		tm, ok := parseTime(str)
		if !ok {
			return nil, bad("a date such as 2014-12-01 or 2014-12-01T08:00:00")
		}
		return tm, nil
	case typeDuration:
		return decodeDuration(raw, bad)
	case typeMoney:
		return decodeMoney(raw, bad)
	case typeMulti:
		return s.decodeMulti(t, f, raw, bad)
	case typeEntity:
		if f.isPicklist() {
			return s.decodePick(t, f, raw, bad)
		}
		return s.decodeRef(t, f, raw, bad)
	}
	return nil, bad("a supported value")
}

func decodeDuration(raw any, bad func(string) error) (any, error) {
	const want = `a duration object such as {"value": 3, "unit": "Days"}`
	if n, ok := toFloat(raw); ok {
		if _, isString := raw.(string); !isString {
			return durationValue{Value: n, Unit: "Days"}, nil
		}
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, bad(want)
	}
	obj := jsonObject(m)
	v, present := obj.get("value")
	n, isNum := toFloat(v)
	if !present || !isNum {
		return nil, bad(want)
	}
	unit, err := obj.str("unit")
	if err != nil {
		return nil, bad(want)
	}
	if unit == "" {
		unit = "Days"
	}
	for _, name := range durationUnitNames {
		if strings.EqualFold(name, unit) {
			return durationValue{Value: n, Unit: name}, nil
		}
	}
	return nil, bad("a duration unit (Minutes, Hours, Days, Weeks or Months)")
}

func decodeMoney(raw any, bad func(string) error) (any, error) {
	const want = `a money object such as {"value": 1200.5, "currency": "USD"}`
	if n, ok := toFloat(raw); ok {
		if _, isString := raw.(string); !isString {
			return moneyValue{Value: n, Currency: "USD"}, nil
		}
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, bad(want)
	}
	obj := jsonObject(m)
	v, present := obj.get("value")
	n, isNum := toFloat(v)
	if !present || !isNum {
		return nil, bad(want)
	}
	currency, err := obj.str("currency")
	if err != nil {
		return nil, bad(want)
	}
	if currency == "" {
		currency = "USD"
	}
	if len(currency) != 3 {
		return nil, bad("a three-letter ISO 4217 currency code")
	}
	return moneyValue{Value: n, Currency: strings.ToUpper(currency)}, nil
}

// refString extracts the id text of a reference written as "/Type/id" or as
// {"id": "/Type/id"}.
func refString(raw any) (string, bool) {
	switch v := raw.(type) {
	case string:
		return v, true
	case map[string]any:
		id, err := jsonObject(v).str("id")
		return id, err == nil && id != ""
	}
	return "", false
}

func (s *Server) decodePick(t *entityType, f *fieldDef, raw any, bad func(string) error) (any, error) {
	text, ok := refString(raw)
	if !ok {
		return nil, bad("a picklist value such as \"Active\" or \"/" + f.Refs[0] + "/Active\"")
	}
	list, _ := s.cat.lookup(f.Refs[0])
	value := text
	if typ, id, isID := parseEntityID(text); isID {
		if !strings.EqualFold(typ, list.Name) {
			return nil, bad("a value of picklist " + list.Name)
		}
		value = id
	}
	pv, ok := list.pickValue(value)
	if !ok {
		return nil, errorf(codeInvalidArgument, "invalid value for %s.%s: %q is not a value of picklist %s",
			t.Name, f.Name, value, list.Name)
	}
	return entityRef{Type: list.Name, ID: pv.Value}, nil
}

func (s *Server) decodeMulti(t *entityType, f *fieldDef, raw any, bad func(string) error) (any, error) {
	var items []string
	switch v := raw.(type) {
	case string:
		if v != "" {
			items = strings.Split(v, ";")
		}
	case []any:
		for _, item := range v {
			str, ok := item.(string)
			if !ok {
				return nil, bad("a list of picklist values")
			}
			items = append(items, str)
		}
	default:
		return nil, bad("a list of picklist values")
	}
	list, _ := s.cat.lookup(f.Refs[0])
	out := make([]string, 0, len(items))
	for _, item := range items {
		pv, ok := list.pickValue(strings.TrimSpace(item))
		if !ok {
			return nil, errorf(codeInvalidArgument, "invalid value for %s.%s: %q is not a value of picklist %s",
				t.Name, f.Name, item, list.Name)
		}
		out = append(out, pv.Value)
	}
	return out, nil
}

func (s *Server) decodeRef(t *entityType, f *fieldDef, raw any, bad func(string) error) (any, error) {
	text, ok := refString(raw)
	if !ok {
		return nil, bad("an entity id such as \"/User/abc\"")
	}
	typName, id, ok := parseEntityID(text)
	if !ok || id == "" {
		return nil, bad("an entity id such as \"/User/abc\"")
	}
	target, ok := s.cat.lookup(typName)
	if !ok || target.Picklist {
		return nil, errorf(codeInvalidType, "invalid value for %s.%s: unknown entity type %q", t.Name, f.Name, typName)
	}
	rec, ok := s.st.get(target, id)
	if !ok {
		return nil, notFound(text)
	}
	allowed := len(f.Refs) == 0
	for _, ref := range f.Refs {
		if rec.typ.isA(ref) {
			allowed = true
		}
	}
	if !allowed {
		return nil, errorf(codeInvalidArgument, "invalid value for %s.%s: %s is a %s, expected %s",
			t.Name, f.Name, rec.ref(), rec.typ.Name, strings.Join(f.Refs, " or "))
	}
	return rec.ref(), nil
}

// encodeValue converts a stored value to its JSON form on the wire.
func encodeValue(f *fieldDef, v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case time.Time:
		return formatTime(v)
	case entityRef:
		return map[string]any{"id": v.String()}
	case durationValue:
		return map[string]any{"unit": v.Unit, "value": v.Value}
	case moneyValue:
		return map[string]any{"currency": v.Currency, "value": v.Value}
	case []string:
		// NOTE: the read shape of multi-select picklists is inferred from
		// one client splitting the id on ';'; it was not seen on the wire.
		return map[string]any{"id": "/" + f.Refs[0] + "/" + strings.Join(v, ";")}
	}
	return v
}

// czqlValue converts a stored value for the CZQL evaluator.
func czqlValue(v any) czql.Value {
	switch v := v.(type) {
	case nil:
		return czql.Value{}
	case string:
		return czql.Value{Kind: czql.KindString, Str: v}
	case int64:
		return czql.Value{Kind: czql.KindNumber, Num: float64(v)}
	case float64:
		return czql.Value{Kind: czql.KindNumber, Num: v}
	case bool:
		return czql.Value{Kind: czql.KindBool, Bool: v}
	case time.Time:
		return czql.Value{Kind: czql.KindTime, Time: v}
	case entityRef:
		return czql.Value{Kind: czql.KindRef, Str: v.String()}
	case durationValue:
		h, _ := czql.DurationHours(v.Value, v.Unit)
		return czql.Value{Kind: czql.KindDuration, Num: h}
	case moneyValue:
		return czql.Value{Kind: czql.KindNumber, Num: v.Value}
	case []string:
		return czql.Value{Kind: czql.KindString, Str: strings.Join(v, ";")}
	}
	return czql.Value{}
}

func describeJSON(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return "a value"
}
