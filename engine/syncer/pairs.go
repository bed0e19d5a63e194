package syncer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

// Watermark scopes of a mapping's change detection.
func pairScope(mappingID string, side schema.Side) string {
	return "mapping:" + mappingID + ":" + string(side)
}

// syncPairs reads both sides' changes since the mapping's watermarks and
// plans each changed linked pair's writes through engine/plan.
func (p *planner) syncPairs(ms *mappingState) error {
	sfScope, czScope := pairScope(ms.m.ID, schema.Salesforce), pairScope(ms.m.ID, schema.Clarizen)
	sfWM, err := p.watermark(sfScope)
	if err != nil {
		return err
	}
	czWM, err := p.watermark(czScope)
	if err != nil {
		return err
	}
	sfStart, czStart := p.serverStart[SalesforceConnection], p.serverStart[ms.conn]
	if len(ms.links) == 0 {
		// Nothing is linked yet. Links this run creates carry their base,
		// so changes after planning began are what the next run must read.
		p.mark(sfScope, laterOf(sfWM, sfStart))
		p.mark(czScope, laterOf(czWM, czStart))
		return nil
	}
	sfRecs, sfNewest, err := p.sfPairRecords(ms, sfWM)
	if err != nil {
		return err
	}
	czRecs, czNewest, err := p.czPairRecords(ms, czWM)
	if err != nil {
		return err
	}
	p.mark(sfScope, latest(sfWM, sfNewest, sfStart))
	p.mark(czScope, latest(czWM, czNewest, czStart))

	// Records behind Pending rows are read again whatever the watermarks
	// say.
	resumeKey := "mapping:" + ms.m.ID
	if ids := p.resumeIDs(resumeKey, schema.Salesforce, ms.sfObj.Name); len(ids) > 0 {
		extra, err := p.sfByIDs(ms.m.ID, ms.sfObj.Name, sfFieldsOf(ms), ids)
		if err != nil {
			return err
		}
		sfRecs = mergeRecords(sfRecs, extra)
	}
	if ids := p.resumeIDs(resumeKey, schema.Clarizen, ms.czObj.Name); len(ids) > 0 {
		extra, err := p.czByIDs(ms.conn, ms.m.ID, ids, czFieldsOf(ms))
		if err != nil {
			return err
		}
		czRecs = mergeRecords(czRecs, extra)
	}

	pairs, err := p.changedPairs(ms, sfRecs, czRecs)
	if err != nil {
		return err
	}
	p.rep.update(func(pr *Progress) { pr.Phase = PhasePlan })
	for _, pair := range pairs {
		if err := p.planPair(ms, pair); err != nil {
			return err
		}
	}
	return nil
}

// noCondition reads every changed record.
var noCondition = salesforce.Condition{}

// sfPairRecords reads the Salesforce records of ms changed since the
// watermark minus the overlap. Without a watermark it reads the linked
// records by id instead of the whole object, since only linked records
// take part in pairs.
func (p *planner) sfPairRecords(ms *mappingState, wm time.Time) ([]Record, time.Time, error) {
	if !wm.IsZero() {
		return p.sfChanged(ms.m.ID, ms.sfObj.Name, sfFieldsOf(ms), noCondition, wm)
	}
	ids := make([]string, 0, len(ms.links))
	for _, l := range ms.links {
		ids = append(ids, l.SFID)
	}
	recs, err := p.sfByIDs(ms.m.ID, ms.sfObj.Name, sfFieldsOf(ms), ids)
	if err != nil {
		return nil, time.Time{}, err
	}
	list := byStamp(recs)
	return list, newestStamp(list), nil
}

// czPairRecords is sfPairRecords for the Clarizen side.
func (p *planner) czPairRecords(ms *mappingState, wm time.Time) ([]Record, time.Time, error) {
	if !wm.IsZero() {
		return p.czChanged(ms.conn, ms.m.ID, ms.czObj.Name, czFieldsOf(ms), wm)
	}
	ids := make([]string, 0, len(ms.links))
	for _, l := range ms.links {
		ids = append(ids, l.CZID)
	}
	recs, err := p.czByIDs(ms.conn, ms.m.ID, ids, czFieldsOf(ms))
	if err != nil {
		return nil, time.Time{}, err
	}
	list := byStamp(recs)
	return list, newestStamp(list), nil
}

// byStamp returns records read by id in the order a read by stamp gives:
// oldest first, then by id.
func byStamp(recs map[string]Record) []Record {
	out := make([]Record, 0, len(recs))
	for _, r := range recs {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Record) int {
		if c := a.Stamp.Compare(b.Stamp); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// latest returns the latest of times, zero when all are zero.
func latest(times ...time.Time) time.Time {
	var out time.Time
	for _, t := range times {
		out = laterOf(out, t)
	}
	return out
}

// pair is a linked pair with both records read.
type pair struct {
	link *store.Link
	sf   Record
	cz   Record
}

// changedPairs returns the linked pairs of which either record changed,
// reading the other record of each. A pair whose other record is gone is
// left to delete detection.
func (p *planner) changedPairs(ms *mappingState, sfRecs, czRecs []Record) ([]pair, error) {
	sfByID := map[string]Record{}
	czByID := map[string]Record{}
	var order []*store.Link
	seen := map[int64]bool{}

	for _, r := range sfRecs {
		if l, ok := ms.bySF[r.ID]; ok {
			sfByID[r.ID] = r
			if !seen[l.ID] {
				seen[l.ID] = true
				order = append(order, l)
			}
		}
	}
	for _, r := range czRecs {
		if l, ok := ms.byCZ[strings.ToLower(r.ID)]; ok {
			czByID[strings.ToLower(r.ID)] = r
			if !seen[l.ID] {
				seen[l.ID] = true
				order = append(order, l)
			}
		}
	}

	var needSF, needCZ []string
	for _, l := range order {
		if _, ok := sfByID[l.SFID]; !ok {
			needSF = append(needSF, l.SFID)
		}
		if _, ok := czByID[strings.ToLower(l.CZID)]; !ok {
			needCZ = append(needCZ, l.CZID)
		}
	}
	if len(needSF) > 0 {
		got, err := p.sfByIDs(ms.m.ID, ms.sfObj.Name, sfFieldsOf(ms), needSF)
		if err != nil {
			return nil, err
		}
		for id, r := range got {
			sfByID[id] = r
		}
	}
	if len(needCZ) > 0 {
		got, err := p.czByIDs(ms.conn, ms.m.ID, needCZ, czFieldsOf(ms))
		if err != nil {
			return nil, err
		}
		for id, r := range got {
			czByID[id] = r
		}
	}

	var out []pair
	for _, l := range order {
		sf, okSF := sfByID[l.SFID]
		cz, okCZ := czByID[strings.ToLower(l.CZID)]
		if !okSF || !okCZ {
			continue
		}
		cz.Object = ms.czObj.Name
		out = append(out, pair{link: l, sf: sf, cz: cz})
	}
	return out, nil
}

// planPair gets a pair's writes from engine/plan and adds the updates.
func (p *planner) planPair(ms *mappingState, pr pair) error {
	p.plan.noteResynced(ms.m.ID, pr.sf.ID, pr.cz.ID)
	base, err := plan.DecodeBase(pr.link.Base)
	if err != nil {
		return fmt.Errorf("read base of link %d: %w", pr.link.ID, err)
	}
	in := plan.SyncInput{
		Mapping: ms.m, SalesforceObject: ms.sfObj, ClarizenObject: ms.czObj, Base: base,
		Salesforce: plan.Record{ID: pr.sf.ID, Values: pr.sf.Values, Stamp: pr.sf.Stamp},
		Clarizen:   plan.Record{ID: pr.cz.ID, Values: pr.cz.Values, Stamp: pr.cz.Stamp},
		Currency:   p.currency(pr.sf),
		Resolver:   p.resolverFor(ms),
	}
	sp, err := plan.PlanSync(in)
	if err != nil {
		return err
	}
	if len(sp.Pending) > 0 {
		// Referenced records without a counterpart: plan their creates,
		// then plan the pair again so that the references resolve.
		for _, pend := range sp.Pending {
			reason := fmt.Sprintf("referenced by %s of %s", pend.Field, pr.link.SFID)
			if _, _, _, err := p.counterpart(ms.conn, pend.Reference, reason, pr.holds(ms)); err != nil {
				return err
			}
		}
		if sp, err = plan.PlanSync(in); err != nil {
			return err
		}
	}
	return p.addPairOps(ms, pr, sp)
}

// holds returns the holds of a pair's operations: each side's detection
// scope at that side's record, so that the next run reads the pair again
// while one of them is unfinished.
func (pr pair) holds(ms *mappingState) []hold {
	return []hold{
		{scope: pairScope(ms.m.ID, schema.Salesforce), stamp: pr.sf.Stamp},
		{scope: pairScope(ms.m.ID, schema.Clarizen), stamp: pr.cz.Stamp},
	}
}

// addPairOps turns a pair's plan into update operations sharing one link,
// whose new base is stored once both succeeded.
func (p *planner) addPairOps(ms *mappingState, pr pair, sp plan.SyncPlan) error {
	lp := &LinkPlan{MappingID: ms.m.ID, SFObject: ms.sfObj.Name, SFID: pr.link.SFID, CZConnection: ms.conn,
		CZType: ms.czObj.Name, CZID: pr.link.CZID, SFStamp: pr.sf.Stamp, CZStamp: pr.cz.Stamp}
	var ops []int
	for _, u := range []*plan.Update{sp.Salesforce, sp.Clarizen} {
		if u == nil || len(u.Changes) == 0 {
			continue
		}
		op := Operation{Kind: OpUpdate, Target: u.Side, Connection: connectionOf(u.Side, ms.conn), Object: u.Object,
			RecordID: u.ID, MappingID: ms.m.ID, MappingName: ms.m.Name, Link: lp, holds: pr.holds(ms),
			Key:    updateKey("update", ms.m.ID, string(u.Side), u.ID),
			Reason: fmt.Sprintf("changed since the last sync (link %d)", pr.link.ID)}
		src := otherSide(u.Side)
		op.Source = &RecordRef{Side: src, Connection: connectionOf(src, ms.conn), Object: pr.record(src).Object,
			ID: pr.record(src).ID, Stamp: pr.record(src).Stamp}
		for _, c := range u.Changes {
			after, dep := p.substitute(c.After)
			if dep >= 0 {
				op.DependsOn = appendUnique(op.DependsOn, dep)
			}
			w := FieldWrite{Field: c.Field, Before: c.Before, After: after, kind: fieldKind(ms.object(u.Side), c.Field)}
			w.Conflict = conflictFor(sp.Conflicts, u.Side, c.Field)
			op.Fields = append(op.Fields, w)
		}
		for _, n := range sp.Warnings {
			op.Warnings = append(op.Warnings, n.Message)
		}
		ops = append(ops, p.add(op))
	}
	for _, e := range sp.Errors {
		p.addFailedMap(ms, pr, e)
	}
	if len(ops) == 0 {
		return nil
	}
	written := map[schema.Side]bool{}
	for _, i := range ops {
		written[p.plan.Operations[i].Target] = true
	}
	lp.base = func(resolve func(any) any) ([]byte, error) {
		b := sp.CommitBase(time.Time{}, time.Time{})
		for _, u := range []*plan.Update{sp.Salesforce, sp.Clarizen} {
			if u == nil {
				continue
			}
			values := b.Salesforce
			if u.Side == schema.Clarizen {
				values = b.Clarizen
			}
			for _, c := range u.Changes {
				after, _ := p.substitute(c.After)
				values[c.Field] = resolve(after)
			}
		}
		stampBase(&b, written)
		return b.Encode()
	}
	return nil
}

// fieldKind returns the kind of a field of obj, KindOther when the
// describe lacks it.
func fieldKind(obj schema.Object, name string) schema.Kind {
	if f, ok := obj.Field(name); ok {
		return f.Kind
	}
	return schema.KindOther
}

func (pr pair) record(side schema.Side) Record {
	if side == schema.Salesforce {
		return pr.sf
	}
	return pr.cz
}

// conflictFor returns the conflict behind a write to field on side.
func conflictFor(conflicts []plan.Conflict, side schema.Side, field string) *Conflict {
	for _, c := range conflicts {
		target := c.ClarizenField
		if side == schema.Salesforce {
			target = c.SalesforceField
		}
		if strings.EqualFold(target, field) {
			return &Conflict{Salesforce: c.SalesforceValue, Clarizen: c.ClarizenValue, Winner: c.Winner, Rule: string(c.Rule)}
		}
	}
	return nil
}

// addFailedMap records a field map whose value could not be converted as a
// failed operation, so that the registry shows it. The pair's other fields
// still move.
func (p *planner) addFailedMap(ms *mappingState, pr pair, e plan.MapError) {
	fm := ms.fieldMap(e.FieldMapID)
	target := fm.Direction.Target()
	if target == "" {
		target = schema.Clarizen
	}
	op := Operation{Kind: OpUpdate, Target: target, Connection: connectionOf(target, ms.conn),
		Object: ms.object(target).Name, RecordID: pr.record(target).ID, MappingID: ms.m.ID, MappingName: ms.m.Name,
		Key:    updateKey("convert", ms.m.ID, fm.ID, pr.record(target).ID),
		Reason: "a value could not be converted", holds: pr.holds(ms),
		Fields: []FieldWrite{{Field: fm.TargetField(), Before: pr.record(target).Get(fm.TargetField()), After: nil}}}
	src := otherSide(target)
	op.Source = &RecordRef{Side: src, Connection: connectionOf(src, ms.conn), Object: ms.object(src).Name,
		ID: pr.record(src).ID, Stamp: pr.record(src).Stamp}
	p.failOp(&op, &RecordError{Code: CodeConversion, Message: e.Message, Class: ClassPermanent,
		Fields: []string{fm.TargetField()}, Hint: fmt.Sprintf("Fix the value of %s in %s, or change the field map %s of mapping %q.",
			fm.SourceField(), sideTitle(src), fieldMapLabel(fm), ms.m.Name)})
	p.add(op)
}

// plannedPrefix starts the placeholder id the resolver gives a record that
// a planned operation creates; substitute swaps it for the real id or a
// Ref. It starts with a slash so that conversion keeps it as a full
// Clarizen id.
const plannedPrefix = "/liaison-planned-operation/"

func plannedID(op int) string { return plannedPrefix + strconv.Itoa(op) }

// substitute replaces a placeholder id with the planned record's id (a
// string or a Ref) and returns the operation it depends on, -1 for none.
func (p *planner) substitute(v any) (any, int) {
	s, ok := v.(string)
	if !ok || !strings.HasPrefix(s, plannedPrefix) {
		return v, -1
	}
	op, err := strconv.Atoi(strings.TrimPrefix(s, plannedPrefix))
	if err != nil || op < 0 || op >= len(p.plan.Operations) {
		return v, -1
	}
	o := p.plan.Operations[op]
	if o.Target == schema.Clarizen {
		return o.RecordID, op
	}
	return Ref{Op: op}, op
}

// stampBase clears the stamps of the sides Liaison wrote and the
// Salesforce stamp, so that engine/plan never takes a side as unchanged on
// the strength of a stamp Liaison cannot know exactly.
//
// NOTE: Salesforce stamps have whole seconds, so a change made in the
// same second as a read or write would look like no change. The local
// clock after a write can also differ from the server's. Without these
// stamps, a value that a server-side rule adjusted during Liaison's write
// moves once to the other side instead of being absorbed. That converges,
// and a user's edit is never lost.
func stampBase(b *plan.Base, written map[schema.Side]bool) {
	b.SalesforceStamp = time.Time{}
	if written[schema.Clarizen] {
		b.ClarizenStamp = time.Time{}
	}
}

// createdBase returns the base of a link made by a create: the values the
// source holds and the values written to the new record.
func createdBase(ms *mappingState, sfValues, czValues map[string]any) ([]byte, error) {
	b := plan.NewBase(ms.m, plan.Record{Values: sfValues}, plan.Record{Values: czValues})
	stampBase(&b, map[schema.Side]bool{schema.Salesforce: true, schema.Clarizen: true})
	return b.Encode()
}
