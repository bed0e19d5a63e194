package soql

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The soql-parser-js 5.0.2 test cases (testdata/corpus/SOURCE.txt) check the
// parser against an independent implementation: every query it marks invalid
// must be rejected, and every valid query inside the supported subset must
// parse to the same object, fields, conditions, ordering and limits.

// unsupportedValid lists valid queries outside the simulator's subset, by
// soql-parser-js test case number, with the feature that puts them outside.
var unsupportedValid = map[string]map[int]string{
	"is-valid": {
		16:  "GROUP BY ROLLUP",
		17:  "GROUP BY ROLLUP",
		39:  "a bare OFFSET read as an object alias",
		112: "WITH DATA CATEGORY",
		113: "WITH DATA CATEGORY",
		114: "WITH DATA CATEGORY",
		136: "DISTANCE and GEOLOCATION",
		137: "DISTANCE and GEOLOCATION",
		138: "DISTANCE and GEOLOCATION",
		139: "DISTANCE and GEOLOCATION",
	},
	"parse": {
		21: "TYPEOF",
		28: "GROUP BY ROLLUP",
		29: "GROUP BY ROLLUP",
		30: "GROUP BY CUBE and GROUPING()",
		35: "WITH DATA CATEGORY",
		36: "WITH DATA CATEGORY",
		37: "WITH DATA CATEGORY",
		42: "FOR VIEW UPDATE TRACKING",
		43: "UPDATE VIEWSTAT",
		57: "WITH DATA CATEGORY",
		59: "TYPEOF",
		60: "TYPEOF",
		79: "GROUP BY ROLLUP",
		80: "GROUP BY CUBE and GROUPING()",
		88: "DISTANCE and GEOLOCATION",
		89: "DISTANCE and GEOLOCATION",
		90: "DISTANCE and GEOLOCATION",
		92: "DISTANCE and GEOLOCATION",
	},
}

type validCase struct {
	TestCase int            `json:"testCase"`
	SOQL     string         `json:"soql"`
	IsValid  bool           `json:"isValid"`
	Options  map[string]any `json:"options"`
}

type parseCase struct {
	TestCase int            `json:"testCase"`
	SOQL     string         `json:"soql"`
	Options  map[string]any `json:"options"`
	Output   map[string]any `json:"output"`
}

func readCorpus(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
}

func TestParse_ValidityCorpus(t *testing.T) {
	var cases []validCase
	readCorpus(t, "is-valid-cases-v5.0.2.json", &cases)
	accepted, rejected := 0, 0
	for i, c := range cases {
		if len(c.Options) > 0 {
			continue // Apex bind variables are not part of REST SOQL
		}
		number := i + 1
		_, err := Parse(c.SOQL)
		switch {
		case !c.IsValid && err == nil:
			t.Errorf("case %d accepted an invalid query: %s", number, c.SOQL)
		case !c.IsValid:
			rejected++
		case err != nil:
			if _, ok := unsupportedValid["is-valid"][number]; !ok {
				t.Errorf("case %d rejected a valid query: %s: %v", number, c.SOQL, err)
			}
		default:
			accepted++
			if reason, ok := unsupportedValid["is-valid"][number]; ok {
				t.Errorf("case %d is listed as unsupported (%s) but parses", number, reason)
			}
		}
	}
	if rejected < 45 || accepted < 80 {
		t.Errorf("accepted %d valid and rejected %d invalid queries; the corpus has more", accepted, rejected)
	}
}

func TestParse_ParseTreeCorpus(t *testing.T) {
	var cases []parseCase
	readCorpus(t, "parse-cases-v5.0.2.json", &cases)
	compared := 0
	for _, c := range cases {
		if len(c.Options) > 0 {
			continue
		}
		q, err := Parse(c.SOQL)
		reason, unsupported := unsupportedValid["parse"][c.TestCase]
		if err != nil {
			if !unsupported {
				t.Errorf("case %d: %s: %v", c.TestCase, c.SOQL, err)
			}
			continue
		}
		if unsupported {
			t.Errorf("case %d is listed as unsupported (%s) but parses", c.TestCase, reason)
			continue
		}
		want := normalize(canonicalJS(c.Output))
		got := normalize(canonicalQuery(q))
		if !reflect.DeepEqual(want, got) {
			w, _ := json.Marshal(want)
			g, _ := json.Marshal(got)
			t.Errorf("case %d: %s\nsoql-parser-js %s\nsoql           %s", c.TestCase, c.SOQL, w, g)
		}
		compared++
	}
	if compared < 90 {
		t.Errorf("only %d parse trees compared", compared)
	}
}

func normalize(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// Canonical form shared by both trees.

func canonicalQuery(q *Query) map[string]any {
	out := map[string]any{"object": q.Object, "fields": canonFields(q.Fields)}
	if q.Where != nil {
		out["where"] = flatten(q.Where)
	}
	if q.Having != nil {
		out["having"] = flatten(q.Having)
	}
	if len(q.GroupBy) > 0 {
		var g []any
		for _, f := range q.GroupBy {
			g = append(g, canonField(f))
		}
		out["groupBy"] = g
	}
	if len(q.OrderBy) > 0 {
		var o []any
		for _, ob := range q.OrderBy {
			item := map[string]any{"field": canonField(ob.Field), "desc": ob.Descending}
			if ob.NullsSet {
				item["nulls"] = map[bool]string{true: "LAST", false: "FIRST"}[ob.NullsLast]
			}
			o = append(o, item)
		}
		out["orderBy"] = o
	}
	if q.Limit != nil {
		out["limit"] = *q.Limit
	}
	if q.Offset != nil {
		out["offset"] = *q.Offset
	}
	return out
}

func canonFields(fs []Field) []any {
	var out []any
	for _, f := range fs {
		out = append(out, canonField(f))
	}
	return out
}

func canonField(f Field) any {
	switch f.Kind {
	case FieldSubquery:
		sub := canonicalQuery(f.Subquery)
		name := sub["object"].(string)
		if i := strings.LastIndex(name, "."); i >= 0 {
			name = name[i+1:]
		}
		sub["object"] = name
		return map[string]any{"sub": sub}
	case FieldFunction:
		var args []any
		for _, a := range f.Args {
			args = append(args, canonField(a))
		}
		return map[string]any{"fn": strings.ToLower(f.Func), "args": args, "alias": f.Alias}
	}
	return map[string]any{"path": strings.Join(f.Path, "."), "alias": f.Alias}
}

func flatten(e Expr) []any {
	switch x := e.(type) {
	case Logical:
		out := flatten(x.Left)
		out = append(out, x.Op)
		return append(out, flatten(x.Right)...)
	case Not:
		return append([]any{"NOT"}, flatten(x.X)...)
	case Comparison:
		cond := map[string]any{"field": canonField(x.Field), "op": x.Op}
		switch {
		case x.Subquery != nil:
			cond["subquery"] = x.Subquery.Object
		case x.Values != nil:
			var vs []any
			for _, v := range x.Values {
				vs = append(vs, v.Raw)
			}
			cond["value"] = vs
		default:
			cond["value"] = x.Value.Raw
		}
		return []any{cond}
	}
	return nil
}

func canonicalJS(o map[string]any) map[string]any {
	out := map[string]any{"object": o["sObject"], "fields": jsFields(o["fields"])}
	if w, ok := o["where"].(map[string]any); ok {
		out["where"] = jsFlatten(w)
	}
	if h, ok := o["having"].(map[string]any); ok {
		out["having"] = jsFlatten(h)
	}
	if g, ok := o["groupBy"]; ok && g != nil {
		var list []any
		items, isList := g.([]any)
		if !isList {
			items = []any{g}
		}
		for _, it := range items {
			list = append(list, jsFieldRef(it.(map[string]any)))
		}
		out["groupBy"] = list
	}
	if ob, ok := o["orderBy"]; ok && ob != nil {
		items, isList := ob.([]any)
		if !isList {
			items = []any{ob}
		}
		var list []any
		for _, it := range items {
			m := it.(map[string]any)
			item := map[string]any{"field": jsFieldRef(m), "desc": strings.EqualFold(str(m["order"]), "DESC")}
			if n, ok := m["nulls"]; ok {
				item["nulls"] = n
			}
			list = append(list, item)
		}
		out["orderBy"] = list
	}
	if l, ok := o["limit"]; ok && l != nil {
		out["limit"] = l
	}
	if off, ok := o["offset"]; ok && off != nil {
		out["offset"] = off
	}
	return out
}

func str(v any) string { s, _ := v.(string); return s }

func stripPrefix(path, prefix string) string {
	if prefix != "" && strings.HasPrefix(strings.ToLower(path), strings.ToLower(prefix)+".") {
		return path[len(prefix)+1:]
	}
	return path
}

// jsFieldRef converts a {field} or {fn} reference (GROUP BY, ORDER BY).
func jsFieldRef(m map[string]any) any {
	if fn, ok := m["fn"].(map[string]any); ok {
		return jsFunction(fn)
	}
	return map[string]any{"path": m["field"], "alias": ""}
}

func jsFunction(fn map[string]any) any {
	var args []any
	params, _ := fn["parameters"].([]any)
	for _, p := range params {
		switch x := p.(type) {
		case string:
			args = append(args, map[string]any{"path": x, "alias": ""})
		case map[string]any:
			args = append(args, jsFunction(x))
		}
	}
	return map[string]any{"fn": strings.ToLower(str(fn["functionName"])), "args": args, "alias": str(fn["alias"])}
}

func jsFields(v any) []any {
	var out []any
	items, _ := v.([]any)
	for _, it := range items {
		m := it.(map[string]any)
		switch m["type"] {
		case "Field":
			out = append(out, map[string]any{"path": m["field"], "alias": str(m["alias"])})
		case "FieldRelationship":
			var parts []string
			for _, r := range m["relationships"].([]any) {
				parts = append(parts, r.(string))
			}
			parts = append(parts, m["field"].(string))
			out = append(out, map[string]any{"path": strings.Join(parts, "."), "alias": str(m["alias"])})
		case "FieldFunctionExpression":
			out = append(out, jsFunction(m))
		case "FieldSubquery":
			sq := m["subquery"].(map[string]any)
			sub := canonicalJS(map[string]any{"sObject": sq["relationshipName"], "fields": sq["fields"],
				"where": sq["where"], "orderBy": sq["orderBy"], "limit": sq["limit"], "offset": sq["offset"]})
			for _, k := range []string{"where", "orderBy", "limit", "offset"} {
				if sq[k] == nil {
					delete(sub, k)
				}
			}
			out = append(out, map[string]any{"sub": sub})
		default:
			out = append(out, map[string]any{"unsupported": m["type"]})
		}
	}
	return out
}

func jsFlatten(node map[string]any) []any {
	var out []any
	if left, ok := node["left"].(map[string]any); ok {
		if _, hasField := left["field"]; hasField || left["fn"] != nil {
			out = append(out, jsCondition(left))
		}
	}
	if op, ok := node["operator"].(string); ok {
		out = append(out, op)
	}
	if right, ok := node["right"].(map[string]any); ok {
		out = append(out, jsFlatten(right)...)
	}
	return out
}

func jsCondition(c map[string]any) any {
	var field any
	if fn, ok := c["fn"].(map[string]any); ok {
		field = jsFunction(fn)
	} else {
		field = map[string]any{"path": c["field"], "alias": ""}
	}
	cond := map[string]any{"field": field, "op": c["operator"]}
	if vq, ok := c["valueQuery"].(map[string]any); ok {
		cond["subquery"] = vq["sObject"]
	} else {
		cond["value"] = c["value"]
	}
	return cond
}
