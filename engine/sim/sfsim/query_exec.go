package sfsim

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/liaison-sync/liaison/engine/sim/sfsim/soql"
)

// queryResult is the full answer of a query before paging.
type queryResult struct {
	rows      []any
	totalSize int
}

const maxOffset = 2000

// column is one output item of a non-aggregate query.
type column struct {
	path     *fieldPath
	subquery *childQuery
}

// childQuery is a parent-to-child subquery.
type childQuery struct {
	name  string // relationship name, canonical case
	rel   childRelationship
	cols  []column
	keep  predicate
	order []orderKey
	limit int
}

type orderKey struct {
	path      *fieldPath
	desc      bool
	nullsLast bool
}

// runQuery parses and evaluates a SOQL statement against a schema and store.
// The caller holds s.mu.
func (s *Server) runQuery(sc *schema, st *store, text string, all bool, version string) (*queryResult, *response) {
	q, err := soql.Parse(text)
	if err != nil {
		serr, ok := err.(*soql.Error)
		if !ok {
			resp := errorResponse(http.StatusBadRequest, "MALFORMED_QUERY", "%s", err.Error())
			return nil, &resp
		}
		resp := malformed(serr.Pos, "%s", serr.Msg).response(text)
		return nil, &resp
	}
	res, qerr := s.evalQuery(sc, st, q, all, version)
	if qerr != nil {
		resp := qerr.response(text)
		return nil, &resp
	}
	return res, nil
}

func (s *Server) evalQuery(sc *schema, st *store, q *soql.Query, all bool, version string) (*queryResult, *queryError) {
	obj, ok := sc.object(q.Object)
	if !ok || !obj.Queryable {
		return nil, &queryError{code: "INVALID_TYPE", pos: soql.Pos{Row: 1, Col: 1}, msg: fmt.Sprintf(
			"sObject type '%s' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.", q.Object)}
	}
	if q.Offset != nil && *q.Offset > maxOffset {
		return nil, &queryError{code: "NUMBER_OUTSIDE_VALID_RANGE", pos: soql.Pos{Row: 1, Col: 1}, msg: fmt.Sprintf("Maximum SOQL offset allowed is %d", maxOffset)}
	}
	c := &compiler{s: s, sc: sc, st: st, obj: obj, now: s.now(), all: all}
	keep := func(*record) bool { return true }
	if q.Where != nil {
		var qerr *queryError
		if keep, qerr = c.where(q.Where); qerr != nil {
			return nil, qerr
		}
	}
	var matched []*record
	for _, rec := range st.rows(obj, all) {
		if keep(rec) {
			matched = append(matched, rec)
		}
	}
	if isAggregateQuery(q) {
		return s.aggregate(c, q, matched)
	}
	fields, qerr := expandFields(obj, q)
	if qerr != nil {
		return nil, qerr
	}
	cols, qerr := s.columns(c, obj, fields)
	if qerr != nil {
		return nil, qerr
	}
	order, qerr := s.orderKeys(c, obj, q.OrderBy)
	if qerr != nil {
		return nil, qerr
	}
	sortRecords(st, matched, order)
	matched = window(matched, q.Offset, q.Limit)
	rows := make([]any, 0, len(matched))
	for _, rec := range matched {
		rows = append(rows, s.renderRow(st, rec, cols, version))
	}
	return &queryResult{rows: rows, totalSize: len(rows)}, nil
}

func window(rs []*record, offset, limit *int) []*record {
	if offset != nil {
		if *offset >= len(rs) {
			return nil
		}
		rs = rs[*offset:]
	}
	if limit != nil && *limit < len(rs) {
		rs = rs[:*limit]
	}
	return rs
}

// expandFields replaces FIELDS(ALL|STANDARD|CUSTOM) with the field paths it
// stands for. FIELDS(ALL) and FIELDS(CUSTOM) need LIMIT 200 or less.
func expandFields(obj *Object, q *soql.Query) ([]soql.Field, *queryError) {
	var out []soql.Field
	for _, f := range q.Fields {
		if f.Kind != soql.FieldFunction || !strings.EqualFold(f.Func, "FIELDS") {
			out = append(out, f)
			continue
		}
		kind := strings.ToUpper(f.Args[0].Path[0])
		if kind != "STANDARD" && (q.Limit == nil || *q.Limit > 200) {
			return nil, malformed(f.Pos, "The SOQL FIELDS function must have a LIMIT of at most 200")
		}
		for _, fld := range obj.Fields {
			if (kind == "STANDARD" && fld.Custom) || (kind == "CUSTOM" && !fld.Custom) {
				continue
			}
			out = append(out, soql.Field{Kind: soql.FieldPath, Path: []string{fld.Name}, Pos: f.Pos})
		}
	}
	return out, nil
}

func (s *Server) columns(c *compiler, obj *Object, fields []soql.Field) ([]column, *queryError) {
	var cols []column
	for _, f := range fields {
		switch f.Kind {
		case soql.FieldPath:
			if f.Alias != "" {
				return nil, malformed(f.Pos, "Only aggregate expressions use field aliasing")
			}
			fp, qerr := s.resolvePath(c.sc, obj, f)
			if qerr != nil {
				return nil, qerr
			}
			cols = append(cols, column{path: fp})
		case soql.FieldFunction:
			fn := strings.ToUpper(f.Func)
			if fn != "TOLABEL" && fn != "FORMAT" && fn != "CONVERTCURRENCY" || len(f.Args) != 1 || f.Args[0].Kind != soql.FieldPath {
				return nil, malformed(f.Pos, "Function %s is not supported here by the simulator", f.Func)
			}
			fp, qerr := s.resolvePath(c.sc, obj, f.Args[0])
			if qerr != nil {
				return nil, qerr
			}
			fp.fn = fn
			cols = append(cols, column{path: fp})
		case soql.FieldSubquery:
			cq, qerr := s.childQuery(c, obj, f)
			if qerr != nil {
				return nil, qerr
			}
			cols = append(cols, column{subquery: cq})
		}
	}
	return cols, nil
}

func (s *Server) childQuery(c *compiler, parent *Object, f soql.Field) (*childQuery, *queryError) {
	sub := f.Subquery
	name := sub.Object
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	rel, ok := c.sc.childRelationship(parent, name)
	if !ok {
		return nil, &queryError{code: "INVALID_TYPE", pos: f.Pos, msg: fmt.Sprintf(
			"Didn't understand relationship '%s' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.", name)}
	}
	inner := &compiler{s: s, sc: c.sc, st: c.st, obj: rel.Child, now: c.now, all: c.all, depth: c.depth + 1}
	cq := &childQuery{name: rel.Name, rel: rel, keep: func(*record) bool { return true }, limit: -1}
	fields, qerr := expandFields(rel.Child, sub)
	if qerr != nil {
		return nil, qerr
	}
	if cq.cols, qerr = s.columns(inner, rel.Child, fields); qerr != nil {
		return nil, qerr
	}
	if sub.Where != nil {
		if cq.keep, qerr = inner.where(sub.Where); qerr != nil {
			return nil, qerr
		}
	}
	if cq.order, qerr = s.orderKeys(inner, rel.Child, sub.OrderBy); qerr != nil {
		return nil, qerr
	}
	if sub.Limit != nil {
		cq.limit = *sub.Limit
	}
	return cq, nil
}

func (s *Server) orderKeys(c *compiler, obj *Object, items []soql.Order) ([]orderKey, *queryError) {
	var keys []orderKey
	for _, o := range items {
		if o.Field.Kind != soql.FieldPath {
			return nil, malformed(o.Field.Pos, "Ordering by a function is not supported by the simulator")
		}
		fp, qerr := s.resolvePath(c.sc, obj, o.Field)
		if qerr != nil {
			return nil, qerr
		}
		if fp.field != nil && !fp.field.sortable() {
			return nil, &queryError{code: "INVALID_FIELD", pos: o.Field.Pos, msg: fmt.Sprintf("field '%s' can not be sorted in a query call", fp.field.Name)}
		}
		keys = append(keys, orderKey{path: fp, desc: o.Descending, nullsLast: o.NullsLast})
	}
	return keys, nil
}

func sortRecords(st *store, rs []*record, keys []orderKey) {
	if len(keys) == 0 {
		return
	}
	sort.SliceStable(rs, func(i, j int) bool {
		for _, k := range keys {
			a, b := k.normalise(st, rs[i]), k.normalise(st, rs[j])
			switch {
			case a == nil && b == nil:
				continue
			case a == nil:
				return !k.nullsLast
			case b == nil:
				return k.nullsLast
			}
			c := compare(a, b)
			if c == 0 {
				continue
			}
			if k.desc {
				return c > 0
			}
			return c < 0
		}
		return false
	})
}

// normalise returns the comparable sort value of the key for one record.
func (k orderKey) normalise(st *store, r *record) any {
	v := k.path.value(st, r)
	if f := k.path.field; f != nil {
		return normalise(f, v)
	}
	return normaliseAny(v)
}

func normaliseAny(v any) any {
	if s, ok := v.(string); ok {
		return strings.ToLower(s)
	}
	return v
}

// renderRow builds the JSON object of one result row with nested
// relationship objects and child subquery results.
func (s *Server) renderRow(st *store, rec *record, cols []column, version string) *orderedMap {
	out := newOrderedMap()
	out.set("attributes", attributes(rec.obj, rec.id(), version))
	for _, col := range cols {
		if col.subquery != nil {
			out.set(col.subquery.name, s.renderChildren(st, rec, col.subquery, version))
			continue
		}
		fp := col.path
		m, cur := out, rec
		for i, ref := range fp.refs {
			name := fp.rels[i]
			id, _ := cur.vals[ref.Name].(string)
			next, ok := st.get(id)
			if id == "" || !ok || next.deleted {
				if _, set := m.get(name); !set {
					m.set(name, nil)
				}
				cur = nil
				break
			}
			prev, _ := m.get(name)
			nested, _ := prev.(*orderedMap)
			if nested == nil {
				nested = newOrderedMap()
				nested.set("attributes", attributes(next.obj, next.id(), version))
				m.set(name, nested)
			}
			m, cur = nested, next
		}
		if cur == nil {
			continue
		}
		f, ok := fp.finalField(cur)
		if !ok {
			m.set(fp.name, nil)
			continue
		}
		v := fieldValue(cur, f)
		if fp.fn == "TOLABEL" {
			for _, p := range f.Picklist {
				if p.Value == v {
					v = p.Label
				}
			}
		}
		m.set(f.Name, v)
	}
	return out
}

func (s *Server) renderChildren(st *store, parent *record, cq *childQuery, version string) any {
	var kids []*record
	for _, rec := range st.rows(cq.rel.Child, false) {
		if rec.vals[cq.rel.Field.Name] == parent.id() && cq.keep(rec) {
			kids = append(kids, rec)
		}
	}
	sortRecords(st, kids, cq.order)
	if cq.limit >= 0 && len(kids) > cq.limit {
		kids = kids[:cq.limit]
	}
	if len(kids) == 0 {
		return nil
	}
	rows := make([]any, len(kids))
	for i, k := range kids {
		rows[i] = s.renderRow(st, k, cq.cols, version)
	}
	return map[string]any{"totalSize": len(rows), "done": true, "records": rows}
}
