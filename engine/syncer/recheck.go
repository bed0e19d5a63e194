package syncer

import (
	"context"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
)

// recheckTargets reads the targets of a batch of updates of a previewed
// plan again, in one call, and returns the updates whose target fields
// still hold the values the preview showed. The others are not sent:
// someone edited the target since the preview, and writing the preview's
// value would overwrite that edit without the mapping's conflict rule.
// They stay Pending with a warning, so the next run reads the pair again,
// plans it afresh and settles the row.
func (a *applier) recheckTargets(ctx context.Context, ops []*Operation) ([]*Operation, error) {
	current, err := a.readTargets(ctx, ops)
	if err != nil {
		return nil, err
	}
	var kept []*Operation
	for _, op := range ops {
		rec, ok := current[strings.ToLower(op.RecordID)]
		if !ok {
			// The target is gone: the remote call reports that.
			kept = append(kept, op)
			continue
		}
		changed := changedFields(op, rec)
		if len(changed) == 0 {
			kept = append(kept, op)
			continue
		}
		op.Warnings = append(op.Warnings, fmt.Sprintf("%s of %s %s changed in %s after the preview, so the update was not sent; the next run compares the records again and applies the mapping's conflict rule",
			strings.Join(changed, ", "), op.Object, op.RecordID, sideTitle(op.Target)))
		a.log.Info("update not sent: its target changed after the preview", logging.KeyObject, op.Object,
			logging.KeyRecord, op.RecordID, "fields", changed)
	}
	return kept, nil
}

// changedFields returns the fields op writes whose current value in rec
// differs from the value the plan read.
func changedFields(op *Operation, rec Record) []string {
	var out []string
	for _, w := range op.Fields {
		if !mapping.Equal(w.kind, rec.Get(w.Field), w.Before) {
			out = append(out, w.Field)
		}
	}
	return out
}

// readTargets reads the records ops update, with the fields they write,
// keyed by lower-case id.
func (a *applier) readTargets(ctx context.Context, ops []*Operation) (map[string]Record, error) {
	first := ops[0]
	ids := make([]string, 0, len(ops))
	var fields []string
	for _, op := range ops {
		ids = append(ids, op.RecordID)
		for _, w := range op.Fields {
			fields = append(fields, w.Field)
		}
	}
	fields = uniqueFields(fields...)
	a.tally.call(first.Connection, first.MappingID, first.MappingName)
	if first.Target == schema.Salesforce {
		return a.readSalesforceTargets(ctx, first.Object, ids, fields)
	}
	return a.readClarizenTargets(ctx, first.Connection, first.Object, ids, fields)
}

func (a *applier) readSalesforceTargets(ctx context.Context, object string, ids, fields []string) (map[string]Record, error) {
	soql, err := salesforce.SOQL{Fields: uniqueFields(append([]string{"Id"}, fields...)...), From: object,
		Where: salesforce.In("Id", ids)}.Build()
	if err != nil {
		return nil, err
	}
	out := make(map[string]Record, len(ids))
	err = a.sf.QueryPages(ctx, soql, salesforce.QueryOptions{}, func(page salesforce.Page) error {
		for _, raw := range page.Records {
			rec := recordFromSalesforce(object, raw)
			out[strings.ToLower(rec.ID)] = rec
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read salesforce %s again before the update: %w", object, err)
	}
	return out, nil
}

func (a *applier) readClarizenTargets(ctx context.Context, conn, typeName string, ids, fields []string) (map[string]Record, error) {
	cz, err := a.clarizen(ctx, conn)
	if err != nil {
		return nil, err
	}
	eids := make([]clarizen.EntityID, len(ids))
	for i, id := range ids {
		eids[i] = clarizen.EntityID(id)
	}
	ents, err := cz.RetrieveMultiple(ctx, eids, withoutID(fields))
	if err != nil {
		return nil, fmt.Errorf("read clarizen %s %s again before the update: %w", conn, typeName, err)
	}
	out := make(map[string]Record, len(ids))
	for _, e := range ents {
		if e.ID == "" {
			continue
		}
		rec, err := recordFromClarizen(e)
		if err != nil {
			return nil, err
		}
		out[strings.ToLower(rec.ID)] = rec
	}
	return out, nil
}
