package syncer

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/schema"
)

// SettingDefaultCurrency is the ISO 4217 code of Salesforce amounts when a
// record carries no CurrencyIsoCode: the org's currency. Amounts written
// into Clarizen Money take it.
const SettingDefaultCurrency = "sync.default_currency"

// createRequest is a request to create a record's counterpart through a
// mapping.
type createRequest struct {
	ms     *mappingState
	target schema.Side
	// source holds the values the create copies; its ID is empty when the
	// source record is itself created in this plan.
	source Record
	// sourceID is the source's id, or a Ref to the operation creating it.
	sourceID any
	// sourceKey is the source's id, or the idempotency key of the
	// operation creating it; it makes the create's own key.
	sourceKey string
	eventID   string
	reason    string
	deps      []int
	// extra are values written besides the field maps (the parent field
	// of a related record).
	extra []FieldWrite
	// parent is the Clarizen work item a sub-project goes under: an id or
	// a Ref.
	parent any
	// also lists further operations that must succeed before the link of
	// the created pair is saved (the create of the source itself).
	also []int
	// holds are the watermarks the create and the operations it leads to
	// keep back while unfinished.
	holds []hold
	// parents are the ids, on either side, of the record a related-object
	// rule creates this one under, whose name follows the record's own in
	// the operation's label.
	parents []string
}

// planCreate plans the create of a counterpart through engine/plan, the
// creates of records it references, its Clarizen links, and the link that
// pairs it with its source. A second request for the same mapping, side
// and source returns the first plan.
func (p *planner) planCreate(req createRequest) (plannedCreate, error) {
	ms := req.ms
	memo := createMemo(ms, req.target, req.sourceKey)
	if pc, ok := p.creates[memo]; ok {
		return pc, nil
	}
	if err := p.ensureMapping(ms); err != nil {
		return plannedCreate{}, err
	}
	// Reserve the memo so that a reference cycle ends instead of looping.
	p.creates[memo] = plannedCreate{op: -1}

	src := otherSide(req.target)
	op := Operation{Kind: OpCreate, Target: req.target, Connection: SalesforceConnection, Object: ms.sfObj.Name,
		MappingID: ms.m.ID, MappingName: ms.m.Name, EventID: req.eventID, Reason: req.reason,
		DependsOn: append([]int(nil), req.deps...), holds: req.holds, fieldMaps: ms.m.FieldMaps, parents: req.parents,
		Source: &RecordRef{Side: src, Connection: connectionOf(src, ms.conn), Object: req.source.Object,
			ID: req.source.ID, Stamp: req.source.Stamp}}
	if req.target == schema.Clarizen {
		op.Connection, op.Object = ms.conn, ms.czObj.Name
	}
	cp, err := p.createPlan(ms, req)
	if err != nil {
		return plannedCreate{}, err
	}
	p.createValues(ms, cp, &op)
	op.Fields = append(op.Fields, req.extra...)
	var id any
	if req.target == schema.Clarizen {
		p.clarizenKey(ms, req, &op)
		if cp.Template != "" {
			op.Template = cp.Template
			op.Reason += fmt.Sprintf("; template %q", cp.Template)
		}
		op.Parent = req.parent
		id = op.RecordID
	} else {
		p.salesforceKey(ms, req, &op)
	}
	lp := p.createLink(ms, req, &op)
	op.Link = lp
	idx := p.add(op)
	if req.target == schema.Salesforce {
		id = Ref{Op: idx}
		lp.SFID = id
	}
	for _, i := range req.also {
		p.plan.Operations[i].Link = lp
	}
	pc := plannedCreate{op: idx, id: id}
	p.creates[memo] = pc
	if err := p.planClarizenLinks(ms, req, cp.Links, idx, id); err != nil {
		return plannedCreate{}, err
	}
	return pc, nil
}

// createPlan gets a create's values, template and links from engine/plan.
// References whose counterparts must be created first are planned, and
// the create is planned again so that they resolve.
func (p *planner) createPlan(ms *mappingState, req createRequest) (plan.CreatePlan, error) {
	dir := mapping.ToClarizen
	if req.target == schema.Salesforce {
		dir = mapping.FromClarizen
	}
	in := plan.CreateInput{Mapping: ms.m, Direction: dir,
		Source:           plan.Record{ID: req.source.ID, Values: req.source.Values, Stamp: req.source.Stamp},
		SalesforceObject: ms.sfObj, ClarizenObject: ms.czObj, Mappings: p.allMappings(), Describer: p,
		Currency: p.currency(req.source), Resolver: p.resolverFor(ms)}
	cp, err := plan.PlanCreate(in)
	if err != nil || len(cp.Pending) == 0 {
		return cp, err
	}
	for _, pend := range cp.Pending {
		reason := fmt.Sprintf("referenced by %s of %s %s", pend.Field, req.source.Object, req.source.ID)
		if _, _, _, err := p.counterpart(ms.conn, pend.Reference, reason, req.holds); err != nil {
			return plan.CreatePlan{}, err
		}
	}
	return plan.PlanCreate(in)
}

// createValues turns a create plan's values into field writes. A value
// that could not be converted fails the create before it is sent, since a
// record created without it could break the target's rules unnoticed.
func (p *planner) createValues(ms *mappingState, cp plan.CreatePlan, op *Operation) {
	for _, v := range cp.Values {
		after, dep := p.substitute(v.After)
		if dep >= 0 {
			op.DependsOn = appendUnique(op.DependsOn, dep)
		}
		op.Fields = append(op.Fields, FieldWrite{Field: v.Field, After: after})
	}
	for _, n := range cp.Warnings {
		op.Warnings = append(op.Warnings, n.Message)
	}
	// TODO: run cp.Backfill, the create maps of the other direction (a
	// Clarizen SYSID written back to Salesforce), once the new record can
	// be read. Today they run only when a create goes that way.
	for _, e := range cp.Errors {
		fm := ms.fieldMap(e.FieldMapID)
		p.failOp(op, &RecordError{Code: CodeConversion, Message: e.Message, Class: ClassPermanent,
			Fields: []string{fm.TargetField()},
			Hint: fmt.Sprintf("Fix the value of %s in the source record, or change the field map %s of mapping %q.",
				fm.SourceField(), fieldMapLabel(fm), ms.m.Name)})
	}
}

func connectionOf(side schema.Side, czConn string) string {
	if side == schema.Salesforce {
		return SalesforceConnection
	}
	return czConn
}

// allMappings returns every mapping's definition.
func (p *planner) allMappings() []mapping.Mapping {
	out := make([]mapping.Mapping, len(p.mappings))
	for i, ms := range p.mappings {
		out[i] = ms.m
	}
	return out
}

// DescribeSalesforce returns a Salesforce describe for engine/plan, read
// through the run's cache.
func (p *planner) DescribeSalesforce(object string) (schema.Object, bool) {
	o, err := p.sfObject(object)
	return o, err == nil
}

// DescribeClarizen returns a Clarizen describe for engine/plan.
func (p *planner) DescribeClarizen(instance int, entity string) (schema.Object, bool) {
	o, err := p.czObject(mapping.ConnectionID(instance), entity)
	return o, err == nil
}

// failOp marks an operation as failed before it is sent; apply records
// the failure in the registry without a remote call.
func (p *planner) failOp(op *Operation, e *RecordError) {
	if op.planErr == nil {
		op.planErr = e
	}
	op.Warnings = append(op.Warnings, e.Message+". "+e.Hint)
}

// currency returns the ISO code of a Salesforce record's amounts.
func (p *planner) currency(rec Record) string {
	if rec.Side == schema.Salesforce {
		if code, ok := rec.Get("CurrencyIsoCode").(string); ok && code != "" {
			return code
		}
	}
	if v, ok, err := p.r.db.Setting(p.ctx, SettingDefaultCurrency); err == nil && ok {
		return v
	}
	return ""
}

// clarizenKey sets the ExternalID (the idempotency key) of a Clarizen
// create and the Clarizen key field. When the key field is ExternalID
// itself and the Salesforce key value is known and safe in an id, that
// value is the ExternalID; otherwise the key derives from mapping and
// source.
func (p *planner) clarizenKey(ms *mappingState, req createRequest, op *Operation) {
	sfKey := ""
	if req.source.ID != "" {
		sfKey = ms.keyValue(req.source)
	}
	op.Key = createKey(ms.m.ID, req.sourceKey)
	czKey := ms.m.ClarizenKeyField
	if strings.EqualFold(czKey, clarizenExternalID) && sfKey != "" && SanitizeKeyPart(sfKey) == sfKey {
		op.Key = sfKey
	}
	op.RecordID = "/" + ms.czObj.Name + "/" + op.Key
	if czKey == "" || strings.EqualFold(czKey, clarizenExternalID) || hasField(op.Fields, czKey) {
		return
	}
	f, ok := ms.czObj.Field(czKey)
	if !ok || !f.Writable(true) {
		return
	}
	var value any = sfKey
	if strings.EqualFold(ms.m.SalesforceKeyField, "Id") {
		value = req.sourceID
		if r, isRef := value.(Ref); isRef {
			op.DependsOn = appendUnique(op.DependsOn, r.Op)
		}
	}
	if value != nil && value != "" {
		op.Fields = append(op.Fields, FieldWrite{Field: f.Name, After: value})
	}
}

// salesforceKey picks how a Salesforce create stays safe to send again
// after a lost response: an upsert by the mapping's key field when it is an
// external id, else an upsert by IdempotencyField. Without either, a plain
// insert that writes the Clarizen key into the mapping's key field is
// looked up by that value before it is sent again. A create that has none
// of these is not sent: it fails with CodeNoExternalID.
func (p *planner) salesforceKey(ms *mappingState, req createRequest, op *Operation) {
	czKey := ms.keyValue(req.source)
	sk := ms.m.SalesforceKeyField
	f, ok := ms.sfObj.Field(sk)
	if ok && f.ExternalID && f.Createable && czKey != "" {
		op.KeyField, op.Key = f.Name, czKey
		return
	}
	op.Key = createKey(ms.m.ID, req.sourceKey)
	if idf, found := ms.sfObj.Field(IdempotencyField); found && idf.ExternalID && idf.Createable {
		op.KeyField = idf.Name
	}
	if ok && f.Writable(true) && czKey != "" {
		if !hasField(op.Fields, sk) {
			op.Fields = append(op.Fields, FieldWrite{Field: f.Name, After: czKey})
		}
		if op.KeyField == "" {
			op.lookupField = f.Name
			op.lookupValue, _ = fieldValue(op.Fields, f.Name).(string)
		}
	}
	if op.KeyField == "" && op.lookupValue == "" {
		p.failOp(op, noExternalIDError(ms.sfObj.Name, ms.m.Name))
	}
}

// fieldValue returns the value an operation writes to field, nil when it
// writes none.
func fieldValue(fields []FieldWrite, name string) any {
	for _, f := range fields {
		if strings.EqualFold(f.Field, name) {
			return f.After
		}
	}
	return nil
}

func hasField(fields []FieldWrite, name string) bool {
	for _, f := range fields {
		if strings.EqualFold(f.Field, name) {
			return true
		}
	}
	return false
}

func appendUnique(list []int, v int) []int {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// createLink plans the link a create makes, with its base built from the
// values on both sides once the create's Refs are resolved.
func (p *planner) createLink(ms *mappingState, req createRequest, op *Operation) *LinkPlan {
	lp := &LinkPlan{MappingID: ms.m.ID, SFObject: ms.sfObj.Name, CZConnection: ms.conn, CZType: ms.czObj.Name}
	written := append([]FieldWrite(nil), op.Fields...)
	source := req.source
	if req.target == schema.Clarizen {
		lp.SFID, lp.CZID = req.sourceID, op.RecordID
		lp.SFStamp = source.Stamp
	} else {
		lp.CZID = req.sourceID
		lp.CZStamp = source.Stamp
	}
	lp.base = func(resolve func(any) any) ([]byte, error) {
		target := map[string]any{}
		for _, w := range written {
			target[w.Field] = resolve(w.After)
		}
		if req.target == schema.Clarizen {
			return createdBase(ms, source.Values, target)
		}
		return createdBase(ms, target, source.Values)
	}
	return lp
}

// planClarizenLinks plans the link entities (a CustomerLink from a new
// Project to its Customer) that a create plan lists.
func (p *planner) planClarizenLinks(ms *mappingState, req createRequest, links []plan.LinkPlan, createOp int, entityID any) error {
	for _, l := range links {
		linked, dep, warning, err := p.linkTarget(ms, l)
		if err != nil {
			return err
		}
		if warning != "" {
			p.plan.Operations[createOp].Warnings = append(p.plan.Operations[createOp].Warnings, warning)
		}
		if linked == nil {
			continue
		}
		key := createKey(ms.m.ID+":"+l.LinkID, req.sourceKey)
		deps := []int{createOp}
		if dep >= 0 {
			deps = append(deps, dep)
		}
		p.add(Operation{Kind: OpLink, Target: schema.Clarizen, Connection: ms.conn, Object: l.LinkEntity,
			RecordID: "/" + l.LinkEntity + "/" + key, Key: key, MappingID: ms.m.ID, MappingName: ms.m.Name,
			EventID: req.eventID, DependsOn: deps, holds: req.holds,
			Source: p.plan.Operations[createOp].Source,
			Reason: fmt.Sprintf("link %v to %s %v", entityID, l.LinkedEntity, linked),
			Fields: []FieldWrite{{Field: l.EntityField, After: entityID}, {Field: l.LinkedField, After: linked}}})
	}
	return nil
}

// linkTarget returns the Clarizen object a planned link points at: the
// one the source field resolved to (possibly created in this plan), or the
// first that the identified-by condition finds.
func (p *planner) linkTarget(ms *mappingState, l plan.LinkPlan) (any, int, string, error) {
	if l.LinkedID != "" {
		id, dep := p.substitute(l.LinkedID)
		return id, dep, "", nil
	}
	if l.Where == nil {
		return nil, -1, fmt.Sprintf("link %s skipped: nothing identifies the %s to link to", l.LinkID, l.LinkedEntity), nil
	}
	linkedObj, err := p.czObject(ms.conn, l.LinkedEntity)
	if err != nil {
		return nil, -1, "", err
	}
	where, err := condition.CZQL(l.Where, linkedObj)
	if err != nil {
		return nil, -1, fmt.Sprintf("link %s skipped: %v", l.LinkID, err), nil
	}
	statement, err := czql.Select(czStampField).From(linkedObj.Name).Where(czql.Raw(where)).Limit(1).Build()
	if err != nil {
		return nil, -1, "", err
	}
	recs, err := p.czQuery(ms.conn, ms.m.ID, linkedObj.Name, statement)
	if err != nil {
		return nil, -1, "", err
	}
	if len(recs) == 0 {
		return nil, -1, fmt.Sprintf("link %s skipped: no %s matches %s", l.LinkID, linkedObj.Name, l.WhereText), nil
	}
	return recs[0].ID, -1, "", nil
}
