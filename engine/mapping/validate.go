package mapping

import (
	"errors"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

// validator collects the problems of one mapping or event.
type validator struct {
	owner     string // "mapping" or "event"
	id, name  string
	instance  int
	describer Describer
	mappings  []Mapping
	problems  []Problem
}

// where is the location of a problem.
type where struct {
	side       schema.Side
	object     string
	field      string
	fieldMapID string
	part       string
}

func (v *validator) add(sev Severity, at where, code ProblemCode, message, fix string) {
	v.problems = append(v.problems, Problem{
		Severity:   sev,
		Owner:      v.owner,
		OwnerID:    v.id,
		OwnerName:  v.name,
		Side:       at.side,
		Object:     at.object,
		Field:      at.field,
		FieldMapID: at.fieldMapID,
		Part:       at.part,
		Code:       code,
		Message:    v.title() + ": " + message,
		Fix:        fix,
	})
}

func (v *validator) errorf(at where, code ProblemCode, fix, format string, args ...any) {
	v.add(SeverityError, at, code, fmt.Sprintf(format, args...), fix)
}

func (v *validator) warnf(at where, code ProblemCode, fix, format string, args ...any) {
	v.add(SeverityWarning, at, code, fmt.Sprintf(format, args...), fix)
}

func (v *validator) title() string {
	owner := "Mapping"
	if v.owner == "event" {
		owner = "Event"
	}
	if v.name == "" {
		return fmt.Sprintf("%s %s", owner, v.id)
	}
	return fmt.Sprintf("%s %q", owner, v.name)
}

// enum reports an invalid enum value as an invalid setting.
func (v *validator) enum(at where, err error) {
	if err != nil {
		v.errorf(at, CodeInvalidSetting, "Pick one of the listed values.", "%s.", upperFirst(err.Error()))
	}
}

// describe returns the describe of an object on a side, reporting an
// unknown object.
func (v *validator) describe(side schema.Side, object string, at where) (schema.Object, bool) {
	at.side, at.object = side, object
	if object == "" {
		v.errorf(at, CodeUnknownObject, "Pick the object.", "the %s object is not set.", sideName(side))
		return schema.Object{}, false
	}
	var o schema.Object
	var ok bool
	if side == schema.Salesforce {
		o, ok = v.describer.DescribeSalesforce(object)
	} else {
		o, ok = v.describer.DescribeClarizen(v.instance, object)
	}
	if !ok {
		v.errorf(at, CodeUnknownObject, "Pick an existing object, or refresh the describes if it was just created.",
			"%s has no object %s.", sideInstance(side, v.instance), object)
	}
	return o, ok
}

// field returns a field of a described object, reporting an unknown one.
func (v *validator) field(side schema.Side, obj schema.Object, name string, at where, what string) (schema.Field, bool) {
	at.side, at.object, at.field = side, obj.Name, name
	if name == "" {
		v.errorf(at, CodeUnknownField, "Pick a field of "+obj.Name+".", "the %s is not set.", what)
		return schema.Field{}, false
	}
	f, ok := obj.Field(name)
	if !ok {
		v.errorf(at, CodeUnknownField, "Pick an existing field of "+obj.Name+", or refresh the describes if it was just created.",
			"the %s %s does not exist on %s %s.", what, name, sideName(side), obj.Name)
	}
	return f, ok
}

// condition parses a condition and checks it against obj.
func (v *validator) condition(text string, side schema.Side, obj schema.Object, at where, what string) {
	at.side, at.object = side, obj.Name
	e, err := condition.Parse(text)
	if err != nil {
		var se *condition.SyntaxError
		fix := "Correct the condition."
		if errors.As(err, &se) {
			fix = upperFirst(se.Fix) + "."
		}
		v.errorf(at, CodeInvalidCondition, fix, "the %s %q does not parse: %v.", what, text, err)
		return
	}
	related := func(name string) (schema.Object, bool) {
		if side == schema.Salesforce {
			return v.describer.DescribeSalesforce(name)
		}
		return v.describer.DescribeClarizen(v.instance, name)
	}
	problems := condition.Check(e, obj, related)
	for _, p := range problems {
		at.field = p.Field
		v.errorf(at, CodeInvalidCondition, p.Fix, "%s: %s", what, p.Message)
	}
	if len(problems) > 0 {
		return
	}
	if err := compileFor(side, e, obj); err != nil {
		v.errorf(at, CodeInvalidCondition, "Rewrite the condition with operators the target supports.", "%s %q cannot be queried: %v.", what, text, err)
	}
}

// compileFor compiles a condition for the side's query language, to catch
// conditions that check but cannot be queried (INCLUDES on Clarizen, a
// date-time with fractional seconds in SOQL).
func compileFor(side schema.Side, e condition.Expr, obj schema.Object) error {
	if side == schema.Clarizen {
		_, err := condition.CZQL(e, obj)
		return err
	}
	_, err := condition.SOQL(e)
	return err
}

// path checks a field path (a field or a dot path through references) on
// obj and returns the final field when it can be resolved.
func (v *validator) path(side schema.Side, obj schema.Object, path string, at where, what string) (schema.Field, bool) {
	at.side, at.object, at.field = side, obj.Name, path
	if path == "" {
		v.errorf(at, CodeUnknownField, "Pick a field of "+obj.Name+".", "the %s is not set.", what)
		return schema.Field{}, false
	}
	if !strings.Contains(path, ".") {
		return v.field(side, obj, path, at, what)
	}
	related := func(name string) (schema.Object, bool) {
		if side == schema.Salesforce {
			return v.describer.DescribeSalesforce(name)
		}
		return v.describer.DescribeClarizen(v.instance, name)
	}
	probe := condition.Comparison{Field: path, Op: condition.OpIsNull}
	for _, p := range condition.Check(probe, obj, related) {
		v.errorf(at, CodeUnknownField, p.Fix, "%s %s: %s", what, path, p.Message)
		return schema.Field{}, false
	}
	return resolvePath(obj, path, related)
}

// resolvePath follows a dot path to its last field, when every step's
// object is described.
func resolvePath(obj schema.Object, path string, related condition.RelatedFunc) (schema.Field, bool) {
	segs := strings.Split(path, ".")
	cur := obj
	for _, seg := range segs[:len(segs)-1] {
		next, ok := stepRelationship(cur, seg, related)
		if !ok {
			return schema.Field{}, false
		}
		cur = next
	}
	return cur.Field(segs[len(segs)-1])
}

func stepRelationship(obj schema.Object, seg string, related condition.RelatedFunc) (schema.Object, bool) {
	for _, f := range obj.Fields {
		if f.Kind != schema.KindReference || len(f.ReferenceTo) == 0 {
			continue
		}
		if strings.EqualFold(f.RelationshipName, seg) || strings.EqualFold(f.Name, seg) {
			return related(f.ReferenceTo[0])
		}
	}
	return schema.Object{}, false
}

// mapping returns the mapping with the given id, reporting an unknown one.
func (v *validator) mapping(id string, at where, what string) (Mapping, bool) {
	if id == "" {
		v.errorf(at, CodeUnknownMapping, "Pick a mapping.", "the %s is not set.", what)
		return Mapping{}, false
	}
	for _, m := range v.mappings {
		if m.ID == id {
			return m, true
		}
	}
	v.errorf(at, CodeUnknownMapping, "Pick an existing mapping, or create it first.", "the %s %s does not exist.", what, id)
	return Mapping{}, false
}

func sideName(s schema.Side) string {
	if s == schema.Clarizen {
		return "Clarizen"
	}
	return "Salesforce"
}

func sideInstance(s schema.Side, instance int) string {
	if s == schema.Clarizen {
		return fmt.Sprintf("Clarizen instance %d", instance)
	}
	return "Salesforce"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
