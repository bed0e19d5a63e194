package salesforce

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// MaxCollectionSize is the most records one sObject Collections call takes.
const MaxCollectionSize = 200

// maxTypeRuns is the most runs of consecutive records of one type that a
// mixed-type collection create accepts; Salesforce processes such a call in
// chunks by type and allows ten.
const maxTypeRuns = 10

// Result is the outcome of one record of a collection call. Results come
// in the order of the input records.
type Result struct {
	ID      string
	Success bool
	// Created is set by UpsertMany: true when the record was inserted.
	Created bool
	// Err is the record's error, nil on success. Its Code comes from the
	// item's statusCode key.
	Err *Error
}

// NewRecord is one record for CreateMany.
type NewRecord struct {
	Object string
	Fields Fields
}

// RecordUpdate is one record for UpdateMany.
type RecordUpdate struct {
	Object string
	ID     string
	Fields Fields
}

// CreateMany inserts records through sObject Collections, at most 200 per
// call with allOrNone=false, so that one bad record does not stop the
// others. Records may mix object types.
//
// A call that fails as a whole stops the run: the results returned then
// cover only the records before the failed call. Creates are sent once, so
// a record that failed alone with a transient error (UNABLE_TO_LOCK_ROW)
// keeps that error in its Result for the caller to retry.
func (c *Client) CreateMany(ctx context.Context, records []NewRecord) ([]Result, error) {
	items := make([]collectionItem, len(records))
	for i, r := range records {
		if err := CheckIdentifier(r.Object); err != nil {
			return nil, err
		}
		body, err := writeBody(r.Fields)
		if err != nil {
			return nil, &Error{Op: "create", Object: r.Object, Err: fmt.Errorf("record %d: %w", i, err)}
		}
		body["attributes"] = api.Attributes{Type: r.Object}
		items[i] = collectionItem{object: r.Object, body: body}
	}
	return c.runCollection(ctx, "create", false, items, func(chunk []collectionItem) call {
		return call{op: "create", method: http.MethodPost, path: "/composite/sobjects",
			body: collectionBody(chunk)}
	})
}

// UpdateMany updates records through sObject Collections, at most 200 per
// call with allOrNone=false. Updates are safe to repeat, so records that
// failed alone with a transient error are sent again.
func (c *Client) UpdateMany(ctx context.Context, records []RecordUpdate) ([]Result, error) {
	items := make([]collectionItem, len(records))
	for i, r := range records {
		if err := CheckIdentifier(r.Object); err != nil {
			return nil, err
		}
		body, err := writeBody(r.Fields)
		if err != nil {
			return nil, &Error{Op: "update", Object: r.Object, RecordID: r.ID, Err: err}
		}
		body["attributes"] = api.Attributes{Type: r.Object}
		body["Id"] = r.ID
		items[i] = collectionItem{object: r.Object, id: r.ID, body: body}
	}
	return c.runCollection(ctx, "update", true, items, func(chunk []collectionItem) call {
		return call{op: "update", method: http.MethodPatch, path: "/composite/sobjects",
			body: collectionBody(chunk)}
	})
}

// UpsertMany upserts records of one object by an external id field, at
// most 200 per call with allOrNone=false. Every record must hold a value
// for extIDField. Upserts are safe to repeat, so records that failed alone
// with a transient error are sent again.
func (c *Client) UpsertMany(ctx context.Context, object, extIDField string, records []Fields) ([]Result, error) {
	if err := CheckIdentifier(object); err != nil {
		return nil, err
	}
	if err := CheckIdentifier(extIDField); err != nil {
		return nil, err
	}
	items := make([]collectionItem, len(records))
	for i, f := range records {
		if v, ok := f[extIDField]; !ok || v == nil || v == "" {
			return nil, &Error{Op: "upsert", Object: object,
				Message: fmt.Sprintf("record %d has no value for external id field %s", i, extIDField)}
		}
		body, err := wireFields(f)
		if err != nil {
			return nil, &Error{Op: "upsert", Object: object, Err: fmt.Errorf("record %d: %w", i, err)}
		}
		delete(body, "Id")
		body["attributes"] = api.Attributes{Type: object}
		items[i] = collectionItem{object: object, body: body}
	}
	return c.runCollection(ctx, "upsert", true, items, func(chunk []collectionItem) call {
		return call{op: "upsert", object: object, method: http.MethodPatch,
			path: "/composite/sobjects/" + object + "/" + extIDField, body: collectionBody(chunk)}
	})
}

// DeleteMany deletes records by id, at most 200 per call with
// allOrNone=false. Ids may belong to different objects.
func (c *Client) DeleteMany(ctx context.Context, ids []string) ([]Result, error) {
	items := make([]collectionItem, len(ids))
	for i, id := range ids {
		items[i] = collectionItem{id: id}
	}
	return c.runCollection(ctx, "delete", true, items, func(chunk []collectionItem) call {
		list := make([]string, len(chunk))
		for i, it := range chunk {
			list[i] = it.id
		}
		return call{op: "delete", method: http.MethodDelete, path: "/composite/sobjects",
			query: url.Values{"ids": {strings.Join(list, ",")}, "allOrNone": {"false"}}}
	})
}

type collectionItem struct {
	object string
	id     string
	body   map[string]any
}

func collectionBody(chunk []collectionItem) api.CollectionRequest {
	recs := make([]map[string]any, len(chunk))
	for i, it := range chunk {
		recs[i] = it.body
	}
	return api.CollectionRequest{AllOrNone: false, Records: recs}
}

// runCollection sends items in chunks and maps each result back to its
// input position. Records that failed alone with a transient error are
// sent again only when resend is set (the operation is idempotent).
func (c *Client) runCollection(ctx context.Context, op string, resend bool, items []collectionItem, build func([]collectionItem) call) ([]Result, error) {
	results := make([]Result, 0, len(items))
	for _, chunk := range chunkItems(items) {
		res, err := c.sendChunk(ctx, op, resend, chunk, build)
		if err != nil {
			return results, err
		}
		results = append(results, res...)
	}
	return results, nil
}

// sendChunk sends one chunk. With resend, it then sends again the records
// that failed alone with an error retryable allows, through the client's
// retrier, until they succeed, fail otherwise, or the retrier stops.
func (c *Client) sendChunk(ctx context.Context, op string, resend bool, chunk []collectionItem, build func([]collectionItem) call) ([]Result, error) {
	results := make([]Result, len(chunk))
	pending := make([]int, len(chunk))
	for i := range chunk {
		pending[i] = i
	}
	for attempt := 1; ; attempt++ {
		sub := make([]collectionItem, len(pending))
		for i, p := range pending {
			sub[i] = chunk[p]
		}
		cl := build(sub)
		var out []api.SaveResult
		if err := c.getJSON(ctx, cl, &out); err != nil {
			return nil, err
		}
		if len(out) != len(sub) {
			return nil, &Error{Op: op, Err: fmt.Errorf("the API returned %d results for %d records", len(out), len(sub))}
		}
		var again []int
		for i, r := range out {
			p := pending[i]
			results[p] = itemResult(op, chunk[p], r)
			if results[p].Err != nil && retryable(results[p].Err, resend) {
				again = append(again, p)
			}
		}
		if len(again) == 0 {
			return results, nil
		}
		ev := RetryEvent{Method: cl.method, Path: cl.path, Attempt: attempt, Err: results[again[0]].Err, Records: len(again)}
		more, err := c.retry.pause(ctx, 0, ev)
		if err != nil {
			return nil, err
		}
		if !more {
			return results, nil
		}
		pending = again
	}
}

func itemResult(op string, it collectionItem, r api.SaveResult) Result {
	res := Result{ID: r.ID, Success: r.Success}
	if r.Created != nil {
		res.Created = *r.Created
	}
	if res.ID == "" {
		res.ID = it.id
	}
	if !r.Success {
		res.Err = recordError(op, it.object, res.ID, r.Errors)
	}
	return res
}

// chunkItems splits items into calls of at most MaxCollectionSize records
// and at most maxTypeRuns runs of one object type.
func chunkItems(items []collectionItem) [][]collectionItem {
	var chunks [][]collectionItem
	start, runs := 0, 0
	for i, it := range items {
		newRun := i == start || it.object != items[i-1].object
		if i > start && (i-start == MaxCollectionSize || newRun && runs == maxTypeRuns) {
			chunks = append(chunks, items[start:i])
			start, runs, newRun = i, 0, true
		}
		if newRun {
			runs++
		}
	}
	if start < len(items) {
		chunks = append(chunks, items[start:])
	}
	return chunks
}
