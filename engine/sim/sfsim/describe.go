package sfsim

import (
	"net/http"
	"strings"
	"time"
)

var soapTypes = map[string]string{
	"id": "tns:ID", "reference": "tns:ID", "boolean": "xsd:boolean", "string": "xsd:string",
	"textarea": "xsd:string", "picklist": "xsd:string", "multipicklist": "xsd:string",
	"email": "xsd:string", "phone": "xsd:string", "url": "xsd:string", "combobox": "xsd:string",
	"encryptedstring": "xsd:string", "currency": "xsd:double", "double": "xsd:double",
	"percent": "xsd:double", "int": "xsd:int", "long": "xsd:long", "date": "xsd:date",
	"datetime": "xsd:dateTime", "time": "xsd:time", "address": "urn:address",
	"location": "urn:location", "base64": "xsd:base64Binary", "anyType": "xsd:anyType",
}

func isTextType(t string) bool {
	switch t {
	case "string", "textarea", "picklist", "multipicklist", "email", "phone", "url", "combobox", "encryptedstring":
		return true
	}
	return false
}

func isNumberType(t string) bool {
	switch t {
	case "currency", "double", "percent", "int", "long":
		return true
	}
	return false
}

func (f *Field) byteLen() int {
	switch {
	case f.byteLength > 0:
		return f.byteLength
	case f.Type == "id" || f.Type == "reference":
		return 18
	case isTextType(f.Type):
		return f.Length * 3
	}
	return 0
}

func (f *Field) filterable() bool { return !f.notFilterable }

func (f *Field) sortable() bool {
	return !f.notSortable && f.Type != "address" && f.Type != "multipicklist" && f.Type != "location"
}

func (f *Field) groupable() bool {
	if f.notGroupable {
		return false
	}
	switch f.Type {
	case "double", "currency", "percent", "datetime", "address", "location", "multipicklist":
		return false
	}
	return true
}

func (f *Field) aggregatable() bool {
	return !f.notAggregatable && f.Type != "boolean" && f.Type != "address" && f.Type != "location"
}

func (f *Field) isPermissionable() bool {
	if f.Permissionable != nil {
		return *f.Permissionable
	}
	return f.Createable && f.Updateable && (f.Nillable || f.Type == "boolean")
}

// describeJSON renders one field with every key a real describe carries.
func (f *Field) describeJSON() map[string]any {
	picks := make([]map[string]any, 0, len(f.Picklist))
	for _, p := range f.Picklist {
		picks = append(picks, map[string]any{
			"active": p.Active, "defaultValue": p.Default, "label": p.Label, "validFor": nil, "value": p.Value,
		})
	}
	refs := f.ReferenceTo
	if refs == nil {
		refs = []string{}
	}
	var relName, formula, compoundName, extraInfo any
	if f.RelationshipName != "" {
		relName = f.RelationshipName
	}
	if f.Formula != "" {
		formula = f.Formula
	}
	if f.CompoundName != "" {
		compoundName = f.CompoundName
	}
	if f.ExtraTypeInfo != "" {
		extraInfo = f.ExtraTypeInfo
	}
	var relOrder any
	if f.RelationshipOrder != nil {
		relOrder = *f.RelationshipOrder
	}
	return map[string]any{
		"aggregatable":                 f.aggregatable(),
		"aiPredictionField":            false,
		"autoNumber":                   f.AutoNumber,
		"byteLength":                   f.byteLen(),
		"calculated":                   f.Calculated,
		"calculatedFormula":            formula,
		"cascadeDelete":                false,
		"caseSensitive":                f.CaseSensitive,
		"compoundFieldName":            compoundName,
		"controllerName":               nil,
		"createable":                   f.Createable,
		"custom":                       f.Custom,
		"defaultValue":                 f.DefaultValue,
		"defaultValueFormula":          nil,
		"defaultedOnCreate":            f.DefaultedOnCreate,
		"dependentPicklist":            false,
		"deprecatedAndHidden":          false,
		"digits":                       f.Digits,
		"displayLocationInDecimal":     false,
		"encrypted":                    false,
		"externalId":                   f.ExternalID,
		"extraTypeInfo":                extraInfo,
		"filterable":                   f.filterable(),
		"filteredLookupInfo":           nil,
		"formulaTreatNullNumberAsZero": false,
		"groupable":                    f.groupable(),
		"highScaleNumber":              false,
		"htmlFormatted":                f.HTMLFormatted,
		"idLookup":                     f.IDLookup,
		"inlineHelpText":               nil,
		"label":                        f.Label,
		"length":                       f.Length,
		"mask":                         nil,
		"maskType":                     nil,
		"name":                         f.Name,
		"nameField":                    f.NameField,
		"namePointing":                 f.Polymorphic,
		"nillable":                     f.Nillable,
		"permissionable":               f.isPermissionable(),
		"picklistValues":               picks,
		"polymorphicForeignKey":        f.Polymorphic,
		"precision":                    f.Precision,
		"queryByDistance":              false,
		"referenceTargetField":         nil,
		"referenceTo":                  refs,
		"relationshipName":             relName,
		"relationshipOrder":            relOrder,
		"restrictedDelete":             false,
		"restrictedPicklist":           f.RestrictedPicklist,
		"scale":                        f.Scale,
		"searchPrefilterable":          f.SearchPrefilterable,
		"soapType":                     soapTypes[f.Type],
		"sortable":                     f.sortable(),
		"type":                         f.Type,
		"unique":                       f.Unique,
		"updateable":                   f.Updateable,
		"writeRequiresMasterRead":      f.WriteRequiresMasterR,
	}
}

func objectURLs(o *Object, version string) map[string]any {
	base := "/services/data/v" + version + "/sobjects/" + o.Name
	return map[string]any{
		"compactLayouts":  base + "/describe/compactLayouts",
		"rowTemplate":     base + "/{ID}",
		"approvalLayouts": base + "/describe/approvalLayouts",
		"listviews":       base + "/listviews",
		"describe":        base + "/describe",
		"quickActions":    base + "/quickActions",
		"layouts":         base + "/describe/layouts",
		"sobject":         base,
	}
}

// globalJSON renders the object's entry in the global describe.
func (o *Object) globalJSON(version string) map[string]any {
	var prefix any
	if o.KeyPrefix != "" {
		prefix = o.KeyPrefix
	}
	return map[string]any{
		"activateable":          false,
		"associateEntityType":   nil,
		"associateParentEntity": nil,
		"createable":            o.Createable,
		"custom":                o.Custom,
		"customSetting":         false,
		"deepCloneable":         false,
		"deletable":             o.Deletable,
		"deprecatedAndHidden":   false,
		"feedEnabled":           o.FeedEnabled,
		"hasSubtypes":           false,
		"isInterface":           false,
		"isSubtype":             false,
		"keyPrefix":             prefix,
		"label":                 o.Label,
		"labelPlural":           o.LabelPlural,
		"layoutable":            o.Createable,
		"mergeable":             o.Mergeable,
		"mruEnabled":            o.Createable,
		"name":                  o.Name,
		"queryable":             o.Queryable,
		"replicateable":         o.Replicateable,
		"retrieveable":          true,
		"searchable":            o.Searchable,
		"triggerable":           o.Createable,
		"undeletable":           o.Undeletable,
		"updateable":            o.Updateable,
		"urls":                  objectURLs(o, version),
	}
}

// describeJSON renders the full object describe.
func (s *Server) describeJSON(o *Object, version string) map[string]any {
	out := o.globalJSON(version)
	fieldList := make([]map[string]any, 0, len(o.Fields))
	for _, f := range o.Fields {
		fieldList = append(fieldList, f.describeJSON())
	}
	children := []map[string]any{}
	for _, c := range s.org.children(o) {
		var name any
		if c.Name != "" {
			name = c.Name
		}
		children = append(children, map[string]any{
			"cascadeDelete":       c.Field.CascadeDelete,
			"childSObject":        c.Child.Name,
			"deprecatedAndHidden": false,
			"field":               c.Field.Name,
			"junctionIdListNames": []string{},
			"junctionReferenceTo": []string{},
			"relationshipName":    name,
			"restrictedDelete":    false,
		})
	}
	urls := objectURLs(o, version)
	if o.KeyPrefix != "" {
		urls["uiDetailTemplate"] = s.URL() + "/{ID}"
		urls["uiEditTemplate"] = s.URL() + "/{ID}/e"
		urls["uiNewRecord"] = s.URL() + "/" + o.KeyPrefix + "/e"
	}
	out["urls"] = urls
	out["fields"] = fieldList
	out["childRelationships"] = children
	out["actionOverrides"] = []any{}
	out["compactLayoutable"] = o.Createable
	out["deepCloneable"] = false
	out["defaultImplementation"] = nil
	out["extendedBy"] = nil
	out["extendsInterfaces"] = nil
	out["implementedBy"] = nil
	out["implementsInterfaces"] = nil
	out["listviewable"] = nil
	out["lookupLayoutable"] = nil
	out["namedLayoutInfos"] = []any{}
	out["networkScopeFieldName"] = nil
	out["searchLayoutable"] = o.Searchable
	out["sobjectDescribeOption"] = "FULL"
	out["supportedScopes"] = []map[string]any{
		{"label": "All " + strings.ToLower(o.LabelPlural), "name": "everything"},
		{"label": "My " + strings.ToLower(o.LabelPlural), "name": "mine"},
	}
	out["recordTypeInfos"] = []map[string]any{{
		"active": true, "available": true, "defaultRecordTypeMapping": true,
		"developerName": "Master", "master": true, "name": "Master",
		"recordTypeId": "012000000000000AAA",
		"urls":         map[string]any{"layout": "/services/data/v" + version + "/sobjects/" + o.Name + "/describe/layouts/012000000000000AAA"},
	}}
	return out
}

// notModifiedSince reports whether the request's If-Modified-Since header is
// at or after modified, so that describe can return 304.
func notModifiedSince(r *http.Request, modified time.Time) bool {
	h := r.Header.Get("If-Modified-Since")
	if h == "" {
		return false
	}
	t, err := http.ParseTime(h)
	if err != nil {
		return false
	}
	return !modified.Truncate(time.Second).After(t)
}
