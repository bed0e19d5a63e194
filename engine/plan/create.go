package plan

import (
	"errors"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// CreateInput is a source record whose counterpart is to be created.
type CreateInput struct {
	Mapping mapping.Mapping
	// Direction is ToClarizen to create the Clarizen object of a
	// Salesforce record, FromClarizen for the reverse.
	Direction        mapping.Direction
	Source           Record
	SalesforceObject schema.Object
	ClarizenObject   schema.Object
	// Mappings are all mappings, for the referenced types of Clarizen
	// links. They are needed only when the mapping has links.
	Mappings []mapping.Mapping
	// Describer supplies the linked entities' describes, so that
	// identified-by constants become literals of the right type. Without
	// it they are compared as text.
	Describer mapping.Describer
	Currency  string
	Resolver  mapping.Resolver
}

// CreatePlan is the plan of one create: the new record's values, template,
// prerequisites and links.
type CreatePlan struct {
	MappingID string      `json:"mappingId"`
	Side      schema.Side `json:"side"`
	Object    string      `json:"object"`
	// Values are the new record's fields from the create maps in the
	// create's direction, in field map order.
	Values []FieldChange `json:"values"`
	// Template is the Clarizen template chosen by the template rules, empty
	// for none.
	Template string `json:"template,omitempty"`
	// Pending lists, in order, the referenced records whose counterparts
	// must be created before this record: the engine creates them, then
	// plans this create again.
	Pending []Pending `json:"pending,omitempty"`
	// Links are the Clarizen links to make once the Clarizen object exists.
	Links []LinkPlan `json:"links,omitempty"`
	// Backfill lists the create maps in the other direction (such as a
	// Clarizen SYSID written back to Salesforce), to run once the new
	// record can be read.
	Backfill []string    `json:"backfill,omitempty"`
	Errors   []MapError  `json:"errors,omitempty"`
	Warnings []MapNotice `json:"warnings,omitempty"`
}

// LinkPlan is one Clarizen link to make after create.
type LinkPlan struct {
	LinkID       string `json:"linkId"`
	LinkEntity   string `json:"linkEntity"`
	EntityField  string `json:"entityField"`
	LinkedField  string `json:"linkedField"`
	LinkedEntity string `json:"linkedEntity"`
	// LinkedID is the Clarizen object to link to, when the source-field
	// method found it.
	LinkedID string `json:"linkedId,omitempty"`
	// Where is the condition that finds the object to link to under the
	// identified-by method. Compile it with condition.CZQL or
	// condition.EntityQuery.
	Where condition.Expr `json:"-"`
	// WhereText is Where in the condition language, for previews.
	WhereText string `json:"where,omitempty"`
}

// PlanCreate plans the counterpart of a source record: the values of the
// create maps in the create's direction, the template (Clarizen creates
// only), the references to create first, and the Clarizen links.
func PlanCreate(in CreateInput) (CreatePlan, error) {
	if in.Direction != mapping.ToClarizen && in.Direction != mapping.FromClarizen {
		return CreatePlan{}, fmt.Errorf("plan create under mapping %s: invalid direction %q", in.Mapping.ID, in.Direction)
	}
	target := in.Direction.Target()
	p := CreatePlan{MappingID: in.Mapping.ID, Side: target, Object: in.Mapping.SalesforceObject}
	if target == schema.Clarizen {
		p.Object = in.Mapping.ClarizenEntity
	}
	srcObj, dstObj := in.SalesforceObject, in.ClarizenObject
	if in.Direction == mapping.FromClarizen {
		srcObj, dstObj = dstObj, srcObj
	}
	for _, fm := range in.Mapping.FieldMaps {
		if !fm.AppliesOnCreate() {
			continue
		}
		if fm.Direction != in.Direction {
			p.Backfill = append(p.Backfill, fm.ID)
			continue
		}
		if err := p.addValue(in, fm, srcObj, dstObj); err != nil {
			return CreatePlan{}, fmt.Errorf("plan create of %s under mapping %s: %w", in.Source.ID, in.Mapping.ID, err)
		}
	}
	if target != schema.Clarizen {
		return p, nil
	}
	template, _, err := ChooseTemplate(in.Mapping, in.Source.Values, in.SalesforceObject)
	if err != nil {
		return CreatePlan{}, err
	}
	p.Template = template
	for _, l := range in.Mapping.Links {
		if err := p.addLink(in, l); err != nil {
			return CreatePlan{}, fmt.Errorf("plan create of %s under mapping %s: %w", in.Source.ID, in.Mapping.ID, err)
		}
	}
	return p, nil
}

func (p *CreatePlan) addValue(in CreateInput, fm mapping.FieldMap, srcObj, dstObj schema.Object) error {
	srcField, okSrc := srcObj.Field(fm.SourceField())
	dstField, okDst := dstObj.Field(fm.TargetField())
	if !okSrc || !okDst {
		err := fmt.Errorf("field map %s: %s or %s is missing from the describe; validate the mapping", fm.ID, fm.SourceField(), fm.TargetField())
		p.Errors = append(p.Errors, MapError{FieldMapID: fm.ID, Err: err, Message: err.Error()})
		return nil
	}
	conv := mapping.Conversion{Map: fm, Source: srcField, Target: dstField, Currency: in.Currency, Resolver: in.Resolver}
	res, err := conv.Convert(lookup(in.Source.Values, fm.SourceField()))
	var ce *mapping.ConversionError
	switch {
	case errors.As(err, &ce):
		p.Errors = append(p.Errors, MapError{FieldMapID: fm.ID, Err: err, Message: err.Error()})
		return nil
	case err != nil:
		return err
	}
	if res.Warning != "" {
		p.Warnings = append(p.Warnings, MapNotice{FieldMapID: fm.ID, Message: res.Warning})
	}
	if res.Pending != nil {
		p.Pending = append(p.Pending, Pending{FieldMapID: fm.ID, Field: fm.TargetField(), Reference: *res.Pending})
		return nil
	}
	for _, v := range p.Values {
		if strings.EqualFold(v.Field, fm.TargetField()) {
			p.Warnings = append(p.Warnings, MapNotice{FieldMapID: fm.ID,
				Message: fmt.Sprintf("%s is already set by field map %s, so field map %s is ignored", v.Field, v.FieldMapID, fm.ID)})
			return nil
		}
	}
	p.Values = append(p.Values, FieldChange{
		Field: fm.TargetField(), FieldMapID: fm.ID, SourceField: fm.SourceField(), After: res.Value, Currency: res.Currency,
	})
	return nil
}

// addLink plans one Clarizen link. A source-field link resolves the
// referenced record through the resolver: found links now, "create" adds a
// pending reference, "empty" skips the link with a warning.
func (p *CreatePlan) addLink(in CreateInput, l mapping.ClarizenLink) error {
	lp := LinkPlan{LinkID: l.ID, LinkEntity: l.LinkEntity, EntityField: l.EntityField, LinkedField: l.LinkedField, LinkedEntity: l.LinkedEntity}
	switch l.Method {
	case mapping.BySourceField:
		return p.addSourceFieldLink(in, l, lp)
	case mapping.ByIdentifiedBy:
		linked, ok := schema.Object{}, false
		if in.Describer != nil {
			linked, ok = in.Describer.DescribeClarizen(in.Mapping.ClarizenInstance, l.LinkedEntity)
		}
		if !ok {
			linked = schema.Object{Name: l.LinkedEntity}
			for _, f := range l.IdentifiedBy {
				linked.Fields = append(linked.Fields, schema.Field{Name: f.Field, Kind: schema.KindString})
			}
		}
		e, err := l.IdentifiedByCondition(in.Source.Values, linked)
		if err != nil {
			p.Warnings = append(p.Warnings, MapNotice{Message: fmt.Sprintf("link %s skipped: %v", l.ID, err)})
			return nil
		}
		lp.Where, lp.WhereText = e, e.String()
		p.Links = append(p.Links, lp)
		return nil
	}
	return fmt.Errorf("link %s: invalid method %q", l.ID, l.Method)
}

func (p *CreatePlan) addSourceFieldLink(in CreateInput, l mapping.ClarizenLink, lp LinkPlan) error {
	var refMapping *mapping.Mapping
	for i := range in.Mappings {
		if in.Mappings[i].ID == l.MappingID {
			refMapping = &in.Mappings[i]
		}
	}
	if refMapping == nil {
		return fmt.Errorf("link %s: mapping %s of the linked type is not among the mappings given", l.ID, l.MappingID)
	}
	id, _ := condition.DecodeRaw(condition.Lookup(in.Source.Values, l.SourceField)).(string)
	if id == "" {
		p.Warnings = append(p.Warnings, MapNotice{Message: fmt.Sprintf("link %s skipped: source field %s is empty", l.ID, l.SourceField)})
		return nil
	}
	if in.Resolver == nil {
		return fmt.Errorf("link %s: no resolver was given", l.ID)
	}
	ref := mapping.Reference{Side: schema.Salesforce, Object: refMapping.SalesforceObject, ID: id}
	res, err := in.Resolver.Resolve(ref)
	if err != nil {
		return fmt.Errorf("link %s: resolve %s %s: %w", l.ID, ref.Object, id, err)
	}
	switch res.Action {
	case mapping.Found:
		lp.LinkedID = res.ID
		p.Links = append(p.Links, lp)
	case mapping.CreateCounterpart:
		p.Pending = append(p.Pending, Pending{Field: l.ID, Reference: ref})
	case mapping.LeaveReferenceEmpty:
		p.Warnings = append(p.Warnings, MapNotice{Message: fmt.Sprintf("link %s skipped: %s %s has no %s counterpart (create policy: leave empty)",
			l.ID, ref.Object, id, l.LinkedEntity)})
	default:
		return fmt.Errorf("link %s: the resolver returned the unknown action %q", l.ID, res.Action)
	}
	return nil
}

// ChooseTemplate returns the template of the first rule whose criteria
// match the Salesforce record: all of them for logic "and", any for "or".
// A rule without criteria matches every record. ok is false when no rule
// matches.
func ChooseTemplate(m mapping.Mapping, sfValues map[string]any, sfObject schema.Object) (template string, ok bool, err error) {
	for i, r := range m.TemplateRules {
		match, err := ruleMatches(r, sfValues, sfObject)
		if err != nil {
			return "", false, fmt.Errorf("choose template for mapping %s: rule %d (%s): %w", m.ID, i+1, r.Template, err)
		}
		if match {
			return r.Template, true, nil
		}
	}
	return "", false, nil
}

func ruleMatches(r mapping.TemplateRule, values map[string]any, obj schema.Object) (bool, error) {
	if len(r.Criteria) == 0 {
		return true, nil
	}
	for _, text := range r.Criteria {
		e, err := condition.Parse(text)
		if err != nil {
			return false, err
		}
		ok, err := condition.Eval(e, values, obj)
		if err != nil {
			return false, err
		}
		if r.Logic == mapping.Any && ok {
			return true, nil
		}
		if r.Logic != mapping.Any && !ok {
			return false, nil
		}
	}
	return r.Logic != mapping.Any, nil
}
