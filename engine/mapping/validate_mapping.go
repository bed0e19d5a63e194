package mapping

import (
	"fmt"
	"slices"
	"strings"

	"github.com/liaison-sync/liaison/engine/schema"
)

// ValidateMapping checks a mapping against live describes of both sides
// before it can be enabled. It checks settings, objects, key fields, field
// maps, template rules, Clarizen links, related objects and social sync.
// For field maps that means existence, type compatibility, writability per
// direction and event type, picklist counterparts and lengths. mappings are
// all saved mappings, for the mappings that references, links and related
// objects go through. Disabled field maps are not checked, because they
// never run.
func ValidateMapping(m Mapping, d Describer, mappings []Mapping) []Problem {
	v := &validator{owner: "mapping", id: m.ID, name: m.Name, instance: m.ClarizenInstance, describer: d, mappings: mappings}
	v.mappingSettings(m)
	sf, sfOK := v.describe(schema.Salesforce, m.SalesforceObject, where{part: "salesforceObject"})
	cz, czOK := v.describe(schema.Clarizen, m.ClarizenEntity, where{part: "clarizenEntity"})
	if sfOK {
		v.keyField(schema.Salesforce, sf, m.SalesforceKeyField)
	}
	if czOK {
		v.keyField(schema.Clarizen, cz, m.ClarizenKeyField)
	}
	if sfOK && czOK {
		for _, fm := range m.FieldMaps {
			if fm.Enabled {
				v.fieldMap(m, fm, sf, cz)
			}
		}
		v.requiredOnCreate(m, sf, cz)
	}
	v.templateRules(m, sf, sfOK, cz, czOK)
	if sfOK && czOK {
		for i, l := range m.Links {
			v.link(m, i, l, sf)
		}
	}
	if sfOK {
		for i, r := range m.RelatedObjects {
			v.relatedObject(m, i, r)
		}
	}
	if m.SocialSync {
		v.socialSync(sf, sfOK, cz, czOK)
	}
	return v.problems
}

func (v *validator) mappingSettings(m Mapping) {
	if strings.TrimSpace(m.ID) == "" {
		v.errorf(where{part: "id"}, CodeInvalidSetting, "Give the mapping an id.", "the mapping has no id.")
	}
	if strings.TrimSpace(m.Name) == "" {
		v.errorf(where{part: "name"}, CodeInvalidSetting, "Give the mapping a name.", "the mapping has no name.")
	}
	if m.ClarizenInstance != 1 && m.ClarizenInstance != 2 {
		v.errorf(where{part: "clarizenInstance"}, CodeInvalidSetting, "Pick Clarizen instance 1 or 2.",
			"the Clarizen instance is %d.", m.ClarizenInstance)
	}
	v.enum(where{part: "createPolicy"}, checkEnum("create policy", m.CreatePolicy, CreateMissing, LeaveEmpty))
	v.enum(where{part: "deletePolicy"}, checkEnum("delete policy", m.DeletePolicy, DeleteCounterpart, RetainCounterpart))
	v.enum(where{part: "conflictRule"}, checkEnum("conflict rule", m.ConflictRule, NewestWins, SalesforceWins, ClarizenWins))
	seen := map[string]bool{}
	for _, fm := range m.FieldMaps {
		at := where{fieldMapID: fm.ID, part: "fieldMaps"}
		switch {
		case fm.ID == "":
			v.errorf(at, CodeInvalidSetting, "Give every field map an id.", "a field map (%s, %s) has no id.", fm.SalesforceField, fm.ClarizenField)
		case seen[fm.ID]:
			v.errorf(at, CodeDuplicateID, "Give every field map its own id.", "two field maps have the id %s.", fm.ID)
		}
		seen[fm.ID] = true
		v.enum(at, checkEnum("direction", fm.Direction, ToClarizen, FromClarizen))
		v.enum(at, checkEnum("event type", fm.EventType, CreateOnly, SyncOnly, CreateAndSync))
	}
}

func (v *validator) keyField(side schema.Side, obj schema.Object, name string) {
	at := where{side: side, object: obj.Name, field: name, part: strings.ToLower(sideName(side)) + "KeyField"}
	if name == "" {
		v.errorf(at, CodeMissingKeyField, "Pick the field that identifies a "+obj.Name+" record, such as an external id.",
			"the %s key field is not set.", sideName(side))
		return
	}
	if _, ok := obj.Field(name); !ok {
		v.errorf(at, CodeMissingKeyField, "Pick an existing field of "+obj.Name+" as the key field.",
			"the %s key field %s does not exist on %s.", sideName(side), name, obj.Name)
	}
}

// fieldMap checks one enabled field map.
func (v *validator) fieldMap(m Mapping, fm FieldMap, sf, cz schema.Object) {
	at := where{fieldMapID: fm.ID}
	sfField, okSF := v.field(schema.Salesforce, sf, fm.SalesforceField, at, "Salesforce field")
	czField, okCZ := v.field(schema.Clarizen, cz, fm.ClarizenField, at, "Clarizen field")
	if !okSF || !okCZ || (fm.Direction != ToClarizen && fm.Direction != FromClarizen) {
		return
	}
	src, dst := sfField, czField
	srcObj, dstObj := sf, cz
	if fm.Direction == FromClarizen {
		src, dst = czField, sfField
		srcObj, dstObj = cz, sf
	}
	target := where{side: fm.Direction.Target(), object: dstObj.Name, field: dst.Name, fieldMapID: fm.ID}
	comp, ok := CompatibilityOf(src.Kind, dst.Kind)
	if !ok {
		v.errorf(target, CodeIncompatibleTypes, "Map "+src.Name+" to a field of a compatible type; the field list offers only those.",
			"%s.%s (%s) cannot be written into %s.%s (%s).", srcObj.Name, src.Name, src.Kind, dstObj.Name, dst.Name, dst.Kind)
		return
	}
	if comp.NeedsMapping {
		v.referenceMapping(m, fm, sfField, czField, target)
	}
	v.writable(fm, dst, dstObj, target)
	if isText(dst.Kind) && dst.Length > 0 && !fm.Truncate && (src.Length == 0 || src.Length > dst.Length) {
		v.warnf(target, CodeTargetShorter, "Turn on truncate for this field map, or accept that longer values fail.",
			"%s holds at most %s, so longer values of %s fail.", dst.Name, characters(dst.Length), src.Name)
	}
	if (src.Kind == schema.KindPicklist || src.Kind == schema.KindMultiPicklist) &&
		(dst.Kind == schema.KindPicklist || dst.Kind == schema.KindMultiPicklist) {
		v.picklistCounterparts(fm, src, dst, target)
	}
}

func isText(k schema.Kind) bool {
	switch k {
	case schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL:
		return true
	}
	return false
}

// writable checks that the target field accepts writes when the map runs:
// on create, on update, or both.
func (v *validator) writable(fm FieldMap, dst schema.Field, dstObj schema.Object, at where) {
	var missing []string
	if fm.EventType != SyncOnly && !dst.Writable(true) {
		missing = append(missing, "on create")
	}
	if fm.EventType != CreateOnly && !dst.Writable(false) {
		missing = append(missing, "on update")
	}
	if len(missing) == 0 {
		return
	}
	kind := "read-only"
	if dst.Calculated {
		kind = "a formula or roll-up field"
	}
	fix := "Map a writable field, or reverse the map's direction."
	if len(missing) == 1 && missing[0] == "on update" {
		fix = "Make the map create only, or map a field that can be updated."
	} else if len(missing) == 1 {
		fix = "Make the map sync only, or map a field that can be set on create."
	}
	v.errorf(at, CodeReadOnlyField, fix, "%s.%s is %s and cannot be written %s.", dstObj.Name, dst.Name, kind, strings.Join(missing, " or "))
}

// referenceMapping checks that a mapping connects the types two reference
// fields point at.
func (v *validator) referenceMapping(m Mapping, fm FieldMap, sfField, czField schema.Field, at where) {
	for _, other := range v.mappings {
		if other.ClarizenInstance != m.ClarizenInstance {
			continue
		}
		if containsFold(sfField.ReferenceTo, other.SalesforceObject) && containsFold(czField.ReferenceTo, other.ClarizenEntity) {
			return
		}
	}
	v.errorf(at, CodeNoReferenceMapping,
		fmt.Sprintf("Create a mapping between %s and %s first.", strings.Join(sfField.ReferenceTo, "/"), strings.Join(czField.ReferenceTo, "/")),
		"%s references %s and %s references %s, but no mapping connects them, so references cannot be resolved.",
		sfField.Name, strings.Join(sfField.ReferenceTo, "/"), czField.Name, strings.Join(czField.ReferenceTo, "/"))
}

// picklistCounterparts checks that every source picklist value has a value
// on the target: the same value, or one given by the value map.
func (v *validator) picklistCounterparts(fm FieldMap, src, dst schema.Field, at where) {
	if len(dst.Picklist) == 0 {
		return
	}
	conv := Conversion{Map: fm}
	var missing []string
	for _, p := range src.Picklist {
		if !p.Active {
			continue
		}
		if !hasValueFold(dst, conv.mapValue(p.Value)) {
			missing = append(missing, p.Value)
		}
	}
	for from, to := range fm.ValueMap {
		if !hasValueFold(dst, to) && !contains(missing, from) {
			missing = append(missing, from)
		}
	}
	if len(missing) == 0 {
		return
	}
	slices.Sort(missing)
	msg := fmt.Sprintf("%s has no counterpart for the %s value(s) %s.", dst.Name, src.Name, quoteList(missing))
	fix := "Add the values to the field map's value map, each mapped to a value of " + dst.Name + "."
	if dst.RestrictedPicklist {
		v.errorf(at, CodeNoPicklistCounterpart, fix, "%s", msg)
		return
	}
	v.warnf(at, CodeNoPicklistCounterpart, fix, "%s The target is not restricted, so they are written as they are.", msg)
}

func (v *validator) templateRules(m Mapping, sf schema.Object, sfOK bool, cz schema.Object, czOK bool) {
	if len(m.TemplateRules) == 0 {
		return
	}
	if czOK && !cz.Templatable {
		v.errorf(where{side: schema.Clarizen, object: cz.Name, part: "templateRules"}, CodeNotTemplatable,
			"Remove the template rules, or map a templatable entity such as Project or Milestone.",
			"%s cannot be created from a template, so template rules do not apply.", cz.Name)
	}
	for i, r := range m.TemplateRules {
		at := where{part: fmt.Sprintf("templateRules[%d]", i)}
		if strings.TrimSpace(r.Template) == "" {
			v.errorf(at, CodeInvalidSetting, "Pick the template the rule chooses.", "template rule %d names no template.", i+1)
		}
		v.enum(at, checkEnum("template rule logic", r.Logic, All, Any))
		if !sfOK {
			continue
		}
		for j, c := range r.Criteria {
			v.condition(c, schema.Salesforce, sf, at, fmt.Sprintf("Template rule %d, criterion %d", i+1, j+1))
		}
	}
	v.unreachableRules(m.TemplateRules)
}

// unreachableRules warns about the rules after the first rule without
// criteria. That rule matches every record, so the first-match choice
// never reaches them.
func (v *validator) unreachableRules(rules []TemplateRule) {
	for i, r := range rules {
		if len(r.Criteria) > 0 {
			continue
		}
		for j := i + 1; j < len(rules); j++ {
			v.warnf(where{part: fmt.Sprintf("templateRules[%d]", j)}, CodeUnreachableRule,
				fmt.Sprintf("Move rule %d above rule %d, or give rule %d criteria.", j+1, i+1, i+1),
				"template rule %d can never match, because rule %d has no criteria and matches every record first.", j+1, i+1)
		}
		return
	}
}

func (v *validator) socialSync(sf schema.Object, sfOK bool, cz schema.Object, czOK bool) {
	if sfOK && !sf.FeedEnabled {
		v.warnf(where{side: schema.Salesforce, object: sf.Name, part: "socialSync"}, CodeNoFeed,
			"Turn on feed tracking for "+sf.Name+" in Salesforce, or turn social sync off.",
			"%s has no Chatter feed, so there are no posts to sync.", sf.Name)
	}
	if czOK && !cz.FeedEnabled {
		v.warnf(where{side: schema.Clarizen, object: cz.Name, part: "socialSync"}, CodeNoFeed,
			"Turn social sync off for this mapping.",
			"%s has no discussions, so there are no posts to sync.", cz.Name)
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

// quoteList writes values as "a", "b" and "c" for messages.
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, s := range values {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// characters writes a text length with its noun: "1 character", "80
// characters".
func characters(n int) string {
	if n == 1 {
		return "1 character"
	}
	return fmt.Sprintf("%d characters", n)
}
