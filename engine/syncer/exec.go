package syncer

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
)

// send makes the remote call of one batch and records each operation's
// outcome. It returns an error only when the call failed as a whole.
func (a *applier) send(ctx context.Context, ops []*Operation) error {
	first := ops[0]
	if first.Kind == OpUnlink || first.Kind == OpMatch {
		for _, op := range ops {
			a.out[op.ID] = outcome{state: stateSuccess, id: op.RecordID}
		}
		return nil
	}
	a.tally.call(first.Connection, first.MappingID, first.MappingName)
	if first.Target == schema.Salesforce {
		return a.sendSalesforce(ctx, ops)
	}
	cz, err := a.clarizen(ctx, first.Connection)
	if err != nil {
		return err
	}
	if first.Template != "" {
		return a.sendTemplate(ctx, cz, first)
	}
	return a.sendClarizen(ctx, cz, ops)
}

func (a *applier) clarizen(ctx context.Context, connection string) (ClarizenAPI, error) {
	if c, ok := a.cz[connection]; ok {
		return c, nil
	}
	c, err := a.r.clients.Clarizen(ctx, connection)
	if err != nil {
		return nil, err
	}
	a.cz[connection] = c
	return c, nil
}

// parentField is the Clarizen work item field that places a new work item
// under its parent; it can be set only on create.
const parentField = "Parent"

// sfFields returns the fields an operation writes to Salesforce.
func sfFields(op *Operation) salesforce.Fields {
	f := make(salesforce.Fields, len(op.Fields))
	for _, w := range op.Fields {
		f[w.Field] = w.After
	}
	return f
}

func czValues(op *Operation) clarizen.Values {
	v := make(clarizen.Values, len(op.Fields))
	for _, w := range op.Fields {
		v[w.Field] = w.After
	}
	return v
}

func (a *applier) sendSalesforce(ctx context.Context, ops []*Operation) error {
	first := ops[0]
	var results []salesforce.Result
	var err error
	switch {
	case first.Kind == OpCreate && first.KeyField != "":
		records := make([]salesforce.Fields, len(ops))
		for i, op := range ops {
			records[i] = sfFields(op)
			records[i][op.KeyField] = op.Key
		}
		results, err = a.sf.UpsertMany(ctx, first.Object, first.KeyField, records)
	case first.Kind == OpCreate:
		if ops, err = a.settleCreated(ctx, ops); err != nil || len(ops) == 0 {
			return err
		}
		records := make([]salesforce.NewRecord, len(ops))
		for i, op := range ops {
			records[i] = salesforce.NewRecord{Object: op.Object, Fields: sfFields(op)}
		}
		results, err = a.sf.CreateMany(ctx, records)
	case first.Kind == OpUpdate:
		records := make([]salesforce.RecordUpdate, len(ops))
		for i, op := range ops {
			records[i] = salesforce.RecordUpdate{Object: op.Object, ID: op.RecordID, Fields: sfFields(op)}
		}
		results, err = a.sf.UpdateMany(ctx, records)
	case first.Kind == OpDelete:
		ids := make([]string, len(ops))
		for i, op := range ops {
			ids[i] = op.RecordID
		}
		results, err = a.sf.DeleteMany(ctx, ids)
	default:
		return fmt.Errorf("send %s to salesforce %s: unsupported operation", first.Kind, first.Object)
	}
	if err != nil {
		return err
	}
	if len(results) != len(ops) {
		return fmt.Errorf("send %s of %d %s records: the API returned %d results", first.Kind, len(ops), first.Object, len(results))
	}
	now := a.r.now()
	for i, res := range results {
		op := ops[i]
		if res.Err != nil && !(op.Kind == OpDelete && alreadyDeleted(res.Err)) {
			a.out[op.ID] = outcome{state: stateFailed, err: classify(op, res.Err)}
			continue
		}
		id := res.ID
		if id == "" {
			id = op.RecordID
		}
		a.out[op.ID] = outcome{state: stateSuccess, id: id, writtenAt: now}
	}
	return nil
}

func (a *applier) sendClarizen(ctx context.Context, cz ClarizenAPI, ops []*Operation) error {
	writes := make([]clarizen.Write, len(ops))
	for i, op := range ops {
		switch op.Kind {
		case OpCreate, OpLink:
			values := czValues(op)
			if parent, ok := op.Parent.(string); ok && parent != "" {
				values[parentField] = clarizen.EntityID(parent)
			}
			writes[i] = clarizen.Write{Op: clarizen.WriteCreate, Type: op.Object, ExternalID: op.Key, Values: values}
		case OpUpdate:
			writes[i] = clarizen.Write{Op: clarizen.WriteUpdate, ID: clarizen.EntityID(op.RecordID), Values: czValues(op)}
		case OpDelete:
			writes[i] = clarizen.Write{Op: clarizen.WriteDelete, ID: clarizen.EntityID(op.RecordID)}
		}
	}
	results, err := cz.ApplyWrites(ctx, writes, clarizen.BulkOptions{})
	if err != nil && wholeCallFailed(results, err) {
		return err
	}
	if len(results) != len(ops) {
		return fmt.Errorf("send %s of %d %s entities: the client returned %d results", ops[0].Kind, len(ops), ops[0].Object, len(results))
	}
	now := a.r.now()
	for i, res := range results {
		op := ops[i]
		if res.Err != nil && !(op.Kind == OpDelete && errors.Is(res.Err, clarizen.ErrEntityNotFound)) {
			a.out[op.ID] = outcome{state: stateFailed, err: classify(op, res.Err)}
			continue
		}
		id := string(res.ID)
		if id == "" {
			id = op.RecordID
		}
		a.out[op.ID] = outcome{state: stateSuccess, id: id, writtenAt: now}
	}
	return nil
}

// settleCreated looks up the plain inserts of ops that an earlier attempt
// may have created, by their key value, in one query. A create found is
// done with the found record's id; the others are returned to be sent.
func (a *applier) settleCreated(ctx context.Context, ops []*Operation) ([]*Operation, error) {
	var check []*Operation
	values := map[string]bool{}
	for _, op := range ops {
		if a.lookupFirst[op.ID] {
			check = append(check, op)
			values[op.lookupValue] = true
		}
	}
	if len(check) == 0 {
		return ops, nil
	}
	first := check[0]
	list := make([]string, 0, len(values))
	for v := range values {
		list = append(list, v)
	}
	slices.Sort(list)
	soql, err := salesforce.SOQL{Fields: []string{"Id", first.lookupField}, From: first.Object,
		Where: salesforce.In(first.lookupField, list), OrderBy: []string{"CreatedDate", "Id"}}.Build()
	if err != nil {
		return nil, err
	}
	a.tally.call(first.Connection, first.MappingID, first.MappingName)
	found := map[string]string{}
	err = a.sf.QueryPages(ctx, soql, salesforce.QueryOptions{}, func(page salesforce.Page) error {
		for _, r := range page.Records {
			v, _ := r.Fields[first.lookupField].(string)
			if _, seen := found[v]; !seen {
				found[v] = r.ID()
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up %s records an earlier attempt created: %w", first.Object, err)
	}
	var send []*Operation
	for _, op := range ops {
		if id, ok := found[op.lookupValue]; ok && a.lookupFirst[op.ID] {
			a.out[op.ID] = outcome{state: stateSuccess, id: id}
			continue
		}
		send = append(send, op)
	}
	return send, nil
}

// alreadyDeleted reports whether a Salesforce delete failed only because
// the record is gone already, which is what the delete wanted.
func alreadyDeleted(err *salesforce.Error) bool {
	return err.Code == "ENTITY_IS_DELETED" || err.Code == "NOT_FOUND"
}

// wholeCallFailed reports whether err failed every write of a bulk call,
// as opposed to a later step that left the per-write results usable.
func wholeCallFailed(results []clarizen.WriteResult, err error) bool {
	if len(results) == 0 {
		return true
	}
	for _, r := range results {
		if r.Err == nil {
			return false
		}
	}
	return true
}

func (a *applier) sendTemplate(ctx context.Context, cz ClarizenAPI, op *Operation) error {
	req := clarizen.TemplateRequest{TypeName: op.Object, TemplateName: op.Template, ExternalID: op.Key, Values: czValues(op)}
	if parent, ok := op.Parent.(string); ok && parent != "" {
		req.ParentID = clarizen.EntityID(parent)
	}
	res, err := cz.CreateFromTemplate(ctx, req)
	if err != nil {
		re := classify(op, err)
		if re.Class == ClassAuth || re.Class == ClassQuota || ctx.Err() != nil {
			return err
		}
		a.out[op.ID] = outcome{state: stateFailed, err: re}
		return nil
	}
	id := string(res.ID)
	if id == "" {
		id = op.RecordID
	}
	a.out[op.ID] = outcome{state: stateSuccess, id: id, writtenAt: a.r.now()}
	return nil
}
