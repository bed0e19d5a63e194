package clarizen

import (
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen/czql"
)

// EntityID is a full Clarizen entity id, "/Type/value", where the value is
// the entity's ExternalID. Type names compare case-insensitively, as the
// service treats them.
type EntityID string

// NewEntityID returns "/typeName/value".
func NewEntityID(typeName, value string) EntityID {
	return EntityID("/" + typeName + "/" + value)
}

// Type returns the type name part ("Task" for "/Task/abc").
func (id EntityID) Type() string {
	typeName, _ := id.split()
	return typeName
}

// Value returns the ExternalID part ("abc" for "/Task/abc").
func (id EntityID) Value() string {
	_, value := id.split()
	return value
}

// Valid reports whether id has the form "/Type/value" with both parts set.
func (id EntityID) Valid() bool {
	typeName, value := id.split()
	return strings.HasPrefix(string(id), "/") && typeName != "" && value != ""
}

// Equal compares two ids, with the type name matched case-insensitively
// and the value exactly.
func (id EntityID) Equal(other EntityID) bool {
	t1, v1 := id.split()
	t2, v2 := other.split()
	return strings.EqualFold(t1, t2) && v1 == v2
}

// String returns the id as written on the wire.
func (id EntityID) String() string { return string(id) }

// CZQLLiteral returns the id as a quoted CZQL string literal.
func (id EntityID) CZQLLiteral() (string, error) { return czql.String(string(id)), nil }

// split cuts "/Type/value" into its parts. A multi-organisation id
// "/Organization/<org>/Type/value" keeps the last two parts.
func (id EntityID) split() (typeName, value string) {
	s := strings.TrimPrefix(string(id), "/")
	parts := strings.Split(s, "/")
	if len(parts) < 2 {
		return parts[0], ""
	}
	return parts[len(parts)-2], parts[len(parts)-1]
}
