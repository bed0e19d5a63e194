package clarizen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// CreateResult is the outcome of a create.
type CreateResult struct {
	ID EntityID
	// Existing is true when an entity with the requested ExternalID was
	// already there (see Create) and nothing new was created.
	Existing bool
	// Entity holds the requested fields (CreateAndRetrieve only).
	Entity Entity
}

// probeField is read to confirm that an entity exists; every type has it.
const probeField = "CreatedOn"

// Get reads one entity with the given fields (data/objects). Pass the
// fields you need: without them the service picks a default set.
func (c *Client) Get(ctx context.Context, id EntityID, fields ...string) (Entity, error) {
	if err := checkID("get", id); err != nil {
		return Entity{}, err
	}
	var query url.Values
	if len(fields) > 0 {
		query = url.Values{"fields": {strings.Join(fields, ",")}}
	}
	var w api.Entity
	if err := c.get(ctx, "get", string(id), objectPath(id), query, &w); err != nil {
		return Entity{}, err
	}
	e := entityFromWire(w)
	if e.ID == "" {
		e.ID = id
	}
	return e, nil
}

// Create creates an entity (PUT data/objects/Type, or
// PUT data/objects/Type/externalID to choose its ExternalID).
//
// With an externalID the create is safe to retry, and this is where a
// repeat is resolved. The service returns DuplicateKey when an earlier
// attempt whose response was lost (or an earlier run) already created the
// entity. Create then reads /Type/externalID and, if it exists, returns it
// with Existing set instead of an error. If the read finds nothing, the
// duplicate was on another unique field and the DuplicateKey error stands.
// Without an externalID the service picks the id, and a create whose
// response was lost is not retried, because a retry could duplicate it.
func (c *Client) Create(ctx context.Context, typeName, externalID string, values Values) (CreateResult, error) {
	id := NewEntityID(typeName, externalID)
	path := "data/objects/" + url.PathEscape(typeName)
	label := typeName
	if externalID != "" {
		path += "/" + url.PathEscape(externalID)
		label = string(id)
	}
	r := &request{op: "create", entityID: label, method: http.MethodPut, path: path, idempotent: externalID != ""}
	var result api.CreateResult
	_, err := c.do(ctx, r, values.wire(), &result)
	if err != nil {
		if externalID != "" && errors.Is(err, ErrDuplicateKey) {
			return c.existing(ctx, id, err)
		}
		return CreateResult{}, err
	}
	return CreateResult{ID: EntityID(result.ID)}, nil
}

// existing returns the entity id when it exists, or dupErr when it does
// not.
func (c *Client) existing(ctx context.Context, id EntityID, dupErr error, fields ...string) (CreateResult, error) {
	if len(fields) == 0 {
		fields = []string{probeField}
	}
	e, err := c.Get(ctx, id, fields...)
	if errors.Is(err, ErrEntityNotFound) {
		return CreateResult{}, dupErr
	}
	if err != nil {
		return CreateResult{}, fmt.Errorf("read %s after DuplicateKey: %w", id, err)
	}
	c.logger.Info("create found an existing entity", "entity_id", string(id))
	return CreateResult{ID: id, Existing: true, Entity: e}, nil
}

// Update changes fields of an entity (POST data/objects/Type/value). It is
// safe to retry.
func (c *Client) Update(ctx context.Context, id EntityID, values Values) error {
	if err := checkID("update", id); err != nil {
		return err
	}
	_, err := c.post(ctx, "update", string(id), objectPath(id), true, values.wire(), nil)
	return err
}

// Delete deletes an entity (DELETE data/objects/Type/value). When the
// request had to be sent more than once and the service then reports
// EntityNotFound, an earlier attempt deleted it, and Delete returns nil.
func (c *Client) Delete(ctx context.Context, id EntityID) error {
	if err := checkID("delete", id); err != nil {
		return err
	}
	r := &request{op: "delete", entityID: string(id), method: http.MethodDelete, path: objectPath(id), idempotent: true}
	_, err := c.do(ctx, r, nil, nil)
	var apiErr *Error
	if errors.As(err, &apiErr) && apiErr.Attempts > 1 && errors.Is(err, ErrEntityNotFound) {
		return nil
	}
	return err
}

// CreateAndRetrieve creates an entity and returns the requested fields as
// the service computed them (data/createAndRetrieve). An externalID makes
// it safe to retry, with DuplicateKey resolved as in Create.
func (c *Client) CreateAndRetrieve(ctx context.Context, typeName, externalID string, values Values, fields []string) (CreateResult, error) {
	id := EntityID("/" + typeName)
	if externalID != "" {
		id = NewEntityID(typeName, externalID)
	}
	entity := values.wire()
	entity["Id"] = string(id)
	body := api.CreateAndRetrieveRequest{Entity: entity, Fields: fields}
	var result api.CreateAndRetrieveResult
	_, err := c.post(ctx, "create and retrieve", string(id), "data/createAndRetrieve", externalID != "", body, &result)
	if err != nil {
		if externalID != "" && errors.Is(err, ErrDuplicateKey) {
			return c.existing(ctx, id, err, fields...)
		}
		return CreateResult{}, err
	}
	e := entityFromWire(result.Entity)
	return CreateResult{ID: e.ID, Entity: e}, nil
}

// RetrieveMultiple reads several entities by id (data/retrieveMultiple),
// in chunks of the bulk limit. The result is aligned with ids; an entity
// the service did not return (deleted, no access) is a zero Entity.
func (c *Client) RetrieveMultiple(ctx context.Context, ids []EntityID, fields []string) ([]Entity, error) {
	out := make([]Entity, 0, len(ids))
	for start := 0; start < len(ids); start += c.bulkLimit {
		chunk := ids[start:min(start+c.bulkLimit, len(ids))]
		body := api.RetrieveMultipleRequest{Fields: fields, IDs: make([]string, len(chunk))}
		for i, id := range chunk {
			body.IDs[i] = string(id)
		}
		var result api.RetrieveMultipleResult
		label := fmt.Sprintf("%d ids", len(chunk))
		if _, err := c.post(ctx, "retrieve multiple", label, "data/retrieveMultiple", true, body, &result); err != nil {
			return nil, err
		}
		out = append(out, alignResults(chunk, result.Results)...)
	}
	return out, nil
}

// alignResults matches retrieveMultiple items to the requested ids. Items
// come in request order; null items and error objects stand for entities
// that could not be read.
//
// NOTE: the shape of a missing item is not documented; null and an object
// with errorCode are both handled.
func alignResults(ids []EntityID, items []json.RawMessage) []Entity {
	out := make([]Entity, len(ids))
	for i := range ids {
		if i >= len(items) || isNull(items[i]) {
			continue
		}
		var w api.Entity
		if json.Unmarshal(items[i], &w) != nil {
			continue
		}
		if _, failed := w["errorCode"]; failed {
			continue
		}
		out[i] = entityFromWire(w)
		if out[i].ID == "" {
			out[i].ID = ids[i]
		}
	}
	return out
}

// Upsert creates the entity id with insert, or, when it exists, changes it
// with update (data/upsert). A nil update sends insert for both. Created
// reports an insert (HTTP 201); after a retried call it can be false even
// though the first attempt inserted.
func (c *Client) Upsert(ctx context.Context, id EntityID, insert, update Values) (created bool, err error) {
	if err := checkID("upsert", id); err != nil {
		return false, err
	}
	if update == nil {
		update = insert
	}
	body := api.UpsertRequest{InsertEntity: insert.wire(), UpdateEntity: update.wire()}
	body.InsertEntity["Id"] = string(id)
	body.UpdateEntity["Id"] = string(id)
	resp, err := c.post(ctx, "upsert", string(id), "data/upsert", true, body, nil)
	if err != nil {
		return false, err
	}
	return resp.status == http.StatusCreated, nil
}

// ChangeState moves entities to a state such as "Active" or "Completed"
// (data/changeState); State itself is read-only.
func (c *Client) ChangeState(ctx context.Context, ids []EntityID, state string) error {
	body := api.ChangeStateRequest{IDs: make([]string, len(ids)), State: state}
	for i, id := range ids {
		body.IDs[i] = string(id)
	}
	label := strings.Join(body.IDs, ",")
	_, err := c.post(ctx, "change state", label, "data/changeState", true, body, nil)
	return err
}

// LinkCustomer links a work item to a customer by creating a CustomerLink
// entity; an externalID makes it safe to retry.
func (c *Client) LinkCustomer(ctx context.Context, workItem, customer EntityID, externalID string) (CreateResult, error) {
	return c.Create(ctx, "CustomerLink", externalID, Values{"Entity": workItem, "Customer": customer})
}

func checkID(op string, id EntityID) error {
	if !id.Valid() {
		return &Error{Op: op, EntityID: string(id), Code: CodeInvalidArgument, Message: "entity id must have the form /Type/value"}
	}
	return nil
}
