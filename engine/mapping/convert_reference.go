package mapping

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/schema"
)

// toReference resolves the referenced record's counterpart through the
// resolver.
func (c Conversion) toReference(v any, side schema.Side) (Result, error) {
	ref, ok := c.sourceReference(v)
	if !ok {
		return Result{}, c.fail(CodeWrongType, v, "the value is not a record reference", "check the source field's type")
	}
	if c.Resolver == nil {
		return Result{}, c.fail(CodeUnresolved, v, "no resolver was given for a reference field",
			"resolve references through the sync engine")
	}
	res, err := c.Resolver.Resolve(ref)
	if err != nil {
		return Result{}, fmt.Errorf("resolve %s %s for field map %s: %w", ref.Object, ref.ID, c.Map.ID, err)
	}
	switch res.Action {
	case Found:
		if side == schema.Clarizen {
			return Result{Value: clarizenID(c.Target, res.ID)}, nil
		}
		return Result{Value: res.ID}, nil
	case CreateCounterpart:
		return Result{Pending: &ref}, nil
	case LeaveReferenceEmpty:
		return Result{Warning: fmt.Sprintf("%s %s has no counterpart, so %s is left empty (create policy: leave empty)",
			ref.Object, ref.ID, c.Target.Name)}, nil
	}
	return Result{}, c.fail(CodeUnresolved, v, fmt.Sprintf("the resolver returned the unknown action %q", res.Action),
		"return found, create or empty from the resolver")
}

// sourceReference reads a reference value: a Salesforce id, a Clarizen id
// string "/User/abc" or a Clarizen reference {"id": "/User/abc"}. The
// referenced type comes from a Clarizen id, else from the source field's
// first ReferenceTo.
func (c Conversion) sourceReference(v any) (Reference, bool) {
	var id string
	switch x := v.(type) {
	case string:
		id = x
	case map[string]any:
		for k, val := range x {
			if strings.EqualFold(k, "id") {
				id, _ = val.(string)
			}
		}
	}
	if id == "" {
		return Reference{}, false
	}
	ref := Reference{Side: c.Map.Direction.Source(), ID: id}
	if typ, ok := clarizenIDType(id); ok {
		ref.Object = typ
	} else if len(c.Source.ReferenceTo) > 0 {
		ref.Object = c.Source.ReferenceTo[0]
	}
	return ref, true
}

// clarizenIDType returns Type from a Clarizen id "/Type/value".
func clarizenIDType(id string) (string, bool) {
	if !strings.HasPrefix(id, "/") {
		return "", false
	}
	rest := id[1:]
	i := strings.IndexByte(rest, '/')
	if i <= 0 {
		return "", false
	}
	return rest[:i], true
}

// clarizenID returns id as a full Clarizen id, adding the target field's
// referenced type when the resolver gave the bare value.
func clarizenID(target schema.Field, id string) string {
	if strings.HasPrefix(id, "/") || len(target.ReferenceTo) == 0 {
		return id
	}
	return "/" + target.ReferenceTo[0] + "/" + id
}
