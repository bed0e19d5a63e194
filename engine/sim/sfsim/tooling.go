package sfsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode"
)

// The Tooling API part the app uses: create CustomObject and CustomField
// with the Metadata shapes of the Tooling API, and query them.

func toolingObjects() []*Object {
	co := newObject("CustomObject", "Custom Object", "Custom Objects", "01I",
		fields(newField("Id", "Custom Object ID", "id", readOnly, required, defaulted, idLookup, length(18))),
		fields(
			text("DeveloperName", "Object Name", 40, required, nameField),
			text("NamespacePrefix", "Namespace Prefix", 15, readOnly),
			text("ManageableState", "Manageable State", 40, readOnly),
			textArea("Description", "Description", 1000),
			text("SharingModel", "Sharing Model", 40),
		),
		stampFields(),
	)
	cf := newObject("CustomField", "Custom Field", "Custom Fields", "00N",
		fields(newField("Id", "Custom Field ID", "id", readOnly, required, defaulted, idLookup, length(18))),
		fields(
			text("DeveloperName", "Field Name", 40, required, nameField),
			text("TableEnumOrId", "Table Enum or ID", 40, required),
			text("NamespacePrefix", "Namespace Prefix", 15, readOnly),
			text("ManageableState", "Manageable State", 40, readOnly),
			textArea("Description", "Description", 1000),
			number("int", "Length", "Length", 0, 0),
			text("FullName", "Full Name", 255, readOnly),
		),
		stampFields(),
	)
	for _, o := range []*Object{co, cf} {
		o.Replicateable, o.Undeletable = false, false
	}
	return []*Object{co, cf}
}

// metadataError is a Tooling API create failure.
type metadataError struct{ code, msg string }

func (e *metadataError) Error() string { return e.code + ": " + e.msg }

// CreateCustomObject adds a custom object as a Tooling API create of
// CustomObject would; metadata has the Tooling API Metadata keys (label,
// pluralLabel, nameField, ...). It returns the CustomObject id.
func (s *Server) CreateCustomObject(fullName string, metadata map[string]any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, merr := s.createCustomObject(fullName, metadata)
	if merr != nil {
		return "", fmt.Errorf("create custom object %s: %w", fullName, merr)
	}
	return id, nil
}

// CreateCustomField adds a custom field ("Object.Field__c") as a Tooling API
// create of CustomField would. It returns the CustomField id.
func (s *Server) CreateCustomField(fullName string, metadata map[string]any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, merr := s.createCustomField(fullName, metadata)
	if merr != nil {
		return "", fmt.Errorf("create custom field %s: %w", fullName, merr)
	}
	return id, nil
}

func validAPIName(name string) bool {
	if name == "" || !unicode.IsLetter(rune(name[0])) || strings.Contains(name, "__") || strings.HasSuffix(name, "_") {
		return false
	}
	for _, r := range name {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			return false
		}
	}
	return true
}

func (s *Server) toolingInsert(objName string, vals map[string]any) *record {
	obj := mustObject(s.tooling, objName)
	now := formatDateTime(s.now())
	vals["Id"] = s.newID(obj.KeyPrefix)
	vals["CreatedDate"], vals["LastModifiedDate"], vals["SystemModstamp"] = now, now, now
	vals["CreatedById"], vals["LastModifiedById"] = s.adminID, s.adminID
	vals["ManageableState"] = "unmanaged"
	r := &record{obj: obj, vals: vals}
	s.toolData.insert(r)
	return r
}

func (s *Server) createCustomObject(fullName string, md map[string]any) (string, *metadataError) {
	dev, ok := strings.CutSuffix(fullName, "__c")
	if !ok || !validAPIName(dev) {
		return "", &metadataError{"INVALID_FIELD", fmt.Sprintf("The object name %q must end with __c and contain only letters, digits and single underscores", fullName)}
	}
	if _, exists := s.org.object(fullName); exists {
		return "", &metadataError{"DUPLICATE_DEVELOPER_NAME", fmt.Sprintf("There is already a Custom Object named %s.", dev)}
	}
	label, _ := md["label"].(string)
	plural, _ := md["pluralLabel"].(string)
	if label == "" || plural == "" {
		return "", &metadataError{"REQUIRED_FIELD_MISSING", "Required fields are missing: [label, pluralLabel]"}
	}
	nf, _ := md["nameField"].(map[string]any)
	nameLabel, _ := nf["label"].(string)
	if nameLabel == "" {
		nameLabel = label + " Name"
	}
	nameType, _ := nf["type"].(string)
	var name *Field
	if nameType == "AutoNumber" {
		name = text("Name", nameLabel, 80, readOnly, defaulted, nameField, idLookup, func(f *Field) { f.AutoNumber = true; f.Nillable = false })
	} else {
		name = text("Name", nameLabel, 80, required, nameField, idLookup)
	}
	s.customObjects++
	prefix := "a0" + string(base62[s.customObjects%62])
	obj := newObject(fullName, label, plural, prefix,
		idFields(label),
		fields(ownerField(""), name),
		stampFields(),
		viewedFields(),
	)
	obj.Custom = true
	obj.FeedEnabled, _ = md["enableFeeds"].(bool)
	obj.Modified = s.now()
	desc, _ := md["description"].(string)
	tr := s.toolingInsert("CustomObject", map[string]any{"DeveloperName": dev, "Description": nilIfEmpty(desc), "SharingModel": md["sharingModel"]})
	obj.ToolingID = tr.id()
	s.org.add(obj)
	return tr.id(), nil
}

// customFieldTypes maps Tooling API field types to describe types.
var customFieldTypes = map[string]string{
	"Text": "string", "TextArea": "textarea", "LongTextArea": "textarea", "Html": "textarea",
	"Number": "double", "Currency": "currency", "Percent": "percent", "Checkbox": "boolean",
	"Date": "date", "DateTime": "datetime", "Email": "email", "Phone": "phone", "Url": "url",
	"Picklist": "picklist", "MultiselectPicklist": "multipicklist", "Lookup": "reference",
	"MasterDetail": "reference",
}

func (s *Server) createCustomField(fullName string, md map[string]any) (string, *metadataError) {
	objName, fieldName, ok := strings.Cut(fullName, ".")
	dev, okSuffix := strings.CutSuffix(fieldName, "__c")
	if !ok || !okSuffix || !validAPIName(dev) {
		return "", &metadataError{"INVALID_FIELD", fmt.Sprintf("The field name %q must look like Object.Field__c", fullName)}
	}
	obj, exists := s.org.object(objName)
	if !exists {
		return "", &metadataError{"INVALID_CROSS_REFERENCE_KEY", fmt.Sprintf("The object %s does not exist", objName)}
	}
	if _, dup := obj.Field(fieldName); dup {
		return "", &metadataError{"DUPLICATE_DEVELOPER_NAME", fmt.Sprintf("There is already a field named %s on %s.", dev, obj.Name)}
	}
	f, merr := s.buildCustomField(fieldName, md)
	if merr != nil {
		return "", merr
	}
	obj.addField(f)
	obj.Modified = s.now()
	table := obj.Name
	if obj.ToolingID != "" {
		table = obj.ToolingID[:15]
	}
	desc, _ := md["description"].(string)
	tr := s.toolingInsert("CustomField", map[string]any{
		"DeveloperName": dev, "TableEnumOrId": table, "Description": nilIfEmpty(desc),
		"Length": float64(f.Length), "FullName": obj.Name + "." + fieldName,
	})
	return tr.id(), nil
}

func (s *Server) buildCustomField(name string, md map[string]any) (*Field, *metadataError) {
	typ, _ := md["type"].(string)
	descType, ok := customFieldTypes[typ]
	if !ok {
		return nil, &metadataError{"INVALID_TYPE", fmt.Sprintf("Field type %q is not supported by the simulator", typ)}
	}
	label, _ := md["label"].(string)
	if label == "" {
		return nil, &metadataError{"REQUIRED_FIELD_MISSING", "Required fields are missing: [label]"}
	}
	num := func(k string, def int) int {
		if v, ok := md[k].(float64); ok {
			return int(v)
		}
		if v, ok := md[k].(int); ok {
			return v
		}
		return def
	}
	flag := func(k string) bool { b, _ := md[k].(bool); return b }
	f := newField(name, label, descType, custom)
	switch typ {
	case "Text":
		f.Length = num("length", 255)
	case "TextArea":
		f.Length = 255
	case "LongTextArea", "Html":
		f.Length = num("length", 32768)
		f.notFilterable, f.notSortable, f.notGroupable, f.notAggregatable = true, true, true, true
		if typ == "Html" {
			f.ExtraTypeInfo, f.HTMLFormatted = "richtextarea", true
		}
	case "Number", "Currency", "Percent":
		f.Precision, f.Scale = num("precision", 18), num("scale", 0)
	case "Email":
		f.Length = 80
	case "Phone":
		f.Length = 40
	case "Url":
		f.Length = 255
	case "Checkbox":
		f.DefaultValue = md["defaultValue"] == "true" || md["defaultValue"] == true
	case "Picklist", "MultiselectPicklist":
		f.Length = 255
		if typ == "MultiselectPicklist" {
			f.Length = 4099
		}
		vs, _ := md["valueSet"].(map[string]any)
		f.RestrictedPicklist, _ = vs["restricted"].(bool)
		def, _ := vs["valueSetDefinition"].(map[string]any)
		values, _ := def["value"].([]any)
		for _, v := range values {
			m, _ := v.(map[string]any)
			value, _ := m["fullName"].(string)
			lbl, _ := m["label"].(string)
			if lbl == "" {
				lbl = value
			}
			d, _ := m["default"].(bool)
			f.Picklist = append(f.Picklist, PicklistValue{Value: value, Label: lbl, Default: d, Active: true})
			if d {
				f.DefaultedOnCreate = true
			}
		}
	case "Lookup", "MasterDetail":
		target, _ := md["referenceTo"].(string)
		if _, ok := s.org.object(target); !ok {
			return nil, &metadataError{"INVALID_CROSS_REFERENCE_KEY", fmt.Sprintf("referenceTo: the object %s does not exist", target)}
		}
		rel, _ := md["relationshipName"].(string)
		f.Length = 18
		f.ReferenceTo = []string{target}
		f.RelationshipName = strings.TrimSuffix(name, "__c") + "__r"
		if rel != "" {
			f.ChildRelationship = rel + "__r"
		}
		f.SearchPrefilterable = true
		if typ == "MasterDetail" {
			f.Nillable, f.CascadeDelete = false, true
			order := 0
			f.RelationshipOrder = &order
			f.Updateable = flag("reparentableMasterDetail")
		}
	}
	if flag("required") {
		f.Nillable = false
	}
	if flag("externalId") {
		f.ExternalID, f.IDLookup = true, true
	}
	if flag("unique") {
		f.Unique = true
		f.CaseSensitive = flag("caseSensitive")
	}
	return f, nil
}

func toolingResponse(id string, merr *metadataError) response {
	if merr != nil {
		return errorResponse(http.StatusBadRequest, merr.code, "%s", merr.msg)
	}
	return jsonResponse(http.StatusCreated, map[string]any{"id": id, "success": true, "errors": []any{}, "warnings": []any{}, "infos": []any{}})
}

func (s *Server) handleToolingCreate(r *request) response {
	var body struct {
		FullName string         `json:"FullName"`
		Metadata map[string]any `json:"Metadata"`
	}
	if errResp := r.decodeBody(&body); errResp != nil {
		return *errResp
	}
	if body.Metadata == nil {
		return errorResponse(http.StatusBadRequest, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Metadata]")
	}
	switch strings.ToLower(r.param("type")) {
	case "customobject":
		return toolingResponse(s.createCustomObject(body.FullName, body.Metadata))
	case "customfield":
		return toolingResponse(s.createCustomField(body.FullName, body.Metadata))
	}
	return errNotFound()
}

func (s *Server) handleToolingGlobal(r *request) response {
	list := []map[string]any{}
	for _, o := range s.tooling.sorted() {
		list = append(list, o.globalJSON(r.version))
	}
	return jsonResponse(http.StatusOK, map[string]any{"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": list})
}

func (s *Server) handleToolingDescribe(r *request) response {
	obj, ok := s.tooling.object(r.param("type"))
	if !ok {
		return errNotFound()
	}
	return jsonResponse(http.StatusOK, s.describeJSON(obj, r.version))
}

func (s *Server) toolingRecord(r *request) (*record, *response) {
	obj, ok := s.tooling.object(r.param("type"))
	id, okID := normalizeID(r.param("id"))
	if !ok || !okID {
		resp := errNotFound()
		return nil, &resp
	}
	rec, found := s.toolData.get(id)
	if !found || rec.deleted || rec.obj != obj {
		resp := errNotFound()
		return nil, &resp
	}
	return rec, nil
}

func (s *Server) handleToolingRetrieve(r *request) response {
	rec, errResp := s.toolingRecord(r)
	if errResp != nil {
		return *errResp
	}
	out := recordJSON(rec, r.version, nil)
	out.set("attributes", map[string]any{"type": rec.obj.Name, "url": "/services/data/v" + r.version + "/tooling/sobjects/" + rec.obj.Name + "/" + rec.id()})
	return jsonResponse(http.StatusOK, out)
}

// handleToolingDelete removes a custom field or custom object again.
func (s *Server) handleToolingDelete(r *request) response {
	rec, errResp := s.toolingRecord(r)
	if errResp != nil {
		return *errResp
	}
	switch rec.obj.Name {
	case "CustomField":
		objName, fieldName, _ := strings.Cut(rec.vals["FullName"].(string), ".")
		if obj, ok := s.org.object(objName); ok {
			if f, ok := obj.Field(fieldName); ok {
				obj.Fields = removeFieldPtr(obj.Fields, f)
				delete(obj.byName, strings.ToLower(fieldName))
				obj.Modified = s.now()
			}
		}
	case "CustomObject":
		for key, o := range s.org.objects {
			if o.ToolingID == rec.id() {
				delete(s.org.objects, key)
				delete(s.org.byPrefix, o.KeyPrefix)
			}
		}
	}
	s.toolData.remove(rec)
	return noContent()
}

func removeFieldPtr(fs []*Field, target *Field) []*Field {
	out := make([]*Field, 0, len(fs))
	for _, f := range fs {
		if f != target {
			out = append(out, f)
		}
	}
	return out
}

func (s *Server) handleToolingQuery(r *request) response {
	return s.query(r, s.tooling, s.toolData, false, "tooling/query")
}

// decodeMetadata is used by the HTTP test controls.
func decodeMetadata(b []byte) (map[string]any, error) {
	var m map[string]any
	err := json.Unmarshal(b, &m)
	return m, err
}
