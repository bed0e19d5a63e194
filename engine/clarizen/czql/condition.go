package czql

import (
	"errors"
	"fmt"
	"strings"
)

// Condition is a WHERE clause or a part of one.
type Condition interface {
	czql() (string, error)
}

type comparison struct {
	field string
	op    string
	value any
}

func (c comparison) czql() (string, error) {
	name, err := Field(c.field)
	if err != nil {
		return "", err
	}
	lit, err := Literal(c.value)
	if err != nil {
		return "", fmt.Errorf("condition on %s: %w", c.field, err)
	}
	return name + " " + c.op + " " + lit, nil
}

// Eq compares field = value.
func Eq(field string, value any) Condition { return comparison{field, "=", value} }

// Ne compares field <> value.
func Ne(field string, value any) Condition { return comparison{field, "<>", value} }

// Lt compares field < value.
func Lt(field string, value any) Condition { return comparison{field, "<", value} }

// Le compares field <= value.
func Le(field string, value any) Condition { return comparison{field, "<=", value} }

// Gt compares field > value.
func Gt(field string, value any) Condition { return comparison{field, ">", value} }

// Ge compares field >= value.
func Ge(field string, value any) Condition { return comparison{field, ">=", value} }

// Like matches field against a pattern in which % stands for any run of
// characters. The pattern is escaped as a string literal; % and _ keep their
// wildcard meaning.
func Like(field, pattern string) Condition { return comparison{field, "LIKE", pattern} }

// In matches field against a list of values; values must not be empty.
func In(field string, values ...any) Condition { return comparison{field, "IN", values} }

type nullCheck struct {
	field string
	not   bool
}

func (c nullCheck) czql() (string, error) {
	name, err := Field(c.field)
	if err != nil {
		return "", err
	}
	if c.not {
		return name + " IS NOT NULL", nil
	}
	return name + " IS NULL", nil
}

// IsNull matches entities whose field has no value.
//
// NOTE: the IS NULL form is not in the public CZQL documentation; the
// simulator accepts it. Check it against a live tenant.
func IsNull(field string) Condition { return nullCheck{field: field} }

// IsNotNull matches entities whose field has a value.
func IsNotNull(field string) Condition { return nullCheck{field: field, not: true} }

type junction struct {
	op    string
	parts []Condition
}

func (j junction) czql() (string, error) {
	if len(j.parts) == 0 {
		return "", fmt.Errorf("%s condition: no operands", j.op)
	}
	texts := make([]string, len(j.parts))
	for i, p := range j.parts {
		if p == nil {
			return "", fmt.Errorf("%s condition: operand %d is nil", j.op, i)
		}
		t, err := p.czql()
		if err != nil {
			return "", err
		}
		texts[i] = t
	}
	if len(texts) == 1 {
		return texts[0], nil
	}
	return "(" + strings.Join(texts, " "+j.op+" ") + ")", nil
}

// And matches when every part matches.
func And(parts ...Condition) Condition { return junction{"AND", parts} }

// Or matches when at least one part matches.
func Or(parts ...Condition) Condition { return junction{"OR", parts} }

type negation struct{ part Condition }

func (n negation) czql() (string, error) {
	if n.part == nil {
		return "", errors.New("NOT condition: operand is nil")
	}
	t, err := n.part.czql()
	if err != nil {
		return "", err
	}
	return "NOT (" + t + ")", nil
}

// Not matches when part does not match.
func Not(part Condition) Condition { return negation{part} }

type raw string

func (r raw) czql() (string, error) {
	if strings.TrimSpace(string(r)) == "" {
		return "", errors.New("raw condition: empty text")
	}
	return "(" + string(r) + ")", nil
}

// Raw wraps condition text that was built elsewhere (by the condition
// compiler) in parentheses. The text is used as given, so it must already
// be escaped.
func Raw(text string) Condition { return raw(text) }
