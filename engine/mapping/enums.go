package mapping

import (
	"fmt"
	"slices"

	"github.com/liaison-sync/liaison/engine/schema"
)

// Direction is the way a field map moves values.
type Direction string

// Directions.
const (
	ToClarizen   Direction = "to_clarizen"
	FromClarizen Direction = "from_clarizen"
)

// Source returns the side a map in this direction reads.
func (d Direction) Source() schema.Side {
	if d == ToClarizen {
		return schema.Salesforce
	}
	return schema.Clarizen
}

// Target returns the side a map in this direction writes.
func (d Direction) Target() schema.Side {
	if d == ToClarizen {
		return schema.Clarizen
	}
	return schema.Salesforce
}

// EventType is the occasion on which a field map runs.
type EventType string

// Event types.
const (
	CreateOnly    EventType = "create_only"
	SyncOnly      EventType = "sync_only"
	CreateAndSync EventType = "create_and_sync"
)

// CreatePolicy is the handling of a reference to a record of this
// mapping's type that has no counterpart yet.
type CreatePolicy string

// Create policies.
const (
	// CreateMissing creates the counterpart.
	CreateMissing CreatePolicy = "create"
	// LeaveEmpty leaves the reference empty and logs a warning.
	LeaveEmpty CreatePolicy = "leave_empty"
)

// DeletePolicy is the handling of the counterpart of a deleted record.
type DeletePolicy string

// Delete policies.
const (
	DeleteCounterpart DeletePolicy = "delete_counterpart"
	// RetainCounterpart keeps the counterpart and drops the link.
	RetainCounterpart DeletePolicy = "retain"
)

// ConflictRule picks the value of a field changed on both sides since the
// last sync.
type ConflictRule string

// Conflict rules.
const (
	// NewestWins takes the side whose record changed last, by each side's
	// modification stamp.
	NewestWins     ConflictRule = "newest_wins"
	SalesforceWins ConflictRule = "salesforce_wins"
	ClarizenWins   ConflictRule = "clarizen_wins"
)

// Logic joins the criteria of a template rule.
type Logic string

// Logics.
const (
	All Logic = "and"
	Any Logic = "or"
)

// LinkMethod is the way a Clarizen link finds the object to link to.
type LinkMethod string

// Link methods.
const (
	BySourceField  LinkMethod = "source_field"
	ByIdentifiedBy LinkMethod = "identified_by"
)

// ValueSource is the origin of a value: a constant or a source field.
type ValueSource string

// Value sources.
const (
	Constant    ValueSource = "constant"
	SourceField ValueSource = "source_field"
)

// checkEnum returns an error naming the allowed values when v is not one
// of them.
func checkEnum[T ~string](what string, v T, allowed ...T) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("invalid %s %q (use one of %v)", what, string(v), allowed)
}
