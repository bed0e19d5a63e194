package plan

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// FireInput is what the engine knows about one record and one event.
type FireInput struct {
	Event mapping.Event
	// Matches is whether the record matches the event's condition now
	// (see Matches).
	Matches bool
	// Fired is whether the record already fired this event.
	Fired bool
	// MatchedAtEnable is whether the record already matched when the event
	// was enabled, as recorded then.
	MatchedAtEnable bool
}

// ShouldFire reports whether a record fires an event: the event is
// enabled, the record matches, it never fired the event before (events fire
// once per record), and, unless the event fires for existing records, it
// did not already match when the event was enabled.
func ShouldFire(in FireInput) bool {
	if !in.Event.Enabled || !in.Matches || in.Fired {
		return false
	}
	return in.Event.FireExisting || !in.MatchedAtEnable
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
