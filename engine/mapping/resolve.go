package mapping

import (
	"github.com/liaison-sync/liaison/engine/schema"
)

// Reference is a record that a source value points at: its side, its
// object type and its id on that side. A Clarizen id is the full
// "/Type/value" form.
type Reference struct {
	Side   schema.Side `json:"side"`
	Object string      `json:"object"`
	ID     string      `json:"id"`
}

// ResolveAction is a resolver's decision for a reference.
type ResolveAction string

// Resolve actions.
const (
	// Found: the counterpart exists, and Resolution.ID is its id.
	Found ResolveAction = "found"
	// CreateCounterpart: the counterpart must be created first, because the
	// referenced type's mapping has create policy "create".
	CreateCounterpart ResolveAction = "create"
	// LeaveReferenceEmpty: no counterpart, and the referenced type's
	// mapping (or the lack of one) leaves the reference empty.
	LeaveReferenceEmpty ResolveAction = "empty"
)

// Resolution is a resolver's result for one reference.
type Resolution struct {
	Action ResolveAction `json:"action"`
	// ID is the counterpart's id on the other side when Action is Found.
	ID string `json:"id,omitempty"`
	// MappingID is the mapping that connects the referenced types, if any.
	MappingID string `json:"mappingId,omitempty"`
}

// Resolver finds the counterpart of a referenced record through the link
// table, the referenced type's key field and its create policy. The sync
// engine supplies it; conversion and planning never do I/O themselves.
type Resolver interface {
	Resolve(ref Reference) (Resolution, error)
}

// ResolverFunc adapts a function to Resolver.
type ResolverFunc func(ref Reference) (Resolution, error)

// Resolve calls f.
func (f ResolverFunc) Resolve(ref Reference) (Resolution, error) { return f(ref) }
