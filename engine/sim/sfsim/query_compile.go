package sfsim

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/liaison-sync/liaison/engine/sim/sfsim/soql"
)

// queryError is a SOQL error with the column it points at.
type queryError struct {
	code string
	pos  soql.Pos
	msg  string
}

// response renders the error the way Salesforce does: the query, a caret
// under the offending column, the row and column, and the message.
func (e *queryError) response(text string) response {
	lines := strings.Split(text, "\n")
	row := e.pos.Row
	if row < 1 || row > len(lines) {
		row = 1
	}
	col := max(e.pos.Col, 1)
	msg := fmt.Sprintf("\n%s\n%s^\nERROR at Row:%d:Column:%d\n%s", lines[row-1], strings.Repeat(" ", col-1), row, col, e.msg)
	return errorResponse(http.StatusBadRequest, e.code, "%s", msg)
}

func malformed(pos soql.Pos, format string, args ...any) *queryError {
	return &queryError{code: "MALFORMED_QUERY", pos: pos, msg: fmt.Sprintf(format, args...)}
}

func noSuchColumn(pos soql.Pos, name string, obj *Object) *queryError {
	return &queryError{code: "INVALID_FIELD", pos: pos, msg: fmt.Sprintf(
		"No such column '%s' on entity '%s'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
		name, obj.Name)}
}

// fieldPath is a resolved select-list or filter path: zero or more lookups,
// then a field of the last object.
type fieldPath struct {
	refs  []*Field // lookup fields to follow, in order
	rels  []string // their relationship names, canonical case
	field *Field   // nil when the last object is only known at run time
	name  string   // final field name as written, for polymorphic paths
	fn    string   // toLabel, FORMAT, convertCurrency: applied on output
}

// resolvePath resolves a dotted path on obj.
func (s *Server) resolvePath(sc *schema, obj *Object, f soql.Field) (*fieldPath, *queryError) {
	fp := &fieldPath{}
	cur := obj
	for i, part := range f.Path {
		last := i == len(f.Path)-1
		if cur == nil {
			// polymorphic lookup: resolve the rest at run time
			if !last {
				return nil, malformed(f.Pos, "Relationship paths beyond a polymorphic lookup are not supported by the simulator: %s", strings.Join(f.Path, "."))
			}
			fp.name = part
			return fp, nil
		}
		if last {
			fld, ok := cur.Field(part)
			if !ok {
				return nil, noSuchColumn(f.Pos, part, cur)
			}
			fp.field = fld
			return fp, nil
		}
		ref, ok := cur.relationshipField(part)
		if !ok {
			return nil, &queryError{code: "INVALID_FIELD", pos: f.Pos, msg: fmt.Sprintf(
				"Didn't understand relationship '%s' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.", part)}
		}
		fp.refs = append(fp.refs, ref)
		fp.rels = append(fp.rels, ref.RelationshipName)
		if len(ref.ReferenceTo) == 0 {
			cur = nil
		} else if target, ok := sc.object(ref.ReferenceTo[0]); ok {
			cur = target
		} else {
			return nil, &queryError{code: "INVALID_FIELD", pos: f.Pos, msg: fmt.Sprintf("Didn't understand relationship '%s' in field path.", part)}
		}
	}
	return fp, nil
}

// follow walks the lookups of a path from rec; it returns nil when a lookup
// is empty or points at a deleted record.
func (fp *fieldPath) follow(st *store, rec *record) *record {
	for _, ref := range fp.refs {
		id, _ := rec.vals[ref.Name].(string)
		if id == "" {
			return nil
		}
		next, ok := st.get(id)
		if !ok || next.deleted {
			return nil
		}
		rec = next
	}
	return rec
}

// finalField returns the field at the end of the path for a target record.
func (fp *fieldPath) finalField(target *record) (*Field, bool) {
	if fp.field != nil {
		return fp.field, true
	}
	return target.obj.Field(fp.name)
}

// value returns the stored value at the end of the path, nil when any step
// is empty.
func (fp *fieldPath) value(st *store, rec *record) any {
	target := fp.follow(st, rec)
	if target == nil {
		return nil
	}
	f, ok := fp.finalField(target)
	if !ok {
		return nil
	}
	return target.vals[f.Name]
}
