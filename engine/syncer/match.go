package syncer

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/schema"
)

// OpMatch saves the link between two records that a mapping's key fields
// found to be counterparts, without a remote write. From then on the
// mapping syncs the pair.
const OpMatch OpKind = "match"

// matchSet holds the pairs a mapping's key fields found in one plan.
type matchSet struct {
	order  []string          // Salesforce ids in the order found
	bySF   map[string]string // Salesforce id -> Clarizen id
	usedCZ map[string]bool   // lower-case Clarizen ids already paired
}

// noteMatch records that rm's key fields paired the record id on side with
// found on the other side. A record that is linked already, or paired
// twice in one run, is left alone.
func (p *planner) noteMatch(rm *mappingState, side schema.Side, id, found string) {
	sfID, czID := id, found
	if side == schema.Clarizen {
		sfID, czID = found, id
	}
	if _, linked := rm.bySF[sfID]; linked {
		return
	}
	if _, linked := rm.byCZ[strings.ToLower(czID)]; linked {
		return
	}
	set := p.matches[rm.m.ID]
	if set == nil {
		set = &matchSet{bySF: map[string]string{}, usedCZ: map[string]bool{}}
		p.matches[rm.m.ID] = set
	}
	if _, dup := set.bySF[sfID]; dup || set.usedCZ[strings.ToLower(czID)] {
		return
	}
	set.order = append(set.order, sfID)
	set.bySF[sfID] = czID
	set.usedCZ[strings.ToLower(czID)] = true
}

// planMatches reads both records of each pair found by key fields and
// plans the links, with the records' current values as the base, so that
// only later changes move. A mapping whose pairs cannot be read loses its
// matches for this run only, since the next run that resolves the same
// references finds them again.
func (p *planner) planMatches() error {
	for _, rm := range p.mappings {
		set := p.matches[rm.m.ID]
		if set == nil || !p.usable(rm.conn) {
			continue
		}
		cp := p.checkpoint()
		if err := p.planMatchSet(rm, set); err != nil {
			p.rollback(cp)
			if err := p.planningFailure(mappingRef(rm), err); err != nil {
				return fmt.Errorf("plan records of mapping %q matched by key fields: %w", rm.m.Name, err)
			}
		}
	}
	return nil
}

func (p *planner) planMatchSet(rm *mappingState, set *matchSet) error {
	czIDs := make([]string, 0, len(set.order))
	for _, sfID := range set.order {
		czIDs = append(czIDs, set.bySF[sfID])
	}
	sfRecs, err := p.sfByIDs(rm.m.ID, rm.sfObj.Name, sfFieldsOf(rm), set.order)
	if err != nil {
		return err
	}
	czRecs, err := p.czByIDs(rm.conn, rm.m.ID, czIDs, czFieldsOf(rm))
	if err != nil {
		return err
	}
	for _, sfID := range set.order {
		czID := set.bySF[sfID]
		sf, okSF := sfRecs[sfID]
		cz, okCZ := czRecs[strings.ToLower(czID)]
		if !okSF || !okCZ {
			continue
		}
		p.addMatch(rm, sf, cz)
	}
	return nil
}

func (p *planner) addMatch(rm *mappingState, sf, cz Record) {
	lp := &LinkPlan{MappingID: rm.m.ID, SFObject: rm.sfObj.Name, SFID: sf.ID, CZConnection: rm.conn,
		CZType: rm.czObj.Name, CZID: cz.ID, SFStamp: sf.Stamp, CZStamp: cz.Stamp}
	lp.base = func(func(any) any) ([]byte, error) {
		b := plan.NewBase(rm.m, plan.Record{ID: sf.ID, Values: sf.Values}, plan.Record{ID: cz.ID, Values: cz.Values})
		stampBase(&b, map[schema.Side]bool{schema.Salesforce: true, schema.Clarizen: true})
		return b.Encode()
	}
	p.add(Operation{Kind: OpMatch, Target: schema.Clarizen, Connection: rm.conn, Object: rm.czObj.Name, RecordID: cz.ID,
		Key: updateKey(string(OpMatch), rm.m.ID, rm.conn, cz.ID), MappingID: rm.m.ID, MappingName: rm.m.Name, Link: lp,
		Source: &RecordRef{Side: schema.Salesforce, Connection: SalesforceConnection, Object: rm.sfObj.Name, ID: sf.ID, Stamp: sf.Stamp},
		Reason: fmt.Sprintf("%s %s and %s %s have the same key (%s, %s)", rm.sfObj.Name, sf.ID, rm.czObj.Name, cz.ID,
			rm.m.SalesforceKeyField, rm.m.ClarizenKeyField)})
}
