package mapping

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/schema"
)

// ValidateEvent checks an event against live describes before it can be
// enabled: settings, the triggering object and condition, the target (its
// mapping, or the new Salesforce object with its field values and back
// link) and the related Salesforce objects. mappings are all saved
// mappings.
func ValidateEvent(e Event, d Describer, mappings []Mapping) []Problem {
	v := &validator{owner: "event", id: e.ID, name: e.Name, instance: e.ClarizenInstance, describer: d, mappings: mappings}
	v.eventSettings(e)
	if e.TriggeredBy != schema.Salesforce && e.TriggeredBy != schema.Clarizen {
		return v.problems
	}
	trigger, ok := v.describe(e.TriggeredBy, e.TriggeringObject, where{part: "triggeringObject"})
	if ok && strings.TrimSpace(e.Condition) != "" {
		v.condition(e.Condition, e.TriggeredBy, trigger, where{part: "condition"}, "Condition")
	}
	v.eventTarget(e, trigger, ok)
	if e.TriggeredBy == schema.Clarizen && len(e.RelatedObjects) > 0 {
		v.errorf(where{part: "relatedObjects"}, CodeInvalidSetting, "Remove the related objects, or trigger the event from Salesforce.",
			"related Salesforce objects apply only to events triggered by Salesforce.")
	}
	if e.TriggeredBy == schema.Salesforce && ok {
		for i, r := range e.RelatedObjects {
			v.relatedSalesforceObject(e, i, r, trigger)
		}
	}
	return v.problems
}

func (v *validator) eventSettings(e Event) {
	if strings.TrimSpace(e.ID) == "" {
		v.errorf(where{part: "id"}, CodeInvalidSetting, "Give the event an id.", "the event has no id.")
	}
	if strings.TrimSpace(e.Name) == "" {
		v.errorf(where{part: "name"}, CodeInvalidSetting, "Give the event a name.", "the event has no name.")
	}
	if e.ClarizenInstance != 1 && e.ClarizenInstance != 2 {
		v.errorf(where{part: "clarizenInstance"}, CodeInvalidSetting, "Pick Clarizen instance 1 or 2.",
			"the Clarizen instance is %d.", e.ClarizenInstance)
	}
	v.enum(where{part: "triggeredBy"}, checkEnum("triggered by", e.TriggeredBy, schema.Salesforce, schema.Clarizen))
	allowed := []TargetKind{EntityMapping, CreateAndSynchronize}
	if e.TriggeredBy == schema.Clarizen {
		allowed = []TargetKind{SalesforceMapping}
	}
	v.enum(where{part: "target"}, checkEnum("target for an event triggered by "+sideName(e.TriggeredBy), e.Target.Kind, allowed...))
}

func (v *validator) eventTarget(e Event, trigger schema.Object, triggerOK bool) {
	at := where{part: "target"}
	switch e.Target.Kind {
	case EntityMapping:
		if m, ok := v.mapping(e.Target.MappingID, at, "target mapping"); ok {
			v.sameMapping(m, e.ClarizenInstance, schema.Salesforce, e.TriggeringObject, at)
		}
	case SalesforceMapping:
		if m, ok := v.mapping(e.Target.MappingID, at, "target mapping"); ok {
			v.sameMapping(m, e.ClarizenInstance, schema.Clarizen, e.TriggeringObject, at)
		}
	case CreateAndSynchronize:
		if e.Target.NewObject == nil {
			v.errorf(at, CodeInvalidSetting, "Pick the Salesforce object to create.", "the target creates a new object but names none.")
			return
		}
		v.newObject(e, *e.Target.NewObject, trigger, triggerOK)
	}
}

// sameMapping checks that a mapping maps the event's triggering object on
// the triggering side, on the event's Clarizen instance.
func (v *validator) sameMapping(m Mapping, instance int, side schema.Side, object string, at where) {
	mapped := m.SalesforceObject
	if side == schema.Clarizen {
		mapped = m.ClarizenEntity
	}
	if strings.EqualFold(mapped, object) && m.ClarizenInstance == instance {
		return
	}
	v.errorf(at, CodeMappingMismatch, fmt.Sprintf("Pick a mapping of %s %s on Clarizen instance %d.", sideName(side), object, instance),
		"the event is triggered by %s %s, but mapping %q maps %s %s on Clarizen instance %d.",
		sideName(side), object, m.Name, sideName(side), mapped, m.ClarizenInstance)
}

// newObject checks a create-new-object-and-synchronize target.
func (v *validator) newObject(e Event, n NewObject, trigger schema.Object, triggerOK bool) {
	at := where{part: "target.newObject"}
	obj, ok := v.describe(schema.Salesforce, n.SalesforceObject, at)
	if m, mok := v.mapping(n.MappingID, at, "mapping that syncs the new object"); mok {
		v.sameMapping(m, e.ClarizenInstance, schema.Salesforce, n.SalesforceObject, at)
	}
	if !ok {
		return
	}
	if !obj.Createable {
		v.errorf(where{side: schema.Salesforce, object: obj.Name, part: at.part}, CodeNotCreateable,
			"Pick an object Liaison's user can create, or grant create permission.", "%s records cannot be created.", obj.Name)
	}
	if link, lok := v.field(schema.Salesforce, obj, n.SourceLinkField, at, "field that links back to the source"); lok &&
		(link.Kind != schema.KindReference || !containsFold(link.ReferenceTo, e.TriggeringObject)) {
		v.errorf(where{side: schema.Salesforce, object: obj.Name, field: link.Name, part: at.part}, CodeIncompatibleTypes,
			"Pick the field of "+obj.Name+" that references "+e.TriggeringObject+".",
			"%s.%s does not reference %s.", obj.Name, link.Name, e.TriggeringObject)
	}
	for i, fv := range n.Values {
		v.fieldValue(i, fv, obj, trigger, triggerOK)
	}
	v.newObjectRequired(n, obj)
}

// newObjectRequired reports each required field of the new object that
// neither a value (a constant or a source field) nor the link back to the
// source sets, since Salesforce rejects the create without it.
func (v *validator) newObjectRequired(n NewObject, obj schema.Object) {
	set := map[string]bool{strings.ToLower(n.SourceLinkField): true}
	for _, fv := range n.Values {
		set[strings.ToLower(fv.Field)] = true
	}
	for _, f := range obj.Fields {
		if !f.Required || !f.Writable(true) || set[strings.ToLower(f.Name)] {
			continue
		}
		v.errorf(where{side: schema.Salesforce, object: obj.Name, field: f.Name, part: "target.newObject"}, CodeRequiredOnCreate,
			fmt.Sprintf("Add a value for %s: a constant or a field of the triggering record.", f.Name),
			"%s.%s is required to create %s records, but the event sets no value for it.", obj.Name, f.Name, obj.Name)
	}
}

// fieldValue checks one field value of a new object: the field exists and
// can be set on create, and its constant or source field fits.
func (v *validator) fieldValue(i int, fv FieldValue, obj, trigger schema.Object, triggerOK bool) {
	at := where{part: fmt.Sprintf("target.newObject.values[%d]", i)}
	f, ok := v.field(schema.Salesforce, obj, fv.Field, at, "field to set")
	v.enum(at, checkEnum("value source", fv.Source, Constant, SourceField))
	if !ok {
		return
	}
	fieldAt := where{side: schema.Salesforce, object: obj.Name, field: f.Name, part: at.part}
	if !f.Writable(true) {
		v.errorf(fieldAt, CodeReadOnlyField, "Set a field that can be written on create.", "%s.%s cannot be set on create.", obj.Name, f.Name)
	}
	switch fv.Source {
	case Constant:
		if _, err := ParseConstant(schema.Salesforce, f, fv.Value); err != nil {
			v.errorf(fieldAt, CodeInvalidConstant, "Enter a value that fits "+condKind(f)+".", "%s.", upperFirst(err.Error()))
			return
		}
		if f.Kind == schema.KindPicklist && f.RestrictedPicklist && len(f.Picklist) > 0 && !hasValueFold(f, fv.Value) {
			v.errorf(fieldAt, CodeInvalidConstant, "Use one of the values of "+f.Name+".",
				"%s.%s has no picklist value %q.", obj.Name, f.Name, fv.Value)
		}
	case SourceField:
		if !triggerOK {
			return
		}
		src, ok := v.path(schema.Salesforce, trigger, fv.Value, at, "source field")
		if ok && !Compatible(src.Kind, f.Kind) {
			v.errorf(fieldAt, CodeIncompatibleTypes, "Pick a source field of a compatible type.",
				"%s (%s) cannot be written into %s.%s (%s).", fv.Value, src.Kind, obj.Name, f.Name, f.Kind)
		}
	}
}

// relatedSalesforceObject checks one related Salesforce object of an event.
func (v *validator) relatedSalesforceObject(e Event, i int, r RelatedSalesforceObject, trigger schema.Object) {
	at := where{part: fmt.Sprintf("relatedObjects[%d]", i)}
	if strings.TrimSpace(r.Relationship) == "" {
		v.errorf(at, CodeInvalidSetting, "Pick the relationship, such as OpportunityLineItems.", "related object %d names no relationship.", i+1)
	}
	obj, ok := v.describe(schema.Salesforce, r.Object, at)
	if ok {
		if f, fok := v.field(schema.Salesforce, obj, r.ParentField, at, "field that points at the "+trigger.Name); fok &&
			(f.Kind != schema.KindReference || !containsFold(f.ReferenceTo, trigger.Name)) {
			v.errorf(where{side: schema.Salesforce, object: obj.Name, field: f.Name, part: at.part}, CodeIncompatibleTypes,
				"Pick the field of "+obj.Name+" that references "+trigger.Name+".",
				"%s.%s does not reference %s.", obj.Name, f.Name, trigger.Name)
		}
		if r.Condition != "" {
			v.condition(r.Condition, schema.Salesforce, obj, at, fmt.Sprintf("Related object %d condition", i+1))
		}
	}
	if m, mok := v.mapping(r.MappingID, at, "mapping of the related records"); mok {
		v.sameMapping(m, e.ClarizenInstance, schema.Salesforce, r.Object, at)
	}
}
