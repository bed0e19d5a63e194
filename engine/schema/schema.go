// Package schema is Liaison's own description of objects and fields, shared
// by both API clients and by the mapping layer.
//
// The Salesforce and Clarizen clients translate their describe answers into
// these types, so that type compatibility, validation and the UI field
// pickers work on one type system. The package does no I/O and imports
// nothing else from engine/.
package schema

import "strings"

// Kind is a field's type in Liaison's type system.
type Kind string

// Field kinds. Each API's native types map onto exactly one of these.
const (
	KindID            Kind = "id"
	KindString        Kind = "string"
	KindTextArea      Kind = "textarea"
	KindEmail         Kind = "email"
	KindPhone         Kind = "phone"
	KindURL           Kind = "url"
	KindBoolean       Kind = "boolean"
	KindInteger       Kind = "integer"
	KindDouble        Kind = "double"
	KindPercent       Kind = "percent"
	KindCurrency      Kind = "currency"
	KindDate          Kind = "date"
	KindDateTime      Kind = "datetime"
	KindPicklist      Kind = "picklist"
	KindMultiPicklist Kind = "multipicklist"
	KindReference     Kind = "reference"
	// KindDuration is a Clarizen Duration ({value, unit}); it maps to a
	// number of days on the Salesforce side.
	KindDuration Kind = "duration"
	// KindOther covers types Liaison does not map (address, location, base64).
	KindOther Kind = "other"
)

// Side names one of the two systems.
type Side string

// The two systems Liaison keeps in sync.
const (
	Salesforce Side = "salesforce"
	Clarizen   Side = "clarizen"
)

// PicklistValue is one allowed value of a picklist field.
type PicklistValue struct {
	Value   string `json:"value"`
	Label   string `json:"label"`
	Active  bool   `json:"active"`
	Default bool   `json:"default"`
}

// Field describes one field of an object as the remote API reports it.
type Field struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Kind  Kind   `json:"kind"`
	// NativeType is the type name the remote API uses ("currency", "Money").
	NativeType string `json:"nativeType"`
	// Length is the maximum number of characters for text kinds, 0 when
	// the API sets no limit.
	Length     int  `json:"length,omitempty"`
	Createable bool `json:"createable"`
	Updateable bool `json:"updateable"`
	Nillable   bool `json:"nillable"`
	// Calculated is true for formula and roll-up fields, which are never
	// writable.
	Calculated bool `json:"calculated"`
	// Required is true when a create must supply a value.
	Required   bool `json:"required"`
	ExternalID bool `json:"externalId"`
	Unique     bool `json:"unique"`
	Custom     bool `json:"custom"`
	// RestrictedPicklist is true when the API rejects values outside Picklist.
	RestrictedPicklist bool            `json:"restrictedPicklist,omitempty"`
	Picklist           []PicklistValue `json:"picklist,omitempty"`
	// ReferenceTo lists the object types a reference field may point to.
	ReferenceTo []string `json:"referenceTo,omitempty"`
	// RelationshipName is the name used in dot paths (Account for AccountId).
	RelationshipName string `json:"relationshipName,omitempty"`
	// NotFilterable is true for fields a query cannot filter on (Salesforce
	// long text areas, some Clarizen system fields). The zero value means
	// filterable, so a translation that does not know stays permissive.
	NotFilterable bool `json:"notFilterable,omitempty"`
	// Precision and Scale give a number's total and fractional digits when
	// the API reports them (Salesforce double, currency, percent).
	Precision int `json:"precision,omitempty"`
	Scale     int `json:"scale,omitempty"`
}

// Writable reports whether the field accepts a value on create (onCreate)
// or on update.
func (f Field) Writable(onCreate bool) bool {
	if f.Calculated {
		return false
	}
	if onCreate {
		return f.Createable
	}
	return f.Updateable
}

// HasPicklistValue reports whether v is one of the field's picklist values.
func (f Field) HasPicklistValue(v string) bool {
	for _, p := range f.Picklist {
		if p.Value == v {
			return true
		}
	}
	return false
}

// Object describes one object type (Salesforce sObject or Clarizen entity).
type Object struct {
	Name   string `json:"name"`
	Label  string `json:"label"`
	Custom bool   `json:"custom"`
	// Templatable is true for Clarizen entities that can be created from a
	// template (Project, Milestone).
	Templatable bool `json:"templatable,omitempty"`
	// FeedEnabled is true when the object has a Chatter feed or Clarizen
	// discussions.
	FeedEnabled bool    `json:"feedEnabled,omitempty"`
	Createable  bool    `json:"createable"`
	Updateable  bool    `json:"updateable"`
	Deletable   bool    `json:"deletable"`
	Fields      []Field `json:"fields"`
}

// Field returns the named field, matched case-insensitively as both APIs
// do, and whether it exists.
func (o Object) Field(name string) (Field, bool) {
	for _, f := range o.Fields {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Field{}, false
}
