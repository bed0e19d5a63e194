package czsim

import "fmt"

// Direct data access for tests and the demo. These methods skip
// authentication, rate limits, faults and API call counting, but write
// LastUpdatedOn and the other system fields as an API write by the admin
// would. Field values use the JSON forms the API accepts ("/User/abc",
// {"value": 3, "unit": "Days"}); read-only fields such as State may be set.

// Create stores a new entity of typeName and returns its id ("/Task/abc").
// An "id" or "ExternalID" member supplies the ExternalID.
func (s *Server) Create(typeName string, fields map[string]any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.concreteType(typeName)
	if err != nil {
		return "", fmt.Errorf("create %s: %w", typeName, err)
	}
	in := jsonObject(fields)
	ext := ""
	if raw, ok := in.get("id"); ok {
		id, isString := raw.(string)
		if !isString {
			return "", fmt.Errorf("create %s: id must be a string", typeName)
		}
		if _, e, isID := parseEntityID(id); isID {
			ext = e
		} else {
			ext = id
		}
	}
	rec, err := s.createEntity(t, ext, in, s.admin(), directWrite)
	if err != nil {
		return "", fmt.Errorf("create %s: %w", typeName, err)
	}
	return rec.ref().String(), nil
}

// Update changes fields of the entity with the given id ("/Task/abc").
// A nil value clears a field.
func (s *Server) Update(id string, fields map[string]any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.lookupID(id)
	if err != nil {
		return fmt.Errorf("update %s: %w", id, err)
	}
	if err := s.updateEntity(rec, jsonObject(fields), s.admin(), directWrite); err != nil {
		return fmt.Errorf("update %s: %w", id, err)
	}
	return nil
}

// Delete deletes an entity and what depends on it (child work items, links,
// discussions), as the API does.
func (s *Server) Delete(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.lookupID(id)
	if err != nil {
		return fmt.Errorf("delete %s: %w", id, err)
	}
	s.deleteEntity(rec, s.admin())
	return nil
}

// Get returns an entity with all its fields in the API's JSON form
// (references as {"id": ...}, dates as 2006-01-02T15:04:05.0000000), or
// false when no live entity has the id.
func (s *Server) Get(id string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.lookupID(id)
	if err != nil {
		return nil, false
	}
	return s.encodeFull(s.newReader(), rec), true
}

// All returns every live entity of typeName and its subtypes in creation
// order; All("WorkItem") returns projects, milestones and tasks alike.
func (s *Server) All(typeName string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.cat.lookup(typeName)
	if !ok || t.Picklist {
		return nil
	}
	r := s.newReader()
	recs := s.st.scan(t, false)
	out := make([]map[string]any, 0, len(recs))
	for _, rec := range recs {
		out = append(out, s.encodeFull(r, rec))
	}
	return out
}

// encodeFull renders every field, hidden ones included.
func (s *Server) encodeFull(r *reader, rec *record) map[string]any {
	out := map[string]any{"id": rec.ref().String()}
	for _, f := range rec.typ.fields {
		out[f.Name] = encodeValue(f, r.value(rec, f))
	}
	return out
}

// Logins returns how many successful authentication/login calls the
// organization has served.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// APICalls returns how many API calls the organization has served.
// Authentication calls do not count, and a bulk call counts once, as for the
// real service's quota.
func (s *Server) APICalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiCalls
}
