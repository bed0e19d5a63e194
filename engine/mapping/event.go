package mapping

import (
	"errors"
	"fmt"

	"github.com/liaison-sync/liaison/engine/schema"
)

// Event defines when a record starts to sync. A record of the triggering
// object that matches the condition for the first time after the event is
// enabled creates its counterpart in the other system.
type Event struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	UseCase          string `json:"useCase,omitempty"`
	Description      string `json:"description,omitempty"`
	ClarizenInstance int    `json:"clarizenInstance"`
	// TriggeredBy is fixed once the event is saved; CheckEventUpdate
	// enforces it.
	TriggeredBy      schema.Side `json:"triggeredBy"`
	TriggeringObject string      `json:"triggeringObject"`
	// Condition is text in the condition language; empty matches every
	// record.
	Condition      string                    `json:"condition,omitempty"`
	Target         EventTarget               `json:"target"`
	RelatedObjects []RelatedSalesforceObject `json:"relatedObjects,omitempty"`
	Enabled        bool                      `json:"enabled"`
	// FireExisting is true when records that already match at enable time
	// fire, and false when only records that start to match later do.
	FireExisting bool `json:"fireExisting"`
}

// ClarizenConnection returns the store's connection id of the event's
// Clarizen instance.
func (e Event) ClarizenConnection() string { return ConnectionID(e.ClarizenInstance) }

// TargetKind names what an event creates.
type TargetKind string

// Target kinds.
const (
	// EntityMapping creates the Clarizen object of a mapping from the
	// triggering Salesforce record.
	EntityMapping TargetKind = "entity_mapping"
	// CreateAndSynchronize first creates a Salesforce object linked to the
	// triggering record, then syncs it through a mapping.
	CreateAndSynchronize TargetKind = "create_and_sync"
	// SalesforceMapping creates (or finds) the Salesforce record of a
	// mapping from the triggering Clarizen object.
	SalesforceMapping TargetKind = "salesforce_mapping"
)

// EventTarget is what the event creates.
type EventTarget struct {
	Kind TargetKind `json:"kind"`
	// MappingID is the mapping for EntityMapping and SalesforceMapping.
	MappingID string     `json:"mappingId,omitempty"`
	NewObject *NewObject `json:"newObject,omitempty"`
}

// NewObject is the Salesforce object an event of kind CreateAndSynchronize
// creates, such as a Clarizen Project record for an Opportunity.
type NewObject struct {
	SalesforceObject string       `json:"salesforceObject"`
	Values           []FieldValue `json:"values,omitempty"`
	// SourceLinkField is the new object's reference field that points back
	// at the triggering record.
	SourceLinkField string `json:"sourceLinkField"`
	// MappingID syncs the new object to Clarizen.
	MappingID string `json:"mappingId"`
}

// FieldValue sets one field of a new object from a constant or from a field
// of the triggering record.
type FieldValue struct {
	Field  string      `json:"field"`
	Source ValueSource `json:"source"`
	Value  string      `json:"value"`
}

// RelatedSalesforceObject syncs records related to the triggering record,
// such as an Opportunity's line items.
type RelatedSalesforceObject struct {
	ID string `json:"id"`
	// Relationship is the child relationship name (OpportunityLineItems),
	// Object the child object and ParentField its field that points at the
	// triggering record (OpportunityId).
	Relationship string `json:"relationship"`
	Object       string `json:"object"`
	ParentField  string `json:"parentField"`
	Condition    string `json:"condition,omitempty"`
	MappingID    string `json:"mappingId"`
	// AsSubProjects creates each related record's Clarizen object as a
	// child of the Clarizen object the event created.
	AsSubProjects bool `json:"asSubProjects,omitempty"`
}

// ErrTriggeredByChanged is returned by CheckEventUpdate when an update
// changes the side that triggers a saved event.
var ErrTriggeredByChanged = errors.New("triggered by cannot change after the event is saved")

// CheckEventUpdate returns an error when replacing the saved event old with
// updated is not allowed: the id or the triggering side changed.
func CheckEventUpdate(old, updated Event) error {
	if old.ID != updated.ID {
		return fmt.Errorf("update event %s: the id changed to %s, save it as a new event instead", old.ID, updated.ID)
	}
	if old.TriggeredBy != updated.TriggeredBy {
		return fmt.Errorf("update event %s (%s) from %s to %s: %w; create a new event instead",
			old.ID, old.Name, old.TriggeredBy, updated.TriggeredBy, ErrTriggeredByChanged)
	}
	return nil
}
