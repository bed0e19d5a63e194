package czsim

import (
	"errors"
	"net/http"
	"strings"
)

// lookupEntity finds a live record by type name and ExternalID.
func (s *Server) lookupEntity(typeName, id string) (*record, error) {
	t, ok := s.cat.lookup(typeName)
	if !ok {
		return nil, errorf(codeInvalidType, "unknown entity type %q", typeName)
	}
	full := "/" + typeName + "/" + id
	if id == "" {
		return nil, errorf(codeMissingArgument, "entity id %s has no ExternalID part", full)
	}
	rec, ok := s.st.get(t, id)
	if !ok {
		return nil, notFound(full)
	}
	return rec, nil
}

// lookupID finds a live record by its full id, /Type/ExternalID.
func (s *Server) lookupID(id string) (*record, error) {
	typeName, ext, ok := parseEntityID(id)
	if !ok {
		return nil, errorf(codeInvalidArgument, "invalid entity id %q; expected /Type/ExternalID", id)
	}
	return s.lookupEntity(typeName, ext)
}

// bodyID reads the entity id a request body carries in its "id" key
// ("Id" in the docs' create bodies).
func bodyID(in jsonObject) (string, error) {
	v, ok := in.get("id")
	if !ok || v == nil {
		return "", nil
	}
	id, ok := refString(v)
	if !ok {
		return "", errorf(codeInvalidArgument, "id must be an entity id such as \"/Task/abc\"")
	}
	return id, nil
}

// handleObjects serves data/objects: GET reads, PUT creates, POST updates
// and DELETE deletes. The type and id come from the path
// (data/objects/Task/abc) or from the body's id ("/Task/abc").
func handleObjects(s *Server, c *call) (reply, error) {
	var typeName, id string
	if len(c.segs) > 2 {
		typeName = c.segs[2]
	}
	if len(c.segs) > 3 {
		id = c.segs[3]
	}
	switch strings.ToUpper(c.method) {
	case http.MethodGet:
		if id == "" {
			return reply{}, errorf(codeMissingArgument, "GET data/objects needs a path like data/objects/Task/<id>")
		}
		rec, err := s.lookupEntity(typeName, id)
		if err != nil {
			return reply{}, err
		}
		fields, err := queryObject(c.query).strs("fields")
		if err != nil {
			return reply{}, err
		}
		entity, err := s.newReader().encode(rec, splitFields(fields))
		if err != nil {
			return reply{}, err
		}
		return okReply(entity)
	case http.MethodDelete:
		if id == "" {
			return reply{}, errorf(codeMissingArgument, "DELETE data/objects needs a path like data/objects/Task/<id>")
		}
		rec, err := s.lookupEntity(typeName, id)
		if err != nil {
			return reply{}, err
		}
		s.deleteEntity(rec, c.user)
		return okReply(map[string]any{})
	}

	in, err := decodeObject(c.body)
	if err != nil {
		return reply{}, err
	}
	fromBody, err := bodyID(in)
	if err != nil {
		return reply{}, err
	}
	if fromBody != "" {
		bodyType, bodyExt, ok := parseEntityID(fromBody)
		if !ok {
			return reply{}, errorf(codeInvalidArgument, "invalid entity id %q; expected /Type or /Type/ExternalID", fromBody)
		}
		if typeName != "" && !strings.EqualFold(bodyType, typeName) {
			return reply{}, errorf(codeInvalidArgument, "id %s does not match the type %s in the path", fromBody, typeName)
		}
		if id != "" && bodyExt != "" && !strings.EqualFold(bodyExt, id) {
			return reply{}, errorf(codeInvalidArgument, "id %s does not match the id %s in the path", fromBody, id)
		}
		typeName = bodyType
		if id == "" {
			id = bodyExt
		}
	}
	if typeName == "" {
		return reply{}, errorf(codeMissingArgument, "the entity type is missing: use data/objects/<Type> or an id in the body")
	}

	if strings.ToUpper(c.method) == http.MethodPut {
		t, err := s.concreteType(typeName)
		if err != nil {
			return reply{}, err
		}
		rec, err := s.createEntity(t, id, in, c.user, apiWrite)
		if err != nil {
			return reply{}, err
		}
		return okReply(map[string]any{"id": rec.ref().String()})
	}
	if id == "" {
		return reply{}, errorf(codeMissingArgument, "POST data/objects updates an entity and needs its id; PUT creates one")
	}
	rec, err := s.lookupEntity(typeName, id)
	if err != nil {
		return reply{}, err
	}
	if err := s.updateEntity(rec, in, c.user, apiWrite); err != nil {
		return reply{}, err
	}
	return okReply(map[string]any{})
}

// createFromEntityObject creates the entity an "entity" object describes:
// its id is "/Type" or "/Type/ExternalID".
func (s *Server) createFromEntityObject(entity jsonObject, actor *record) (*record, error) {
	if entity == nil {
		return nil, errorf(codeMissingArgument, "entity is required")
	}
	id, err := bodyID(entity)
	if err != nil {
		return nil, err
	}
	typeName, ext, ok := parseEntityID(id)
	if !ok {
		return nil, errorf(codeMissingArgument, "entity.id is required: \"/Type\" or \"/Type/ExternalID\"")
	}
	t, err := s.concreteType(typeName)
	if err != nil {
		return nil, err
	}
	return s.createEntity(t, ext, entity, actor, apiWrite)
}

func handleCreateAndRetrieve(s *Server, c *call) (reply, error) {
	in, err := decodeObject(c.body)
	if err != nil {
		return reply{}, err
	}
	entity, err := in.obj("entity")
	if err != nil {
		return reply{}, err
	}
	fields, err := in.strs("fields")
	if err != nil {
		return reply{}, err
	}
	rec, err := s.createFromEntityObject(entity, c.user)
	if err != nil {
		return reply{}, err
	}
	out, err := s.newReader().encode(rec, splitFields(fields))
	if err != nil {
		return reply{}, err
	}
	return okReply(map[string]any{"entity": out})
}

// handleRetrieveMultiple reads several entities. A missing id yields an
// error object in its place, so one bad id does not fail the others.
func handleRetrieveMultiple(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	ids, err := in.strs("ids")
	if err != nil {
		return reply{}, err
	}
	fields, err := in.strs("fields")
	if err != nil {
		return reply{}, err
	}
	r := s.newReader()
	paths := splitFields(fields)
	results := make([]any, 0, len(ids))
	for _, id := range ids {
		rec, err := s.lookupID(id)
		if err != nil {
			results = append(results, errorBody(asAPIError(err)))
			continue
		}
		entity, err := r.encode(rec, paths)
		if err != nil {
			return reply{}, err
		}
		results = append(results, entity)
	}
	return okReply(map[string]any{"results": results})
}

// handleUpsert updates the entity named by the id when it exists (HTTP 200,
// {}) and creates it otherwise (HTTP 201, {"Id": ...}).
func handleUpsert(s *Server, c *call) (reply, error) {
	in, err := decodeObject(c.body)
	if err != nil {
		return reply{}, err
	}
	insert, err := in.obj("insertEntity")
	if err != nil {
		return reply{}, err
	}
	update, err := in.obj("updateEntity")
	if err != nil {
		return reply{}, err
	}
	if insert == nil {
		return reply{}, errorf(codeMissingArgument, "insertEntity is required")
	}

	id, err := bodyID(insert)
	if err != nil {
		return reply{}, err
	}
	if id == "" && update != nil {
		if id, err = bodyID(update); err != nil {
			return reply{}, err
		}
	}
	typeName, ext, ok := parseEntityID(id)
	if !ok {
		return reply{}, errorf(codeMissingArgument, "insertEntity.Id is required: \"/Type/ExternalID\"")
	}
	t, err := s.concreteType(typeName)
	if err != nil {
		return reply{}, err
	}

	if ext != "" {
		if rec, found := s.st.get(t, ext); found {
			changes := update
			if changes == nil {
				changes = updateableOnly(t, insert)
			}
			if err := s.updateEntity(rec, changes, c.user, apiWrite); err != nil {
				return reply{}, err
			}
			return okReply(map[string]any{})
		}
	}
	rec, err := s.createEntity(t, ext, insert, c.user, apiWrite)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: map[string]any{"Id": rec.ref().String()}}, nil
}

// updateableOnly keeps the keys of in that an update may set.
func updateableOnly(t *entityType, in jsonObject) jsonObject {
	out := jsonObject{}
	for k, v := range in {
		if f, ok := t.field(k); ok && f.Updateable && f.Name != "ExternalID" {
			out[k] = v
		}
	}
	return out
}

// asAPIError returns the API error inside err, or wraps err as Internal.
func asAPIError(err error) *apiError {
	var e *apiError
	if errors.As(err, &e) {
		return e
	}
	return errorf(codeInternal, "%v", err)
}
