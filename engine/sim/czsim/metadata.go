package czsim

import "slices"

// The metadata responses use the key names and JSON types of real
// describeEntities and describeEntityRelations output.

func handleListEntities(s *Server, c *call) (reply, error) {
	return okReply(map[string]any{"typeNames": slices.Clone(s.cat.names)})
}

// typesFrom resolves the typeNames parameter. all is returned when the
// parameter is missing and allowAll is set.
func (s *Server) typesFrom(in jsonObject, allowAll bool) ([]*entityType, error) {
	names, err := in.strs("typeNames")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		if !allowAll {
			return nil, errorf(codeMissingArgument, "typeNames is required")
		}
		names = s.cat.names
	}
	types := make([]*entityType, 0, len(names))
	for _, name := range names {
		t, ok := s.cat.lookup(name)
		if !ok {
			return nil, errorf(codeInvalidType, "unknown entity type %q", name)
		}
		types = append(types, t)
	}
	return types, nil
}

func handleDescribeEntities(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	types, err := s.typesFrom(in, false)
	if err != nil {
		return reply{}, err
	}
	out := make([]any, 0, len(types))
	for _, t := range types {
		d := s.describeType(t, c.user)
		d["fields"] = s.describeFields(t, c.user, false)
		out = append(out, d)
	}
	return okReply(map[string]any{"entityDescriptions": out})
}

// handleDescribeMetadata serves describeMetadata. The flags parameter
// selects the parts: "fields" adds field descriptions (with
// referencedEntities), "relations" adds relation descriptions. Picklist types
// always carry their values in "pickups".
func handleDescribeMetadata(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	types, err := s.typesFrom(in, true)
	if err != nil {
		return reply{}, err
	}
	flags, err := in.strs("flags")
	if err != nil {
		return reply{}, err
	}
	wantFields := containsFold(flags, "fields")
	wantRelations := containsFold(flags, "relations")
	out := make([]any, 0, len(types))
	for _, t := range types {
		d := s.describeType(t, c.user)
		if wantFields {
			d["fields"] = s.describeFields(t, c.user, true)
		}
		if wantRelations {
			d["relations"] = describeRelations(t)
		}
		if t.Picklist {
			pickups := make([]any, 0, len(t.Values))
			for _, v := range t.Values {
				pickups = append(pickups, map[string]any{"value": v.Value, "displayValue": v.Display, "description": v.Description})
			}
			d["pickups"] = pickups
		}
		out = append(out, d)
	}
	return okReply(map[string]any{"entityDescriptions": out})
}

func handleDescribeEntityRelations(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	types, err := s.typesFrom(in, false)
	if err != nil {
		return reply{}, err
	}
	out := make([]any, 0, len(types))
	for _, t := range types {
		out = append(out, map[string]any{"typeName": t.Name, "relations": describeRelations(t)})
	}
	return okReply(map[string]any{"entityRelations": out})
}

// describeType returns an entity description without fields.
func (s *Server) describeType(t *entityType, user *record) map[string]any {
	var parent any
	if t.Parent != "" {
		parent = t.Parent
	}
	states := t.ValidStates
	if states == nil {
		states = []string{}
	}
	return map[string]any{
		"typeName":     t.Name,
		"fields":       nil,
		"validStates":  slices.Clone(states),
		"label":        t.Label,
		"labelPlural":  t.LabelPlural,
		"parentEntity": parent,
		"displayField": t.DisplayField,
		"disabled":     t.Disabled,
		"relations":    nil,
	}
}

// describeFields returns the field descriptions of t. withReferences adds
// referencedEntities, which describeMetadata carries and describeEntities
// does not.
func (s *Server) describeFields(t *entityType, user *record, withReferences bool) []any {
	out := make([]any, 0, len(t.fields))
	for _, f := range t.fields {
		d := map[string]any{
			"name":             f.Name,
			"type":             f.Type,
			"presentationType": f.Presentation,
			"label":            f.Label,
			"defaultValue":     s.describeDefault(t, f, user),
			"system":           f.System,
			"calculated":       f.Calculated,
			"nullable":         f.Nullable,
			"createOnly":       f.CreateOnly,
			"updateable":       f.Updateable,
			"internal":         f.Internal,
			"custom":           f.Custom,
			"visible":          f.Visible,
			"decimalPlaces":    f.DecimalPlaces,
			"filterable":       f.Filterable,
			"sortable":         f.Sortable,
			"maxLength":        f.MaxLength,
			"flags":            nil,
		}
		if withReferences && (f.Type == typeEntity || f.Type == typeMulti) {
			d["referencedEntities"] = slices.Clone(f.Refs)
		}
		out = append(out, d)
	}
	return out
}

// describeDefault returns a field's default as real describe output shows
// it: CreatedBy and LastUpdatedBy default to the caller, and ExternalID to a
// freshly generated id.
func (s *Server) describeDefault(t *entityType, f *fieldDef, user *record) any {
	switch f.Name {
	case "CreatedBy", "LastUpdatedBy":
		if user == nil {
			return nil
		}
		return map[string]any{"id": user.ref().String(), "DisplayName": s.newReader().value(user, mustField(user.typ, "DisplayName"))}
	case "ExternalID":
		if t.Abstract || t.Picklist {
			return nil
		}
		return s.newID(t)
	}
	return f.Default
}

func mustField(t *entityType, name string) *fieldDef {
	f, ok := t.field(name)
	if !ok {
		panic("czsim: entity type " + t.Name + " has no field " + name)
	}
	return f
}

// describeRelations returns relation descriptions in the
// describeEntityRelations shape.
func describeRelations(t *entityType) []any {
	out := make([]any, 0, len(t.relations))
	for _, r := range t.relations {
		var link any
		if r.LinkType != "" {
			link = r.LinkType
		}
		out = append(out, map[string]any{
			"name":            r.Name,
			"label":           r.Label,
			"roleLabel":       r.RoleLabel,
			"readOnly":        r.ReadOnly,
			"linkTypeName":    link,
			"relatedTypeName": r.Related,
			"sourceFieldName": r.Source,
		})
	}
	return out
}
