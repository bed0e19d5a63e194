package sfsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// lookupObject resolves the {type} path parameter.
func (s *Server) lookupObject(name string) (*Object, *response) {
	obj, ok := s.org.object(name)
	if !ok {
		resp := errorResponse(http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
		return nil, &resp
	}
	return obj, nil
}

func decodeRecord(body []byte) (map[string]any, *response) {
	var in map[string]any
	if len(body) == 0 {
		in = map[string]any{}
		return in, nil
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	if err := dec.Decode(&in); err != nil || in == nil {
		resp := errorResponse(http.StatusBadRequest, "JSON_PARSER_ERROR", "Unexpected character or value in the request body: %v", err)
		return nil, &resp
	}
	return in, nil
}

// statusForRecordError maps a record error to the HTTP status of a
// single-record call.
func statusForRecordError(e *recordError) int {
	switch e.Code {
	case "ENTITY_IS_DELETED", "NOT_FOUND":
		return http.StatusNotFound
	case "INSUFFICIENT_ACCESS_OR_READONLY":
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// lockRowError is the error the lock-row fault injects.
func lockRowError(id string) *recordError {
	return &recordError{Code: "UNABLE_TO_LOCK_ROW", Message: fmt.Sprintf("unable to obtain exclusive access to this record or 1 records: %s", id), Fields: []string{}}
}

func (s *Server) handleCreate(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	in, errResp := decodeRecord(r.body)
	if errResp != nil {
		return *errResp
	}
	if s.faults.take(FaultLockRow, r.call) != nil {
		return fieldErrorResponse(http.StatusBadRequest, *lockRowError(""))
	}
	rec, rerr := s.insertRecord(obj, in, r.session.userID)
	if rerr != nil {
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	return jsonResponse(http.StatusCreated, map[string]any{"id": rec.id(), "success": true, "errors": []any{}})
}

// handleCreateByIDPath serves POST /sobjects/{type}/Id, which creates a
// record as an upsert with a null Id.
func (s *Server) handleCreateByIDPath(r *request) response {
	if !strings.EqualFold(r.param("id"), "Id") {
		return errorResponse(http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "HTTP Method 'POST' not allowed. Allowed are GET,PATCH,DELETE,HEAD")
	}
	resp := s.handleCreate(r)
	if resp.status == http.StatusCreated {
		resp.body.(map[string]any)["created"] = true
	}
	return resp
}

// findRecord resolves an id path parameter to a live record of obj.
func (s *Server) findRecord(obj *Object, raw string) (*record, *response) {
	id, ok := normalizeID(raw)
	if !ok || id[:3] != obj.KeyPrefix {
		resp := errorResponse(http.StatusNotFound, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: %s", raw)
		if ok || len(raw) == 15 || len(raw) == 18 {
			resp = errNotFound()
		}
		return nil, &resp
	}
	rec, found := s.data.get(id)
	if !found || rec.obj != obj {
		resp := errNotFound()
		return nil, &resp
	}
	if rec.deleted {
		resp := errorResponse(http.StatusNotFound, "ENTITY_IS_DELETED", "entity is deleted")
		return nil, &resp
	}
	return rec, nil
}

func (s *Server) handleRetrieve(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	rec, errResp := s.findRecord(obj, r.param("id"))
	if errResp != nil {
		return *errResp
	}
	fs, errResp := fieldsParam(obj, r.URL.Query().Get("fields"))
	if errResp != nil {
		return *errResp
	}
	return jsonResponse(http.StatusOK, recordJSON(rec, r.version, fs))
}

func (s *Server) handleUpdate(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	rec, errResp := s.findRecord(obj, r.param("id"))
	if errResp != nil {
		return *errResp
	}
	in, errResp := decodeRecord(r.body)
	if errResp != nil {
		return *errResp
	}
	if s.faults.take(FaultLockRow, r.call) != nil {
		return fieldErrorResponse(http.StatusBadRequest, *lockRowError(rec.id()))
	}
	if rerr := s.updateRecord(rec, in, r.session.userID); rerr != nil {
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	return noContent()
}

func (s *Server) handleDelete(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	rec, errResp := s.findRecord(obj, r.param("id"))
	if errResp != nil {
		return *errResp
	}
	if s.faults.take(FaultLockRow, r.call) != nil {
		return fieldErrorResponse(http.StatusBadRequest, *lockRowError(rec.id()))
	}
	if rerr := s.deleteRecord(rec); rerr != nil {
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	return noContent()
}

// externalIDField resolves the {field} of an upsert path; Id is allowed as
// well as fields flagged externalId or idLookup.
func externalIDField(obj *Object, name string) (*Field, *response) {
	f, ok := obj.Field(name)
	if !ok || !(f.ExternalID || f.IDLookup) {
		resp := errorResponse(http.StatusNotFound, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: %s", name)
		return nil, &resp
	}
	return f, nil
}

// matchExternalID returns the live records whose field equals value.
func (s *Server) matchExternalID(obj *Object, f *Field, value string) []*record {
	if f.Name == "Id" {
		id, ok := normalizeID(value)
		if !ok {
			return nil
		}
		if rec, found := s.data.get(id); found && !rec.deleted && rec.obj == obj {
			return []*record{rec}
		}
		return nil
	}
	var out []*record
	for _, rec := range s.data.rows(obj, false) {
		v := rec.vals[f.Name]
		if v == nil {
			continue
		}
		str := fmt.Sprint(v)
		if n, ok := v.(float64); ok {
			str = formatNumber(n)
		}
		if str == value || (!f.CaseSensitive && strings.EqualFold(str, value)) {
			out = append(out, rec)
		}
	}
	return out
}

func (s *Server) handleRetrieveByExternalID(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	f, errResp := externalIDField(obj, r.param("field"))
	if errResp != nil {
		return *errResp
	}
	value := r.param("value")
	matches := s.matchExternalID(obj, f, value)
	switch len(matches) {
	case 0:
		return errNotFound()
	case 1:
		fs, errResp := fieldsParam(obj, r.URL.Query().Get("fields"))
		if errResp != nil {
			return *errResp
		}
		return jsonResponse(http.StatusOK, recordJSON(matches[0], r.version, fs))
	}
	return multipleChoices(matches, r.version)
}

func multipleChoices(matches []*record, version string) response {
	urls := make([]string, len(matches))
	for i, m := range matches {
		urls[i] = "/services/data/v" + version + "/sobjects/" + m.obj.Name + "/" + m.id()
	}
	return jsonResponse(http.StatusMultipleChoices, urls)
}

func (s *Server) handleDeleteByExternalID(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	f, errResp := externalIDField(obj, r.param("field"))
	if errResp != nil {
		return *errResp
	}
	value := r.param("value")
	matches := s.matchExternalID(obj, f, value)
	switch len(matches) {
	case 0:
		return errNotFound()
	case 1:
		if rerr := s.deleteRecord(matches[0]); rerr != nil {
			return fieldErrorResponse(statusForRecordError(rerr), *rerr)
		}
		return noContent()
	}
	return multipleChoices(matches, r.version)
}

// upsertOne inserts or updates one record by external id. It returns the
// record, whether it was created, the matches when more than one record
// has the value, and a record error.
func (s *Server) upsertOne(obj *Object, f *Field, value string, in map[string]any, userID string, updateOnly bool) (*record, bool, []*record, *recordError) {
	matches := s.matchExternalID(obj, f, value)
	switch {
	case len(matches) > 1:
		return nil, false, matches, &recordError{Code: "DUPLICATE_EXTERNAL_ID",
			Message: fmt.Sprintf("%s: more than one record found for external id field: %v", f.Label, matchIDs(matches)), Fields: []string{f.Name}}
	case len(matches) == 1:
		delete(in, f.Name)
		rerr := s.updateRecord(matches[0], in, userID)
		return matches[0], false, nil, rerr
	}
	if updateOnly {
		return nil, false, nil, &recordError{Code: "NOT_FOUND", Message: "The requested resource does not exist", Fields: []string{}}
	}
	if f.Name == "Id" && value != "" {
		// Upsert by Id updates an existing record or inserts when the Id is empty.
		return nil, false, nil, &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Message: "invalid cross reference id", Fields: []string{}}
	}
	if f.Name != "Id" && value != "" {
		in[f.Name] = value
	}
	rec, rerr := s.insertRecord(obj, in, userID)
	return rec, true, nil, rerr
}

func matchIDs(rs []*record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.id()
	}
	return out
}

// handleUpsert serves PATCH /sobjects/{type}/{field}/{value}: 201 when it
// creates, and on update 200 with a body from API 46.0 on, 204 before.
func (s *Server) handleUpsert(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	f, errResp := externalIDField(obj, r.param("field"))
	if errResp != nil {
		return *errResp
	}
	value := r.param("value")
	in, errResp := decodeRecord(r.body)
	if errResp != nil {
		return *errResp
	}
	for k, v := range in {
		if strings.EqualFold(k, f.Name) && f.Name != "Id" {
			// A body that repeats the URL value is accepted; a different value is not.
			if !strings.EqualFold(fmt.Sprint(v), value) {
				return errorResponse(http.StatusBadRequest, "INVALID_FIELD",
					"The value for %s in the request body does not match the value in the URL: %v", f.Name, v)
			}
			delete(in, k)
		}
	}
	if s.faults.take(FaultLockRow, r.call) != nil {
		return fieldErrorResponse(http.StatusBadRequest, *lockRowError(""))
	}

	updateOnly := r.URL.Query().Get("updateOnly") == "true"
	rec, created, matches, rerr := s.upsertOne(obj, f, value, in, r.session.userID, updateOnly)
	if matches != nil {
		return multipleChoices(matches, r.version)
	}
	if rerr != nil {
		if rerr.Code == "NOT_FOUND" {
			return errNotFound()
		}
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	body := map[string]any{"id": rec.id(), "success": true, "errors": []any{}, "created": created}
	if created {
		return jsonResponse(http.StatusCreated, body)
	}
	if versionNumber(r.version) >= 46 {
		return jsonResponse(http.StatusOK, body)
	}
	return noContent()
}
