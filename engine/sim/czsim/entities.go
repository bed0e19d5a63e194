package czsim

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// writeMode is the origin of a write. An API call obeys the read-only and
// create-only rules. A direct write from Go (tests, seeding) may also set
// read-only fields such as State, but never system or calculated fields.
type writeMode int

const (
	apiWrite writeMode = iota
	directWrite
)

// checkWritable enforces the field rules for one written field.
func checkWritable(t *entityType, f *fieldDef, creating bool, mode writeMode) error {
	if f.System || f.Calculated {
		return errorf(codeInvalidField, "field %s of %s is read-only", f.Name, t.Name)
	}
	if mode == directWrite || f.writable(creating) {
		return nil
	}
	switch {
	case f.CreateOnly:
		return errorf(codeInvalidOperation, "field %s of %s can be set only when the entity is created", f.Name, t.Name)
	case f.Name == "State":
		return errorf(codeInvalidOperation, "field State of %s changes only through data/changeState", t.Name)
	}
	return errorf(codeInvalidField, "field %s of %s is read-only", f.Name, t.Name)
}

// validExternalID checks a caller-supplied ExternalID.
func validExternalID(t *entityType, id string) error {
	switch {
	case id == "":
		return errorf(codeInvalidArgument, "ExternalID of %s must not be empty", t.Name)
	case strings.ContainsAny(id, "/?#;"):
		return errorf(codeInvalidArgument, "ExternalID %q of %s must not contain '/', '?', '#' or ';'", id, t.Name)
	case utf8.RuneCountInString(id) > 40:
		return errorf(codeInvalidArgument, "ExternalID %q of %s is longer than 40 characters", id, t.Name)
	}
	return nil
}

// concreteType resolves a type name that records can be created for.
func (s *Server) concreteType(name string) (*entityType, error) {
	t, ok := s.cat.lookup(name)
	if !ok {
		return nil, errorf(codeInvalidType, "unknown entity type %q", name)
	}
	if t.Abstract || t.Picklist {
		return nil, errorf(codeInvalidType, "cannot create entities of type %s; it is abstract or a picklist", t.Name)
	}
	return t, nil
}

// createEntity validates and stores a new entity. id is the caller's
// ExternalID, or empty to generate one. actor is the user making the write.
func (s *Server) createEntity(t *entityType, id string, in jsonObject, actor *record, mode writeMode) (*record, error) {
	if t.Abstract || t.Picklist {
		return nil, errorf(codeInvalidType, "cannot create entities of type %s; it is abstract or a picklist", t.Name)
	}
	values := map[string]any{}
	for key, raw := range in {
		if strings.EqualFold(key, "id") {
			continue
		}
		f, ok := t.field(key)
		if !ok {
			return nil, errorf(codeInvalidField, "entity type %s has no field %q", t.Name, key)
		}
		if f.Name == "ExternalID" {
			str, isString := raw.(string)
			if !isString {
				return nil, errorf(codeInvalidArgument, "ExternalID of %s must be a string", t.Name)
			}
			if id == "" {
				id = str
			} else if !strings.EqualFold(id, str) {
				return nil, errorf(codeInvalidArgument, "ExternalID %q does not match the id %q in the request", str, id)
			}
			continue
		}
		if err := checkWritable(t, f, true, mode); err != nil {
			return nil, err
		}
		v, err := s.decodeValue(t, f, raw)
		if err != nil {
			return nil, err
		}
		if v != nil {
			values[f.Name] = v
		}
	}
	if id == "" {
		id = s.newID(t)
	} else {
		if err := validExternalID(t, id); err != nil {
			return nil, err
		}
		if s.st.exists(t, id) {
			return nil, errorf(codeDuplicateKey, "an entity with ExternalID %q already exists", id)
		}
	}
	if err := s.completeCreate(t, values); err != nil {
		return nil, err
	}
	for _, f := range t.fields {
		if _, set := values[f.Name]; set || f.Default == nil || f.Calculated || f.System || f.Name == "ExternalID" {
			continue
		}
		v, err := s.decodeValue(t, f, f.Default)
		if err != nil {
			return nil, err
		}
		values[f.Name] = v
	}
	for _, f := range t.fields {
		if f.Required && values[f.Name] == nil {
			return nil, errorf(codeMissingArgument, "field %s is required to create %s", f.Name, t.Name)
		}
	}
	if err := s.checkRelations(t, values, nil); err != nil {
		return nil, err
	}

	now := s.stamp()
	values["CreatedOn"], values["LastUpdatedOn"], values["LastUpdatedBySystemOn"] = now, now, now
	if actor != nil {
		values["CreatedBy"], values["LastUpdatedBy"] = actor.ref(), actor.ref()
	}
	values["EntityType"] = entityRef{Type: "EntityType", ID: t.Name}
	if t.SysIDPrefix != "" {
		values["SYSID"] = s.st.nextSysID(t)
	}
	rec := &record{typ: t, id: id, fields: values}
	if actor == nil && t.Name == "User" {
		// The first user creates itself.
		values["CreatedBy"], values["LastUpdatedBy"] = rec.ref(), rec.ref()
	}
	s.st.insert(rec)
	s.touchOwners(rec, now)
	return rec, nil
}

// completeCreate fills values that a create derives from others: a reply's
// Container comes from its post when missing.
func (s *Server) completeCreate(t *entityType, values map[string]any) error {
	if t.Name == "DiscussionReply" && values["Container"] == nil {
		if post, ok := values["Post"].(entityRef); ok {
			if rec, found := s.st.getRef(s.cat, post); found {
				values["Container"] = rec.fields["Container"]
			}
		}
	}
	return nil
}

// checkRelations enforces the structural rules of links and hierarchies.
// existing is the record being updated, or nil on create.
func (s *Server) checkRelations(t *entityType, values map[string]any, existing *record) error {
	switch {
	case t.isA("WorkItem"):
		parent, ok := values["Parent"].(entityRef)
		if !ok {
			return nil
		}
		p, _ := s.st.getRef(s.cat, parent)
		if t.isA("GenericProject") && !p.typ.isA("GenericProject") {
			return errorf(codeInvalidArgument, "the Parent of a %s must be a project or program, not a %s", t.Name, p.typ.Name)
		}
		if t.Name == "Milestone" && !p.typ.isA("GenericProject") {
			return errorf(codeInvalidArgument, "the Parent of a Milestone must be a project or program, not a %s", p.typ.Name)
		}
	case t.Name == "DependencyLink":
		succ, _ := values["WorkItem"].(entityRef)
		pred, _ := values["DependsOn"].(entityRef)
		if strings.EqualFold(succ.String(), pred.String()) {
			return errorf(codeInvalidArgument, "a work item cannot depend on itself (%s)", succ)
		}
		if existing == nil && s.st.hasLink(t.Name, succ, pred) {
			return errorf(codeDuplicateKey, "%s already depends on %s", succ, pred)
		}
	case t.Name == "CustomerLink" || t.Name == "CaseCustomerLink":
		entity, _ := values["Entity"].(entityRef)
		customer, _ := values["Customer"].(entityRef)
		if existing == nil && s.st.hasLink(t.Name, entity, customer) {
			return errorf(codeDuplicateKey, "%s is already linked to %s", entity, customer)
		}
	case t.Name == "User":
		name, _ := values["UserName"].(string)
		if name == "" {
			return nil
		}
		duplicate := false
		s.st.each(t, func(u *record) bool {
			duplicate = u != existing && strings.EqualFold(u.str("UserName"), name)
			return !duplicate
		})
		if duplicate {
			return errorf(codeDuplicateKey, "a user with UserName %q already exists", name)
		}
	}
	return nil
}

// sameRef compares two references the way ids compare: without regard to
// case.
func sameRef(a, b entityRef) bool {
	return strings.EqualFold(a.ID, b.ID) && strings.EqualFold(a.Type, b.Type)
}

// touchOwners moves LastUpdatedBySystemOn of the records whose calculated
// fields (ChildrenCount, PostsCount, RepliesCount) a change of rec affects.
func (s *Server) touchOwners(rec *record, now time.Time) {
	for _, field := range []string{"Parent", "Container", "Post"} {
		ref, ok := rec.refField(field)
		if !ok || (field == "Container" && rec.typ.Name == "DiscussionReply") {
			continue
		}
		if owner, found := s.st.getRef(s.cat, ref); found {
			s.st.touch(owner)
			owner.fields["LastUpdatedBySystemOn"] = now
		}
	}
}

// updateEntity applies a partial update. Keys with a null value clear the
// field.
func (s *Server) updateEntity(rec *record, in jsonObject, actor *record, mode writeMode) error {
	t := rec.typ
	changes := map[string]any{}
	newID := ""
	for key, raw := range in {
		if strings.EqualFold(key, "id") {
			continue
		}
		f, ok := t.field(key)
		if !ok {
			return errorf(codeInvalidField, "entity type %s has no field %q", t.Name, key)
		}
		if err := checkWritable(t, f, false, mode); err != nil {
			return err
		}
		if f.Name == "ExternalID" {
			str, isString := raw.(string)
			if !isString {
				return errorf(codeInvalidArgument, "ExternalID of %s must be a string", t.Name)
			}
			if err := validExternalID(t, str); err != nil {
				return err
			}
			if !strings.EqualFold(str, rec.id) && s.st.exists(t, str) {
				return errorf(codeDuplicateKey, "an entity with ExternalID %q already exists", str)
			}
			newID = str
			continue
		}
		v, err := s.decodeValue(t, f, raw)
		if err != nil {
			return err
		}
		if v == nil && f.Required {
			return errorf(codeInvalidArgument, "field %s of %s is required and cannot be cleared", f.Name, t.Name)
		}
		changes[f.Name] = v
	}
	merged := make(map[string]any, len(rec.fields)+len(changes))
	for k, v := range rec.fields {
		merged[k] = v
	}
	for k, v := range changes {
		merged[k] = v
	}
	if err := s.checkRelations(t, merged, rec); err != nil {
		return err
	}

	s.st.touch(rec)
	for k, v := range changes {
		if v == nil {
			delete(rec.fields, k)
		} else {
			rec.fields[k] = v
		}
	}
	if newID != "" && newID != rec.id {
		s.st.rekey(rec, newID)
	}
	now := s.stamp()
	rec.fields["LastUpdatedOn"], rec.fields["LastUpdatedBySystemOn"] = now, now
	if actor != nil {
		rec.fields["LastUpdatedBy"] = actor.ref()
	}
	return nil
}

// deleteEntity deletes a record and everything that cannot exist without it:
// child work items, links to it, and discussions on it. Each deleted record's
// LastUpdatedOn becomes the deletion time, so entityQuery with deleted: true
// can find deletions since a watermark.
func (s *Server) deleteEntity(rec *record, actor *record) {
	now := s.stamp()
	s.touchOwners(rec, now)
	s.deleteTree(rec, actor, now)
}

func (s *Server) deleteTree(rec *record, actor *record, now time.Time) {
	if rec.deleted() {
		return
	}
	s.st.touch(rec)
	rec.fields["LastUpdatedOn"], rec.fields["LastUpdatedBySystemOn"] = now, now
	if actor != nil {
		rec.fields["LastUpdatedBy"] = actor.ref()
	}
	s.st.remove(rec, now)
	ref := rec.ref()
	for _, dep := range s.dependents(ref) {
		s.deleteTree(dep, actor, now)
	}
}

// dependents lists live records whose existence depends on ref.
func (s *Server) dependents(ref entityRef) []*record {
	type owned struct{ typeName, field string }
	rules := []owned{
		{"WorkItem", "Parent"},
		{"CustomerLink", "Entity"}, {"CustomerLink", "Customer"},
		{"CaseCustomerLink", "Entity"}, {"CaseCustomerLink", "Customer"},
		{"DependencyLink", "WorkItem"}, {"DependencyLink", "DependsOn"},
		{"DiscussionPost", "Container"},
		{"DiscussionReply", "Post"},
	}
	var out []*record
	for _, rule := range rules {
		t, _ := s.cat.lookup(rule.typeName)
		s.st.each(t, func(rec *record) bool {
			if r, ok := rec.refField(rule.field); ok && sameRef(r, ref) {
				out = append(out, rec)
			}
			return true
		})
	}
	slices.SortFunc(out, func(a, b *record) int { return int(a.seq - b.seq) })
	return out
}
