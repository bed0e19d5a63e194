package mapping

import (
	"fmt"
)

// Mapping defines how a Clarizen entity type corresponds to a Salesforce
// object, and which data moves on create and on later syncs.
type Mapping struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// ClarizenInstance is 1 or 2, the Clarizen connection the mapping uses.
	ClarizenInstance int    `json:"clarizenInstance"`
	ClarizenEntity   string `json:"clarizenEntity"`
	SalesforceObject string `json:"salesforceObject"`
	// ClarizenKeyField and SalesforceKeyField identify a record when another
	// mapping or an event must find it, e.g. Clarizen ExternalID holding the
	// Salesforce Id.
	ClarizenKeyField   string       `json:"clarizenKeyField"`
	SalesforceKeyField string       `json:"salesforceKeyField"`
	CreatePolicy       CreatePolicy `json:"createPolicy"`
	DeletePolicy       DeletePolicy `json:"deletePolicy"`
	// TemplateRules apply only to templatable Clarizen entities. The first
	// rule whose criteria match the Salesforce record picks the template.
	TemplateRules  []TemplateRule  `json:"templateRules,omitempty"`
	SocialSync     bool            `json:"socialSync"`
	FieldMaps      []FieldMap      `json:"fieldMaps,omitempty"`
	Links          []ClarizenLink  `json:"links,omitempty"`
	RelatedObjects []RelatedObject `json:"relatedObjects,omitempty"`
	ConflictRule   ConflictRule    `json:"conflictRule"`
	Enabled        bool            `json:"enabled"`
}

// ClarizenConnection returns the store's connection id of the mapping's
// Clarizen instance ("clarizen1" or "clarizen2").
func (m Mapping) ClarizenConnection() string { return ConnectionID(m.ClarizenInstance) }

// ConnectionID returns the store's connection id of a Clarizen instance.
func ConnectionID(instance int) string { return fmt.Sprintf("clarizen%d", instance) }

// FieldMap moves one field's value in one direction.
type FieldMap struct {
	// ID is unique within its mapping, so the UI and problems can point at
	// one row even when the same field appears in several maps.
	ID              string    `json:"id"`
	Enabled         bool      `json:"enabled"`
	Direction       Direction `json:"direction"`
	ClarizenField   string    `json:"clarizenField"`
	SalesforceField string    `json:"salesforceField"`
	EventType       EventType `json:"eventType"`
	// ValueMap translates picklist values, keyed by the source side's value.
	// A value without an entry passes through unchanged.
	ValueMap map[string]string `json:"valueMap,omitempty"`
	// Truncate cuts text longer than the target field instead of failing.
	Truncate bool `json:"truncate,omitempty"`
}

// SourceField returns the field read by the map.
func (f FieldMap) SourceField() string {
	if f.Direction == ToClarizen {
		return f.SalesforceField
	}
	return f.ClarizenField
}

// TargetField returns the field written by the map.
func (f FieldMap) TargetField() string {
	if f.Direction == ToClarizen {
		return f.ClarizenField
	}
	return f.SalesforceField
}

// AppliesOnCreate reports whether the map runs when its target record is
// created.
func (f FieldMap) AppliesOnCreate() bool {
	return f.Enabled && (f.EventType == CreateOnly || f.EventType == CreateAndSync)
}

// AppliesOnSync reports whether the map runs on later syncs of a linked
// pair.
func (f FieldMap) AppliesOnSync() bool {
	return f.Enabled && (f.EventType == SyncOnly || f.EventType == CreateAndSync)
}

// TemplateRule picks a Clarizen template when its criteria match.
type TemplateRule struct {
	Template string `json:"template"`
	// Criteria are conditions on the Salesforce record, joined by Logic.
	Criteria []string `json:"criteria"`
	Logic    Logic    `json:"logic"`
}

// ClarizenLink links the Clarizen object to another Clarizen object after
// create, through a link entity (a Project to its Customer through a
// CustomerLink).
type ClarizenLink struct {
	ID string `json:"id"`
	// LinkEntity is the Clarizen link type, e.g. CustomerLink.
	LinkEntity string `json:"linkEntity"`
	// EntityField is the link entity's field that holds the mapped object
	// (Entity), and LinkedField the one that holds the linked object
	// (Customer).
	EntityField string `json:"entityField"`
	LinkedField string `json:"linkedField"`
	// LinkedEntity is the Clarizen type linked to, e.g. Customer.
	LinkedEntity string     `json:"linkedEntity"`
	Method       LinkMethod `json:"method"`
	// SourceField is a reference field or path of the Salesforce record
	// (Opportunity__r.AccountId) used by the source-field method. The
	// referenced record is found through MappingID's key field and create
	// policy.
	SourceField string `json:"sourceField,omitempty"`
	MappingID   string `json:"mappingId,omitempty"`
	// IdentifiedBy are criteria on the linked entity, all of which must
	// match, for the identified-by method.
	IdentifiedBy []Criterion `json:"identifiedBy,omitempty"`
}

// Criterion is one "identified by" test: a field of the linked Clarizen
// entity equals a constant or the value of a Salesforce source field.
type Criterion struct {
	Field     string      `json:"field"`
	ValueType ValueSource `json:"valueType"`
	Value     string      `json:"value"`
}

// RelatedObject maps Clarizen objects related to the mapped one (a
// project's milestones) to a Salesforce object through their own mapping.
type RelatedObject struct {
	ID            string `json:"id"`
	RelatedEntity string `json:"relatedEntity"`
	// Relationship is the Clarizen relation name, e.g. Milestones.
	Relationship string `json:"relationship"`
	// Condition filters related objects; empty means all.
	Condition        string `json:"condition,omitempty"`
	SalesforceObject string `json:"salesforceObject"`
	MappingID        string `json:"mappingId"`
	// ParentLinkField is the reference field on SalesforceObject that
	// points at this mapping's Salesforce record.
	ParentLinkField string `json:"parentLinkField"`
}
