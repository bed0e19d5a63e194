package czql

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Direction is the sort order of an ORDER BY key.
type Direction bool

// Sort orders.
const (
	Asc  Direction = false
	Desc Direction = true
)

// Query is a SELECT statement under construction. Methods record the first
// error, which Build returns; the zero value is not usable, start with
// Select.
type Query struct {
	fields []string
	from   string
	where  Condition
	orders []string
	limit  int
	offset int
	err    error
}

// Select starts a query returning the given fields. Dot paths into
// references (Manager.Name) are allowed.
func Select(fields ...string) *Query {
	q := &Query{}
	if len(fields) == 0 {
		q.fail(errors.New("select: no fields"))
	}
	for _, f := range fields {
		name, err := Field(f)
		q.fail(err)
		q.fields = append(q.fields, name)
	}
	return q
}

// From sets the entity type.
func (q *Query) From(typeName string) *Query {
	if !isIdent(typeName) {
		q.fail(fmt.Errorf("from: invalid entity type name %q", typeName))
	}
	q.from = typeName
	return q
}

// Where sets the condition. Call it once; combine conditions with And/Or.
func (q *Query) Where(c Condition) *Query {
	q.where = c
	return q
}

// OrderBy appends a sort key.
func (q *Query) OrderBy(field string, dir Direction) *Query {
	name, err := Field(field)
	q.fail(err)
	if dir == Desc {
		name += " DESC"
	} else {
		name += " ASC"
	}
	q.orders = append(q.orders, name)
	return q
}

// Limit sets the number of rows; 0 leaves the service default (100).
func (q *Query) Limit(n int) *Query {
	if n < 0 {
		q.fail(fmt.Errorf("limit: negative value %d", n))
	}
	q.limit = n
	return q
}

// Offset sets the number of rows to skip.
func (q *Query) Offset(n int) *Query {
	if n < 0 {
		q.fail(fmt.Errorf("offset: negative value %d", n))
	}
	q.offset = n
	return q
}

// Build returns the statement text, or the first error recorded while it
// was built.
func (q *Query) Build() (string, error) {
	if q.err != nil {
		return "", fmt.Errorf("build czql query: %w", q.err)
	}
	if q.from == "" {
		return "", errors.New("build czql query: missing FROM entity type")
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(q.fields, ", "))
	b.WriteString(" FROM ")
	b.WriteString(q.from)
	if q.where != nil {
		text, err := q.where.czql()
		if err != nil {
			return "", fmt.Errorf("build czql query: %w", err)
		}
		b.WriteString(" WHERE ")
		b.WriteString(text)
	}
	if len(q.orders) > 0 {
		b.WriteString(" ORDER BY ")
		b.WriteString(strings.Join(q.orders, ", "))
	}
	if q.limit > 0 {
		b.WriteString(" LIMIT ")
		b.WriteString(strconv.Itoa(q.limit))
	}
	if q.offset > 0 {
		b.WriteString(" OFFSET ")
		b.WriteString(strconv.Itoa(q.offset))
	}
	return b.String(), nil
}

func (q *Query) fail(err error) {
	if q.err == nil && err != nil {
		q.err = err
	}
}

// reserved lists the CZQL keywords that a field name must not be written
// as; Field prefixes such a name with "@", as the grammar provides.
var reserved = map[string]bool{
	"select": true, "from": true, "where": true, "and": true, "or": true,
	"not": true, "in": true, "like": true, "order": true, "by": true,
	"group": true, "limit": true, "offset": true, "as": true, "asc": true,
	"desc": true, "null": true, "is": true, "true": true, "false": true,
}

// Field checks a field name or dot path and returns it as CZQL writes it:
// each segment that is a reserved word gets the "@" prefix.
func Field(path string) (string, error) {
	if path == "" {
		return "", errors.New("invalid field name: empty")
	}
	segments := strings.Split(path, ".")
	for i, s := range segments {
		bare := strings.TrimPrefix(s, "@")
		if !isIdent(bare) {
			return "", fmt.Errorf("invalid field name %q", path)
		}
		if reserved[strings.ToLower(bare)] {
			segments[i] = "@" + bare
		}
	}
	return strings.Join(segments, "."), nil
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		digit := r >= '0' && r <= '9'
		if !letter && !(digit && i > 0) {
			return false
		}
	}
	return true
}
