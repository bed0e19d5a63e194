package syncer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
)

// Record is one record of either side as a run reads it. Values holds
// plain decoded JSON (string, json.Number, bool, nil, map[string]any for a
// relationship or a Clarizen compound value, []any for lists), so that
// conditions, value conversion and the plan read both sides alike.
type Record struct {
	Side   schema.Side
	Object string // Salesforce object or Clarizen type
	// ID is the Salesforce Id or the Clarizen entity id (/Type/value).
	ID string
	// Stamp is SystemModstamp on Salesforce and LastUpdatedOn on Clarizen;
	// zero when the record was not read with it.
	Stamp  time.Time
	Values map[string]any
}

// Get returns the value at a field name or dot path (Account.Name).
func (r Record) Get(path string) any { return condition.Lookup(r.Values, path) }

// Change stamp fields a run reads with every record: SystemModstamp on
// Salesforce, LastUpdatedOn on Clarizen.
const (
	sfStampField = "SystemModstamp"
	czStampField = "LastUpdatedOn"
)

// recordFromSalesforce converts a Salesforce record. Relationship values
// (nested records) become maps, so that dot paths work the same on both
// sides.
func recordFromSalesforce(object string, r salesforce.Record) Record {
	rec := Record{Side: schema.Salesforce, Object: object, ID: r.ID(), Values: sfValues(r)}
	if t, ok := r.DateTime(sfStampField); ok {
		rec.Stamp = t
	}
	return rec
}

func sfValues(r salesforce.Record) map[string]any {
	out := make(map[string]any, len(r.Fields))
	for k, v := range r.Fields {
		out[k] = sfValue(v)
	}
	return out
}

func sfValue(v any) any {
	switch x := v.(type) {
	case salesforce.Record:
		return sfValues(x)
	case []salesforce.Record:
		list := make([]any, len(x))
		for i, item := range x {
			list[i] = sfValues(item)
		}
		return list
	}
	return v
}

// recordFromClarizen converts a Clarizen entity, decoding each field's raw
// JSON with numbers kept exact.
func recordFromClarizen(e clarizen.Entity) (Record, error) {
	rec := Record{Side: schema.Clarizen, Object: e.ID.Type(), ID: string(e.ID),
		Values: make(map[string]any, len(e.Fields))}
	for name, raw := range e.Fields {
		v, err := decodeJSON(raw)
		if err != nil {
			return Record{}, fmt.Errorf("decode field %s of %s: %w", name, e.ID, err)
		}
		rec.Values[name] = v
	}
	if t, ok := e.Time(czStampField); ok {
		rec.Stamp = t
	}
	return rec, nil
}

func decodeJSON(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}
