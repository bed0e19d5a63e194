package sfsim

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/sim/sfsim/soql"
)

func isAggregateQuery(q *soql.Query) bool {
	if len(q.GroupBy) > 0 {
		return true
	}
	for _, f := range q.Fields {
		if f.IsAggregate() {
			return true
		}
	}
	return false
}

type aggItem struct {
	key   string
	fn    string // upper-case aggregate name, "" for a grouped field
	path  *fieldPath
	count bool // COUNT() without argument
}

type group struct {
	key  string
	rows []*record
}

// aggregate evaluates COUNT(), aggregate functions and GROUP BY.
func (s *Server) aggregate(c *compiler, q *soql.Query, matched []*record) (*queryResult, *queryError) {
	if len(q.Fields) == 1 && strings.EqualFold(q.Fields[0].Func, "COUNT") && len(q.Fields[0].Args) == 0 && len(q.GroupBy) == 0 {
		matched = window(matched, q.Offset, q.Limit)
		return &queryResult{rows: []any{}, totalSize: len(matched)}, nil
	}
	var groupPaths []*fieldPath
	for _, g := range q.GroupBy {
		if g.Kind != soql.FieldPath {
			return nil, malformed(g.Pos, "Grouping by a function is not supported by the simulator")
		}
		fp, qerr := s.resolvePath(c.sc, c.obj, g)
		if qerr != nil {
			return nil, qerr
		}
		if fp.field != nil && !fp.field.groupable() {
			return nil, &queryError{code: "MALFORMED_QUERY", pos: g.Pos, msg: fmt.Sprintf("field '%s' can not be grouped in a query call", fp.field.Name)}
		}
		groupPaths = append(groupPaths, fp)
	}
	items, qerr := s.aggItems(c, q, groupPaths)
	if qerr != nil {
		return nil, qerr
	}
	groups := groupRecords(c.st, matched, groupPaths)
	var rows []any
	for _, g := range groups {
		if q.Having != nil {
			ok, qerr := s.having(c, q.Having, g.rows)
			if qerr != nil {
				return nil, qerr
			}
			if !ok {
				continue
			}
		}
		row := newOrderedMap()
		row.set("attributes", map[string]any{"type": "AggregateResult"})
		for _, it := range items {
			row.set(it.key, aggValue(c.st, it, g.rows))
		}
		rows = append(rows, row)
	}
	if q.Limit != nil && *q.Limit < len(rows) {
		rows = rows[:*q.Limit]
	}
	if rows == nil {
		rows = []any{}
	}
	return &queryResult{rows: rows, totalSize: len(rows)}, nil
}

func (s *Server) aggItems(c *compiler, q *soql.Query, groupPaths []*fieldPath) ([]aggItem, *queryError) {
	var items []aggItem
	expr := 0
	for _, f := range q.Fields {
		switch {
		case f.IsAggregate():
			it := aggItem{fn: strings.ToUpper(f.Func), key: f.Alias}
			if it.key == "" {
				it.key = fmt.Sprintf("expr%d", expr)
				expr++
			}
			if len(f.Args) == 0 {
				it.count = true
			} else {
				if len(f.Args) != 1 || f.Args[0].Kind != soql.FieldPath {
					return nil, malformed(f.Pos, "Aggregate function %s takes one field", f.Func)
				}
				fp, qerr := s.resolvePath(c.sc, c.obj, f.Args[0])
				if qerr != nil {
					return nil, qerr
				}
				if fp.field != nil && !fp.field.aggregatable() {
					return nil, malformed(f.Pos, "field %s does not support aggregate operator %s", fp.field.Name, it.fn)
				}
				it.path = fp
			}
			items = append(items, it)
		case f.Kind == soql.FieldPath:
			fp, qerr := s.resolvePath(c.sc, c.obj, f)
			if qerr != nil {
				return nil, qerr
			}
			if !pathGrouped(fp, groupPaths) {
				return nil, malformed(f.Pos, "Field must be grouped or aggregated: %s", strings.Join(f.Path, "."))
			}
			key := f.Alias
			if key == "" {
				key = fp.field.Name
			}
			items = append(items, aggItem{key: key, path: fp})
		default:
			return nil, malformed(f.Pos, "Function %s is not supported in aggregate queries by the simulator", f.Func)
		}
	}
	return items, nil
}

func pathGrouped(fp *fieldPath, groups []*fieldPath) bool {
	for _, g := range groups {
		if g.field == fp.field && strings.EqualFold(strings.Join(g.rels, "."), strings.Join(fp.rels, ".")) {
			return true
		}
	}
	return false
}

func groupRecords(st *store, rs []*record, paths []*fieldPath) []*group {
	if len(paths) == 0 {
		return []*group{{rows: rs}}
	}
	index := map[string]*group{}
	var out []*group
	for _, r := range rs {
		parts := make([]string, len(paths))
		for i, p := range paths {
			parts[i] = strings.ToLower(fmt.Sprint(p.value(st, r)))
		}
		k := strings.Join(parts, "\x00")
		g, ok := index[k]
		if !ok {
			g = &group{key: k}
			index[k] = g
			out = append(out, g)
		}
		g.rows = append(g.rows, r)
	}
	return out
}

func aggValue(st *store, it aggItem, rows []*record) any {
	if it.fn == "" {
		if len(rows) == 0 {
			return nil
		}
		return it.path.value(st, rows[0])
	}
	if it.count {
		return len(rows)
	}
	var vals []any
	for _, r := range rows {
		if v := it.path.value(st, r); v != nil {
			vals = append(vals, v)
		}
	}
	switch it.fn {
	case "COUNT":
		return len(vals)
	case "COUNT_DISTINCT":
		seen := map[string]bool{}
		for _, v := range vals {
			seen[strings.ToLower(fmt.Sprint(v))] = true
		}
		return len(seen)
	case "SUM", "AVG":
		if len(vals) == 0 {
			return nil
		}
		sum := 0.0
		for _, v := range vals {
			n, _ := v.(float64)
			sum += n
		}
		if it.fn == "AVG" {
			return sum / float64(len(vals))
		}
		return sum
	case "MIN", "MAX":
		var best any
		for _, v := range vals {
			if best == nil {
				best = v
				continue
			}
			c := compare(normaliseAny(v), normaliseAny(best))
			if (it.fn == "MIN" && c < 0) || (it.fn == "MAX" && c > 0) {
				best = v
			}
		}
		return best
	}
	return nil
}

// having evaluates a HAVING condition for one group.
func (s *Server) having(c *compiler, e soql.Expr, rows []*record) (bool, *queryError) {
	switch x := e.(type) {
	case soql.Logical:
		l, err := s.having(c, x.Left, rows)
		if err != nil {
			return false, err
		}
		r, err := s.having(c, x.Right, rows)
		if err != nil {
			return false, err
		}
		if x.Op == "AND" {
			return l && r, nil
		}
		return l || r, nil
	case soql.Not:
		v, err := s.having(c, x.X, rows)
		return !v, err
	case soql.Comparison:
		if x.Field.IsAggregate() {
			it := aggItem{fn: strings.ToUpper(x.Field.Func)}
			if len(x.Field.Args) == 0 {
				it.count = true
			} else {
				fp, qerr := s.resolvePath(c.sc, c.obj, x.Field.Args[0])
				if qerr != nil {
					return false, qerr
				}
				it.path = fp
			}
			v := aggValue(c.st, it, rows)
			if n, ok := v.(int); ok {
				v = float64(n)
			}
			b, qerr := literal(&Field{Name: x.Field.Func, Type: "double"}, x.Value, c.now)
			if qerr != nil {
				return false, qerr
			}
			return matchBound(v, b, x.Op), nil
		}
		pred, qerr := c.comparison(x)
		if qerr != nil {
			return false, qerr
		}
		return len(rows) > 0 && pred(rows[0]), nil
	}
	return false, nil
}
