package condition

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/schema"
)

// Problem is one reason a condition does not fit an object's describe.
type Problem struct {
	Field   string `json:"field"`
	Code    Code   `json:"code"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

// Code classifies a Problem so that callers branch without reading text.
type Code string

// Problem codes.
const (
	CodeUnknownField  Code = "unknown_field"
	CodeOperator      Code = "operator_not_allowed"
	CodeLiteralType   Code = "literal_type_mismatch"
	CodePicklistValue Code = "unknown_picklist_value"
	CodeNotFilterable Code = "field_not_filterable"
)

// RelatedFunc returns the describe of a referenced object type, so that
// Check can follow dot paths such as Account.Name. It may be nil.
type RelatedFunc func(object string) (schema.Object, bool)

// Check reports every comparison in e that does not fit obj: unknown fields,
// operators that do not apply to the field's kind, literals of the wrong
// type and picklist values the field does not have. The last segment of a
// dot path is checked only when related returns the referenced object;
// otherwise only the relationship itself is checked.
func Check(e Expr, obj schema.Object, related RelatedFunc) []Problem {
	var problems []Problem
	Walk(e, func(c Comparison) {
		f, ok, p := resolveField(obj, c.Field, related)
		if p != nil {
			problems = append(problems, *p)
			return
		}
		if ok {
			problems = append(problems, checkComparison(c, f)...)
		}
	})
	return problems
}

// resolveField finds the field a path names. ok is false when the path goes
// through a relationship whose object is unknown, so the field cannot be
// checked.
func resolveField(obj schema.Object, path string, related RelatedFunc) (f schema.Field, ok bool, p *Problem) {
	segs := strings.Split(path, ".")
	cur := obj
	for _, seg := range segs[:len(segs)-1] {
		ref, found := relationship(cur, seg)
		if !found {
			return f, false, &Problem{
				Field:   path,
				Code:    CodeUnknownField,
				Message: fmt.Sprintf("%s has no relationship %s, so %s cannot be followed.", cur.Name, seg, path),
				Fix:     relationshipFix(cur),
			}
		}
		if related == nil || len(ref.ReferenceTo) == 0 {
			return f, false, nil
		}
		next, found := related(ref.ReferenceTo[0])
		if !found {
			return f, false, nil
		}
		cur = next
	}
	last := segs[len(segs)-1]
	f, found := cur.Field(last)
	if !found {
		return f, false, &Problem{
			Field:   path,
			Code:    CodeUnknownField,
			Message: fmt.Sprintf("%s has no field %s.", cur.Name, last),
			Fix:     fieldFix(cur, last),
		}
	}
	return f, true, nil
}

// relationship finds the reference field that a path segment names: its
// relationship name (Account for AccountId) or, as Clarizen paths use, the
// reference field's own name (Manager).
func relationship(obj schema.Object, seg string) (schema.Field, bool) {
	for _, f := range obj.Fields {
		if f.Kind != schema.KindReference {
			continue
		}
		if strings.EqualFold(f.RelationshipName, seg) || strings.EqualFold(f.Name, seg) {
			return f, true
		}
	}
	return schema.Field{}, false
}

func relationshipFix(obj schema.Object) string {
	var names []string
	for _, f := range obj.Fields {
		if f.Kind == schema.KindReference {
			n := f.RelationshipName
			if n == "" {
				n = f.Name
			}
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return fmt.Sprintf("%s has no reference fields; compare one of its own fields.", obj.Name)
	}
	return "Start the path with one of: " + listNames(names, 12) + "."
}

func fieldFix(obj schema.Object, name string) string {
	if s := closestField(obj, name); s != "" {
		return fmt.Sprintf("Did you mean %s? Pick an existing field of %s.", s, obj.Name)
	}
	return fmt.Sprintf("Pick an existing field of %s.", obj.Name)
}

func checkComparison(c Comparison, f schema.Field) []Problem {
	if f.NotFilterable {
		return []Problem{{
			Field:   c.Field,
			Code:    CodeNotFilterable,
			Message: fmt.Sprintf("%s cannot be used in a condition: the API does not filter queries on it.", c.Field),
			Fix:     "Compare another field, such as a short text or picklist field that holds the same information.",
		}}
	}
	if !AllowsOp(f.Kind, c.Op) {
		return []Problem{{
			Field:   c.Field,
			Code:    CodeOperator,
			Message: fmt.Sprintf("%s does not apply to %s, %s.", c.Op, c.Field, KindPhrase(f.Kind)),
			Fix:     "Use one of: " + opList(Operators(f.Kind)) + ".",
		}}
	}
	var values []Value
	switch v := c.Value.(type) {
	case nil:
		return nil
	case List:
		values = v
	default:
		values = []Value{v}
	}
	var problems []Problem
	for _, v := range values {
		if !fits(f.Kind, v) {
			noun, example := literalKind(f.Kind)
			problems = append(problems, Problem{
				Field:   c.Field,
				Code:    CodeLiteralType,
				Message: fmt.Sprintf("%s is %s but is compared with %s.", c.Field, KindPhrase(f.Kind), describeValue(v)),
				Fix:     fmt.Sprintf("Compare it with %s, as in %s %s %s.", noun, c.Field, exampleOp(c.Op), example),
			})
			continue
		}
		problems = append(problems, checkPicklist(c, f, v)...)
	}
	return problems
}

// checkPicklist reports values that the field's picklist does not have.
// Fields whose describe lists no values are not checked, and LIKE patterns
// are not values.
func checkPicklist(c Comparison, f schema.Field, v Value) []Problem {
	s, ok := v.(String)
	if !ok || len(f.Picklist) == 0 {
		return nil
	}
	if f.Kind != schema.KindPicklist && f.Kind != schema.KindMultiPicklist {
		return nil
	}
	parts := []string{string(s)}
	if f.Kind == schema.KindMultiPicklist {
		parts = splitMulti(string(s))
	}
	var problems []Problem
	for _, part := range parts {
		if hasPicklistValueFold(f, part) {
			continue
		}
		problems = append(problems, Problem{
			Field:   c.Field,
			Code:    CodePicklistValue,
			Message: fmt.Sprintf("%s has no picklist value %s.", c.Field, String(part)),
			Fix:     "Use one of: " + picklistList(f) + ".",
		})
	}
	return problems
}

func hasPicklistValueFold(f schema.Field, v string) bool {
	for _, p := range f.Picklist {
		if strings.EqualFold(p.Value, v) {
			return true
		}
	}
	return false
}

func picklistList(f schema.Field) string {
	names := make([]string, 0, len(f.Picklist))
	for _, p := range f.Picklist {
		names = append(names, String(p.Value).String())
	}
	return listNames(names, 12)
}

func describeValue(v Value) string {
	switch v.(type) {
	case String:
		return "the string " + v.String()
	case Pattern:
		return "the pattern " + v.String()
	case Number:
		return "the number " + v.String()
	case Bool:
		return v.String()
	case Date:
		return "the date " + v.String()
	case DateTime:
		return "the date-time " + v.String()
	}
	return v.String()
}

func exampleOp(op Op) string {
	switch op {
	case OpIn, OpNotIn, OpIncludes, OpExcludes, OpLike, OpNotLike:
		return "="
	}
	return string(op)
}

func opList(ops []Op) string {
	names := make([]string, len(ops))
	for i, o := range ops {
		names[i] = string(o)
	}
	return strings.Join(names, ", ")
}

// listNames joins up to max names and counts the ones left out.
func listNames(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
}

// closestField returns the field name nearest to name by edit distance,
// ignoring case, or "" when none is within two edits.
func closestField(obj schema.Object, name string) string {
	best, bestDist := "", 3
	lower := strings.ToLower(name)
	for _, f := range obj.Fields {
		d := editDistance(lower, strings.ToLower(f.Name))
		if d < bestDist {
			best, bestDist = f.Name, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// splitMulti splits a ;-separated multi-select picklist value, dropping
// empty parts.
func splitMulti(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
