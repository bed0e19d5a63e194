package syncer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/liaison-sync/liaison/engine/store"
)

// eventOutcome counts the records that fired one event in a run.
type eventOutcome struct {
	fired, failed, pending int
}

// recordEventResults stores the last result of every event the applied
// plan looked at: when it ran and how many records fired it, or that none
// did. The events list shows this line.
func (r *Runner) recordEventResults(ctx context.Context, a *applier) error {
	outcomes := map[string]*eventOutcome{}
	for _, id := range a.plan.eventIDs {
		outcomes[id] = &eventOutcome{}
	}
	for _, f := range a.plan.firings {
		o := outcomes[f.eventID]
		if o == nil {
			continue
		}
		o.fired++
		failed, pending := false, false
		for _, i := range f.ops {
			switch {
			case a.out[i].state == stateFailed:
				failed = true
			case a.out[i].unfinished():
				pending = true
			}
		}
		if failed {
			o.failed++
		} else if pending {
			o.pending++
		}
	}
	at := r.now().UTC().Format(time.RFC3339)
	for _, id := range a.plan.eventIDs {
		err := r.db.SetLastResult(ctx, "event", id, at+": "+outcomes[id].String())
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("record last result of event %s: %w", id, err)
		}
	}
	return nil
}

// String returns the outcome as the events list shows it, such as "fired
// for 80 records, 4 failed".
func (o eventOutcome) String() string {
	if o.fired == 0 {
		return "no new records matched"
	}
	line := "fired for " + plural(o.fired, "record")
	if o.failed > 0 {
		line += fmt.Sprintf(", %d failed", o.failed)
	}
	if o.pending > 0 {
		line += fmt.Sprintf(", %d pending", o.pending)
	}
	return line
}

// plural writes a count with its noun, adding "s" unless the count is 1:
// "1 record", "80 records".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// pluralVerb writes a count with its noun and the verb that agrees with
// it: "1 mapping was", "3 mappings were".
func pluralVerb(n int, noun, one, many string) string {
	if n == 1 {
		return plural(n, noun) + " " + one
	}
	return plural(n, noun) + " " + many
}
