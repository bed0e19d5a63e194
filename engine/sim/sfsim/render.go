package sfsim

import (
	"net/http"
	"strings"
)

// attributes returns the attributes object every returned record carries.
func attributes(obj *Object, id, version string) map[string]any {
	return map[string]any{"type": obj.Name, "url": "/services/data/v" + version + "/sobjects/" + obj.Name + "/" + id}
}

// fieldValue returns the wire value of one field: ints as integers and
// compound addresses assembled from their components.
func fieldValue(r *record, f *Field) any {
	if f.Type == "address" {
		prefix := strings.TrimSuffix(f.Name, "Address")
		get := func(k string) any { return r.vals[prefix+k] }
		if get("Street") == nil && get("City") == nil && get("State") == nil && get("PostalCode") == nil &&
			get("Country") == nil && get("Latitude") == nil && get("Longitude") == nil {
			return nil
		}
		return map[string]any{
			"city": get("City"), "country": get("Country"), "geocodeAccuracy": get("GeocodeAccuracy"),
			"latitude": get("Latitude"), "longitude": get("Longitude"), "postalCode": get("PostalCode"),
			"state": get("State"), "street": get("Street"),
		}
	}
	v := r.vals[f.Name]
	if n, ok := v.(float64); ok && f.Type == "int" {
		return int64(n)
	}
	return v
}

// recordJSON renders a record with the listed fields, or with every field
// when names is empty.
func recordJSON(r *record, version string, names []*Field) *orderedMap {
	out := newOrderedMap()
	out.set("attributes", attributes(r.obj, r.id(), version))
	if len(names) == 0 {
		names = r.obj.Fields
	}
	for _, f := range names {
		out.set(f.Name, fieldValue(r, f))
	}
	return out
}

// fieldsParam resolves a comma-separated ?fields= list.
func fieldsParam(obj *Object, list string) ([]*Field, *response) {
	if list == "" {
		return nil, nil
	}
	var out []*Field
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		f, ok := obj.Field(name)
		if !ok {
			resp := errorResponse(http.StatusBadRequest, "INVALID_FIELD",
				"No such column '%s' on entity '%s'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", name, obj.Name)
			return nil, &resp
		}
		out = append(out, f)
	}
	return out, nil
}
