package syncer

import (
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// relatedScope is the watermark scope of a mapping's related objects.
func relatedScope(mappingID, relatedID string) string {
	return "mapping:" + mappingID + ":related:" + relatedID
}

// czParentChunk bounds the parent ids in one CZQL IN list.
const czParentChunk = 100

// syncRelated plans the Salesforce records of Clarizen objects related to
// the mapping's linked objects (a project's milestones become Clarizen
// milestone records under the Clarizen Project record). Related objects
// already linked through their own mapping are that mapping's to sync.
func (p *planner) syncRelated(ms *mappingState) error {
	for _, rel := range ms.m.RelatedObjects {
		if err := p.syncRelatedObject(ms, rel); err != nil {
			return fmt.Errorf("related %s: %w", rel.RelatedEntity, err)
		}
	}
	return nil
}

func (p *planner) syncRelatedObject(ms *mappingState, rel mapping.RelatedObject) error {
	scope := relatedScope(ms.m.ID, rel.ID)
	wm, err := p.watermark(scope)
	if err != nil {
		return err
	}
	rms := p.byID[rel.MappingID]
	if rms == nil {
		p.warnf("mapping %q: related %s skipped: its mapping %s does not exist", ms.m.Name, rel.RelatedEntity, rel.MappingID)
		return nil
	}
	if err := p.ensureMapping(rms); err != nil {
		return err
	}
	start := p.serverStart[ms.conn]
	if len(ms.links) == 0 {
		p.mark(scope, laterOf(wm, start))
		return nil
	}
	parentField, err := p.relationField(ms, rel)
	if err != nil {
		return err
	}
	if parentField == "" {
		p.warnf("mapping %q: related %s skipped: relation %s of %s names no field on %s", ms.m.Name,
			rel.RelatedEntity, rel.Relationship, ms.czObj.Name, rel.RelatedEntity)
		p.mark(scope, laterOf(wm, start))
		return nil
	}
	relObj, err := p.czObject(ms.conn, rel.RelatedEntity)
	if err != nil {
		return err
	}
	expr, err := compiledCondition(rel.Condition)
	if err != nil {
		return fmt.Errorf("parse condition of related %s: %w", rel.RelatedEntity, err)
	}
	recs, err := p.relatedClarizen(ms, rms, rel, relObj, parentField, expr, wm)
	if err != nil {
		return err
	}
	if ids := p.resumeIDs("mapping:"+rms.m.ID, schema.Clarizen, relObj.Name); len(ids) > 0 {
		fields := withoutID(uniqueFields(append([]string{parentField}, czFieldsOf(rms)...)...))
		extra, err := p.czByIDs(ms.conn, ms.m.ID, ids, fields)
		if err != nil {
			return err
		}
		recs = mergeRecords(recs, extra)
	}
	p.mark(scope, latest(wm, newestStamp(recs), start))

	parentLink, ok := rms.sfObj.Field(rel.ParentLinkField)
	if !ok {
		p.warnf("mapping %q: related %s skipped: %s has no field %s", ms.m.Name, rel.RelatedEntity, rms.sfObj.Name, rel.ParentLinkField)
		return nil
	}
	for _, rec := range recs {
		if _, linked := rms.linked(schema.Clarizen, rec.ID); linked {
			continue
		}
		parentID := referenceValue(rec.Get(parentField))
		sfParent, ok := ms.linked(schema.Clarizen, parentID)
		if !ok {
			continue
		}
		rec.Object = relObj.Name
		_, err := p.planCreate(createRequest{ms: rms, target: schema.Salesforce, source: rec, sourceID: rec.ID,
			sourceKey: rec.ID, holds: holdAt(scope, rec),
			reason: fmt.Sprintf("%s %s is related to %s %s (mapping %q)", relObj.Name, rec.ID, ms.czObj.Name, parentID, ms.m.Name),
			extra:  []FieldWrite{{Field: parentLink.Name, After: sfParent}}})
		if err != nil {
			return err
		}
	}
	return nil
}

// relationField returns the field of the related entity that points at the
// parent, from the parent type's relation description.
func (p *planner) relationField(ms *mappingState, rel mapping.RelatedObject) (string, error) {
	cz := p.cz[ms.conn]
	p.read(ms.conn, ms.m.ID)
	rels, err := cz.DescribeEntityRelations(p.ctx, ms.czObj.Name)
	if err != nil {
		return "", fmt.Errorf("describe relations of %s: %w", ms.czObj.Name, err)
	}
	for _, er := range rels {
		for _, r := range er.Relations {
			if strings.EqualFold(r.Name, rel.Relationship) && r.LinkTypeName == "" {
				return r.SourceFieldName, nil
			}
		}
	}
	return "", nil
}

// relatedClarizen reads the related entities changed since the watermark
// whose parent field points at a linked parent and that match the
// condition.
func (p *planner) relatedClarizen(ms, rms *mappingState, rel mapping.RelatedObject, relObj schema.Object,
	parentField string, expr condition.Expr, wm time.Time) ([]Record, error) {
	var conds []czql.Condition
	if expr != nil {
		where, err := condition.CZQL(expr, relObj)
		if err != nil {
			return nil, fmt.Errorf("compile condition of related %s: %w", rel.RelatedEntity, err)
		}
		conds = append(conds, czql.Raw(where))
	}
	if !wm.IsZero() {
		conds = append(conds, czql.Ge(czStampField, wm.Add(-p.overlap)))
	}
	fields := withoutID(uniqueFields(append(append([]string{parentField, czStampField}, czFieldsOf(rms)...),
		conditionFields(rel.Condition)...)...))
	parents := make([]any, 0, len(ms.links))
	for _, l := range ms.links {
		parents = append(parents, l.CZID)
	}
	var out []Record
	for start := 0; start < len(parents); start += czParentChunk {
		chunk := parents[start:min(start+czParentChunk, len(parents))]
		where := czql.And(append([]czql.Condition{czql.In(parentField, chunk...)}, conds...)...)
		statement, err := czql.Select(fields...).From(relObj.Name).Where(where).OrderBy(czStampField, czql.Asc).Build()
		if err != nil {
			return nil, err
		}
		recs, err := p.czQuery(ms.conn, ms.m.ID, relObj.Name, statement)
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}

// referenceValue reads a Clarizen reference value: an id string or an
// object {"id": ...}.
func referenceValue(v any) string {
	switch x := condition.DecodeRaw(v).(type) {
	case string:
		return x
	case map[string]any:
		for k, id := range x {
			if strings.EqualFold(k, "id") {
				s, _ := id.(string)
				return s
			}
		}
	}
	return ""
}
