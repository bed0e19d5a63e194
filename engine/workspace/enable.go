package workspace

import (
	"context"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

// EnableMapping validates a mapping against the live describes and
// enables it when no error blocks it. It returns the problems found
// (warnings alone do not block); blocking errors come as a
// *ProblemsError.
func (w *Workspace) EnableMapping(ctx context.Context, id string) ([]mapping.Problem, error) {
	def, err := w.db.Mapping(ctx, id)
	if err != nil {
		return nil, err
	}
	info, err := mappingInfo(def)
	if err != nil {
		return nil, err
	}
	problems, err := w.checkMapping(ctx, info.Mapping)
	if err != nil {
		return problems, err
	}
	m := info.Mapping
	m.Enabled = true
	return problems, w.putMapping(ctx, def, m)
}

// DisableMapping stops a mapping from syncing; its links stay.
func (w *Workspace) DisableMapping(ctx context.Context, id string) error {
	def, err := w.db.Mapping(ctx, id)
	if err != nil {
		return err
	}
	info, err := mappingInfo(def)
	if err != nil {
		return err
	}
	m := info.Mapping
	m.Enabled = false
	return w.putMapping(ctx, def, m)
}

// CountMatching returns how many records of an event's triggering object
// match its condition now. The UI shows this number before the admin
// chooses whether those records fire when the event is enabled.
func (w *Workspace) CountMatching(ctx context.Context, id string) (int, error) {
	info, err := w.Event(ctx, id)
	if err != nil {
		return 0, err
	}
	ids, err := w.matching(ctx, info.Event, true)
	return len(ids), err
}

// EnableResult is the outcome of enabling an event.
type EnableResult struct {
	Problems []mapping.Problem `json:"problems,omitempty"`
	// Matching is the number of records that matched when the event was
	// enabled.
	Matching int `json:"matching"`
	// FireExisting repeats the admin's choice: true when the Matching
	// records fire on the next run, false when only records that start
	// to match later fire.
	FireExisting bool `json:"fireExisting"`
}

// EnableEvent validates an event and enables it. With fireExisting, every
// record that matches now fires on the next run, including those that
// fired under an earlier enable. Without it, the records that match now
// are recorded as fired, so that only records that start to match later
// fire.
func (w *Workspace) EnableEvent(ctx context.Context, id string, fireExisting bool) (EnableResult, error) {
	def, err := w.db.Event(ctx, id)
	if err != nil {
		return EnableResult{}, err
	}
	info, err := eventInfo(def)
	if err != nil {
		return EnableResult{}, err
	}
	e := info.Event
	problems, err := w.checkEvent(ctx, e)
	res := EnableResult{Problems: problems, FireExisting: fireExisting}
	if err != nil {
		return res, err
	}
	matching, err := w.matching(ctx, e, false)
	if err != nil {
		return res, err
	}
	res.Matching = len(matching)

	if fireExisting {
		if err := w.db.ClearFirings(ctx, e.ID); err != nil {
			return res, err
		}
	} else if _, err := w.db.RecordFirings(ctx, e.ID, matching); err != nil {
		return res, err
	}

	// A new enable reads the triggering object afresh.
	if err := w.db.SetWatermarks(ctx, store.Watermark{Scope: "event:" + e.ID, Value: ""}); err != nil {
		return res, err
	}
	e.Enabled, e.FireExisting = true, fireExisting
	def.EnabledAt = w.now().UTC()
	if err := w.putEvent(ctx, def, e); err != nil {
		return res, err
	}
	w.log.Info("event enabled", "event_id", e.ID, "matching", res.Matching, "fire_existing", fireExisting)
	return res, nil
}

// DisableEvent stops an event from firing. Its firing history stays, so
// re-enabling without firing existing records does not fire them again.
func (w *Workspace) DisableEvent(ctx context.Context, id string) error {
	def, err := w.db.Event(ctx, id)
	if err != nil {
		return err
	}
	info, err := eventInfo(def)
	if err != nil {
		return err
	}
	e := info.Event
	e.Enabled = false
	return w.putEvent(ctx, def, e)
}

// matching returns the ids of the records of e's triggering object that
// match its condition. With countOnly on Salesforce it runs a COUNT() query
// and returns placeholders, one per record.
func (w *Workspace) matching(ctx context.Context, e mapping.Event, countOnly bool) ([]string, error) {
	if w.clients == nil {
		return nil, ErrNoClients
	}
	var expr condition.Expr
	if strings.TrimSpace(e.Condition) != "" {
		var err error
		if expr, err = condition.Parse(e.Condition); err != nil {
			return nil, fmt.Errorf("parse condition of event %q: %w", e.Name, err)
		}
	}
	if e.TriggeredBy == schema.Clarizen {
		return w.matchingClarizen(ctx, e, expr)
	}
	return w.matchingSalesforce(ctx, e, expr, countOnly)
}

func (w *Workspace) matchingSalesforce(ctx context.Context, e mapping.Event, expr condition.Expr, countOnly bool) ([]string, error) {
	sf, err := w.clients.Salesforce(ctx)
	if err != nil {
		return nil, err
	}
	q := salesforce.SOQL{Fields: []string{"Id"}, From: e.TriggeringObject}
	if countOnly {
		q.Fields = []string{"COUNT()"}
	}
	if expr != nil {
		where, err := condition.SOQL(expr)
		if err != nil {
			return nil, fmt.Errorf("compile condition of event %q: %w", e.Name, err)
		}
		q.Where = salesforce.Raw(where)
	}
	soql, err := q.Build()
	if err != nil {
		return nil, err
	}

	var ids []string
	total := 0
	err = sf.QueryPages(ctx, soql, salesforce.QueryOptions{}, func(p salesforce.Page) error {
		total = p.TotalSize
		for _, r := range p.Records {
			ids = append(ids, r.ID())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read records matching event %q: %w", e.Name, err)
	}
	if countOnly {
		return make([]string, total), nil
	}
	return ids, nil
}

func (w *Workspace) matchingClarizen(ctx context.Context, e mapping.Event, expr condition.Expr) ([]string, error) {
	cz, err := w.clients.Clarizen(ctx, e.ClarizenConnection())
	if err != nil {
		return nil, err
	}
	q := czql.Select("LastUpdatedOn").From(e.TriggeringObject)
	if expr != nil {
		obj, err := cz.Object(ctx, e.TriggeringObject)
		if err != nil {
			return nil, fmt.Errorf("describe clarizen %s: %w", e.TriggeringObject, err)
		}
		where, err := condition.CZQL(expr, obj)
		if err != nil {
			return nil, fmt.Errorf("compile condition of event %q: %w", e.Name, err)
		}
		q = q.Where(czql.Raw(where))
	}
	statement, err := q.Build()
	if err != nil {
		return nil, err
	}
	var ids []string
	err = cz.Query(ctx, statement, func(page []clarizen.Entity) error {
		for _, ent := range page {
			ids = append(ids, string(ent.ID))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read entities matching event %q: %w", e.Name, err)
	}
	return ids, nil
}
