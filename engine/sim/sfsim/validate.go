package sfsim

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// coerce converts a JSON value to the stored form of field f. It accepts the
// loose forms the REST API accepts: numeric strings for numbers, "true" and
// "false" for booleans, dateTime strings for date fields.
func (s *Server) coerce(obj *Object, f *Field, v any) (any, *recordError) {
	if v == nil {
		if f.Type == "boolean" {
			return false, nil
		}
		return nil, nil
	}
	bad := func() *recordError {
		return &recordError{Code: "INVALID_TYPE_ON_FIELD_IN_RECORD",
			Message: fmt.Sprintf("%s: value not of required type: %v", f.Label, v), Fields: []string{f.Name}}
	}
	switch f.Type {
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case string:
			if b, err := strconv.ParseBool(x); err == nil {
				return b, nil
			}
		}
		return nil, bad()
	case "int", "double", "currency", "percent", "long":
		var n float64
		switch x := v.(type) {
		case float64:
			n = x
		case int:
			n = float64(x)
		case int64:
			n = float64(x)
		case int32:
			n = float64(x)
		case float32:
			n = float64(x)
		case json.Number:
			var err error
			if n, err = x.Float64(); err != nil {
				return nil, bad()
			}
		case string:
			var err error
			if n, err = strconv.ParseFloat(strings.TrimSpace(x), 64); err != nil {
				return nil, bad()
			}
		default:
			return nil, bad()
		}
		return checkNumber(f, n)
	case "date":
		str, ok := v.(string)
		if !ok {
			return nil, bad()
		}
		if len(str) >= 10 {
			if _, err := parseDate(str[:10]); err == nil && (len(str) == 10 || str[10] == 'T') {
				if len(str) > 10 {
					if t, ok := parseDateTime(str); ok {
						return t.Format(dateLayout), nil
					}
				}
				return str[:10], nil
			}
		}
		return nil, bad()
	case "datetime":
		str, ok := v.(string)
		if !ok {
			return nil, bad()
		}
		t, ok := parseDateTime(str)
		if !ok {
			if d, err := parseDate(str); err == nil {
				return formatDateTime(d), nil
			}
			return nil, bad()
		}
		return formatDateTime(t), nil
	case "reference", "id":
		str, ok := v.(string)
		if !ok {
			return nil, bad()
		}
		if str == "" {
			return nil, nil
		}
		id, ok := normalizeID(str)
		if !ok {
			return nil, &recordError{Code: "MALFORMED_ID", Message: fmt.Sprintf("%s: id value of incorrect type: %s", f.Label, str), Fields: []string{f.Name}}
		}
		return id, nil
	}
	// text types
	var str string
	switch x := v.(type) {
	case string:
		str = x
	case float64:
		str = strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		str = strconv.FormatBool(x)
	case json.Number:
		str = x.String()
	default:
		return nil, bad()
	}
	if str == "" {
		return nil, nil
	}
	return str, nil
}

func checkNumber(f *Field, n float64) (any, *recordError) {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return nil, &recordError{Code: "NUMBER_OUTSIDE_VALID_RANGE", Message: fmt.Sprintf("%s: value outside of valid range on numeric field: %v", f.Label, n), Fields: []string{f.Name}}
	}
	if f.Type == "int" {
		n = math.Round(n)
	} else if f.Precision > 0 {
		p := math.Pow(10, float64(f.Scale))
		n = math.Round(n*p) / p
		if math.Abs(n) >= math.Pow(10, float64(f.Precision-f.Scale)) {
			return nil, &recordError{Code: "NUMBER_OUTSIDE_VALID_RANGE",
				Message: fmt.Sprintf("%s: value outside of valid range on numeric field: %v", f.Label, n), Fields: []string{f.Name}}
		}
	}
	return n, nil
}

// checkValue applies the per-field rules that do not depend on other
// records: length, restricted picklists, e-mail format.
func checkValue(f *Field, v any) *recordError {
	str, ok := v.(string)
	if !ok {
		return nil
	}
	if isTextType(f.Type) && f.Length > 0 && utf8.RuneCountInString(str) > f.Length {
		shown := str
		if len(shown) > 100 {
			shown = shown[:100] + "..."
		}
		return &recordError{Code: "STRING_TOO_LONG",
			Message: fmt.Sprintf("%s: data value too large: %s (max length=%d)", f.Label, shown, f.Length), Fields: []string{f.Name}}
	}
	switch f.Type {
	case "picklist":
		if f.RestrictedPicklist && !picklistHas(f, str) {
			return &recordError{Code: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
				Message: fmt.Sprintf("%s: bad value for restricted picklist field: %s", f.Label, str), Fields: []string{f.Name}}
		}
	case "multipicklist":
		if f.RestrictedPicklist {
			for _, part := range strings.Split(str, ";") {
				if !picklistHas(f, strings.TrimSpace(part)) {
					return &recordError{Code: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
						Message: fmt.Sprintf("%s: bad value for restricted picklist field: %s", f.Label, part), Fields: []string{f.Name}}
				}
			}
		}
	case "email":
		at := strings.IndexByte(str, '@')
		if at <= 0 || at == len(str)-1 || strings.ContainsAny(str, " ,;") {
			return &recordError{Code: "INVALID_EMAIL_ADDRESS", Message: fmt.Sprintf("%s: invalid email address: %s", f.Label, str), Fields: []string{f.Name}}
		}
	}
	return nil
}

func picklistHas(f *Field, v string) bool {
	for _, p := range f.Picklist {
		if p.Active && p.Value == v {
			return true
		}
	}
	return false
}

// checkReference verifies that a lookup points at an existing record of an
// allowed type. The caller holds s.mu.
func (s *Server) checkReference(f *Field, id string) *recordError {
	target, ok := s.data.get(id)
	if !ok || target.deleted {
		if !ok && len(f.ReferenceTo) > 0 && !s.prefixAllowed(f, id[:3]) {
			return &recordError{Code: "FIELD_INTEGRITY_EXCEPTION", Message: fmt.Sprintf("%s: id value of incorrect type: %s", f.Label, id), Fields: []string{f.Name}}
		}
		return &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Message: "invalid cross reference id", Fields: []string{f.Name}}
	}
	if f.Polymorphic && len(f.ReferenceTo) == 0 {
		return nil
	}
	for _, t := range f.ReferenceTo {
		if strings.EqualFold(t, target.obj.Name) {
			return nil
		}
	}
	return &recordError{Code: "FIELD_INTEGRITY_EXCEPTION", Message: fmt.Sprintf("%s: id value of incorrect type: %s", f.Label, id), Fields: []string{f.Name}}
}

func (s *Server) prefixAllowed(f *Field, prefix string) bool {
	for _, t := range f.ReferenceTo {
		if o, ok := s.org.object(t); ok && o.KeyPrefix == prefix {
			return true
		}
	}
	return false
}

// requiredOnCreate reports whether a create must supply the field.
func requiredOnCreate(f *Field) bool {
	return f.Createable && !f.Nillable && !f.DefaultedOnCreate && f.Type != "boolean"
}

func missingFieldsError(names []string) *recordError {
	sort.Strings(names)
	return &recordError{Code: "REQUIRED_FIELD_MISSING",
		Message: fmt.Sprintf("Required fields are missing: [%s]", strings.Join(names, ", ")), Fields: names}
}
