package mapping

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/schema"
)

// requiredOnCreate reports each field that a create of the mapping's
// target object must set but that nothing sets on create. Without it the
// remote API rejects every create, so the check blocks enabling.
//
// A mapping whose maps to Clarizen apply on create creates Clarizen
// objects (Salesforce-triggered events go through it), and its create maps
// from Clarizen only write values back after the create. A mapping with
// create maps from Clarizen alone, or whose Salesforce records other
// mappings create as related objects, creates Salesforce records.
func (v *validator) requiredOnCreate(m Mapping, sf, cz schema.Object) {
	toClarizen, czCreate, sfCreate := false, false, false
	for _, fm := range m.FieldMaps {
		if !fm.Enabled {
			continue
		}
		if fm.Direction == ToClarizen {
			toClarizen = true
			czCreate = czCreate || fm.AppliesOnCreate()
		} else {
			sfCreate = sfCreate || fm.AppliesOnCreate()
		}
	}
	if czCreate || (toClarizen && !sfCreate) {
		v.requiredFields(m, schema.Clarizen, cz)
	}
	if (sfCreate && !czCreate) || len(v.parentLinkFields(m)) > 0 {
		v.requiredFields(m, schema.Salesforce, sf)
	}
}

// parentLinkFields returns the Salesforce fields that other mappings'
// related objects fill when they create records through m (the field of a
// Clarizen milestone record that points at its project record).
func (v *validator) parentLinkFields(m Mapping) []string {
	var out []string
	for _, other := range v.mappings {
		for _, r := range other.RelatedObjects {
			if r.MappingID == m.ID && r.ParentLinkField != "" {
				out = append(out, r.ParentLinkField)
			}
		}
	}
	return out
}

// requiredFields reports the required fields of obj that no create-time
// field map, key field or parent link fills.
func (v *validator) requiredFields(m Mapping, side schema.Side, obj schema.Object) {
	filled := map[string]bool{}
	fill := func(name string) { filled[strings.ToLower(name)] = true }
	for _, fm := range m.FieldMaps {
		if fm.AppliesOnCreate() && fm.Direction.Target() == side {
			fill(fm.TargetField())
		}
	}
	if side == schema.Clarizen {
		fill(m.ClarizenKeyField)
		// Every Clarizen create sets ExternalID as its idempotency key.
		fill("ExternalID")
	} else {
		fill(m.SalesforceKeyField)
		for _, f := range v.parentLinkFields(m) {
			fill(f)
		}
	}

	for _, f := range obj.Fields {
		if !f.Required || !f.Writable(true) || filled[strings.ToLower(f.Name)] {
			continue
		}
		at := where{side: side, object: obj.Name, field: f.Name}
		fix := fmt.Sprintf("Map a field to %s.%s with event type Create and sync, or Create only.", obj.Name, f.Name)
		if fm, ok := syncOnlyMapTo(m, side, f.Name); ok {
			at.fieldMapID = fm.ID
			fix = fmt.Sprintf("Change the event type of the field map %s → %s from Sync only to Create and sync, or Create only.",
				fm.SourceField(), fm.TargetField())
		}
		v.errorf(at, CodeRequiredOnCreate, fix, "%s.%s is required to create %s records, but no field map sets it on create.",
			obj.Name, f.Name, obj.Name)
	}
}

// syncOnlyMapTo returns an enabled sync-only field map that writes field
// on side, the usual cause of a required field left empty on create.
func syncOnlyMapTo(m Mapping, side schema.Side, field string) (FieldMap, bool) {
	for _, fm := range m.FieldMaps {
		if fm.Enabled && fm.EventType == SyncOnly && fm.Direction.Target() == side && strings.EqualFold(fm.TargetField(), field) {
			return fm, true
		}
	}
	return FieldMap{}, false
}
