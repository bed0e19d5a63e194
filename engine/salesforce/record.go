package salesforce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Record is one record as the API returned it. Field values are string,
// json.Number, bool or nil. A relationship field contains a Record, a child
// subquery contains []Record (its first page), and a compound field such
// as BillingAddress contains a map[string]any.
type Record struct {
	Type   string
	URL    string
	Fields map[string]any
}

// ID returns the record's Id field.
func (r Record) ID() string {
	s, _ := r.String("Id")
	return s
}

// Get returns the value at a field name or relationship path
// ("Account.Owner.Name"), matching names case-insensitively as SOQL does.
// The bool is false when a name along the path is absent; a null
// relationship yields (nil, true).
func (r Record) Get(path string) (any, bool) {
	cur := r
	parts := strings.Split(path, ".")
	for i, name := range parts {
		v, ok := lookupFold(cur.Fields, name)
		if !ok {
			return nil, false
		}
		if i == len(parts)-1 {
			return v, true
		}
		switch next := v.(type) {
		case nil:
			return nil, true
		case Record:
			cur = next
		default:
			return nil, false
		}
	}
	return nil, false
}

func lookupFold(m map[string]any, name string) (any, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// String returns a text value; false when absent, null or not text.
func (r Record) String(path string) (string, bool) {
	v, _ := r.Get(path)
	s, ok := v.(string)
	return s, ok
}

// Bool returns a boolean value; false when absent, null or not boolean.
func (r Record) Bool(path string) (bool, bool) {
	v, _ := r.Get(path)
	b, ok := v.(bool)
	return b, ok
}

// Float returns a numeric value.
func (r Record) Float(path string) (float64, bool) {
	v, _ := r.Get(path)
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

// Date returns a date value without any time zone conversion.
func (r Record) Date(path string) (Date, bool) {
	s, ok := r.String(path)
	if !ok {
		return Date{}, false
	}
	d, err := ParseDate(s)
	return d, err == nil
}

// DateTime returns a dateTime value in UTC.
func (r Record) DateTime(path string) (time.Time, bool) {
	s, ok := r.String(path)
	if !ok {
		return time.Time{}, false
	}
	t, err := ParseDateTime(s)
	return t, err == nil
}

// MultiPicklist returns a multi-select picklist value as a set.
func (r Record) MultiPicklist(path string) (MultiPicklist, bool) {
	s, ok := r.String(path)
	if !ok {
		return nil, false
	}
	return ParseMultiPicklist(s), true
}

// decodeRecord turns a raw record into a Record, keeping numbers exact.
func decodeRecord(raw json.RawMessage) (Record, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return Record{}, fmt.Errorf("decode record: %w", err)
	}
	return recordFromMap(m), nil
}

func recordFromMap(m map[string]any) Record {
	r := Record{Fields: make(map[string]any, len(m))}
	if attrs, ok := m["attributes"].(map[string]any); ok {
		r.Type, _ = attrs["type"].(string)
		r.URL, _ = attrs["url"].(string)
	}
	for k, v := range m {
		if k == "attributes" {
			continue
		}
		r.Fields[k] = nestedValue(v)
	}
	return r
}

func nestedValue(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	if _, ok := m["attributes"]; ok {
		return recordFromMap(m)
	}
	if rows, ok := m["records"].([]any); ok {
		// NOTE: a child subquery with more rows than one batch also has a
		// nextRecordsUrl; only its first page is kept here.
		out := make([]Record, 0, len(rows))
		for _, row := range rows {
			if rm, ok := row.(map[string]any); ok {
				out = append(out, recordFromMap(rm))
			}
		}
		return out
	}
	return m
}
