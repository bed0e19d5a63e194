package condition

import (
	"github.com/liaison-sync/liaison/engine/schema"
)

var (
	textOps     = []Op{OpEq, OpNe, OpLt, OpGt, OpLe, OpGe, OpLike, OpNotLike, OpIn, OpNotIn, OpIsNull, OpIsNotNull}
	idOps       = []Op{OpEq, OpNe, OpIn, OpNotIn, OpIsNull, OpIsNotNull}
	boolOps     = []Op{OpEq, OpNe, OpIsNull, OpIsNotNull}
	orderedOps  = []Op{OpEq, OpNe, OpLt, OpGt, OpLe, OpGe, OpIn, OpNotIn, OpIsNull, OpIsNotNull}
	durationOps = []Op{OpEq, OpNe, OpLt, OpGt, OpLe, OpGe, OpIsNull, OpIsNotNull}
	picklistOps = []Op{OpEq, OpNe, OpIn, OpNotIn, OpLike, OpNotLike, OpIsNull, OpIsNotNull}
	multiOps    = []Op{OpEq, OpNe, OpIncludes, OpExcludes, OpIsNull, OpIsNotNull}
	nullOps     = []Op{OpIsNull, OpIsNotNull}
)

// Operators returns the operators a condition may apply to a field of the
// given kind, in the order a condition builder offers them. Every kind
// allows IS NULL and IS NOT NULL; KindOther allows nothing else.
func Operators(k schema.Kind) []Op {
	var ops []Op
	switch k {
	case schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL:
		ops = textOps
	case schema.KindID, schema.KindReference:
		ops = idOps
	case schema.KindBoolean:
		ops = boolOps
	case schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency,
		schema.KindDate, schema.KindDateTime:
		ops = orderedOps
	case schema.KindDuration:
		ops = durationOps
	case schema.KindPicklist:
		ops = picklistOps
	case schema.KindMultiPicklist:
		ops = multiOps
	default:
		ops = nullOps
	}
	return append([]Op(nil), ops...)
}

// AllowsOp reports whether op applies to a field of kind k.
func AllowsOp(k schema.Kind, op Op) bool {
	for _, o := range Operators(k) {
		if o == op {
			return true
		}
	}
	return false
}

// literalKind names the literal a field of kind k is compared with, as the
// noun used in messages ("a number"), with an example for the fix.
func literalKind(k schema.Kind) (noun, example string) {
	switch k {
	case schema.KindBoolean:
		return "true or false", "true"
	case schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency:
		return "a number", "1000"
	case schema.KindDuration:
		return "a number of days", "5"
	case schema.KindDate:
		return "a date", "2024-01-31"
	case schema.KindDateTime:
		return "a date-time", "2024-01-31T09:30:00Z"
	}
	return "a string in single quotes", "'Closed Won'"
}

// fits reports whether the scalar v is the literal type that fields of kind
// k compare with.
func fits(k schema.Kind, v Value) bool {
	switch v.(type) {
	case Bool:
		return k == schema.KindBoolean
	case Number:
		switch k {
		case schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency, schema.KindDuration:
			return true
		}
		return false
	case Date:
		return k == schema.KindDate
	case DateTime:
		return k == schema.KindDateTime
	case String, Pattern:
		switch k {
		case schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL,
			schema.KindID, schema.KindReference, schema.KindPicklist, schema.KindMultiPicklist:
			return true
		}
		return false
	}
	return false
}

var kindNouns = map[schema.Kind]string{
	schema.KindID: "an ID", schema.KindString: "a text", schema.KindTextArea: "a text area",
	schema.KindEmail: "an email", schema.KindPhone: "a phone", schema.KindURL: "a URL",
	schema.KindBoolean: "a boolean", schema.KindInteger: "an integer", schema.KindDouble: "a number",
	schema.KindPercent: "a percent", schema.KindCurrency: "a currency", schema.KindDate: "a date",
	schema.KindDateTime: "a date-time", schema.KindPicklist: "a picklist",
	schema.KindMultiPicklist: "a multi-select picklist", schema.KindReference: "a reference",
	schema.KindDuration: "a duration",
}

// KindPhrase returns the kind as a phrase for messages: "a currency field",
// "an ID field", "a field of a type Liaison does not map".
func KindPhrase(k schema.Kind) string {
	if n, ok := kindNouns[k]; ok {
		return n + " field"
	}
	return "a field of a type Liaison does not map"
}
