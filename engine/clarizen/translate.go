package clarizen

import (
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
	"github.com/liaison-sync/liaison/engine/schema"
)

// templatableTypes are the entity types createFromTemplate works on.
var templatableTypes = map[string]bool{"project": true, "milestone": true}

// knownPicklistTypes are standard picklist types, used to class an Entity
// field whose description has no presentationType.
//
// NOTE: real describe responses carry presentationType on every field seen;
// this list is only a fallback and is not complete.
var knownPicklistTypes = map[string]bool{
	"state": true, "phase": true, "trackstatus": true, "importance": true,
	"projecttype": true, "posttype": true, "poststate": true, "casestate": true,
	"replymarkedtype": true, "severity": true, "workpolicy": true,
	"schedulingtype": true, "commitlevel": true,
}

// translateObject turns a describeMetadata response into a schema.Object.
// picklists holds the values of the picklist types its fields refer to.
func translateObject(desc api.EntityDescription, picklists map[string][]api.PickupDescription) schema.Object {
	obj := schema.Object{
		Name:        desc.TypeName,
		Label:       desc.Label,
		Custom:      strings.HasPrefix(desc.TypeName, "C_"),
		Templatable: templatableTypes[strings.ToLower(desc.TypeName)],
		Createable:  !desc.Disabled,
		Updateable:  !desc.Disabled,
		Deletable:   !desc.Disabled,
	}
	for _, r := range desc.Relations {
		if strings.EqualFold(r.Name, "Discussions") {
			obj.FeedEnabled = true
		}
	}
	// Entities have no "id" field in describe responses, but every entity
	// has an id, and mappings may key on it.
	obj.Fields = append(obj.Fields, schema.Field{Name: "id", Label: "Id", Kind: schema.KindID, NativeType: "id", Unique: true})
	for _, f := range desc.Fields {
		obj.Fields = append(obj.Fields, translateField(f, picklists))
	}
	return obj
}

// translateField turns one field description into a schema.Field. A
// createOnly field is createable but not updateable; a field that is
// neither createOnly nor updateable, or calculated, is read-only.
func translateField(f api.FieldDescription, picklists map[string][]api.PickupDescription) schema.Field {
	kind := fieldKind(f)
	writable := !f.Calculated && (f.CreateOnly || f.Updateable)
	field := schema.Field{
		Name:       f.Name,
		Label:      f.Label,
		Kind:       kind,
		NativeType: f.Type,
		Createable: writable,
		Updateable: writable && f.Updateable && !f.CreateOnly,
		Nillable:   f.Nullable,
		Calculated: f.Calculated,
		ExternalID: strings.EqualFold(f.Name, "ExternalID"),
		Unique:     strings.EqualFold(f.Name, "ExternalID") || strings.EqualFold(f.Name, "SYSID"),
		Custom:     f.Custom || strings.HasPrefix(f.Name, "C_"),
		// A description without the key says nothing, so stay permissive.
		NotFilterable: f.Filterable != nil && !*f.Filterable,
	}
	field.Required = !f.Nullable && field.Createable && isNull(f.DefaultValue)
	switch kind {
	case schema.KindString, schema.KindTextArea, schema.KindURL, schema.KindEmail:
		field.Length = f.MaxLength
	case schema.KindReference:
		field.ReferenceTo = append([]string(nil), f.ReferencedEntities...)
		field.RelationshipName = f.Name
	case schema.KindPicklist, schema.KindMultiPicklist:
		field.RelationshipName = f.Name
		for _, t := range f.ReferencedEntities {
			for key, values := range picklists {
				if strings.EqualFold(key, t) {
					field.Picklist = append(field.Picklist, picklistOptions(values)...)
				}
			}
		}
		// Picklist values are entities, so the service rejects any other.
		field.RestrictedPicklist = len(field.Picklist) > 0
	}
	return field
}

func picklistOptions(values []api.PickupDescription) []schema.PicklistValue {
	out := make([]schema.PicklistValue, 0, len(values))
	for _, v := range values {
		label := v.DisplayValue
		if label == "" {
			label = v.Value
		}
		out = append(out, schema.PicklistValue{Value: v.Value, Label: label, Active: true})
	}
	return out
}

// fieldKind maps a field's type and presentationType to a schema.Kind.
// Money is currency, Duration is duration, Double shown as Percent is
// percent; among Entity fields, presentationType PickList is a picklist
// and ReferenceToObject a reference.
func fieldKind(f api.FieldDescription) schema.Kind {
	presentation := strings.ToLower(f.PresentationType)
	switch strings.ToLower(f.Type) {
	case "string":
		switch presentation {
		case "textarea", "richtext":
			return schema.KindTextArea
		case "url":
			return schema.KindURL
		case "email":
			return schema.KindEmail
		}
		return schema.KindString
	case "boolean":
		return schema.KindBoolean
	case "integer", "long":
		return schema.KindInteger
	case "double":
		switch presentation {
		case "percent":
			return schema.KindPercent
		case "currency":
			return schema.KindCurrency
		}
		return schema.KindDouble
	case "money":
		return schema.KindCurrency
	case "duration":
		return schema.KindDuration
	case "datetime":
		return schema.KindDateTime
	case "date":
		return schema.KindDate
	case "multipicklist":
		return schema.KindMultiPicklist
	case "entity":
		return entityKind(f, presentation)
	}
	return schema.KindOther
}

func entityKind(f api.FieldDescription, presentation string) schema.Kind {
	switch presentation {
	case "picklist":
		return schema.KindPicklist
	case "multipicklist":
		return schema.KindMultiPicklist
	case "referencetoobject":
		return schema.KindReference
	}
	for _, t := range f.ReferencedEntities {
		if knownPicklistTypes[strings.ToLower(t)] {
			return schema.KindPicklist
		}
	}
	return schema.KindReference
}
