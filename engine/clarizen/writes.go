package clarizen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// WriteOp is the kind of a Write.
type WriteOp int

// Write operations.
const (
	WriteCreate WriteOp = iota + 1
	WriteUpdate
	WriteDelete
)

// String returns the operation name.
func (op WriteOp) String() string {
	switch op {
	case WriteCreate:
		return "create"
	case WriteUpdate:
		return "update"
	case WriteDelete:
		return "delete"
	}
	return fmt.Sprintf("WriteOp(%d)", int(op))
}

// Write is one create, update or delete for ApplyWrites. A create names
// Type and, to be safe to retry, ExternalID; an update or delete names ID.
type Write struct {
	Op         WriteOp
	Type       string
	ExternalID string
	ID         EntityID
	Values     Values
}

// WriteResult is the outcome of one Write, at the same index.
type WriteResult struct {
	ID EntityID
	// Existing is true for a create whose ExternalID was already taken by
	// an existing entity, which is returned instead (see Create).
	Existing bool
	Err      error
}

// ApplyWrites sends writes through bulk calls and maps each result back to
// its Write. A single write without Transactional goes out as a plain call.
// Creates that fail with DuplicateKey are resolved as in Create, with one
// retrieveMultiple for all of them. Deletes that fail with EntityNotFound
// after their bulk call was sent twice count as done.
//
// NOTE: with Transactional, a call whose response was lost and that is sent
// again fails on the entities the first attempt created; the creates are
// resolved, but the other writes of that call keep the service's error.
func (c *Client) ApplyWrites(ctx context.Context, writes []Write, opts BulkOptions) ([]WriteResult, error) {
	results := make([]WriteResult, len(writes))
	var reqs []BulkRequest
	var index []int // index[i] is the Write behind reqs[i]
	for i, w := range writes {
		req, err := bulkRequestOf(w)
		if err != nil {
			if opts.Transactional {
				return nil, err
			}
			results[i].Err = err
			continue
		}
		reqs = append(reqs, req)
		index = append(index, i)
	}
	if len(reqs) == 1 && !opts.Transactional {
		i := index[0]
		results[i] = c.applyOne(ctx, writes[i])
		return results, nil
	}
	bulkResults, err := c.Bulk(ctx, reqs, opts)
	for j, br := range bulkResults {
		results[index[j]] = writeResultOf(writes[index[j]], br)
	}
	if recoverErr := c.resolveDuplicates(ctx, writes, results); recoverErr != nil && err == nil {
		err = recoverErr
	}
	return results, err
}

func (c *Client) applyOne(ctx context.Context, w Write) WriteResult {
	switch w.Op {
	case WriteCreate:
		created, err := c.Create(ctx, w.Type, w.ExternalID, w.Values)
		return WriteResult{ID: created.ID, Existing: created.Existing, Err: err}
	case WriteUpdate:
		return WriteResult{ID: w.ID, Err: c.Update(ctx, w.ID, w.Values)}
	default:
		return WriteResult{ID: w.ID, Err: c.Delete(ctx, w.ID)}
	}
}

func bulkRequestOf(w Write) (BulkRequest, error) {
	switch w.Op {
	case WriteCreate:
		if w.Type == "" {
			return BulkRequest{}, &Error{Op: "create", Code: CodeInvalidArgument, Message: "missing entity type"}
		}
		path := "data/objects/" + url.PathEscape(w.Type)
		label := w.Type
		if w.ExternalID != "" {
			path += "/" + url.PathEscape(w.ExternalID)
			label = string(NewEntityID(w.Type, w.ExternalID))
		}
		return BulkRequest{Method: http.MethodPut, Path: path, Body: w.Values.wire(),
			Idempotent: w.ExternalID != "", Op: "create", EntityID: label}, nil
	case WriteUpdate:
		if err := checkID("update", w.ID); err != nil {
			return BulkRequest{}, err
		}
		return BulkRequest{Method: http.MethodPost, Path: objectPath(w.ID), Body: w.Values.wire(),
			Idempotent: true, Op: "update", EntityID: string(w.ID)}, nil
	case WriteDelete:
		if err := checkID("delete", w.ID); err != nil {
			return BulkRequest{}, err
		}
		return BulkRequest{Method: http.MethodDelete, Path: objectPath(w.ID),
			Idempotent: true, Op: "delete", EntityID: string(w.ID)}, nil
	}
	return BulkRequest{}, &Error{Op: w.Op.String(), Code: CodeInvalidArgument, Message: "unknown write operation"}
}

func writeResultOf(w Write, br BulkResult) WriteResult {
	res := WriteResult{ID: w.ID, Err: br.Err}
	if br.Err != nil {
		if w.Op == WriteDelete && br.Attempts > 1 && errors.Is(br.Err, ErrEntityNotFound) {
			res.Err = nil
		}
		return res
	}
	if w.Op == WriteCreate {
		var created api.CreateResult
		if err := json.Unmarshal(br.Body, &created); err != nil || created.ID == "" {
			res.Err = &Error{Op: "create", EntityID: w.Type, HTTPStatus: br.StatusCode, Message: "the response carries no entity id"}
			return res
		}
		res.ID = EntityID(created.ID)
	}
	return res
}

// resolveDuplicates turns DuplicateKey errors of creates with an
// ExternalID into successes when the entity exists.
func (c *Client) resolveDuplicates(ctx context.Context, writes []Write, results []WriteResult) error {
	var ids []EntityID
	var positions []int
	for i, w := range writes {
		if w.Op == WriteCreate && w.ExternalID != "" && errors.Is(results[i].Err, ErrDuplicateKey) {
			ids = append(ids, NewEntityID(w.Type, w.ExternalID))
			positions = append(positions, i)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := c.RetrieveMultiple(ctx, ids, []string{probeField})
	if err != nil {
		return fmt.Errorf("read entities after DuplicateKey: %w", err)
	}
	for j, e := range found {
		if e.ID == "" {
			continue // the duplicate was on another unique field
		}
		results[positions[j]] = WriteResult{ID: ids[j], Existing: true}
	}
	return nil
}
