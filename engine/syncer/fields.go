package syncer

import (
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// IdempotencyField is the Salesforce external-id field Liaison upserts new
// records by when the mapping's key field is not an external id. The
// best-practices package adds it to the objects it creates.
const IdempotencyField = "Liaison_Key__c"

// clarizenExternalID is the Clarizen field that holds the value part of an
// entity id.
const clarizenExternalID = "ExternalID"

// sfFieldsOf returns the Salesforce fields a mapping reads: its key field,
// both directions' field maps, the fields its template criteria and links
// use, and the record's currency code when the object has one.
func sfFieldsOf(ms *mappingState) []string {
	m := ms.m
	names := []string{m.SalesforceKeyField}
	for _, fm := range m.FieldMaps {
		if fm.Enabled {
			names = append(names, fm.SalesforceField)
		}
	}
	for _, rule := range m.TemplateRules {
		for _, c := range rule.Criteria {
			names = append(names, conditionFields(c)...)
		}
	}
	for _, l := range m.Links {
		names = append(names, l.SourceField)
		for _, c := range l.IdentifiedBy {
			if c.ValueType == mapping.SourceField {
				names = append(names, c.Value)
			}
		}
	}
	if _, ok := ms.sfObj.Field("CurrencyIsoCode"); ok {
		names = append(names, "CurrencyIsoCode")
	}
	names = append(names, labelFieldsOf(ms.sfObj)...)
	return uniqueFields(names...)
}

// czFieldsOf returns the Clarizen fields a mapping reads.
func czFieldsOf(ms *mappingState) []string {
	names := []string{ms.m.ClarizenKeyField}
	for _, fm := range ms.m.FieldMaps {
		if fm.Enabled {
			names = append(names, fm.ClarizenField)
		}
	}
	names = append(names, labelFieldsOf(ms.czObj)...)
	return withoutID(uniqueFields(names...))
}

// conditionFields returns the fields a condition text names, none when it
// does not parse (validation reports that before enabling).
func conditionFields(text string) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	e, err := condition.Parse(text)
	if err != nil {
		return nil
	}
	return condition.Fields(e)
}

// object returns the mapping's describe of one side.
func (ms *mappingState) object(side schema.Side) schema.Object {
	if side == schema.Salesforce {
		return ms.sfObj
	}
	return ms.czObj
}

// fieldMap returns the mapping's field map with id, zero when none has it.
func (ms *mappingState) fieldMap(id string) mapping.FieldMap {
	for _, fm := range ms.m.FieldMaps {
		if fm.ID == id {
			return fm
		}
	}
	return mapping.FieldMap{}
}

// fieldMapLabel names a field map the way the mapping editor shows it,
// by its fields and direction (Budget__c → PlannedBudget), since the ids
// of maps an admin made are generated.
func fieldMapLabel(fm mapping.FieldMap) string {
	return fm.SourceField() + " → " + fm.TargetField()
}

// keyField returns the mapping's key field on one side.
func (ms *mappingState) keyField(side schema.Side) string {
	if side == schema.Salesforce {
		return ms.m.SalesforceKeyField
	}
	return ms.m.ClarizenKeyField
}

// keyValue returns a record's key value under ms: its key field's value,
// where Clarizen's ExternalID is read from the entity id when the field was
// not read, and Salesforce's Id is the record id.
func (ms *mappingState) keyValue(rec Record) string {
	field := ms.keyField(rec.Side)
	if rec.Side == schema.Salesforce && strings.EqualFold(field, "Id") {
		return rec.ID
	}
	if rec.Side == schema.Clarizen && strings.EqualFold(field, clarizenExternalID) {
		if s, ok := condition.IDValue(rec.ID); ok {
			return s
		}
	}
	switch v := condition.DecodeRaw(rec.Get(field)).(type) {
	case string:
		return v
	case map[string]any:
		if id, ok := v["id"].(string); ok {
			return id
		}
	}
	return ""
}

// mappingFor returns the mapping that pairs object on side with a type on
// the other side within a Clarizen connection, preferring active mappings.
func (p *planner) mappingFor(side schema.Side, object, conn string) *mappingState {
	var fallback *mappingState
	for _, ms := range p.mappings {
		if ms.conn != conn {
			continue
		}
		name := ms.m.ClarizenEntity
		if side == schema.Salesforce {
			name = ms.m.SalesforceObject
		}
		if !strings.EqualFold(name, object) {
			continue
		}
		if ms.active {
			return ms
		}
		if fallback == nil && ms.m.Enabled {
			fallback = ms
		}
	}
	return fallback
}

func otherSide(s schema.Side) schema.Side {
	if s == schema.Salesforce {
		return schema.Clarizen
	}
	return schema.Salesforce
}
