package syncer

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
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
// drop the link. The delete guard holds every deletion of the mapping
// back when one run would delete an unusual share of its links.
func (p *planner) syncDeletes(ms *mappingState) error {
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
	guard := plan.DeleteGuard{MaxPercent: float64(p.guardPercent), AllowUpTo: deleteGuardMinimum - 1}
	if err := guard.Check(ms.m.ID, len(ms.links), total); err != nil {
		// The deletion watermarks stay, so the next run finds the same
		// deletions and checks them again.
		p.warnf("mapping %q: the delete guard held every deletion back: %v (setting %s)", ms.m.Name, err, SettingDeleteGuardPercent)
		return nil
	}

	p.mark(deletedScope(ms.m.ID, schema.Salesforce), sfNext)
	p.mark(deletedScope(ms.m.ID, schema.Clarizen), czNext)
	for _, l := range ms.links {
		if both[l.ID] {
			p.planUnlink(ms, &l, schema.Salesforce, "deleted on both sides")
			continue
		}
		if at, ok := sfGone[l.ID]; ok {
			p.planDeletion(ms, &l, schema.Salesforce, at)
		}
		if at, ok := czGone[l.ID]; ok {
			p.planDeletion(ms, &l, schema.Clarizen, at)
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
	if !wm.IsZero() && p.now.Sub(start) < salesforce.DeletedWindow {
		p.read(SalesforceConnection, ms.m.ID)
		d, err := p.sf.GetDeleted(p.ctx, ms.sfObj.Name, start, p.now)
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
		p.r.log.Info("reconciling salesforce ids instead of getDeleted", "object", ms.sfObj.Name, "reason", err.Error())
	}

	ids := make([]string, 0, len(ms.links))
	for _, l := range ms.links {
		ids = append(ids, l.SFID)
	}
	live, err := p.sfByIDs(ms.m.ID, ms.sfObj.Name, nil, ids)
	if err != nil {
		return nil, time.Time{}, err
	}
	for _, l := range ms.links {
		if _, ok := live[l.SFID]; !ok {
			gone[l.ID] = p.now
		}
	}
	return gone, p.now, nil
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
		// The query has no upper bound, so it saw every deletion up to now.
		return gone, laterOf(next, p.now), nil
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
			gone[l.ID] = p.now
		}
	}
	return gone, p.now, nil
}

// planDeletion applies the delete policy to a link whose record on side
// deleted is gone.
func (p *planner) planDeletion(ms *mappingState, l *store.Link, deleted schema.Side, at time.Time) {
	counterpart := l.CZID
	if deleted == schema.Clarizen {
		counterpart = l.SFID
	}
	if plan.DecideDelete(ms.m, deleted, counterpart).Action != plan.DeleteCounterpartRecord {
		p.planUnlink(ms, l, deleted, "deleted; the delete policy retains the counterpart")
		return
	}
	target := otherSide(deleted)
	op := p.linkOp(ms, l, OpDelete, target, deleted, at)
	op.Reason = fmt.Sprintf("%s %s was deleted in %s; the delete policy deletes the counterpart", op.Source.Object, op.Source.ID, sideTitle(deleted))
	p.add(op)
}

// planUnlink drops a link without touching either record.
func (p *planner) planUnlink(ms *mappingState, l *store.Link, deleted schema.Side, why string) {
	op := p.linkOp(ms, l, OpUnlink, otherSide(deleted), deleted, p.now)
	op.Reason = fmt.Sprintf("%s %s was %s", op.Source.Object, op.Source.ID, why)
	p.add(op)
}

// linkOp builds an operation on a link's record on side target, caused by
// the deletion of its record on side deleted.
func (p *planner) linkOp(ms *mappingState, l *store.Link, kind OpKind, target, deleted schema.Side, at time.Time) Operation {
	op := Operation{Kind: kind, Target: target, Connection: connectionOf(target, ms.conn), MappingID: ms.m.ID,
		MappingName: ms.m.Name, DropLink: l.ID, scopes: []string{deletedScope(ms.m.ID, deleted)}}
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
	return op
}

func sideTitle(s schema.Side) string {
	if s == schema.Salesforce {
		return "Salesforce"
	}
	return "Clarizen"
}
