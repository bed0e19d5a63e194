package salesforce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// Create inserts one record and returns its id (POST /sobjects/{object}).
// It is repeated only when it failed before the request was fully sent
// (see shouldRetry), so it never creates a record twice. After any other
// transient failure the caller must look the record up before creating it
// again, or use Upsert with an external id instead.
func (c *Client) Create(ctx context.Context, object string, fields Fields) (string, error) {
	if err := CheckIdentifier(object); err != nil {
		return "", err
	}
	body, err := writeBody(fields)
	if err != nil {
		return "", &Error{Op: "create", Object: object, Err: err}
	}
	var res api.SaveResult
	cl := call{op: "create", object: object, method: http.MethodPost, path: "/sobjects/" + object, body: body}
	if err := c.getJSON(ctx, cl, &res); err != nil {
		return "", err
	}
	if !res.Success || res.ID == "" {
		return "", recordError("create", object, res.ID, res.Errors)
	}
	return res.ID, nil
}

// Get reads one record by id; with no fields listed it returns all fields.
func (c *Client) Get(ctx context.Context, object, id string, fields ...string) (Record, error) {
	if err := CheckIdentifier(object); err != nil {
		return Record{}, err
	}
	cl := call{op: "get", object: object, recordID: id, path: "/sobjects/" + object + "/" + url.PathEscape(id)}
	if len(fields) > 0 {
		for _, f := range fields {
			if err := CheckIdentifier(f); err != nil {
				return Record{}, err
			}
		}
		cl.query = url.Values{"fields": {strings.Join(fields, ",")}}
	}
	_, _, data, err := c.send(ctx, cl)
	if err != nil {
		return Record{}, err
	}
	rec, err := decodeRecord(data)
	if err != nil {
		return Record{}, &Error{Op: "get", Object: object, RecordID: id, Err: err}
	}
	return rec, nil
}

// Update changes the given fields of one record (PATCH, 204). Fields set
// to nil are cleared; fields not listed keep their values.
func (c *Client) Update(ctx context.Context, object, id string, fields Fields) error {
	if err := CheckIdentifier(object); err != nil {
		return err
	}
	body, err := writeBody(fields)
	if err != nil {
		return &Error{Op: "update", Object: object, RecordID: id, Err: err}
	}
	_, _, _, err = c.send(ctx, call{op: "update", object: object, recordID: id, method: http.MethodPatch,
		path: "/sobjects/" + object + "/" + url.PathEscape(id), body: body})
	return err
}

// Delete deletes one record (DELETE, 204). Deleting a record that is
// already deleted fails with ENTITY_IS_DELETED or NOT_FOUND.
func (c *Client) Delete(ctx context.Context, object, id string) error {
	if err := CheckIdentifier(object); err != nil {
		return err
	}
	_, _, _, err := c.send(ctx, call{op: "delete", object: object, recordID: id, method: http.MethodDelete,
		path: "/sobjects/" + object + "/" + url.PathEscape(id)})
	return err
}

// UpsertResult is the outcome of an upsert.
type UpsertResult struct {
	ID      string
	Created bool
}

// ErrMultipleMatches matches a *MultipleMatchesError.
var ErrMultipleMatches = errors.New("external id matches several records")

// MultipleMatchesError is an upsert whose external id value matched more
// than one record (HTTP 300): nothing was written.
type MultipleMatchesError struct {
	Object, Field, Value string
	// URLs lists the matching records as the API returned them.
	URLs []string
}

func (e *MultipleMatchesError) Error() string {
	return fmt.Sprintf("upsert %s by %s=%q: %d records match; make the external id unique", e.Object, e.Field, e.Value, len(e.URLs))
}

// Is makes errors.Is(err, ErrMultipleMatches) true.
func (e *MultipleMatchesError) Is(target error) bool { return target == ErrMultipleMatches }

// Upsert inserts or updates the record whose external id field holds
// value (PATCH /sobjects/{object}/{field}/{value}): 201 created, 200 or
// 204 updated, 300 several matches (*MultipleMatchesError). The body must
// not repeat the external id field; it is removed if present.
//
// Upsert is safe to repeat after a dropped connection: a repeat finds the
// record the first attempt created and updates it, so the retry layer
// treats it as idempotent. That is why the sync engine writes new records
// through Upsert with an idempotency key whenever the object has an
// external id field.
func (c *Client) Upsert(ctx context.Context, object, extIDField, value string, fields Fields) (UpsertResult, error) {
	if err := CheckIdentifier(object); err != nil {
		return UpsertResult{}, err
	}
	if err := CheckIdentifier(extIDField); err != nil {
		return UpsertResult{}, err
	}
	if value == "" {
		return UpsertResult{}, &Error{Op: "upsert", Object: object, Message: "empty external id value for " + extIDField}
	}
	if strings.Contains(value, "/") {
		return c.upsertOne(ctx, object, extIDField, value, fields)
	}
	trimmed := make(Fields, len(fields))
	for k, v := range fields {
		if !strings.EqualFold(k, extIDField) {
			trimmed[k] = v
		}
	}
	body, err := writeBody(trimmed)
	if err != nil {
		return UpsertResult{}, &Error{Op: "upsert", Object: object, Err: err}
	}
	cl := call{op: "upsert", object: object, method: http.MethodPatch, body: body,
		path:   "/sobjects/" + object + "/" + extIDField + "/" + url.PathEscape(value),
		accept: []int{http.StatusMultipleChoices}}
	status, _, data, err := c.send(ctx, cl)
	if err != nil {
		return UpsertResult{}, err
	}
	if status == http.StatusMultipleChoices {
		var urls []string
		_ = json.Unmarshal(data, &urls)
		return UpsertResult{}, &MultipleMatchesError{Object: object, Field: extIDField, Value: value, URLs: urls}
	}
	return upsertOutcome(cl, status, data)
}

// upsertOne upserts one record through the collection resource, which
// carries the external id in the body. A "/" in the URL form ends in
// NOT_FOUND even when encoded as %2F, as users of other clients report, so
// Upsert comes here for such values.
func (c *Client) upsertOne(ctx context.Context, object, extIDField, value string, fields Fields) (UpsertResult, error) {
	rec := make(Fields, len(fields)+1)
	for k, v := range fields {
		rec[k] = v
	}
	rec[extIDField] = value
	results, err := c.UpsertMany(ctx, object, extIDField, []Fields{rec})
	if err != nil {
		return UpsertResult{}, err
	}
	if r := results[0]; r.Err != nil {
		return UpsertResult{}, r.Err
	}
	return UpsertResult{ID: results[0].ID, Created: results[0].Created}, nil
}

func upsertOutcome(cl call, status int, data []byte) (UpsertResult, error) {
	if status == http.StatusNoContent || len(strings.TrimSpace(string(data))) == 0 {
		// Older API versions respond to an update with 204 and no body.
		return UpsertResult{Created: false}, nil
	}
	var res api.SaveResult
	if err := json.Unmarshal(data, &res); err != nil {
		return UpsertResult{}, &Error{Op: cl.op, Object: cl.object, Err: fmt.Errorf("decode response: %w", err)}
	}
	if !res.Success && len(res.Errors) > 0 {
		return UpsertResult{}, recordError(cl.op, cl.object, res.ID, res.Errors)
	}
	created := status == http.StatusCreated
	if res.Created != nil {
		created = *res.Created
	}
	return UpsertResult{ID: res.ID, Created: created}, nil
}

// writeBody prepares a record body: no Id or attributes, values in their
// wire form.
func writeBody(fields Fields) (map[string]any, error) {
	clean := make(Fields, len(fields))
	for k, v := range fields {
		if strings.EqualFold(k, "Id") || k == "attributes" {
			continue
		}
		clean[k] = v
	}
	return wireFields(clean)
}
