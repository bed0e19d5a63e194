package sfsim

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/sim/sfsim/soql"
)

// predicate tests one record.
type predicate func(rec *record) bool

// comparable is a normalised value: string (lower-cased for text), float64
// or bool. Dates are YYYY-MM-DD strings and dateTimes canonical strings, so
// both order lexically.
type bound struct {
	lo, hi  any  // a range [lo, hi) for date literals; lo alone otherwise
	isRange bool // the literal is a date range
	null    bool
}

type compiler struct {
	s     *Server
	sc    *schema
	st    *store
	obj   *Object
	now   time.Time
	all   bool
	depth int
}

func (c *compiler) where(e soql.Expr) (predicate, *queryError) {
	switch x := e.(type) {
	case soql.Logical:
		l, err := c.where(x.Left)
		if err != nil {
			return nil, err
		}
		r, err := c.where(x.Right)
		if err != nil {
			return nil, err
		}
		if x.Op == "AND" {
			return func(rec *record) bool { return l(rec) && r(rec) }, nil
		}
		return func(rec *record) bool { return l(rec) || r(rec) }, nil
	case soql.Not:
		inner, err := c.where(x.X)
		if err != nil {
			return nil, err
		}
		return func(rec *record) bool { return !inner(rec) }, nil
	case soql.Comparison:
		return c.comparison(x)
	}
	return nil, malformed(soql.Pos{Row: 1, Col: 1}, "unsupported condition")
}

func (c *compiler) comparison(x soql.Comparison) (predicate, *queryError) {
	if x.Field.Kind != soql.FieldPath {
		return nil, malformed(x.Field.Pos, "Functions in WHERE are not supported by the simulator: %s", x.Field.Func)
	}
	fp, qerr := c.s.resolvePath(c.sc, c.obj, x.Field)
	if qerr != nil {
		return nil, qerr
	}
	f := fp.field
	if f == nil {
		f = &Field{Name: fp.name, Type: "string"}
	}
	if !f.filterable() {
		return nil, &queryError{code: "INVALID_FIELD", pos: x.Field.Pos, msg: fmt.Sprintf("field '%s' can not be filtered in a query call", f.Name)}
	}
	get := func(rec *record) any { return normalise(f, fp.value(c.st, rec)) }
	switch x.Op {
	case "LIKE":
		if !isTextType(f.Type) && f.Type != "id" && f.Type != "reference" {
			return nil, malformed(x.Field.Pos, "invalid operator on field: %s", f.Name)
		}
		if x.Value.Kind == soql.ValueNull {
			return func(rec *record) bool { return get(rec) == nil }, nil
		}
		re := likePattern(x.Value.Str)
		return func(rec *record) bool {
			v, ok := fp.value(c.st, rec).(string)
			return ok && re.MatchString(v)
		}, nil
	case "IN", "NOT IN":
		set, qerr := c.inSet(f, x)
		if qerr != nil {
			return nil, qerr
		}
		negate := x.Op == "NOT IN"
		return func(rec *record) bool {
			v := get(rec)
			hit := false
			for _, b := range set {
				if matchBound(v, b, "=") {
					hit = true
					break
				}
			}
			return hit != negate
		}, nil
	case "INCLUDES", "EXCLUDES":
		if f.Type != "multipicklist" {
			return nil, malformed(x.Field.Pos, "invalid operator on field: %s. INCLUDES and EXCLUDES apply to multi-select picklists", f.Name)
		}
		want := make([][]string, 0, len(x.Values))
		for _, v := range x.Values {
			if v.Kind != soql.ValueString {
				return nil, malformed(v.Pos, "INCLUDES and EXCLUDES take string values")
			}
			want = append(want, splitMulti(v.Str))
		}
		excl := x.Op == "EXCLUDES"
		return func(rec *record) bool {
			s, _ := fp.value(c.st, rec).(string)
			have := splitMulti(s)
			hit := false
			for _, w := range want {
				if containsAll(have, w) {
					hit = true
					break
				}
			}
			return hit != excl
		}, nil
	}
	b, qerr := literal(f, x.Value, c.now)
	if qerr != nil {
		return nil, qerr
	}
	if f.Type == "multipicklist" && (x.Op == "=" || x.Op == "!=") && !b.null {
		want := splitMulti(x.Value.Str)
		eq := x.Op == "="
		return func(rec *record) bool {
			s, _ := fp.value(c.st, rec).(string)
			have := splitMulti(s)
			same := len(have) == len(want) && containsAll(have, want)
			return same == eq
		}, nil
	}
	op := x.Op
	return func(rec *record) bool { return matchBound(get(rec), b, op) }, nil
}

func (c *compiler) inSet(f *Field, x soql.Comparison) ([]bound, *queryError) {
	if x.Subquery != nil {
		return c.semiJoin(f, x)
	}
	var set []bound
	for _, v := range x.Values {
		b, qerr := literal(f, v, c.now)
		if qerr != nil {
			return nil, qerr
		}
		set = append(set, b)
	}
	return set, nil
}

// semiJoin evaluates "Id IN (SELECT AccountId FROM Opportunity ...)".
func (c *compiler) semiJoin(f *Field, x soql.Comparison) ([]bound, *queryError) {
	sub := x.Subquery
	if c.depth > 0 {
		return nil, malformed(x.Field.Pos, "Nesting of semi join sub-selects is not supported")
	}
	if len(sub.Fields) != 1 || sub.Fields[0].Kind != soql.FieldPath {
		return nil, malformed(x.Field.Pos, "The selected field in a semi join sub-select must be a single Id or reference field")
	}
	obj, ok := c.sc.object(sub.Object)
	if !ok {
		return nil, &queryError{code: "INVALID_TYPE", pos: x.Field.Pos, msg: fmt.Sprintf("sObject type '%s' is not supported.", sub.Object)}
	}
	inner := &compiler{s: c.s, sc: c.sc, st: c.st, obj: obj, now: c.now, depth: c.depth + 1}
	fp, qerr := c.s.resolvePath(c.sc, obj, sub.Fields[0])
	if qerr != nil {
		return nil, qerr
	}
	if fp.field == nil || (fp.field.Type != "id" && fp.field.Type != "reference") {
		return nil, malformed(x.Field.Pos, "The selected field in a semi join sub-select must be a single Id or reference field")
	}
	keep := func(*record) bool { return true }
	if sub.Where != nil {
		var qerr *queryError
		if keep, qerr = inner.where(sub.Where); qerr != nil {
			return nil, qerr
		}
	}
	var set []bound
	for _, rec := range c.st.rows(obj, false) {
		if keep(rec) {
			if v, ok := fp.value(c.st, rec).(string); ok {
				set = append(set, bound{lo: v})
			}
		}
	}
	return set, nil
}

// normalise turns a stored value into its comparable form. Text compares
// without case; ids keep their case, because 18-character ids are unique
// and order by creation only with case.
func normalise(f *Field, v any) any {
	if x, ok := v.(string); ok && f.Type != "id" && f.Type != "reference" {
		return strings.ToLower(x)
	}
	return v
}

// literal converts a SOQL literal to a bound for field f, checking that the
// literal type suits the field type.
func literal(f *Field, v soql.Value, now time.Time) (bound, *queryError) {
	wrongType := func(want string) *queryError {
		return malformed(v.Pos, "value of filter criterion for field '%s' must be of type %s and should not be enclosed in quotes", f.Name, want)
	}
	if v.Kind == soql.ValueNull {
		return bound{null: true}, nil
	}
	switch f.Type {
	case "boolean":
		if v.Kind != soql.ValueBoolean {
			return bound{}, wrongType("boolean")
		}
		return bound{lo: v.Bool}, nil
	case "int", "double", "currency", "percent", "long":
		if v.Kind != soql.ValueNumber && v.Kind != soql.ValueCurrency {
			return bound{}, wrongType("double")
		}
		return bound{lo: v.Num}, nil
	case "date":
		switch v.Kind {
		case soql.ValueDate:
			return bound{lo: v.Str}, nil
		case soql.ValueDateLiteral:
			lo, hi, _ := dateRange(v.Str, v.N, now)
			return bound{lo: lo.Format(dateLayout), hi: hi.Format(dateLayout), isRange: true}, nil
		}
		return bound{}, wrongType("date")
	case "datetime":
		switch v.Kind {
		case soql.ValueDateTime:
			t, ok := parseDateTime(v.Str)
			if !ok {
				return bound{}, malformed(v.Pos, "invalid dateTime literal: %s", v.Raw)
			}
			return bound{lo: strings.ToLower(formatDateTime(t))}, nil
		case soql.ValueDateLiteral:
			lo, hi, _ := dateRange(v.Str, v.N, now)
			return bound{lo: strings.ToLower(formatDateTime(lo)), hi: strings.ToLower(formatDateTime(hi)), isRange: true}, nil
		}
		return bound{}, wrongType("dateTime")
	case "id", "reference":
		if v.Kind != soql.ValueString {
			return bound{}, malformed(v.Pos, "value of filter criterion for field '%s' must be of type id and should be enclosed in quotes", f.Name)
		}
		if id, ok := normalizeID(v.Str); ok {
			return bound{lo: id}, nil
		}
		if v.Str != "" && f.Type == "id" {
			return bound{}, &queryError{code: "INVALID_QUERY_FILTER_OPERATOR", pos: v.Pos, msg: fmt.Sprintf("invalid ID field: %s", v.Str)}
		}
		return bound{lo: strings.ToLower(v.Str)}, nil
	}
	if v.Kind != soql.ValueString {
		return bound{}, malformed(v.Pos, "value of filter criterion for field '%s' must be of type string and should be enclosed in quotes", f.Name)
	}
	return bound{lo: strings.ToLower(unescapeLike(v.Str))}, nil
}

// unescapeLike drops the backslash the lexer kept before _ and % outside LIKE.
func unescapeLike(s string) string {
	return strings.NewReplacer(`\_`, "_", `\%`, "%").Replace(s)
}

// matchBound applies op to a value and a bound. SOQL comparisons with a null
// value are false except != and the explicit null checks.
func matchBound(v any, b bound, op string) bool {
	if b.null {
		switch op {
		case "=":
			return v == nil
		case "!=":
			return v != nil
		}
		return false
	}
	if v == nil {
		return op == "!="
	}
	if b.isRange {
		inLo, beforeHi := compare(v, b.lo) >= 0, compare(v, b.hi) < 0
		switch op {
		case "=":
			return inLo && beforeHi
		case "!=":
			return !(inLo && beforeHi)
		case "<":
			return !inLo
		case "<=":
			return beforeHi
		case ">":
			return !beforeHi
		case ">=":
			return inLo
		}
		return false
	}
	c := compare(v, b.lo)
	switch op {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

// compare orders two normalised values of the same kind.
func compare(a, b any) int {
	switch x := a.(type) {
	case string:
		y := fmt.Sprint(b)
		return strings.Compare(x, y)
	case float64:
		y, ok := b.(float64)
		if !ok {
			return 0
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case bool:
		y, _ := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	}
	return 0
}

// likePattern compiles a LIKE pattern: % is any run, _ one character, \%
// and \_ literal; matching ignores case.
func likePattern(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?is)^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '\\':
			if i+1 < len(p) && (p[i+1] == '%' || p[i+1] == '_') {
				b.WriteString(regexp.QuoteMeta(p[i+1 : i+2]))
				i++
			} else {
				b.WriteString(`\\`)
			}
		case '%':
			b.WriteString(".*")
		case '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func splitMulti(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, strings.ToLower(p))
		}
	}
	return out
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func formatNumber(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }
