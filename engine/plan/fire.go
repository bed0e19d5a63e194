package plan

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// FireInput is the state of one record and one event that decides a
// firing.
type FireInput struct {
	Event mapping.Event
	// Matches is whether the record matches the event's condition now
	// (see Matches).
	Matches bool
	// Fired is whether the record already fired this event.
	Fired bool
}

// ShouldFire reports whether a record fires an event: the event is
// enabled, the record matches, and it never fired the event before, since
// events fire once per record.
//
// Enabling an event without firing existing records records every record
// that matches then as fired, so those records count as Fired here and
// only records that start to match later fire.
func ShouldFire(in FireInput) bool {
	return in.Event.Enabled && in.Matches && !in.Fired
}

// Matches evaluates an event's condition on a record of the triggering
// object. An empty condition matches every record.
func Matches(e mapping.Event, values map[string]any, obj schema.Object) (bool, error) {
	if strings.TrimSpace(e.Condition) == "" {
		return true, nil
	}
	expr, err := condition.Parse(e.Condition)
	if err != nil {
		return false, fmt.Errorf("evaluate condition of event %s: %w", e.ID, err)
	}
	ok, err := condition.Eval(expr, values, obj)
	if err != nil {
		return false, fmt.Errorf("evaluate condition of event %s: %w", e.ID, err)
	}
	return ok, nil
}
