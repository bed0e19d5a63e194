package mapping

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

// Conversion turns a source value of one field map into the wire value its
// target field takes. Both API clients' value shapes are accepted on input:
// strings, numbers (float64, json.Number, ints), bools, nil, Clarizen Money
// and Duration maps, Clarizen references and picklists ({"id": ...}),
// multi-select picklists as "a;b" or lists, and raw JSON.
//
// Output shapes by target side: Salesforce gets text, numbers, bools,
// "2006-01-02" dates, "2006-01-02T15:04:05.000Z" date-times, "a;b"
// multi-select values and record ids. Clarizen gets text, numbers, bools,
// {"value", "currency"} Money, {"value", "unit": "Days"} Durations,
// "2006-01-02" dates, "2006-01-02T15:04:05" UTC date-times, picklist values
// as text, multi-select values as lists, and "/Type/id" references.
type Conversion struct {
	Map    FieldMap
	Source schema.Field
	Target schema.Field
	// Currency is the ISO 4217 code of the Salesforce record's amounts: its
	// CurrencyIsoCode in a multi-currency org, else the org's currency. A
	// number written into a Clarizen Money takes this code. A Money written
	// into a Salesforce currency field must have this code, when set.
	Currency string
	// Resolver resolves reference values. It is required only for
	// reference fields.
	Resolver Resolver
}

// Result is a converted value.
type Result struct {
	// Value is the wire value for the target field. nil writes null.
	Value any
	// Pending is set when the referenced record has no counterpart yet and
	// must be created first; Value is nil until then.
	Pending *Reference
	// Warning explains a reference left empty under create policy
	// "leave empty".
	Warning string
	// Currency is the ISO code of a Clarizen Money written into a
	// Salesforce currency field, so that a multi-currency create can set
	// CurrencyIsoCode.
	Currency string
}

// Convert converts v. Null stays null and the empty string stays the empty
// string. The error is a *ConversionError.
func (c Conversion) Convert(v any) (Result, error) {
	v = condition.DecodeRaw(v)
	if !Compatible(c.Source.Kind, c.Target.Kind) {
		return Result{}, c.fail(CodeIncompatible, v,
			fmt.Sprintf("%s cannot be written into %s", condition.KindPhrase(c.Source.Kind), condition.KindPhrase(c.Target.Kind)),
			"map the field to a field of a compatible type")
	}
	if v == nil {
		return Result{}, nil
	}
	side := c.Map.Direction.Target()
	switch c.Target.Kind {
	case schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL:
		return c.toText(v)
	case schema.KindInteger, schema.KindDouble, schema.KindPercent:
		n, err := c.number(v)
		if err != nil {
			return Result{}, err
		}
		return c.plainNumber(v, n)
	case schema.KindCurrency:
		return c.toCurrency(v, side)
	case schema.KindDuration:
		n, err := c.number(v)
		if err != nil {
			return Result{}, err
		}
		return Result{Value: map[string]any{"value": n, "unit": "Days"}}, nil
	case schema.KindBoolean:
		b, ok := v.(bool)
		if !ok {
			return Result{}, c.fail(CodeWrongType, v, "the value is not true or false", "check the source field's type")
		}
		return Result{Value: b}, nil
	case schema.KindDate:
		return c.toDate(v)
	case schema.KindDateTime:
		return c.toDateTime(v, side)
	case schema.KindPicklist:
		return c.toPicklist(v)
	case schema.KindMultiPicklist:
		return c.toMultiPicklist(v, side)
	case schema.KindReference:
		return c.toReference(v, side)
	}
	return Result{}, c.fail(CodeIncompatible, v, "the target field's type is not mapped", "remove the field map")
}

func (c Conversion) toText(v any) (Result, error) {
	var s string
	switch c.Source.Kind {
	case schema.KindPicklist:
		p, err := c.picklistValue(v)
		if err != nil {
			return Result{}, err
		}
		s = p
	case schema.KindMultiPicklist:
		vals, err := c.multiValues(v)
		if err != nil {
			return Result{}, err
		}
		s = strings.Join(vals, ";")
	default:
		str, ok := v.(string)
		if !ok {
			return Result{}, c.fail(CodeWrongType, v, "the value is not text", "check the source field's type")
		}
		s = str
	}
	return c.fitLength(s)
}

// fitLength enforces the target's maximum length in characters.
func (c Conversion) fitLength(s string) (Result, error) {
	max := c.Target.Length
	n := utf8.RuneCountInString(s)
	if max <= 0 || n <= max {
		return Result{Value: s}, nil
	}
	if c.Map.Truncate {
		return Result{Value: string([]rune(s)[:max])}, nil
	}
	return Result{}, c.fail(CodeTooLong, s,
		fmt.Sprintf("the text has %d characters but %s holds at most %d", n, c.Target.Name, max),
		"shorten the source value, or turn on truncate for this field map")
}

func (c Conversion) number(v any) (float64, error) {
	n, ok := condition.WireNumber(v)
	if !ok || math.IsInf(n, 0) {
		return 0, c.fail(CodeWrongType, v, "the value is not a number", "check the source field's type")
	}
	return n, nil
}

func (c Conversion) plainNumber(v any, n float64) (Result, error) {
	if c.Target.Kind == schema.KindInteger && n != math.Trunc(n) {
		return Result{}, c.fail(CodeNotWhole, v,
			fmt.Sprintf("%v has a fraction but %s holds whole numbers", n, c.Target.Name),
			"map the value to a field with decimals, or round it at the source")
	}
	return Result{Value: n}, nil
}

func (c Conversion) toCurrency(v any, side schema.Side) (Result, error) {
	n, err := c.number(v)
	if err != nil {
		return Result{}, err
	}
	code := moneyCurrency(v)
	if side == schema.Clarizen {
		if code == "" {
			code = c.Currency
		}
		if code == "" {
			return Result{}, c.fail(CodeNoCurrency, v, "no currency is known for the amount",
				"set the Salesforce org's default currency in Liaison's settings")
		}
		return Result{Value: map[string]any{"value": n, "currency": code}}, nil
	}
	if code != "" && c.Currency != "" && !strings.EqualFold(code, c.Currency) {
		return Result{}, c.fail(CodeCurrencyMismatch, v,
			fmt.Sprintf("the amount is in %s but the Salesforce record uses %s", code, c.Currency),
			"Liaison does not convert between currencies; use the same currency on both sides")
	}
	return Result{Value: n, Currency: code}, nil
}

// moneyCurrency returns the currency code of a Clarizen Money value, or ""
// for a plain number.
func moneyCurrency(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	for k, x := range m {
		if strings.EqualFold(k, "currency") {
			s, _ := x.(string)
			return s
		}
	}
	return ""
}

func (c Conversion) toDate(v any) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{}, c.fail(CodeWrongType, v, "the value is not a date", "check the source field's type")
	}
	d, ok := condition.ParseDate(s)
	if !ok {
		return Result{}, c.fail(CodeWrongType, v, "the value is not a date", "check the source field's type")
	}
	return Result{Value: d.String()}, nil
}

func (c Conversion) toDateTime(v any, side schema.Side) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{}, c.fail(CodeWrongType, v, "the value is not a date-time", "check the source field's type")
	}
	if c.Source.Kind == schema.KindDate {
		d, ok := condition.ParseDate(s)
		if !ok {
			return Result{}, c.fail(CodeWrongType, v, "the value is not a date", "check the source field's type")
		}
		if side == schema.Clarizen {
			return Result{Value: d.String()}, nil
		}
		return Result{Value: d.String() + "T00:00:00.000Z"}, nil
	}
	t, ok := condition.ParseDateTime(s)
	if !ok {
		return Result{}, c.fail(CodeWrongType, v, "the value is not a date-time", "check the source field's type")
	}
	if side == schema.Clarizen {
		// NOTE: Clarizen prints date-times without a zone; Liaison reads
		// and writes them as UTC, which is not confirmed by its documents.
		return Result{Value: t.Format("2006-01-02T15:04:05")}, nil
	}
	return Result{Value: t.Format("2006-01-02T15:04:05.000Z")}, nil
}

func (c Conversion) fail(code ConversionCode, v any, problem, fix string) *ConversionError {
	return &ConversionError{
		FieldMapID:  c.Map.ID,
		Direction:   c.Map.Direction,
		SourceField: c.Map.SourceField(),
		TargetField: c.Map.TargetField(),
		Value:       v,
		Code:        code,
		Problem:     problem,
		Fix:         fix,
	}
}
