package syncer

import (
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

// eventScope is the watermark scope of an event's triggering object.
func eventScope(eventID string) string { return "event:" + eventID }

// EventWatermark returns the watermark that starts an event's change
// detection at at, a time of the triggering system's clock. A zero at
// makes the next run read every matching record.
func EventWatermark(eventID string, at time.Time) store.Watermark {
	return store.Watermark{Scope: eventScope(eventID), Value: formatStamp(at)}
}

// fireEvent finds the records that match an event for the first time and
// plans what each one creates. Records read before the event's watermark
// minus the overlap are not read again; a record that fired before does not
// fire again.
func (p *planner) fireEvent(es *eventState) error {
	e := es.e
	scope := eventScope(e.ID)
	wm, err := p.watermark(scope)
	if err != nil {
		return err
	}
	// Without a watermark every matching record is read. An event enabled
	// without firing existing records recorded those as fired then, so
	// only records that started to match since fire.
	since := wm
	p.rep.update(func(pr *Progress) { pr.Phase, pr.Mapping, pr.Object = PhasePlan, e.Name, e.TriggeringObject })

	var recs []Record
	var obj schema.Object
	if e.TriggeredBy == schema.Clarizen {
		recs, obj, err = p.matchingClarizen(es, since)
	} else {
		recs, obj, err = p.matchingSalesforce(es, since)
	}
	if err != nil {
		return err
	}
	conn := SalesforceConnection
	if e.TriggeredBy == schema.Clarizen {
		conn = e.ClarizenConnection()
	}
	p.mark(scope, latest(wm, newestStamp(recs), p.serverStart[conn]))

	firing, err := p.firing(e, obj, recs)
	if err != nil || len(firing) == 0 {
		return err
	}
	if e.TriggeredBy == schema.Clarizen {
		return p.fireClarizen(es, firing)
	}
	return p.fireSalesforce(es, firing)
}

// firing returns the records of recs that fire e (see plan.ShouldFire):
// those that match its condition, evaluated again because the query's
// filter and the in-memory evaluation must agree, and that never fired it.
// Firings are looked up for these records only, not for every record that
// ever fired the event.
func (p *planner) firing(e mapping.Event, obj schema.Object, recs []Record) ([]Record, error) {
	ids := make([]string, 0, len(recs))
	for _, rec := range recs {
		ids = append(ids, rec.ID)
	}
	fired, err := p.r.db.FiredAmong(p.ctx, e.ID, ids)
	if err != nil {
		return nil, storeFailure(err)
	}
	var out []Record
	for _, rec := range recs {
		matches, err := plan.Matches(e, rec.Values, obj)
		if err != nil {
			p.warnf("event %q: record %s skipped: %v", e.Name, rec.ID, err)
			continue
		}
		if plan.ShouldFire(plan.FireInput{Event: e, Matches: matches, Fired: fired[rec.ID]}) {
			out = append(out, rec)
		}
	}
	return out, nil
}

// compiledCondition parses an event's condition; nil means every record.
func compiledCondition(text string) (condition.Expr, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	return condition.Parse(text)
}

// matchingSalesforce reads the triggering object's records that match the
// condition and changed since since, with the object's describe.
func (p *planner) matchingSalesforce(es *eventState, since time.Time) ([]Record, schema.Object, error) {
	e := es.e
	obj, err := p.sfObject(e.TriggeringObject)
	if err != nil {
		return nil, obj, err
	}
	expr, err := compiledCondition(e.Condition)
	if err != nil {
		return nil, obj, fmt.Errorf("parse condition of event %q: %w", e.Name, err)
	}
	var where salesforce.Condition
	if expr != nil {
		soql, err := condition.SOQL(expr)
		if err != nil {
			return nil, obj, fmt.Errorf("compile condition of event %q: %w", e.Name, err)
		}
		where = salesforce.Raw(soql)
	}
	fields := append(conditionFields(e.Condition), p.triggerFields(es)...)
	recs, _, err := p.sfChanged(eventMappingID(e), obj.Name, fields, where, since)
	if err != nil {
		return nil, obj, err
	}
	if ids := p.resumeIDs(eventScope(e.ID), schema.Salesforce, obj.Name); len(ids) > 0 {
		extra, err := p.sfByIDs(eventMappingID(e), obj.Name, fields, ids)
		if err != nil {
			return nil, obj, err
		}
		recs = mergeRecords(recs, extra)
	}
	return recs, obj, nil
}

// triggerFields returns the fields of a Salesforce triggering record that
// the event's target reads.
func (p *planner) triggerFields(es *eventState) []string {
	e := es.e
	switch e.Target.Kind {
	case mapping.EntityMapping:
		if ms := p.byID[e.Target.MappingID]; ms != nil {
			if p.ensureMapping(ms) == nil {
				return sfFieldsOf(ms)
			}
		}
	case mapping.CreateAndSynchronize:
		no := e.Target.NewObject
		if no == nil {
			return nil
		}
		var out []string
		for _, v := range no.Values {
			if v.Source == mapping.SourceField {
				out = append(out, v.Value)
			}
		}
		ms := p.byID[no.MappingID]
		newObj, err := p.sfObject(no.SalesforceObject)
		if ms == nil || err != nil || p.ensureMapping(ms) != nil {
			return out
		}
		// Paths of the mapping that go through the new object's link to
		// the triggering record (Opportunity__r.AccountId) read fields of
		// the triggering record (AccountId).
		if f, ok := newObj.Field(no.SourceLinkField); ok && f.RelationshipName != "" {
			prefix := strings.ToLower(f.RelationshipName) + "."
			for _, path := range sfFieldsOf(ms) {
				if strings.HasPrefix(strings.ToLower(path), prefix) {
					out = append(out, path[len(prefix):])
				}
			}
		}
		return out
	}
	return nil
}

// fireSalesforce plans what each firing Salesforce record creates.
func (p *planner) fireSalesforce(es *eventState, recs []Record) error {
	e := es.e
	created := map[string]plannedCreate{} // the Clarizen object each record led to
	firings := map[string]*firing{}
	for _, rec := range recs {
		holds := holdAt(eventScope(e.ID), rec)
		f := &firing{eventID: e.ID, recordID: rec.ID, holds: holds}
		firings[rec.ID] = f
		start := len(p.plan.Operations)
		reason := fmt.Sprintf("event %q fired for %s %s", e.Name, rec.Object, rec.ID)
		switch e.Target.Kind {
		case mapping.EntityMapping:
			ms := p.byID[e.Target.MappingID]
			if err := p.ensureMapping(ms); err != nil {
				return err
			}
			if _, linked := ms.linked(schema.Salesforce, rec.ID); !linked {
				pc, err := p.planCreate(createRequest{ms: ms, target: schema.Clarizen, source: rec, sourceID: rec.ID,
					sourceKey: rec.ID, eventID: e.ID, reason: reason, holds: holds})
				if err != nil {
					return err
				}
				created[rec.ID] = pc
			}
		case mapping.CreateAndSynchronize:
			pc, err := p.createAndSync(es, rec, reason, holds)
			if err != nil {
				return err
			}
			created[rec.ID] = pc
		default:
			return fmt.Errorf("event %q is triggered by Salesforce but its target is %q", e.Name, e.Target.Kind)
		}
		f.ops = opRange(start, len(p.plan.Operations))
	}
	if err := p.fireRelated(es, recs, created, firings); err != nil {
		return err
	}
	for _, rec := range recs {
		f := firings[rec.ID]
		p.setCause(f.ops, rec, schema.Salesforce, SalesforceConnection)
		p.firings = append(p.firings, *f)
	}
	return nil
}

// setCause marks ops as caused by the firing record rec.
func (p *planner) setCause(ops []int, rec Record, side schema.Side, conn string) {
	cause := &RecordRef{Side: side, Connection: conn, Object: rec.Object, ID: rec.ID, Stamp: rec.Stamp}
	for _, i := range ops {
		p.plan.Operations[i].cause = cause
	}
}

func opRange(start, end int) []int {
	out := make([]int, 0, end-start)
	for i := start; i < end; i++ {
		out = append(out, i)
	}
	return out
}

// createAndSync plans the "create new object and synchronize" target: the
// new Salesforce record that points at the triggering record, then its
// Clarizen counterpart through the event's mapping.
func (p *planner) createAndSync(es *eventState, rec Record, reason string, holds []hold) (plannedCreate, error) {
	e := es.e
	no := e.Target.NewObject
	if no == nil {
		return plannedCreate{}, fmt.Errorf("event %q creates a new object but names none", e.Name)
	}
	ms := p.byID[no.MappingID]
	if err := p.ensureMapping(ms); err != nil {
		return plannedCreate{}, err
	}
	obj, err := p.sfObject(no.SalesforceObject)
	if err != nil {
		return plannedCreate{}, err
	}
	op := Operation{Kind: OpCreate, Target: schema.Salesforce, Connection: SalesforceConnection, Object: obj.Name,
		Key: createKey(e.ID, rec.ID), MappingID: ms.m.ID, MappingName: ms.m.Name, EventID: e.ID,
		Reason: reason, holds: holds,
		Source: &RecordRef{Side: schema.Salesforce, Connection: SalesforceConnection, Object: rec.Object, ID: rec.ID, Stamp: rec.Stamp}}

	values := map[string]any{}
	for _, fv := range no.Values {
		f, ok := obj.Field(fv.Field)
		if !ok {
			op.Warnings = append(op.Warnings, fmt.Sprintf("value for %s skipped: %s has no such field", fv.Field, obj.Name))
			continue
		}
		var v any
		if fv.Source == mapping.Constant {
			if v, err = mapping.ParseConstant(schema.Salesforce, f, fv.Value); err != nil {
				p.failOp(&op, &RecordError{Code: CodeConversion, Message: err.Error(), Class: ClassPermanent,
					Fields: []string{f.Name}, Hint: fmt.Sprintf("Fix the constant for %s in event %q.", f.Name, e.Name)})
				continue
			}
		} else {
			v = condition.DecodeRaw(rec.Get(fv.Value))
		}
		op.Fields = append(op.Fields, FieldWrite{Field: f.Name, After: v})
		values[f.Name] = v
	}

	if f, ok := obj.Field(no.SourceLinkField); ok {
		op.Fields = append(op.Fields, FieldWrite{Field: f.Name, After: rec.ID})
		values[f.Name] = rec.ID
		if f.RelationshipName != "" {
			values[f.RelationshipName] = rec.Values
		}
	}

	if f, ok := obj.Field(IdempotencyField); ok && f.ExternalID && f.Createable {
		op.KeyField = f.Name
	} else if f, ok := obj.Field(ms.m.SalesforceKeyField); ok && f.ExternalID && f.Createable {
		op.KeyField = f.Name
	} else {
		// Nothing identifies the new record, so a resend after a lost
		// response could create it twice.
		p.failOp(&op, noExternalIDError(obj.Name, ms.m.Name))
	}
	if op.KeyField != "" {
		values[op.KeyField] = op.Key
	}

	sfOp := p.add(op)
	newRec := Record{Side: schema.Salesforce, Object: obj.Name, Stamp: rec.Stamp, Values: values}
	return p.planCreate(createRequest{ms: ms, target: schema.Clarizen, source: newRec, sourceID: Ref{Op: sfOp},
		sourceKey: p.plan.Operations[sfOp].Key, eventID: e.ID, reason: reason, deps: []int{sfOp},
		also: []int{sfOp}, holds: holds})
}

// fireRelated plans the records related to the firing records (an
// opportunity's line items), created through their own mapping. With
// AsSubProjects set they become sub-projects of what each firing record
// created.
func (p *planner) fireRelated(es *eventState, recs []Record, created map[string]plannedCreate, firings map[string]*firing) error {
	e := es.e
	for _, rel := range e.RelatedObjects {
		rms := p.byID[rel.MappingID]
		if rms == nil {
			p.warnf("event %q: related %s skipped: mapping %s does not exist", e.Name, rel.Object, rel.MappingID)
			continue
		}
		if err := p.ensureMapping(rms); err != nil {
			return err
		}
		parents := make([]string, 0, len(recs))
		for _, rec := range recs {
			if _, ok := created[rec.ID]; ok {
				parents = append(parents, rec.ID)
			}
		}
		children, err := p.relatedSalesforce(rms, rel, parents)
		if err != nil {
			return err
		}
		for _, child := range children {
			parentID, _ := condition.DecodeRaw(child.Get(rel.ParentField)).(string)
			parentID = matchID(parentID, parents)
			pc, ok := created[parentID]
			if !ok || pc.op < 0 {
				continue
			}
			if _, linked := rms.linked(schema.Salesforce, child.ID); linked {
				continue
			}
			req := createRequest{ms: rms, target: schema.Clarizen, source: child, sourceID: child.ID, sourceKey: child.ID,
				eventID: e.ID, deps: []int{pc.op}, holds: firings[parentID].holds,
				reason: fmt.Sprintf("event %q: %s %s related to %s", e.Name, child.Object, child.ID, parentID)}
			if rel.AsSubProjects {
				req.parent = pc.id
			}
			before := len(p.plan.Operations)
			if _, err := p.planCreate(req); err != nil {
				return err
			}
			f := firings[parentID]
			f.ops = append(f.ops, opRange(before, len(p.plan.Operations))...)
		}
	}
	return nil
}

// matchID returns the id in ids that names the same Salesforce record as
// id (15- and 18-character forms match).
func matchID(id string, ids []string) string {
	for _, x := range ids {
		if salesforce.SameID(x, id) {
			return x
		}
	}
	return id
}

// relatedSalesforce reads the records of rel.Object whose parent field
// points at one of parents and that match rel's condition.
func (p *planner) relatedSalesforce(rms *mappingState, rel mapping.RelatedSalesforceObject, parents []string) ([]Record, error) {
	obj, err := p.sfObject(rel.Object)
	if err != nil {
		return nil, err
	}
	expr, err := compiledCondition(rel.Condition)
	if err != nil {
		return nil, fmt.Errorf("parse condition of related %s: %w", rel.Object, err)
	}
	var extra salesforce.Condition
	if expr != nil {
		soql, err := condition.SOQL(expr)
		if err != nil {
			return nil, err
		}
		extra = salesforce.Raw(soql)
	}
	fields := uniqueFields(append(append([]string{"Id", sfStampField, rel.ParentField}, sfFieldsOf(rms)...),
		conditionFields(rel.Condition)...)...)
	var out []Record
	for start := 0; start < len(parents); start += sfIDChunk {
		chunk := parents[start:min(start+sfIDChunk, len(parents))]
		where := salesforce.In(rel.ParentField, chunk)
		if expr != nil {
			where = salesforce.And(where, extra)
		}
		recs, err := p.sfQuery(rms.m.ID, obj.Name, salesforce.SOQL{Fields: fields, From: obj.Name, Where: where, OrderBy: []string{"Id"}})
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}

// matchingClarizen reads the triggering type's entities that match the
// condition and changed since since, with the type's describe. The read
// pages by stamp, so entities updated while it runs are not skipped.
func (p *planner) matchingClarizen(es *eventState, since time.Time) ([]Record, schema.Object, error) {
	e := es.e
	conn := e.ClarizenConnection()
	obj, err := p.czObject(conn, e.TriggeringObject)
	if err != nil {
		return nil, obj, err
	}
	expr, err := compiledCondition(e.Condition)
	if err != nil {
		return nil, obj, fmt.Errorf("parse condition of event %q: %w", e.Name, err)
	}

	fields := []string{czStampField}
	if ms := p.byID[e.Target.MappingID]; ms != nil && p.ensureMapping(ms) == nil {
		fields = append(fields, czFieldsOf(ms)...)
	}
	fields = withoutID(uniqueFields(append(fields, conditionFields(e.Condition)...)...))

	var where czql.Condition
	if expr != nil {
		text, err := condition.CZQL(expr, obj)
		if err != nil {
			return nil, obj, fmt.Errorf("compile condition of event %q: %w", e.Name, err)
		}
		where = czql.Raw(text)
	}
	from := time.Unix(0, 0).UTC()
	if !since.IsZero() {
		from = since.Add(-p.overlap)
	}
	recs, err := p.czUpdatedSince(conn, e.Target.MappingID, obj.Name, fields, where, from)
	if err != nil {
		return nil, obj, err
	}
	if ids := p.resumeIDs(eventScope(e.ID), schema.Clarizen, obj.Name); len(ids) > 0 {
		extra, err := p.czByIDs(conn, e.Target.MappingID, ids, fields)
		if err != nil {
			return nil, obj, err
		}
		for id, r := range extra {
			r.Object = obj.Name
			extra[id] = r
		}
		recs = mergeRecords(recs, extra)
	}
	return recs, obj, nil
}

// fireClarizen plans the Salesforce record each firing Clarizen entity
// creates through the event's mapping; an entity already linked creates
// nothing.
func (p *planner) fireClarizen(es *eventState, recs []Record) error {
	e := es.e
	if e.Target.Kind != mapping.SalesforceMapping {
		return fmt.Errorf("event %q is triggered by Clarizen but its target is %q", e.Name, e.Target.Kind)
	}
	ms := p.byID[e.Target.MappingID]
	if err := p.ensureMapping(ms); err != nil {
		return err
	}
	for _, rec := range recs {
		start := len(p.plan.Operations)
		if _, linked := ms.linked(schema.Clarizen, rec.ID); !linked {
			reason := fmt.Sprintf("event %q fired for %s %s", e.Name, rec.Object, rec.ID)
			if _, err := p.planCreate(createRequest{ms: ms, target: schema.Salesforce, source: rec, sourceID: rec.ID,
				sourceKey: rec.ID, eventID: e.ID, reason: reason, holds: holdAt(eventScope(e.ID), rec)}); err != nil {
				return err
			}
		}
		f := firing{eventID: e.ID, recordID: rec.ID, ops: opRange(start, len(p.plan.Operations))}
		p.setCause(f.ops, rec, schema.Clarizen, e.ClarizenConnection())
		p.firings = append(p.firings, f)
	}
	return nil
}
