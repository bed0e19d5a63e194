package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// Base is a link's last synced state.
type Base struct {
	// Salesforce and Clarizen hold each mapped field's wire value on that
	// side after the last successful sync, keyed by field name.
	Salesforce map[string]any `json:"salesforce"`
	Clarizen   map[string]any `json:"clarizen"`
	// SalesforceStamp and ClarizenStamp are each side's change stamp right
	// after Liaison's last write to it (Salesforce SystemModstamp, Clarizen
	// LastUpdatedOn), or the stamp read with the values when Liaison did not
	// write that side. Zero means unknown.
	SalesforceStamp time.Time `json:"salesforceStamp,omitzero"`
	ClarizenStamp   time.Time `json:"clarizenStamp,omitzero"`
}

// Record is one side's current record.
type Record struct {
	ID string `json:"id"`
	// Values holds wire values as the client read them, keyed by field
	// name. Names match case-insensitively.
	Values map[string]any `json:"values"`
	// Stamp is the record's change stamp as read (Salesforce SystemModstamp
	// or LastModifiedDate, Clarizen LastUpdatedOn).
	Stamp time.Time `json:"stamp"`
}

// Encode returns the base as JSON for the store.
func (b Base) Encode() ([]byte, error) {
	data, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("encode base: %w", err)
	}
	return data, nil
}

// DecodeBase reads a base written by Encode. Numbers come back as
// json.Number, which mapping.Equal compares by value. Empty input is a
// link without a base, returned as nil.
func DecodeBase(data []byte) (*Base, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var b Base
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("decode base: %w", err)
	}
	return &b, nil
}

// NewBase returns the base of a link whose two records were just created
// or matched: every field of the mapping's enabled field maps, on each
// side, with the value each record holds, and the given stamps.
func NewBase(m mapping.Mapping, sf, cz Record) Base {
	return Base{
		Salesforce:      mappedValues(m, schema.Salesforce, sf.Values),
		Clarizen:        mappedValues(m, schema.Clarizen, cz.Values),
		SalesforceStamp: sf.Stamp,
		ClarizenStamp:   cz.Stamp,
	}
}

// mappedFields returns the fields of a side that any enabled field map
// reads or writes, in field map order, without duplicates.
func mappedFields(m mapping.Mapping, side schema.Side) []string {
	var out []string
	seen := map[string]bool{}
	for _, fm := range m.FieldMaps {
		if !fm.Enabled {
			continue
		}
		name := fm.SalesforceField
		if side == schema.Clarizen {
			name = fm.ClarizenField
		}
		if key := strings.ToLower(name); name != "" && !seen[key] {
			seen[key] = true
			out = append(out, name)
		}
	}
	return out
}

func mappedValues(m mapping.Mapping, side schema.Side, values map[string]any) map[string]any {
	out := map[string]any{}
	for _, f := range mappedFields(m, side) {
		out[f] = lookup(values, f)
	}
	return out
}

// lookup returns values[name], matching the name case-insensitively when
// there is no exact key.
func lookup(values map[string]any, name string) any {
	v, _ := lookupOK(values, name)
	return v
}

// Lookup returns the value of field name in values, matching the name
// without regard to case when no key matches exactly, as both APIs treat
// field names. When several keys differ only in case, the smallest in byte
// order wins, so that the result does not depend on map order. ok is false
// when no key matches.
func Lookup(values map[string]any, name string) (value any, ok bool) {
	return lookupOK(values, name)
}

func lookupOK(values map[string]any, name string) (any, bool) {
	if v, ok := values[name]; ok {
		return v, true
	}
	best, found := "", false
	for k := range values {
		if strings.EqualFold(k, name) && (!found || k < best) {
			best, found = k, true
		}
	}
	if !found {
		return nil, false
	}
	return values[best], true
}
