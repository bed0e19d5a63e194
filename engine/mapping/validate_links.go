package mapping

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/schema"
)

// link checks one "create Clarizen link" entry.
func (v *validator) link(m Mapping, i int, l ClarizenLink, sf schema.Object) {
	at := where{part: fmt.Sprintf("links[%d]", i)}
	v.enum(at, checkEnum("link method", l.Method, BySourceField, ByIdentifiedBy))
	if linkObj, ok := v.describe(schema.Clarizen, l.LinkEntity, at); ok {
		v.field(schema.Clarizen, linkObj, l.EntityField, at, "link field that holds the "+m.ClarizenEntity)
		v.field(schema.Clarizen, linkObj, l.LinkedField, at, "link field that holds the "+l.LinkedEntity)
	}
	linked, linkedOK := v.describe(schema.Clarizen, l.LinkedEntity, at)
	switch l.Method {
	case BySourceField:
		v.linkBySourceField(m, l, sf, at)
	case ByIdentifiedBy:
		if len(l.IdentifiedBy) == 0 {
			v.errorf(at, CodeInvalidSetting, "Add at least one criterion.", "link %d identifies the %s by no criteria.", i+1, l.LinkedEntity)
		}
		if linkedOK {
			v.criteria(l, sf, linked, at)
		}
	}
}

func (v *validator) linkBySourceField(m Mapping, l ClarizenLink, sf schema.Object, at where) {
	if f, ok := v.path(schema.Salesforce, sf, l.SourceField, at, "link source field"); ok &&
		f.Kind != schema.KindReference && f.Kind != schema.KindID {
		v.errorf(where{side: schema.Salesforce, object: sf.Name, field: l.SourceField, part: at.part}, CodeIncompatibleTypes,
			"Pick a field that references the record to link to, such as an AccountId.",
			"the link source field %s is %s, not a reference.", l.SourceField, f.Kind)
	}
	ref, ok := v.mapping(l.MappingID, at, "mapping of the linked type")
	if !ok {
		return
	}
	if !strings.EqualFold(ref.ClarizenEntity, l.LinkedEntity) || ref.ClarizenInstance != m.ClarizenInstance {
		v.errorf(at, CodeMappingMismatch, "Pick the mapping whose Clarizen entity is "+l.LinkedEntity+".",
			"the link goes to %s, but mapping %q maps %s on Clarizen instance %d.",
			l.LinkedEntity, ref.Name, ref.ClarizenEntity, ref.ClarizenInstance)
	}
}

// criteria checks identified-by criteria: fields of the linked entity,
// constants that fit them, source fields that exist.
func (v *validator) criteria(l ClarizenLink, sf, linked schema.Object, at where) {
	for _, c := range l.IdentifiedBy {
		f, ok := v.field(schema.Clarizen, linked, c.Field, at, "identified-by field")
		v.enum(at, checkEnum("criterion value type", c.ValueType, Constant, SourceField))
		if !ok {
			continue
		}
		switch c.ValueType {
		case Constant:
			if _, err := ParseConstant(schema.Clarizen, f, c.Value); err != nil {
				v.errorf(where{side: schema.Clarizen, object: linked.Name, field: f.Name, part: at.part}, CodeInvalidConstant,
					"Enter a value that fits "+condKind(f)+".", "%s.", upperFirst(err.Error()))
			}
		case SourceField:
			v.path(schema.Salesforce, sf, c.Value, at, "identified-by source field")
		}
	}
}

// relatedObject checks one "map related Clarizen objects" entry.
func (v *validator) relatedObject(m Mapping, i int, r RelatedObject) {
	at := where{part: fmt.Sprintf("relatedObjects[%d]", i)}
	if strings.TrimSpace(r.Relationship) == "" {
		v.errorf(at, CodeInvalidSetting, "Pick the relationship type.", "related object %d names no relationship.", i+1)
	}
	rel, relOK := v.describe(schema.Clarizen, r.RelatedEntity, at)
	if relOK && r.Condition != "" {
		v.condition(r.Condition, schema.Clarizen, rel, at, fmt.Sprintf("Related object %d condition", i+1))
	}
	if sfObj, ok := v.describe(schema.Salesforce, r.SalesforceObject, at); ok {
		if f, ok := v.field(schema.Salesforce, sfObj, r.ParentLinkField, at, "parent link field"); ok &&
			(f.Kind != schema.KindReference || !containsFold(f.ReferenceTo, m.SalesforceObject)) {
			v.errorf(where{side: schema.Salesforce, object: sfObj.Name, field: f.Name, part: at.part}, CodeIncompatibleTypes,
				"Pick the field of "+sfObj.Name+" that references "+m.SalesforceObject+".",
				"%s.%s does not reference %s.", sfObj.Name, f.Name, m.SalesforceObject)
		}
	}
	if ref, ok := v.mapping(r.MappingID, at, "mapping of the related objects"); ok {
		if !strings.EqualFold(ref.ClarizenEntity, r.RelatedEntity) || !strings.EqualFold(ref.SalesforceObject, r.SalesforceObject) ||
			ref.ClarizenInstance != m.ClarizenInstance {
			v.errorf(at, CodeMappingMismatch, fmt.Sprintf("Pick a mapping between %s and %s.", r.RelatedEntity, r.SalesforceObject),
				"related object %d maps %s to %s, but mapping %q maps %s to %s.",
				i+1, r.RelatedEntity, r.SalesforceObject, ref.Name, ref.ClarizenEntity, ref.SalesforceObject)
		}
	}
}

func condKind(f schema.Field) string {
	return f.Name + ", " + kindPhrase(f.Kind)
}
