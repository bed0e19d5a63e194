package sfsim

import (
	"strings"
	"time"
)

// record is one stored row. vals uses the canonical field names of the
// object; values are string, float64, bool or nil, with dates as YYYY-MM-DD
// and dateTimes in the wire form 2006-01-02T15:04:05.000+0000.
type record struct {
	obj       *Object
	vals      map[string]any
	deleted   bool
	deletedAt time.Time
	seq       int64
}

func (r *record) id() string {
	id, _ := r.vals["Id"].(string)
	return id
}

// store keeps every record of one org, live and deleted.
type store struct {
	byObject map[string][]*record // lower-case object name, insertion order
	byID     map[string]*record
	seq      int64
}

func newStore() *store {
	return &store{byObject: map[string][]*record{}, byID: map[string]*record{}}
}

func (st *store) insert(r *record) {
	st.seq++
	r.seq = st.seq
	key := strings.ToLower(r.obj.Name)
	st.byObject[key] = append(st.byObject[key], r)
	st.byID[r.id()] = r
}

func (st *store) get(id string) (*record, bool) {
	r, ok := st.byID[id]
	return r, ok
}

// rows returns the records of an object in insertion order; deleted ones
// only when withDeleted is set.
func (st *store) rows(obj *Object, withDeleted bool) []*record {
	all := st.byObject[strings.ToLower(obj.Name)]
	if withDeleted {
		return all
	}
	out := make([]*record, 0, len(all))
	for _, r := range all {
		if !r.deleted {
			out = append(out, r)
		}
	}
	return out
}

// purge removes records that were deleted before the cutoff, as the recycle
// bin does after 15 days.
func (st *store) purge(cutoff time.Time) {
	for key, list := range st.byObject {
		kept := list[:0]
		for _, r := range list {
			if r.deleted && r.deletedAt.Before(cutoff) {
				delete(st.byID, r.id())
				continue
			}
			kept = append(kept, r)
		}
		st.byObject[key] = kept
	}
}

// remove deletes a record from the store without leaving it in the recycle
// bin (used when a rolled-back insert is undone).
func (st *store) remove(r *record) {
	key := strings.ToLower(r.obj.Name)
	list := st.byObject[key]
	for i, x := range list {
		if x == r {
			st.byObject[key] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	delete(st.byID, r.id())
}

const (
	dateLayout     = "2006-01-02"
	dateTimeLayout = "2006-01-02T15:04:05.000-0700"
)

// formatDateTime renders t the way the REST API returns dateTime values.
func formatDateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000+0000")
}

// parseDateTime accepts the wire form, RFC 3339 and a few ISO 8601 variants.
func parseDateTime(s string) (time.Time, bool) {
	for _, layout := range []string{dateTimeLayout, time.RFC3339Nano, "2006-01-02T15:04:05.000Z0700",
		"2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05-07:00", "2006-01-02T15:04:05.999999999-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func parseDate(s string) (time.Time, error) { return time.Parse(dateLayout, s) }
