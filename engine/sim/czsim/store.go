package czsim

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// record is one stored entity.
type record struct {
	typ    *entityType
	id     string         // the ExternalID: the part after /Type/ in the entity id
	fields map[string]any // canonical field name to stored value
	seq    int64          // insertion order, the default query order
	// deletedOn is set once the record is deleted; entityQuery with
	// deleted: true reads such records.
	deletedOn time.Time
	// Discussion posts keep the extra parts of createDiscussion here.
	related, notify, topics []string
}

func (r *record) ref() entityRef { return entityRef{Type: r.typ.Name, ID: r.id} }

func (r *record) deleted() bool { return !r.deletedOn.IsZero() }

// clone copies the record. Stored values are immutable, so the field map
// is copied shallowly.
func (r *record) clone() *record {
	c := *r
	c.fields = maps.Clone(r.fields)
	return &c
}

func (r *record) str(field string) string {
	s, _ := r.fields[field].(string)
	return s
}

func (r *record) refField(field string) (entityRef, bool) {
	ref, ok := r.fields[field].(entityRef)
	return ref, ok
}

// undo is the state of one record key before the first change inside a
// transaction; before is nil when the key did not exist.
type undo struct {
	key    string
	before *record
}

// store is the in-memory entity store. Its caller holds Server.mu.
type store struct {
	live    map[string]*record            // by key: root type and ExternalID, lower-cased
	byType  map[string]map[string]*record // concrete type name, lower-cased, to records by key
	deleted []*record
	seq     int64
	sysIDs  map[string]int // next SYSID number per type
	links   map[string]int // live link records per linkKey

	journal     []undo // non-nil while a transactional bulk runs
	journaled   map[string]bool
	deletedMark int
}

func newStore() *store {
	return &store{
		live:   map[string]*record{},
		byType: map[string]map[string]*record{},
		sysIDs: map[string]int{},
		links:  map[string]int{},
	}
}

// linkFields names the two fields that identify a link entity. Both are
// create-only, so a link's key never changes while it lives.
var linkFields = map[string][2]string{
	"CustomerLink":     {"Entity", "Customer"},
	"CaseCustomerLink": {"Entity", "Customer"},
	"DependencyLink":   {"WorkItem", "DependsOn"},
}

// linkKey identifies a link by its type and the two entities it joins.
func linkKey(typeName string, a, b entityRef) string {
	return strings.ToLower(typeName + "|" + a.String() + "|" + b.String())
}

// recordLinkKey returns the link key of a link record, or "" for other
// records.
func recordLinkKey(rec *record) string {
	pair, ok := linkFields[rec.typ.Name]
	if !ok {
		return ""
	}
	a, _ := rec.refField(pair[0])
	b, _ := rec.refField(pair[1])
	return linkKey(rec.typ.Name, a, b)
}

// hasLink reports whether a live link of typeName joins a and b.
func (st *store) hasLink(typeName string, a, b entityRef) bool {
	return st.links[linkKey(typeName, a, b)] > 0
}

func recordKey(t *entityType, id string) string {
	return strings.ToLower(t.root().Name) + "/" + strings.ToLower(id)
}

// get finds a live record of type t (or a subtype) by ExternalID. Ids match
// without regard to case.
func (st *store) get(t *entityType, id string) (*record, bool) {
	rec, ok := st.live[recordKey(t, id)]
	if !ok || !rec.typ.isA(t.Name) {
		return nil, false
	}
	return rec, true
}

func (st *store) getRef(cat *catalog, ref entityRef) (*record, bool) {
	t, ok := cat.lookup(ref.Type)
	if !ok {
		return nil, false
	}
	return st.get(t, ref.ID)
}

func (st *store) exists(t *entityType, id string) bool {
	_, ok := st.live[recordKey(t, id)]
	return ok
}

// insert adds a new record and assigns its insertion order.
func (st *store) insert(rec *record) {
	key := recordKey(rec.typ, rec.id)
	st.remember(key)
	st.seq++
	rec.seq = st.seq
	st.put(key, rec)
}

func (st *store) put(key string, rec *record) {
	if lk := recordLinkKey(rec); lk != "" {
		st.links[lk]++
	}
	st.live[key] = rec
	typeKey := strings.ToLower(rec.typ.Name)
	if st.byType[typeKey] == nil {
		st.byType[typeKey] = map[string]*record{}
	}
	st.byType[typeKey][key] = rec
}

func (st *store) drop(key string, rec *record) {
	if lk := recordLinkKey(rec); lk != "" {
		st.links[lk]--
	}
	delete(st.live, key)
	delete(st.byType[strings.ToLower(rec.typ.Name)], key)
}

// touch must be called before a live record changes, so that a
// transaction can restore it.
func (st *store) touch(rec *record) {
	st.remember(recordKey(rec.typ, rec.id))
}

func (st *store) remember(key string) {
	if st.journal == nil || st.journaled[key] {
		return
	}
	st.journaled[key] = true
	var before *record
	if rec, ok := st.live[key]; ok {
		before = rec.clone()
	}
	st.journal = append(st.journal, undo{key: key, before: before})
}

// remove moves a record to the recycle bin.
func (st *store) remove(rec *record, now time.Time) {
	key := recordKey(rec.typ, rec.id)
	st.remember(key)
	st.drop(key, rec)
	rec.deletedOn = now
	st.deleted = append(st.deleted, rec)
}

// rekey changes a record's ExternalID. The caller has checked that the new
// id is free.
func (st *store) rekey(rec *record, id string) {
	oldKey := recordKey(rec.typ, rec.id)
	newKey := recordKey(rec.typ, id)
	st.remember(oldKey)
	st.remember(newKey)
	st.drop(oldKey, rec)
	rec.id = id
	st.put(newKey, rec)
}

// each calls fn for every live record of t and its subtypes, in no
// particular order, until fn returns false. It is the cheap form of scan for
// lookups that do not need insertion order.
func (st *store) each(t *entityType, fn func(*record) bool) {
	for _, ct := range t.concreteTypes() {
		for _, rec := range st.byType[strings.ToLower(ct.Name)] {
			if !fn(rec) {
				return
			}
		}
	}
}

// scan returns the live (or deleted) records of t and its subtypes in
// insertion order.
func (st *store) scan(t *entityType, deleted bool) []*record {
	var out []*record
	if deleted {
		for _, rec := range st.deleted {
			if rec.typ.isA(t.Name) {
				out = append(out, rec)
			}
		}
		return out
	}
	for _, ct := range t.concreteTypes() {
		for _, rec := range st.byType[strings.ToLower(ct.Name)] {
			out = append(out, rec)
		}
	}
	slices.SortFunc(out, func(a, b *record) int { return int(a.seq - b.seq) })
	return out
}

// begin starts recording changes for a transactional bulk call.
func (st *store) begin() {
	st.journal = []undo{}
	st.journaled = map[string]bool{}
	st.deletedMark = len(st.deleted)
}

// commit keeps every change since begin.
func (st *store) commit() {
	st.journal, st.journaled = nil, nil
}

// rollback restores every record key to its state at begin.
func (st *store) rollback() {
	for i := len(st.journal) - 1; i >= 0; i-- {
		u := st.journal[i]
		if cur, ok := st.live[u.key]; ok {
			st.drop(u.key, cur)
		}
		if u.before != nil {
			st.put(u.key, u.before)
		}
	}
	st.deleted = st.deleted[:st.deletedMark]
	st.commit()
}

// nextSysID returns the next human-readable id for a type, such as T-000042.
func (st *store) nextSysID(t *entityType) string {
	st.sysIDs[t.Name]++
	return fmt.Sprintf("%s-%06d", t.SysIDPrefix, st.sysIDs[t.Name])
}
