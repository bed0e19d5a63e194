package syncer

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

// OpUnlink drops a link without a remote call: the delete policy retains
// the counterpart of a deleted record, or both records are gone.
const OpUnlink OpKind = "unlink"

// deleteGuardMinimum is the number of deletions per mapping and run below
// which the delete guard never holds deletions back.
const deleteGuardMinimum = 5

func deletedScope(mappingID string, side schema.Side) string {
	return "mapping:" + mappingID + ":" + string(side) + ":deleted"
}

// syncDeletes finds linked records deleted on either side and applies
// the mapping's delete policy: delete the counterpart, or retain it and
// drop the link. The delete guard holds every new deletion of the mapping
// back when one run would delete an unusual share of its links. Deletes
// and unlinks that earlier runs left Pending are planned again from their
// stored links.
func (p *planner) syncDeletes(ms *mappingState) error {
	planned := map[int64]bool{}
	if err := p.detectDeletes(ms, planned); err != nil {
		return err
	}
	return p.resumeDeletes(ms, planned)
}

// detectDeletes plans the deletions found since the deletion watermarks
// and adds the links it planned for to planned.
func (p *planner) detectDeletes(ms *mappingState, planned map[int64]bool) error {
	if len(ms.links) == 0 {
		return nil
	}
	sfGone, sfNext, err := p.deletedSalesforce(ms)
	if err != nil {
		return err
	}
	czGone, czNext, err := p.deletedClarizen(ms)
	if err != nil {
		return err
	}

	both := map[int64]bool{}
	for id := range sfGone {
		if _, ok := czGone[id]; ok {
			both[id] = true
		}
	}

	total := len(sfGone) + len(czGone) - len(both)
	confirmed, err := p.confirmedDeletes(ms.m.ID)
	if err != nil {
		return err
	}
	guard := plan.DeleteGuard{MaxPercent: float64(p.guardPercent), AllowUpTo: deleteGuardMinimum - 1,
		Confirmed: confirmed > 0 && total <= confirmed}
	var tooMany *plan.TooManyDeletesError
	if err := guard.Check(ms.m.ID, len(ms.links), total); errors.As(err, &tooMany) {
		// The deletion watermarks stay, so the next run finds the same
		// deletions and checks them again.
		p.plan.HeldDeletes = append(p.plan.HeldDeletes, HeldDeletes{MappingID: ms.m.ID, Name: ms.m.Name,
			Deletes: tooMany.Deletes, Links: tooMany.Links, Percent: tooMany.Percent, MaxPercent: tooMany.MaxPercent})
		p.warnf("mapping %q: the delete guard held back all %s, %.0f %% of its %s, more than the %.0f %% one run may delete. "+
			"Check the source for a wrong filter or a refreshed sandbox; if the deletions are right, confirm them for this mapping and run again",
			ms.m.Name, plural(tooMany.Deletes, "deletion"), tooMany.Percent, plural(tooMany.Links, "link"), tooMany.MaxPercent)
		return nil
	}
	if confirmed > 0 {
		p.plan.confirmedDeletes = append(p.plan.confirmedDeletes, ms.m.ID)
	}

	p.mark(deletedScope(ms.m.ID, schema.Salesforce), sfNext)
	p.mark(deletedScope(ms.m.ID, schema.Clarizen), czNext)
	for _, l := range ms.links {
		if both[l.ID] {
			planned[l.ID] = true
			p.planUnlink(ms, &l, schema.Salesforce, sfGone[l.ID], "deleted on both sides")
			continue
		}
		if at, ok := sfGone[l.ID]; ok {
			planned[l.ID] = true
			p.planDeletion(ms, &l, schema.Salesforce, at)
		}
		if at, ok := czGone[l.ID]; ok {
			planned[l.ID] = true
			p.planDeletion(ms, &l, schema.Clarizen, at)
		}
	}
	return nil
}

// resumeDeletes plans again the deletes and unlinks that earlier runs left
// Pending for ms (interrupted, or requeued by Retry). The deletion
// watermark has usually moved past such a deletion, so the stored link is
// the only trace of it. When the deleted side's record is still gone, the
// delete policy applies again, and the new operation takes the row over.
// A row that cannot be planned again gets a reason in plan.notResumed,
// and closeStaleRows fails it with that reason.
func (p *planner) resumeDeletes(ms *mappingState, planned map[int64]bool) error {
	type resumed struct {
		row  int64
		link *store.Link
		side schema.Side
	}
	var todo []resumed
	ids := map[schema.Side][]string{}
	for _, ps := range p.resume["mapping:"+ms.m.ID] {
		if ps.Operation != string(OpDelete) && ps.Operation != string(OpUnlink) {
			continue
		}
		side := schema.Side(ps.Side)
		l := ms.linkOf(side, ps.RecordID)
		switch {
		case l == nil:
			p.plan.notResumed[ps.RegistryID] = fmt.Sprintf("%s %s is no longer linked under this mapping, so a later run had no counterpart to %s",
				ps.Object, ps.RecordID, ps.Operation)
		case !planned[l.ID]:
			todo = append(todo, resumed{row: ps.RegistryID, link: l, side: side})
			ids[side] = append(ids[side], ps.RecordID)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	sfLive, err := p.sfByIDs(ms.m.ID, ms.sfObj.Name, nil, ids[schema.Salesforce])
	if err != nil {
		return err
	}
	czLive, err := p.czByIDs(ms.conn, ms.m.ID, ids[schema.Clarizen], nil)
	if err != nil {
		return err
	}
	for _, r := range todo {
		if planned[r.link.ID] {
			continue
		}
		live := false
		if r.side == schema.Salesforce {
			_, live = sfLive[r.link.SFID]
		} else {
			_, live = czLive[strings.ToLower(r.link.CZID)]
		}
		if live {
			p.plan.notResumed[r.row] = fmt.Sprintf("the %s record %s exists again, so its counterpart was kept",
				sideTitle(r.side), linkedID(r.link, r.side))
			continue
		}
		planned[r.link.ID] = true
		before := len(p.plan.Operations)
		p.planDeletion(ms, r.link, r.side, time.Time{})
		// The row resumes through the registry, not through the deletion
		// watermark, so the operation holds no watermark back.
		for i := before; i < len(p.plan.Operations); i++ {
			p.plan.Operations[i].holds = nil
		}
	}
	return nil
}

// deletedSalesforce returns the links whose Salesforce record was deleted,
// with the deletion time, through getDeleted. When the change window is
// not available (first run, a last poll older than the window, a purged
// delete log), it compares the linked ids with the live ones instead.
func (p *planner) deletedSalesforce(ms *mappingState) (map[int64]time.Time, time.Time, error) {
	scope := deletedScope(ms.m.ID, schema.Salesforce)
	wm, err := p.watermark(scope)
	if err != nil {
		return nil, time.Time{}, err
	}

	gone := map[int64]time.Time{}
	start := wm.Add(-p.overlap)
	// The window ends at the org's clock when a response carried it, so
	// that a desktop clock running ahead requests no future window.
	end := p.now
	if t, ok := p.sf.ServerTime(); ok {
		end = t
	}
	if !wm.IsZero() && end.Sub(start) < salesforce.DeletedWindow {
		if err := p.readSalesforce(ms.m.ID); err != nil {
			return nil, time.Time{}, err
		}
		d, err := p.sf.GetDeleted(p.ctx, ms.sfObj.Name, start, end)
		if err == nil {
			for _, r := range d.Records {
				if l, ok := ms.bySF[r.ID]; ok {
					gone[l.ID] = r.DeletedDate
				}
			}
			return gone, laterOf(wm, d.LatestDateCovered), nil
		}
		if !errors.Is(err, salesforce.ErrReconcileByIDs) {
			return nil, time.Time{}, fmt.Errorf("read deletions of %s: %w", ms.sfObj.Name, err)
		}
		p.r.log.Info("reconciling salesforce ids instead of getDeleted", logging.KeyMapping, ms.m.ID,
			logging.KeyObject, ms.sfObj.Name, "reason", err.Error())
	}

	ids := make([]string, 0, len(ms.links))
	for _, l := range ms.links {
		ids = append(ids, l.SFID)
	}
	live, err := p.sfByIDs(ms.m.ID, ms.sfObj.Name, nil, ids)
	if err != nil {
		return nil, time.Time{}, err
	}
	// The deletion time is unknown. A zero time keeps the watermark where
	// it is while such a delete is unfinished, so that the next run
	// compares the ids again.
	for _, l := range ms.links {
		if _, ok := live[l.SFID]; !ok {
			gone[l.ID] = time.Time{}
		}
	}
	return gone, latest(wm, newestOf(live), p.serverStart[SalesforceConnection]), nil
}

// deletedClarizen returns the links whose Clarizen entity was deleted,
// through a deleted-entities query since the watermark, or by reading the
// linked ids on the first run.
func (p *planner) deletedClarizen(ms *mappingState) (map[int64]time.Time, time.Time, error) {
	scope := deletedScope(ms.m.ID, schema.Clarizen)
	wm, err := p.watermark(scope)
	if err != nil {
		return nil, time.Time{}, err
	}
	gone := map[int64]time.Time{}
	if !wm.IsZero() {
		next := wm
		err := p.cz[ms.conn].DeletedSince(p.ctx, ms.czObj.Name, nil, wm.Add(-p.overlap), func(page []clarizen.Entity) error {
			p.read(ms.conn, ms.m.ID)
			for _, e := range page {
				at, _ := e.Time(czStampField)
				if l, ok := ms.byCZ[strings.ToLower(string(e.ID))]; ok {
					gone[l.ID] = at
				}
				next = laterOf(next, at)
			}
			return nil
		})
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("read deletions of %s %s: %w", ms.conn, ms.czObj.Name, err)
		}
		// The query has no upper bound, so it saw every deletion up to the
		// time planning began.
		return gone, laterOf(next, p.serverStart[ms.conn]), nil
	}
	ids := make([]string, 0, len(ms.links))
	for _, l := range ms.links {
		ids = append(ids, l.CZID)
	}
	live, err := p.czByIDs(ms.conn, ms.m.ID, ids, nil)
	if err != nil {
		return nil, time.Time{}, err
	}
	for _, l := range ms.links {
		if _, ok := live[strings.ToLower(l.CZID)]; !ok {
			gone[l.ID] = time.Time{}
		}
	}
	return gone, latest(newestOf(live), p.serverStart[ms.conn]), nil
}

// planDeletion applies the delete policy to a link whose record on side
// deleted is gone.
func (p *planner) planDeletion(ms *mappingState, l *store.Link, deleted schema.Side, at time.Time) {
	counterpart := l.CZID
	if deleted == schema.Clarizen {
		counterpart = l.SFID
	}
	if plan.DecideDelete(ms.m, deleted, counterpart).Action != plan.DeleteCounterpartRecord {
		p.planUnlink(ms, l, deleted, at, "deleted; the delete policy retains the counterpart")
		return
	}
	target := otherSide(deleted)
	op := p.linkOp(ms, l, OpDelete, target, deleted, at)
	op.Reason = fmt.Sprintf("%s %s was deleted in %s; the delete policy deletes the counterpart", op.Source.Object, op.Source.ID, sideTitle(deleted))
	p.add(op)
}

// planUnlink drops a link without touching either record.
func (p *planner) planUnlink(ms *mappingState, l *store.Link, deleted schema.Side, at time.Time, why string) {
	op := p.linkOp(ms, l, OpUnlink, otherSide(deleted), deleted, at)
	op.Reason = fmt.Sprintf("%s %s was %s", op.Source.Object, op.Source.ID, why)
	p.add(op)
}

// linkOp builds an operation on a link's record on side target, caused by
// the deletion of its record on side deleted.
func (p *planner) linkOp(ms *mappingState, l *store.Link, kind OpKind, target, deleted schema.Side, at time.Time) Operation {
	op := Operation{Kind: kind, Target: target, Connection: connectionOf(target, ms.conn), MappingID: ms.m.ID,
		MappingName: ms.m.Name, DropLink: l.ID, holds: []hold{{scope: deletedScope(ms.m.ID, deleted), stamp: at}}}
	src := &RecordRef{Side: deleted, Connection: connectionOf(deleted, ms.conn), Stamp: at}
	if target == schema.Salesforce {
		op.Object, op.RecordID = l.SFObject, l.SFID
		src.Object, src.ID = l.CZType, l.CZID
	} else {
		op.Object, op.RecordID = l.CZType, l.CZID
		src.Object, src.ID = l.SFObject, l.SFID
	}
	op.Source = src
	op.Key = updateKey(string(kind), ms.m.ID, string(target), op.RecordID)
	p.noteLinkLabels(l)
	return op
}

// linkedID returns a link's record id on side.
func linkedID(l *store.Link, side schema.Side) string {
	if side == schema.Salesforce {
		return l.SFID
	}
	return l.CZID
}

// SettingConfirmedDeletesPrefix starts the setting that confirms a
// mapping's deletions held by the delete guard; the mapping id follows.
// Its value is the number of deletions confirmed.
const SettingConfirmedDeletesPrefix = "sync.confirmed_deletes."

// HeldDeletes is a mapping whose deletions the delete guard held back: one
// run would have deleted more than the share of links the
// sync.delete_guard_percent setting allows.
type HeldDeletes struct {
	MappingID string `json:"mappingId"`
	Name      string `json:"name"`
	// Deletes is the number of deletions held; ConfirmDeletes takes it.
	Deletes    int     `json:"deletes"`
	Links      int     `json:"links"`
	Percent    float64 `json:"percent"`
	MaxPercent float64 `json:"maxPercent"`
}

// ConfirmDeletes lets the next run that applies delete up to deletes
// records of a mapping past the delete guard, after the admin checked the
// deletions a run held back (Summary.HeldDeletes, Plan.HeldDeletes). The
// confirmation holds for one run: the first run that applies and plans the
// mapping's deletions uses it up. More deletions than confirmed are held
// again.
func (r *Runner) ConfirmDeletes(ctx context.Context, mappingID string, deletes int) error {
	if deletes <= 0 {
		return fmt.Errorf("confirm deletes of mapping %s: invalid count %d, want the number of held deletions", mappingID, deletes)
	}
	if _, err := r.db.Mapping(ctx, mappingID); err != nil {
		return fmt.Errorf("confirm deletes of mapping %s: %w", mappingID, err)
	}
	if err := r.db.SetSetting(ctx, SettingConfirmedDeletesPrefix+mappingID, strconv.Itoa(deletes)); err != nil {
		return err
	}
	r.log.Info("deletions confirmed past the delete guard", logging.KeyMapping, mappingID, "deletes", deletes)
	return nil
}

// confirmedDeletes returns the number of a mapping's deletions the admin
// confirmed, zero for none.
func (p *planner) confirmedDeletes(mappingID string) (int, error) {
	v, ok, err := p.r.db.Setting(p.ctx, SettingConfirmedDeletesPrefix+mappingID)
	if err != nil || !ok {
		return 0, storeFailure(err)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, nil
	}
	return n, nil
}

func sideTitle(s schema.Side) string {
	if s == schema.Salesforce {
		return "Salesforce"
	}
	return "Clarizen"
}
