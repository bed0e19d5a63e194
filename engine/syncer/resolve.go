package syncer

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

// resolverFor returns the Resolver conversions of ms use: a referenced
// record's counterpart is found through the link table, then the
// referenced type's key field, and else its create policy decides.
func (p *planner) resolverFor(ms *mappingState) mapping.Resolver {
	return mapping.ResolverFunc(func(ref mapping.Reference) (mapping.Resolution, error) {
		rm := p.mappingFor(ref.Side, ref.Object, ms.conn)
		if rm == nil {
			return mapping.Resolution{Action: mapping.LeaveReferenceEmpty}, nil
		}
		if err := p.ensureMapping(rm); err != nil {
			return mapping.Resolution{}, err
		}
		res := mapping.Resolution{MappingID: rm.m.ID}
		if id, ok := rm.linked(ref.Side, ref.ID); ok {
			res.Action, res.ID = mapping.Found, id
			return res, nil
		}
		if pc, ok := p.creates[createMemo(rm, otherSide(ref.Side), ref.ID)]; ok {
			if pc.op < 0 {
				// The counterpart is being planned right now (a reference
				// cycle): leave this reference empty.
				res.Action = mapping.LeaveReferenceEmpty
				return res, nil
			}
			res.Action, res.ID = mapping.Found, plannedID(pc.op)
			return res, nil
		}
		id, err := p.findByKey(rm, ref)
		if err != nil {
			return res, err
		}
		if id != "" {
			p.noteMatch(rm, ref.Side, ref.ID, id)
			res.Action, res.ID = mapping.Found, id
			return res, nil
		}
		if rm.m.CreatePolicy == mapping.CreateMissing {
			res.Action = mapping.CreateCounterpart
		} else {
			res.Action = mapping.LeaveReferenceEmpty
		}
		return res, nil
	})
}

// linked returns the counterpart of a record through the mapping's links.
func (ms *mappingState) linked(side schema.Side, id string) (string, bool) {
	if side == schema.Salesforce {
		if l, ok := ms.bySF[id]; ok {
			return l.CZID, true
		}
		if len(id) == 15 {
			for sfID, l := range ms.bySF {
				if salesforce.SameID(sfID, id) {
					return l.CZID, true
				}
			}
		}
		return "", false
	}
	if l, ok := ms.byCZ[strings.ToLower(id)]; ok {
		return l.SFID, true
	}
	return "", false
}

// linkOf returns the mapping's link of a record on side, nil when the
// record is not linked.
func (ms *mappingState) linkOf(side schema.Side, id string) *store.Link {
	if side == schema.Salesforce {
		if l, ok := ms.bySF[id]; ok {
			return l
		}
		if len(id) == 15 {
			for sfID, l := range ms.bySF {
				if salesforce.SameID(sfID, id) {
					return l
				}
			}
		}
		return nil
	}
	return ms.byCZ[strings.ToLower(id)]
}

// findByKey looks the counterpart of a referenced record up by the
// mapping's key fields: the referenced record's key value is searched in
// the other side's key field. It returns "" when nothing matches.
func (p *planner) findByKey(rm *mappingState, ref mapping.Reference) (string, error) {
	value, err := p.referencedKey(rm, ref)
	if err != nil || value == "" {
		return "", err
	}
	cacheKey := rm.m.ID + "|" + string(ref.Side) + "|" + value
	if id, ok := p.keyCache[cacheKey]; ok {
		return id, nil
	}
	var found string
	if ref.Side == schema.Salesforce {
		field := rm.m.ClarizenKeyField
		if field == "" {
			return "", nil
		}
		statement, err := czql.Select(czStampField).From(rm.czObj.Name).Where(czql.Eq(field, value)).Limit(1).Build()
		if err != nil {
			return "", fmt.Errorf("find %s by %s: %w", rm.czObj.Name, field, err)
		}
		recs, err := p.czQuery(rm.conn, rm.m.ID, rm.czObj.Name, statement)
		if err != nil {
			return "", err
		}
		if len(recs) > 0 {
			found = recs[0].ID
		}
	} else {
		field := rm.m.SalesforceKeyField
		if field == "" {
			return "", nil
		}
		recs, err := p.sfQuery(rm.m.ID, rm.sfObj.Name, salesforce.SOQL{Fields: []string{"Id"}, From: rm.sfObj.Name,
			Where: salesforce.Compare(field, "=", value), Limit: 1})
		if err != nil {
			return "", err
		}
		if len(recs) > 0 {
			found = recs[0].ID
		}
	}
	p.keyCache[cacheKey] = found
	return found, nil
}

// referencedKey returns the key value of a referenced record, reading the
// record when its key field is not its id.
func (p *planner) referencedKey(rm *mappingState, ref mapping.Reference) (string, error) {
	field := rm.keyField(ref.Side)
	switch {
	case field == "":
		return "", nil
	case ref.Side == schema.Salesforce && strings.EqualFold(field, "Id"):
		return ref.ID, nil
	case ref.Side == schema.Clarizen && strings.EqualFold(field, clarizenExternalID):
		return rm.keyValue(Record{Side: schema.Clarizen, ID: ref.ID}), nil
	}
	rec, ok, err := p.readOne(rm, ref.Side, ref.ID)
	if err != nil || !ok {
		return "", err
	}
	return rm.keyValue(rec), nil
}

// readOne reads one record of rm's object with the fields rm reads.
func (p *planner) readOne(rm *mappingState, side schema.Side, id string) (Record, bool, error) {
	if side == schema.Salesforce {
		recs, err := p.sfByIDs(rm.m.ID, rm.sfObj.Name, sfFieldsOf(rm), []string{id})
		if err != nil {
			return Record{}, false, err
		}
		for _, r := range recs {
			return r, true, nil
		}
		return Record{}, false, nil
	}
	recs, err := p.czByIDs(rm.conn, rm.m.ID, []string{id}, czFieldsOf(rm))
	if err != nil {
		return Record{}, false, err
	}
	r, ok := recs[strings.ToLower(id)]
	if ok {
		r.Object = rm.czObj.Name
	}
	return r, ok, nil
}

// counterpart resolves a referenced record to the id of its counterpart,
// planning the counterpart's create when the referenced type's create
// policy is create. It returns the id (a string, or a Ref when the
// counterpart is a Salesforce record created in this run), the operation
// the caller must wait for (-1 for none), and a warning when the reference
// stays empty.
func (p *planner) counterpart(conn string, ref mapping.Reference, reason string, holds []hold) (any, int, string, error) {
	rm := p.mappingFor(ref.Side, ref.Object, conn)
	if rm == nil {
		return nil, -1, fmt.Sprintf("%s %s has no mapping to %s, so the reference is left empty", ref.Object, ref.ID, otherSideName(ref.Side)), nil
	}
	res, err := p.resolverFor(rm).Resolve(ref)
	if err != nil {
		return nil, -1, "", err
	}
	switch res.Action {
	case mapping.Found:
		id, dep := p.substitute(res.ID)
		return id, dep, "", nil
	case mapping.LeaveReferenceEmpty:
		return nil, -1, fmt.Sprintf("%s %s has no counterpart in %s, so the reference is left empty (mapping %q: create policy leave empty)",
			ref.Object, ref.ID, otherSideName(ref.Side), rm.m.Name), nil
	}
	pc, err := p.planReferencedCreate(rm, ref, reason, holds)
	if err != nil {
		return nil, -1, "", err
	}
	if pc.op < 0 {
		return nil, -1, fmt.Sprintf("%s %s refers back to a record being created, so the reference is left empty", ref.Object, ref.ID), nil
	}
	return pc.id, pc.op, "", nil
}

func otherSideName(s schema.Side) string {
	if s == schema.Salesforce {
		return "Clarizen"
	}
	return "Salesforce"
}

// planReferencedCreate reads a referenced record and plans its
// counterpart's create through rm. The create carries the holds of every
// operation that needs it. A create that does not finish then keeps the
// requesters' watermarks back, even for a requester that does not wait
// for it.
func (p *planner) planReferencedCreate(rm *mappingState, ref mapping.Reference, reason string, holds []hold) (plannedCreate, error) {
	target := otherSide(ref.Side)
	if pc, ok := p.creates[createMemo(rm, target, ref.ID)]; ok {
		if pc.op >= 0 {
			op := &p.plan.Operations[pc.op]
			op.holds = append(op.holds, holds...)
		}
		return pc, nil
	}
	rec, ok, err := p.readOne(rm, ref.Side, ref.ID)
	if err != nil {
		return plannedCreate{}, err
	}
	if !ok {
		return plannedCreate{op: -1}, nil
	}
	return p.planCreate(createRequest{ms: rm, target: target, source: rec, sourceID: rec.ID, sourceKey: rec.ID,
		reason: reason, holds: holds})
}

func createMemo(ms *mappingState, target schema.Side, sourceKey string) string {
	return ms.m.ID + "|" + string(target) + "|" + strings.ToLower(sourceKey)
}
