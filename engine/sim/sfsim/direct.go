package sfsim

import (
	"fmt"
	"maps"
	"strings"
)

// Direct data access for tests and the demo. Writes run the same validation
// and server-side rules as API writes and move SystemModstamp and
// LastModifiedDate, but count no API call and ignore faults.

// Insert creates a record as the admin user and returns its id.
func (s *Server) Insert(object string, fields map[string]any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	obj, ok := s.org.object(object)
	if !ok {
		return "", fmt.Errorf("insert %s: unknown object", object)
	}
	rec, rerr := s.insertRecord(obj, maps.Clone(fields), s.adminID)
	if rerr != nil {
		return "", fmt.Errorf("insert %s: %w", object, rerr)
	}
	return rec.id(), nil
}

// Update changes fields of a record as the admin user.
func (s *Server) Update(object, id string, fields map[string]any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.directRecord(object, id)
	if err != nil {
		return fmt.Errorf("update %s %s: %w", object, id, err)
	}
	if rerr := s.updateRecord(rec, maps.Clone(fields), s.adminID); rerr != nil {
		return fmt.Errorf("update %s %s: %w", object, id, rerr)
	}
	return nil
}

// Delete moves a record to the recycle bin.
func (s *Server) Delete(object, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.directRecord(object, id)
	if err != nil {
		return fmt.Errorf("delete %s %s: %w", object, id, err)
	}
	if rerr := s.deleteRecord(rec); rerr != nil {
		return fmt.Errorf("delete %s %s: %w", object, id, rerr)
	}
	return nil
}

// Get returns a copy of a live record's fields.
func (s *Server) Get(object, id string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.directRecord(object, id)
	if err != nil {
		return nil, false
	}
	return recordValues(rec), true
}

// All returns copies of every live record of an object in creation order.
func (s *Server) All(object string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	obj, ok := s.org.object(object)
	if !ok {
		return nil
	}
	rows := s.data.rows(obj, false)
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		out[i] = recordValues(r)
	}
	return out
}

func recordValues(r *record) map[string]any {
	out := make(map[string]any, len(r.obj.Fields))
	for _, f := range r.obj.Fields {
		out[f.Name] = fieldValue(r, f)
	}
	return out
}

var errRecordNotFound = fmt.Errorf("record not found")

func (s *Server) directRecord(object, id string) (*record, error) {
	obj, ok := s.org.object(object)
	if !ok {
		return nil, fmt.Errorf("unknown object %s", object)
	}
	full, ok := normalizeID(id)
	if !ok {
		return nil, fmt.Errorf("malformed id")
	}
	rec, ok := s.data.get(full)
	if !ok || rec.deleted || !strings.EqualFold(rec.obj.Name, obj.Name) {
		return nil, errRecordNotFound
	}
	return rec, nil
}
