package mapping

import (
	"fmt"
)

// ConversionCode classifies a ConversionError.
type ConversionCode string

// Conversion error codes.
const (
	CodeIncompatible         ConversionCode = "incompatible_types"
	CodeWrongType            ConversionCode = "wrong_value_type"
	CodeTooLong              ConversionCode = "string_too_long"
	CodeNotWhole             ConversionCode = "not_a_whole_number"
	CodeNoCurrency           ConversionCode = "no_currency"
	CodeCurrencyMismatch     ConversionCode = "currency_mismatch"
	CodeUnknownPicklistValue ConversionCode = "unknown_picklist_value"
	CodeUnresolved           ConversionCode = "unresolved_reference"
)

// ConversionError reports a value that cannot be written into its target
// field, with the field map, both fields, the value and the fix.
type ConversionError struct {
	FieldMapID  string         `json:"fieldMapId"`
	Direction   Direction      `json:"direction"`
	SourceField string         `json:"sourceField"`
	TargetField string         `json:"targetField"`
	Value       any            `json:"value"`
	Code        ConversionCode `json:"code"`
	Problem     string         `json:"problem"`
	Fix         string         `json:"fix"`
}

func (e *ConversionError) Error() string {
	return fmt.Sprintf("convert %s to %s (field map %s): %s (%s)", e.SourceField, e.TargetField, e.FieldMapID, e.Problem, e.Fix)
}
