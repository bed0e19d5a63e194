package czsim

import (
	"regexp"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/sim/czsim/czql"
)

// reader resolves stored and calculated field values for one request. It
// builds the indexes behind counted fields (ChildrenCount, PostsCount,
// RepliesCount) once, on first use.
type reader struct {
	s      *Server
	counts map[string]map[string]int // counted field to owner id (lower-cased) to count
}

func (s *Server) newReader() *reader {
	return &reader{s: s, counts: map[string]map[string]int{}}
}

// countSources names the records a counted field counts: records of
// typeName whose field points at the owner.
var countSources = map[string]struct{ typeName, field string }{
	"ChildrenCount": {"WorkItem", "Parent"},
	"PostsCount":    {"DiscussionPost", "Container"},
	"RepliesCount":  {"DiscussionReply", "Post"},
}

func (r *reader) count(field string, rec *record) int64 {
	index, ok := r.counts[field]
	if !ok {
		index = map[string]int{}
		src := countSources[field]
		t, _ := r.s.cat.lookup(src.typeName)
		r.s.st.each(t, func(other *record) bool {
			if ref, ok := other.refField(src.field); ok {
				index[strings.ToLower(ref.String())]++
			}
			return true
		})
		r.counts[field] = index
	}
	return int64(index[strings.ToLower(rec.ref().String())])
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// value returns the value of field f on rec, computing calculated fields.
func (r *reader) value(rec *record, f *fieldDef) any {
	if f.Name == "ExternalID" {
		return rec.id
	}
	if !f.Calculated {
		return rec.fields[f.Name]
	}
	switch f.Name {
	case "ChildrenCount", "PostsCount", "RepliesCount":
		return r.count(f.Name, rec)
	case "Project":
		return r.ancestor(rec, true, "GenericProject")
	case "ParentProject":
		return r.ancestor(rec, false, "GenericProject")
	case "Milestone":
		return r.ancestor(rec, false, "Milestone")
	case "Post":
		return rec.ref()
	case "Text":
		body, _ := rec.fields["Body"].(string)
		return strings.TrimSpace(htmlTag.ReplaceAllString(body, ""))
	case "DisplayName", "Name":
		return strings.TrimSpace(rec.str("FirstName") + " " + rec.str("LastName"))
	case "ExpectedProgress":
		return expectedProgress(rec, r.s.now())
	case "ActualCost":
		return moneyValue{Value: 0, Currency: "USD"}
	}
	return rec.fields[f.Name]
}

// ancestor walks up the Parent chain to the first work item of the named
// type, starting at rec itself when self is true.
func (r *reader) ancestor(rec *record, self bool, typeName string) any {
	cur := rec
	if !self {
		cur = r.parent(rec)
	}
	for depth := 0; cur != nil && depth < 1000; depth++ {
		if cur.typ.isA(typeName) {
			return cur.ref()
		}
		cur = r.parent(cur)
	}
	return nil
}

func (r *reader) parent(rec *record) *record {
	ref, ok := rec.refField("Parent")
	if !ok {
		return nil
	}
	p, _ := r.s.st.getRef(r.s.cat, ref)
	return p
}

// expectedProgress is the share of the planned time that has passed, in
// percent.
func expectedProgress(rec *record, now time.Time) any {
	start, ok1 := rec.fields["StartDate"].(time.Time)
	due, ok2 := rec.fields["DueDate"].(time.Time)
	if !ok1 || !ok2 || !due.After(start) {
		return nil
	}
	p := float64(now.Sub(start)) / float64(due.Sub(start)) * 100
	return min(max(p, 0), 100)
}

// target resolves a reference to its record. Picklist values become
// read-only pseudo records with Name and Description.
func (r *reader) target(ref entityRef) (*record, bool) {
	t, ok := r.s.cat.lookup(ref.Type)
	if !ok {
		return nil, false
	}
	if t.Picklist {
		pv, ok := t.pickValue(ref.ID)
		if !ok {
			return nil, false
		}
		return &record{typ: t, id: pv.Value, fields: map[string]any{"Name": pv.Display, "Description": pv.Description}}, true
	}
	return r.s.st.get(t, ref.ID)
}

// displayName is the display field value of a referenced record, used by
// CZQL comparisons and ordering on references.
func (r *reader) displayName(ref entityRef) string {
	rec, ok := r.target(ref)
	if !ok {
		return ""
	}
	f, ok := rec.typ.field(rec.typ.DisplayField)
	if !ok {
		return ""
	}
	switch v := r.value(rec, f).(type) {
	case string:
		return v
	case entityRef:
		return v.String()
	}
	return ""
}

// lookupField finds a field of t for a read and reports a clear error.
func lookupField(t *entityType, name string) (*fieldDef, error) {
	f, ok := t.field(name)
	if !ok {
		return nil, errorf(codeInvalidField, "entity type %s has no field %q", t.Name, name)
	}
	return f, nil
}

// czqlValue resolves a dot path on rec for the CZQL evaluator.
func (r *reader) czqlValue(rec *record, path []string) (czql.Value, error) {
	if isIDPath(path) {
		return czql.Value{Kind: czql.KindRef, Str: rec.ref().String()}, nil
	}
	cur := rec
	for i, name := range path {
		f, err := lookupField(cur.typ, name)
		if err != nil {
			return czql.Value{}, err
		}
		v := r.value(cur, f)
		if i == len(path)-1 {
			cv := czqlValue(v)
			if ref, ok := v.(entityRef); ok {
				cv.Name = r.displayName(ref)
			}
			return cv, nil
		}
		ref, ok := v.(entityRef)
		if !ok {
			if f.Type != typeEntity {
				return czql.Value{}, errorf(codeInvalidField, "field %s of %s is not a reference, so %s is not a valid path",
					f.Name, cur.typ.Name, strings.Join(path, "."))
			}
			return czql.Value{}, checkPath(r.s.cat, f, path[i+1:])
		}
		next, found := r.target(ref)
		if !found {
			return czql.Value{}, checkPath(r.s.cat, f, path[i+1:])
		}
		cur = next
	}
	return czql.Value{}, nil
}

// checkPath validates the rest of a path that could not be followed because
// a reference was empty, so a misspelled field fails even on empty data.
func checkPath(cat *catalog, f *fieldDef, rest []string) error {
	if len(f.Refs) == 0 || len(rest) == 0 {
		return nil
	}
	t, ok := cat.lookup(f.Refs[0])
	if !ok {
		return nil
	}
	next, err := lookupField(t, rest[0])
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		if next.Type != typeEntity {
			return errorf(codeInvalidField, "field %s of %s is not a reference", next.Name, t.Name)
		}
		return checkPath(cat, next, rest[1:])
	}
	return nil
}

// validatePaths checks that every path names existing fields.
func (s *Server) validatePaths(t *entityType, paths [][]string) error {
	for _, path := range paths {
		if len(path) == 0 {
			return errorf(codeInvalidArgument, "empty field name")
		}
		if isIDPath(path) {
			continue
		}
		f, err := lookupField(t, path[0])
		if err != nil {
			return err
		}
		if len(path) > 1 {
			if f.Type != typeEntity {
				return errorf(codeInvalidField, "field %s of %s is not a reference, so %s is not a valid path",
					f.Name, t.Name, strings.Join(path, "."))
			}
			if err := checkPath(s.cat, f, path[1:]); err != nil {
				return err
			}
		}
	}
	return nil
}

// isIDPath reports whether a path names the entity id, which queries accept
// like a field: SELECT id ..., WHERE id = '/Task/abc'.
func isIDPath(path []string) bool {
	return len(path) == 1 && strings.EqualFold(path[0], "id")
}

// splitFields turns field names such as "Manager.Name" into paths.
func splitFields(fields []string) [][]string {
	paths := make([][]string, 0, len(fields))
	for _, f := range fields {
		paths = append(paths, strings.Split(strings.TrimSpace(f), "."))
	}
	return paths
}

// encode renders rec as the API returns entities: {"id": "/Type/x", ...}
// with the requested field paths. A referenced record's subfields nest under
// the reference: {"Manager": {"id": "/User/u", "Name": "Sam"}}. Without
// paths every visible field is returned.
func (r *reader) encode(rec *record, paths [][]string) (map[string]any, error) {
	out := map[string]any{"id": rec.ref().String()}
	if len(paths) == 0 {
		for _, f := range rec.typ.fields {
			if f.Visible {
				out[f.Name] = encodeValue(f, r.value(rec, f))
			}
		}
		return out, nil
	}
	for _, path := range paths {
		if err := r.encodePath(out, rec, path); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r *reader) encodePath(out map[string]any, rec *record, path []string) error {
	if isIDPath(path) {
		return nil // every entity carries its id already
	}
	f, err := lookupField(rec.typ, path[0])
	if err != nil {
		return err
	}
	v := r.value(rec, f)
	if len(path) == 1 {
		if _, done := out[f.Name].(map[string]any); !done {
			out[f.Name] = encodeValue(f, v)
		}
		return nil
	}
	if f.Type != typeEntity {
		return errorf(codeInvalidField, "field %s of %s is not a reference, so %s is not a valid path",
			f.Name, rec.typ.Name, strings.Join(path, "."))
	}
	ref, isRef := v.(entityRef)
	if !isRef {
		out[f.Name] = nil
		return checkPath(r.s.cat, f, path[1:])
	}
	nested, _ := out[f.Name].(map[string]any)
	if nested == nil {
		nested = map[string]any{"id": ref.String()}
		out[f.Name] = nested
	}
	next, found := r.target(ref)
	if !found {
		// The referenced record is gone: report its subfields as null.
		if err := checkPath(r.s.cat, f, path[1:]); err != nil {
			return err
		}
		nested[path[1]] = nil
		return nil
	}
	return r.encodePath(nested, next, path[1:])
}
