package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
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
	if info.Event.TriggeredBy == schema.Clarizen {
		m, err := w.matching(ctx, info.Event)
		return len(m.ids), err
	}
	return w.countSalesforce(ctx, info.Event)
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
//
// The enable time and the watermark where the event's change detection
// starts come from the triggering system's clock (its newest response, or
// the newest stamp of a matching record), never from this computer's
// clock, which may run ahead. The firings, the watermark and the event
// are written in one transaction.
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
	m, err := w.matching(ctx, e)
	if err != nil {
		return res, err
	}
	res.Matching = len(m.ids)

	e.Enabled, e.FireExisting = true, fireExisting
	data, err := json.Marshal(e)
	if err != nil {
		return res, fmt.Errorf("encode event %s: %w", e.ID, err)
	}
	enable := store.EventEnable{EventID: e.ID, JSON: data, EnabledAt: laterOf(m.serverTime, m.newest),
		FireExisting: fireExisting, ClearFirings: fireExisting,
		// A new enable reads the triggering object afresh: with
		// fireExisting from the start, else from the time of the read that
		// recorded the matching records as fired.
		Watermark: syncer.EventWatermark(e.ID, time.Time{})}
	if !fireExisting {
		enable.Fired = m.ids
		enable.Watermark = syncer.EventWatermark(e.ID, laterOf(m.serverTime, m.newest))
	}
	if err := w.db.EnableEvent(ctx, enable); err != nil {
		return res, err
	}
	w.changed("event", e.ID)
	w.log.Info("event enabled", logging.KeyEvent, e.ID, "matching", res.Matching, "fire_existing", fireExisting)
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

// matchingRecords are the records of an event's triggering object that
// match its condition, read at one time.
type matchingRecords struct {
	ids []string
	// newest is the newest change stamp among them, zero when none match.
	newest time.Time
	// serverTime is the triggering system's clock before the read, zero
	// when no response has carried it yet.
	serverTime time.Time
}

// matching reads the records of e's triggering object that match its
// condition.
func (w *Workspace) matching(ctx context.Context, e mapping.Event) (matchingRecords, error) {
	if w.clients == nil {
		return matchingRecords{}, ErrNoClients
	}
	expr, err := parseCondition(e)
	if err != nil {
		return matchingRecords{}, err
	}
	if e.TriggeredBy == schema.Clarizen {
		return w.matchingClarizen(ctx, e, expr)
	}
	return w.matchingSalesforce(ctx, e, expr)
}

func parseCondition(e mapping.Event) (condition.Expr, error) {
	if strings.TrimSpace(e.Condition) == "" {
		return nil, nil
	}
	expr, err := condition.Parse(e.Condition)
	if err != nil {
		return nil, fmt.Errorf("parse condition of event %q: %w", e.Name, err)
	}
	return expr, nil
}

// salesforceQuery builds the SOQL of e's matching records with fields.
func salesforceQuery(e mapping.Event, expr condition.Expr, fields ...string) (string, error) {
	q := salesforce.SOQL{Fields: fields, From: e.TriggeringObject}
	if expr != nil {
		where, err := condition.SOQL(expr)
		if err != nil {
			return "", fmt.Errorf("compile condition of event %q: %w", e.Name, err)
		}
		q.Where = salesforce.Raw(where)
	}
	return q.Build()
}

// countSalesforce counts e's matching Salesforce records with a COUNT()
// query, without reading them.
func (w *Workspace) countSalesforce(ctx context.Context, e mapping.Event) (int, error) {
	if w.clients == nil {
		return 0, ErrNoClients
	}
	expr, err := parseCondition(e)
	if err != nil {
		return 0, err
	}
	sf, err := w.clients.Salesforce(ctx)
	if err != nil {
		return 0, err
	}
	soql, err := salesforceQuery(e, expr, "COUNT()")
	if err != nil {
		return 0, err
	}
	total := 0
	err = sf.QueryPages(ctx, soql, salesforce.QueryOptions{}, func(p salesforce.Page) error {
		total = p.TotalSize
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count records matching event %q: %w", e.Name, err)
	}
	return total, nil
}

func (w *Workspace) matchingSalesforce(ctx context.Context, e mapping.Event, expr condition.Expr) (matchingRecords, error) {
	var out matchingRecords
	sf, err := w.clients.Salesforce(ctx)
	if err != nil {
		return out, err
	}
	out.serverTime, _ = sf.ServerTime()
	soql, err := salesforceQuery(e, expr, "Id", "SystemModstamp")
	if err != nil {
		return out, err
	}
	err = sf.QueryPages(ctx, soql, salesforce.QueryOptions{}, func(p salesforce.Page) error {
		for _, r := range p.Records {
			out.ids = append(out.ids, r.ID())
			if t, ok := r.DateTime("SystemModstamp"); ok {
				out.newest = laterOf(out.newest, t)
			}
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("read records matching event %q: %w", e.Name, err)
	}
	return out, nil
}

func (w *Workspace) matchingClarizen(ctx context.Context, e mapping.Event, expr condition.Expr) (matchingRecords, error) {
	var out matchingRecords
	cz, err := w.clients.Clarizen(ctx, e.ClarizenConnection())
	if err != nil {
		return out, err
	}
	out.serverTime, _ = cz.ServerTime()
	q := czql.Select("LastUpdatedOn").From(e.TriggeringObject)
	if expr != nil {
		obj, err := cz.Object(ctx, e.TriggeringObject)
		if err != nil {
			return out, fmt.Errorf("describe clarizen %s: %w", e.TriggeringObject, err)
		}
		where, err := condition.CZQL(expr, obj)
		if err != nil {
			return out, fmt.Errorf("compile condition of event %q: %w", e.Name, err)
		}
		q = q.Where(czql.Raw(where))
	}
	statement, err := q.Build()
	if err != nil {
		return out, err
	}
	err = cz.Query(ctx, statement, func(page []clarizen.Entity) error {
		for _, ent := range page {
			out.ids = append(out.ids, string(ent.ID))
			if t, ok := ent.Time("LastUpdatedOn"); ok {
				out.newest = laterOf(out.newest, t)
			}
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("read entities matching event %q: %w", e.Name, err)
	}
	return out, nil
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
