package clarizen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// Entity is one entity read from the service: its id and the requested
// fields as raw JSON. The accessors decode a field by its Clarizen type and
// look names up case-insensitively, as the service does.
type Entity struct {
	ID     EntityID
	Fields map[string]json.RawMessage
}

func entityFromWire(w api.Entity) Entity {
	e := Entity{Fields: make(map[string]json.RawMessage, len(w))}
	for name, raw := range w {
		if strings.EqualFold(name, "id") {
			var id string
			if json.Unmarshal(raw, &id) == nil {
				e.ID = EntityID(id)
			}
			continue
		}
		e.Fields[name] = raw
	}
	return e
}

// UnmarshalJSON reads an entity object: "id" plus fields.
func (e *Entity) UnmarshalJSON(b []byte) error {
	var w api.Entity
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("decode entity: %w", err)
	}
	*e = entityFromWire(w)
	return nil
}

// MarshalJSON writes the entity as the service does.
func (e Entity) MarshalJSON() ([]byte, error) {
	out := make(map[string]json.RawMessage, len(e.Fields)+1)
	for name, raw := range e.Fields {
		out[name] = raw
	}
	id, err := json.Marshal(string(e.ID))
	if err != nil {
		return nil, err
	}
	out["id"] = id
	return json.Marshal(out)
}

// Raw returns a field's JSON and whether the field is present.
func (e Entity) Raw(name string) (json.RawMessage, bool) {
	if raw, ok := e.Fields[name]; ok {
		return raw, true
	}
	for field, raw := range e.Fields {
		if strings.EqualFold(field, name) {
			return raw, true
		}
	}
	return nil, false
}

// Has reports whether the field is present and not null.
func (e Entity) Has(name string) bool {
	raw, ok := e.Raw(name)
	return ok && !isNull(raw)
}

// Decode unmarshals a field into dst. A missing field leaves dst unchanged
// and returns nil.
func (e Entity) Decode(name string, dst any) error {
	raw, ok := e.Raw(name)
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("decode field %s of %s: %w", name, e.ID, err)
	}
	return nil
}

// Text returns a text field, or "" when it is missing, null or not a
// string.
func (e Entity) Text(name string) string {
	var s string
	if raw, ok := e.Raw(name); ok && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}

// Float returns a number field.
func (e Entity) Float(name string) (float64, bool) {
	var f float64
	raw, ok := e.Raw(name)
	if !ok || isNull(raw) || json.Unmarshal(raw, &f) != nil {
		return 0, false
	}
	return f, true
}

// Bool returns a Boolean field.
func (e Entity) Bool(name string) (value, ok bool) {
	raw, present := e.Raw(name)
	if !present || isNull(raw) || json.Unmarshal(raw, &value) != nil {
		return false, false
	}
	return value, true
}

// Reference returns the id of a reference or picklist field, read as
// {"id": "/User/abc", ...} or as a plain id string.
func (e Entity) Reference(name string) EntityID {
	raw, ok := e.Raw(name)
	if !ok {
		return ""
	}
	return referenceID(raw)
}

// Related returns a reference field read with subfields (Manager.Name) as
// an Entity.
func (e Entity) Related(name string) (Entity, bool) {
	raw, ok := e.Raw(name)
	if !ok || isNull(raw) {
		return Entity{}, false
	}
	var related Entity
	if json.Unmarshal(raw, &related) != nil {
		return Entity{}, false
	}
	return related, true
}

// Picklist returns a picklist field's value ("Active" for
// {"id": "/State/Active"}).
func (e Entity) Picklist(name string) string {
	raw, ok := e.Raw(name)
	if !ok {
		return ""
	}
	return picklistValue(string(referenceID(raw)))
}

// MultiPicklist returns the values of a multi-select picklist field. It
// reads an array of values or ids, and an id or string whose value part
// joins the values with ";".
//
// NOTE: the read shape of multi-select picklists is not documented; all
// these forms are accepted for that reason.
func (e Entity) MultiPicklist(name string) []string {
	raw, ok := e.Raw(name)
	if !ok || isNull(raw) {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) == nil {
		values := make([]string, 0, len(items))
		for _, item := range items {
			if v := picklistValue(string(referenceID(item))); v != "" {
				values = append(values, v)
			}
		}
		return values
	}
	joined := picklistValue(string(referenceID(raw)))
	if joined == "" {
		return nil
	}
	return strings.Split(joined, ";")
}

// Duration returns a Duration field.
func (e Entity) Duration(name string) (Duration, bool) {
	var d Duration
	raw, ok := e.Raw(name)
	if !ok || isNull(raw) || json.Unmarshal(raw, &d) != nil {
		return Duration{}, false
	}
	return d, true
}

// Money returns a Money field.
func (e Entity) Money(name string) (Money, bool) {
	var m Money
	raw, ok := e.Raw(name)
	if !ok || isNull(raw) || json.Unmarshal(raw, &m) != nil {
		return Money{}, false
	}
	return m, true
}

// Date returns the calendar day of a Date or DateTime field, without any
// time zone shift.
func (e Entity) Date(name string) (Date, bool) {
	var d Date
	raw, ok := e.Raw(name)
	if !ok || isNull(raw) || json.Unmarshal(raw, &d) != nil {
		return Date{}, false
	}
	return d, true
}

// Time returns a DateTime field in UTC.
func (e Entity) Time(name string) (time.Time, bool) {
	s := e.Text(name)
	if s == "" {
		return time.Time{}, false
	}
	t, err := ParseDateTime(s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// referenceID reads {"id": "..."} or a plain string.
func referenceID(raw json.RawMessage) EntityID {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return EntityID(s)
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	for key, value := range obj {
		if strings.EqualFold(key, "id") && json.Unmarshal(value, &s) == nil {
			return EntityID(s)
		}
	}
	return ""
}
