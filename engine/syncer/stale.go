package syncer

import (
	"context"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/store"
)

// closeStaleRows settles the rows earlier runs left Pending (interrupted,
// or requeued by Retry) for the mappings this run planned to the end, when
// this run planned nothing with their key:
//
//   - An update whose pair this run read and compared again found its
//     target already as the source wants it (its write landed before the
//     interruption): Success. When the pair was not read again, nothing
//     shows that the write landed: Failed with CodeNotResumed.
//   - A delete or unlink is planned again from its stored link when the
//     deleted record is still gone (see resumeDeletes). One that was not
//     planned again fails with CodeNotResumed and the planner's reason.
//   - A create lost its cause (the source no longer matches): Failed with
//     CodeNotResumed and a hint to check the target.
//   - A Clarizen link entity is looked up by its id: Success when it
//     exists, else Failed with CodeNotResumed.
//   - A match is Success when its link is stored, else Failed with
//     CodeNotResumed.
func (r *Runner) closeStaleRows(ctx context.Context, a *applier) error {
	rows, _, err := r.db.Registry(ctx, store.RegistryFilter{State: store.Pending})
	if err != nil {
		return err
	}
	var results []store.Result
	var linkRows []store.RegistryRow
	for _, row := range rows {
		if row.RunID == a.runID || a.reused[row.ID] || !a.plan.covers(row.MappingID) || !ownOperation(row.Operation) {
			continue
		}
		if OpKind(row.Operation) == OpLink {
			linkRows = append(linkRows, row)
			continue
		}
		res, err := r.settleStale(ctx, a.plan, row)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	results = append(results, r.settleStaleLinks(ctx, a, linkRows)...)
	if len(results) == 0 {
		return nil
	}
	return r.db.CommitBatch(ctx, results, nil, nil, nil)
}

// notResumed returns a Failed result with CodeNotResumed.
func notResumed(row store.RegistryRow, message, hint string) store.Result {
	return store.Result{ID: row.ID, State: store.Failed, ErrorCode: CodeNotResumed, ErrorClass: ClassPermanent,
		ErrorMessage: message, Hint: hint}
}

// settleStale decides the result of one stale row other than a link.
func (r *Runner) settleStale(ctx context.Context, p *Plan, row store.RegistryRow) (store.Result, error) {
	switch OpKind(row.Operation) {
	case OpUpdate:
		if p.wasResynced(row.MappingID, row.SFID) || p.wasResynced(row.MappingID, row.CZID) {
			return store.Result{ID: row.ID, State: store.Success}, nil
		}
		return notResumed(row, "a later run could not read both records of this pair again, so it could not check the update",
			"Check that both records still exist and are linked, then retry the row to compare them again."), nil
	case OpDelete, OpUnlink:
		reason := p.notResumed[row.ID]
		if reason == "" {
			reason = fmt.Sprintf("a later run did not plan this %s again", row.Operation)
		}
		return notResumed(row, reason, "Check both records; delete the counterpart by hand if it should go."), nil
	case OpMatch:
		l, ok, err := r.db.LinkByClarizen(ctx, row.MappingID, row.CZConnection, row.CZID)
		if err != nil {
			return store.Result{}, err
		}
		if ok && (row.SFID == "" || strings.EqualFold(l.SFID, row.SFID)) {
			return store.Result{ID: row.ID, State: store.Success}, nil
		}
		return notResumed(row, "no record referred to this pair in a later run, so the pair was not linked",
			"Nothing to fix: the next run that meets a reference to one of the records links the pair."), nil
	}
	return notResumed(row, "a later run no longer planned this create, because its source changed or no longer matches",
		"Check whether the record exists in the target; retry the row to create it."), nil
}

// settleStaleLinks looks the Clarizen link entities of stale link rows up
// by id, one read per connection. Rows whose connection cannot be read
// stay Pending for a later run.
func (r *Runner) settleStaleLinks(ctx context.Context, a *applier, rows []store.RegistryRow) []store.Result {
	byConn := map[string][]store.RegistryRow{}
	for _, row := range rows {
		byConn[row.CZConnection] = append(byConn[row.CZConnection], row)
	}
	var out []store.Result
	for conn, list := range byConn {
		found, err := r.existingEntities(ctx, a, conn, list)
		if err != nil {
			a.log.Warn("read clarizen links left pending failed; the rows stay Pending",
				logging.KeyConnection, conn, logging.KeyError, err)
			continue
		}
		for _, row := range list {
			if found[strings.ToLower(row.CZID)] {
				out = append(out, store.Result{ID: row.ID, State: store.Success})
				continue
			}
			out = append(out, notResumed(row, "the Clarizen link entity was not created, and a later run did not plan it again because its record is linked already",
				fmt.Sprintf("Link the two entities by hand in Clarizen (%s).", row.CZType)))
		}
	}
	return out
}

// existingEntities returns the lower-case ids among rows' Clarizen ids
// that exist in connection conn.
func (r *Runner) existingEntities(ctx context.Context, a *applier, conn string, rows []store.RegistryRow) (map[string]bool, error) {
	cz, err := a.clarizen(ctx, conn)
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	for start := 0; start < len(rows); start += ClarizenBatchSize {
		chunk := rows[start:min(start+ClarizenBatchSize, len(rows))]
		ids := make([]clarizen.EntityID, 0, len(chunk))
		for _, row := range chunk {
			ids = append(ids, clarizen.EntityID(row.CZID))
		}
		a.tally.call(conn, chunk[0].MappingID, "")
		ents, err := cz.RetrieveMultiple(ctx, ids, []string{czStampField})
		if err != nil {
			return nil, fmt.Errorf("read clarizen %s link entities: %w", conn, err)
		}
		for _, e := range ents {
			if e.ID != "" {
				found[strings.ToLower(string(e.ID))] = true
			}
		}
	}
	return found, nil
}

// ownOperation reports whether the runner writes registry rows of this
// operation; rows of other writers (social posts) are theirs to settle.
func ownOperation(op string) bool {
	switch OpKind(op) {
	case OpCreate, OpUpdate, OpDelete, OpLink, OpUnlink, OpMatch:
		return true
	}
	return false
}
