package sfsim

import (
	"fmt"
	"maps"
	"strings"
	"time"
)

// txn is an undo log for the writes of one request. Collections and
// composite calls with allOrNone=true roll it back when a record fails.
// A txn nested in another (collections inside composite) hands its undo
// steps to the outer one when it commits.
type txn struct {
	undo   []func()
	parent *txn
}

// begin starts recording undo steps. The caller holds s.mu.
func (s *Server) begin() *txn {
	t := &txn{parent: s.txn}
	s.txn = t
	return t
}

// end stops recording; with rollback set it undoes every write in reverse.
func (s *Server) end(t *txn, rollback bool) {
	s.txn = t.parent
	if !rollback {
		if t.parent != nil {
			t.parent.undo = append(t.parent.undo, t.undo...)
		}
		return
	}
	for i := len(t.undo) - 1; i >= 0; i-- {
		t.undo[i]()
	}
}

func (s *Server) journal(fn func()) {
	if s.txn != nil {
		s.txn.undo = append(s.txn.undo, fn)
	}
}

// setValues replaces a record's values, keeping an undo step.
func (s *Server) setValues(r *record, vals map[string]any) {
	old := r.vals
	s.journal(func() { r.vals = old })
	r.vals = vals
}

// prepareInput resolves the input keys to fields and coerces the values. It
// rejects unknown fields and fields the operation may not write.
func (s *Server) prepareInput(obj *Object, input map[string]any, insert bool) (map[string]any, *recordError) {
	out := map[string]any{}
	var readOnlyNames []string
	for key, raw := range input {
		if key == "attributes" {
			continue
		}
		f, ok := obj.Field(key)
		if !ok {
			return nil, &recordError{Code: "INVALID_FIELD", Message: fmt.Sprintf("No such column '%s' on sobject of type %s", key, obj.Name), Fields: []string{key}}
		}
		if f.Name == "Id" {
			if raw == nil || !insert {
				continue
			}
		}
		if (insert && !f.Createable) || (!insert && !f.Updateable) {
			readOnlyNames = append(readOnlyNames, f.Name)
			continue
		}
		v, err := s.coerce(obj, f, raw)
		if err != nil {
			return nil, err
		}
		if v != nil {
			if err := checkValue(f, v); err != nil {
				return nil, err
			}
			if f.Type == "reference" {
				if err := s.checkReference(f, v.(string)); err != nil {
					return nil, err
				}
			}
		}
		out[f.Name] = v
	}
	if len(readOnlyNames) > 0 {
		return nil, &recordError{Code: "INVALID_FIELD_FOR_INSERT_UPDATE",
			Message: fmt.Sprintf("Unable to create/update fields: %s. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", strings.Join(readOnlyNames, ", ")),
			Fields:  readOnlyNames}
	}
	return out, nil
}

// insertRecord validates input and stores a new record. The caller holds s.mu.
func (s *Server) insertRecord(obj *Object, input map[string]any, userID string) (*record, *recordError) {
	if !obj.Createable {
		return nil, &recordError{Code: "INVALID_TYPE", Message: fmt.Sprintf("Cannot create a new %s record", obj.Name)}
	}
	vals, rerr := s.prepareInput(obj, input, true)
	if rerr != nil {
		return nil, rerr
	}
	for _, f := range obj.Fields {
		if _, set := vals[f.Name]; set {
			continue
		}
		switch {
		case f.Type == "boolean":
			b, _ := f.DefaultValue.(bool)
			vals[f.Name] = b
		case f.Type == "picklist" && f.DefaultedOnCreate:
			for _, p := range f.Picklist {
				if p.Default {
					vals[f.Name] = p.Value
				}
			}
		}
	}
	if f, ok := obj.Field("OwnerId"); ok && f.Createable && vals["OwnerId"] == nil {
		vals["OwnerId"] = userID
	}
	if rerr := s.runHooks(obj, nil, vals, userID); rerr != nil {
		return nil, rerr
	}
	var missing []string
	for _, f := range obj.Fields {
		if requiredOnCreate(f) && vals[f.Name] == nil {
			missing = append(missing, f.Name)
		}
	}
	if len(missing) > 0 {
		return nil, missingFieldsError(missing)
	}
	if rerr := s.checkUnique(obj, vals, ""); rerr != nil {
		return nil, rerr
	}
	now := formatDateTime(s.now())
	vals["Id"] = s.newID(obj.KeyPrefix)
	for _, k := range []string{"CreatedDate", "LastModifiedDate", "SystemModstamp"} {
		if _, ok := obj.Field(k); ok {
			vals[k] = now
		}
	}
	for _, k := range []string{"CreatedById", "LastModifiedById"} {
		if _, ok := obj.Field(k); ok {
			vals[k] = userID
		}
	}
	if _, ok := obj.Field("IsDeleted"); ok {
		vals["IsDeleted"] = false
	}
	r := &record{obj: obj, vals: vals}
	s.data.insert(r)
	s.journal(func() { s.data.remove(r) })
	s.afterWrite(r, nil)
	return r, nil
}

// updateRecord applies a partial update. The caller holds s.mu.
func (s *Server) updateRecord(r *record, input map[string]any, userID string) *recordError {
	if r.deleted {
		return &recordError{Code: "ENTITY_IS_DELETED", Message: "entity is deleted"}
	}
	if !r.obj.Updateable {
		return &recordError{Code: "INVALID_TYPE", Message: fmt.Sprintf("Cannot update a %s record", r.obj.Name)}
	}
	changes, rerr := s.prepareInput(r.obj, input, false)
	if rerr != nil {
		return rerr
	}
	vals := maps.Clone(r.vals)
	var missing []string
	for k, v := range changes {
		f, _ := r.obj.Field(k)
		if v == nil && !f.Nillable && f.Type != "boolean" {
			missing = append(missing, f.Name)
		}
		vals[k] = v
	}
	if len(missing) > 0 {
		return missingFieldsError(missing)
	}
	if rerr := s.runHooks(r.obj, r.vals, vals, userID); rerr != nil {
		return rerr
	}
	if rerr := s.checkUnique(r.obj, vals, r.id()); rerr != nil {
		return rerr
	}
	now := formatDateTime(s.now())
	vals["LastModifiedDate"], vals["SystemModstamp"], vals["LastModifiedById"] = now, now, userID
	old := r.vals
	s.setValues(r, vals)
	s.afterWrite(r, old)
	return nil
}

// deleteRecord moves a record and its cascade children to the recycle bin.
// The caller holds s.mu.
func (s *Server) deleteRecord(r *record) *recordError {
	if r.deleted {
		return &recordError{Code: "ENTITY_IS_DELETED", Message: "entity is deleted"}
	}
	if !r.obj.Deletable {
		return &recordError{Code: "INSUFFICIENT_ACCESS_OR_READONLY", Message: "insufficient access rights on object id"}
	}
	s.markDeleted(r, s.now())
	for _, c := range s.org.children(r.obj) {
		if !c.Field.CascadeDelete {
			continue
		}
		for _, child := range s.data.rows(c.Child, false) {
			if child.vals[c.Field.Name] == r.id() {
				s.markDeleted(child, s.now())
			}
		}
	}
	// Polymorphic feed parents cascade too.
	for _, child := range s.data.rows(mustObject(s.org, "FeedItem"), false) {
		if child.vals["ParentId"] == r.id() {
			s.markDeleted(child, s.now())
		}
	}
	s.afterWrite(r, r.vals)
	return nil
}

func (s *Server) markDeleted(r *record, at time.Time) {
	oldVals, oldDeleted, oldAt := r.vals, r.deleted, r.deletedAt
	s.journal(func() { r.vals, r.deleted, r.deletedAt = oldVals, oldDeleted, oldAt })
	vals := maps.Clone(r.vals)
	vals["IsDeleted"] = true
	stamp := formatDateTime(at)
	if _, ok := r.obj.Field("SystemModstamp"); ok {
		vals["SystemModstamp"] = stamp
	}
	r.vals, r.deleted, r.deletedAt = vals, true, at
}

func mustObject(sc *schema, name string) *Object {
	o, ok := sc.object(name)
	if !ok {
		panic("sfsim: missing object " + name)
	}
	return o
}

// checkUnique rejects a duplicate value in a unique or unique external-id
// field. Text comparison ignores case, as Salesforce does unless the field is
// case-sensitive.
func (s *Server) checkUnique(obj *Object, vals map[string]any, selfID string) *recordError {
	for _, f := range obj.Fields {
		if !f.Unique || vals[f.Name] == nil {
			continue
		}
		for _, other := range s.data.rows(obj, false) {
			if other.id() == selfID || other.vals[f.Name] == nil {
				continue
			}
			a, b := fmt.Sprint(vals[f.Name]), fmt.Sprint(other.vals[f.Name])
			if a == b || (!f.CaseSensitive && strings.EqualFold(a, b)) {
				code := "DUPLICATE_VALUE"
				if obj.Name == "User" && f.Name == "Username" {
					code = "DUPLICATE_USERNAME"
				}
				return &recordError{Code: code,
					Message: fmt.Sprintf("duplicate value found: %s duplicates value on record with id: %s", f.Name, other.id()),
					Fields:  []string{f.Name}}
			}
		}
	}
	return nil
}
