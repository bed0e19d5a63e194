package sfsim

import (
	"encoding/json"
	"net/http"
	"strings"
)

// maxCollectionSize is the record limit of one sObject Collections call.
const maxCollectionSize = 200

type collectionBody struct {
	AllOrNone bool             `json:"allOrNone"`
	Records   []map[string]any `json:"records"`
}

// collectionResult is one per-record entry of a Collections response.
func collectionResult(id string, e *recordError, created *bool) map[string]any {
	out := map[string]any{"success": e == nil, "errors": []any{}}
	if id != "" {
		out["id"] = id
	} else {
		out["id"] = nil
	}
	if e != nil {
		out["errors"] = []any{e.collectionJSON()}
	}
	if created != nil {
		// NOTE: a failed upsert item reports created false here; whether a
		// real org includes the key on failures is not confirmed.
		out["created"] = *created && e == nil
	}
	return out
}

func rolledBack() *recordError {
	return &recordError{Code: "ALL_OR_NONE_OPERATION_ROLLED_BACK", Message: "Record rolled back because not all records were valid and the request was using AllOrNone header", Fields: []string{}}
}

func (s *Server) decodeCollection(r *request) (*collectionBody, *response) {
	var body collectionBody
	if errResp := r.decodeBody(&body); errResp != nil {
		return nil, errResp
	}
	if len(body.Records) > maxCollectionSize {
		resp := errorResponse(http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than %d records into this call", maxCollectionSize)
		return nil, &resp
	}
	return &body, nil
}

// recordType reads attributes.type of a collection record.
func recordType(rec map[string]any) string {
	attrs, _ := rec["attributes"].(map[string]any)
	t, _ := attrs["type"].(string)
	return t
}

// runCollection applies op to every record, with allOrNone rollback. op
// returns the record id, the created flag (upsert only) and an error.
func (s *Server) runCollection(r *request, n int, allOrNone bool, op func(i int) (string, *bool, *recordError)) response {
	t := s.begin()
	results := make([]map[string]any, n)
	failed := false
	for i := 0; i < n; i++ {
		var id string
		var created *bool
		var rerr *recordError
		if s.faults.take(FaultLockRow, r.call) != nil {
			rerr = lockRowError("")
		} else {
			id, created, rerr = op(i)
		}
		if rerr != nil {
			failed = true
		}
		results[i] = collectionResult(id, rerr, created)
	}
	rollback := allOrNone && failed
	s.end(t, rollback)
	if rollback {
		for i, res := range results {
			if res["success"] == true {
				id, _ := res["id"].(string)
				if r.Method == http.MethodPost {
					id = ""
				}
				results[i] = collectionResult(id, rolledBack(), nil)
			}
		}
	}
	return jsonResponse(http.StatusOK, results)
}

func (s *Server) handleCollectionCreate(r *request) response {
	body, errResp := s.decodeCollection(r)
	if errResp != nil {
		return *errResp
	}
	return s.runCollection(r, len(body.Records), body.AllOrNone, func(i int) (string, *bool, *recordError) {
		in := body.Records[i]
		obj, ok := s.org.object(recordType(in))
		if !ok {
			return "", nil, &recordError{Code: "INVALID_TYPE", Message: "sObject type '" + recordType(in) + "' is not supported.", Fields: []string{}}
		}
		if id, ok := in["Id"]; ok && id != nil {
			return "", nil, &recordError{Code: "INVALID_FIELD", Message: "cannot specify Id in an insert call", Fields: []string{"Id"}}
		}
		rec, rerr := s.insertRecord(obj, in, r.session.userID)
		if rerr != nil {
			return "", nil, rerr
		}
		return rec.id(), nil, nil
	})
}

// recordID reads the Id of an update record; jsforce sends it as "id".
func recordID(in map[string]any) (string, bool) {
	for _, k := range []string{"Id", "id", "ID"} {
		if v, ok := in[k].(string); ok {
			delete(in, k)
			return v, true
		}
	}
	return "", false
}

func (s *Server) handleCollectionUpdate(r *request) response {
	body, errResp := s.decodeCollection(r)
	if errResp != nil {
		return *errResp
	}
	return s.runCollection(r, len(body.Records), body.AllOrNone, func(i int) (string, *bool, *recordError) {
		in := body.Records[i]
		raw, ok := recordID(in)
		if !ok {
			return "", nil, &recordError{Code: "MISSING_ARGUMENT", Message: "Id not specified in an update call", Fields: []string{}}
		}
		id, ok := normalizeID(raw)
		if !ok {
			return "", nil, &recordError{Code: "MALFORMED_ID", Message: "malformed id " + raw, Fields: []string{"Id"}}
		}
		rec, found := s.data.get(id)
		if !found {
			return id, nil, &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Message: "invalid cross reference id", Fields: []string{}}
		}
		if t := recordType(in); t != "" && !strings.EqualFold(t, rec.obj.Name) {
			return id, nil, &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Message: "invalid cross reference id", Fields: []string{}}
		}
		if rerr := s.updateRecord(rec, in, r.session.userID); rerr != nil {
			return id, nil, rerr
		}
		return id, nil, nil
	})
}

func (s *Server) handleCollectionDelete(r *request) response {
	q := r.URL.Query()
	ids := splitList(q.Get("ids"))
	if len(ids) > maxCollectionSize {
		return errorResponse(http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than %d records into this call", maxCollectionSize)
	}
	if len(ids) == 0 {
		return errorResponse(http.StatusBadRequest, "MISSING_ARGUMENT", "ids parameter is required")
	}
	return s.runCollection(r, len(ids), q.Get("allOrNone") == "true", func(i int) (string, *bool, *recordError) {
		id, ok := normalizeID(ids[i])
		if !ok {
			return ids[i], nil, &recordError{Code: "MALFORMED_ID", Message: "malformed id " + ids[i], Fields: []string{}}
		}
		rec, found := s.data.get(id)
		if !found {
			return id, nil, &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Message: "invalid cross reference id", Fields: []string{}}
		}
		if rerr := s.deleteRecord(rec); rerr != nil {
			return id, nil, rerr
		}
		return id, nil, nil
	})
}

// handleCollectionRetrieve serves GET and POST /composite/sobjects/{type}.
func (s *Server) handleCollectionRetrieve(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	var ids, names []string
	if r.Method == http.MethodGet {
		ids, names = splitList(r.URL.Query().Get("ids")), splitList(r.URL.Query().Get("fields"))
	} else {
		var body struct {
			IDs    []string `json:"ids"`
			Fields []string `json:"fields"`
		}
		if errResp := r.decodeBody(&body); errResp != nil {
			return *errResp
		}
		ids, names = body.IDs, body.Fields
	}
	if len(ids) > 2000 {
		return errorResponse(http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 2000 records into this call")
	}
	if len(names) == 0 {
		return errorResponse(http.StatusBadRequest, "MISSING_ARGUMENT", "fields parameter is required")
	}
	fs, errResp := fieldsParam(obj, strings.Join(names, ","))
	if errResp != nil {
		return *errResp
	}
	out := make([]any, len(ids))
	for i, raw := range ids {
		id, ok := normalizeID(raw)
		if !ok {
			continue
		}
		if rec, found := s.data.get(id); found && !rec.deleted && rec.obj == obj {
			out[i] = recordJSON(rec, r.version, fs)
		}
	}
	return jsonResponse(http.StatusOK, out)
}

// handleCollectionUpsert serves PATCH /composite/sobjects/{type}/{field}.
func (s *Server) handleCollectionUpsert(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	f, errResp := externalIDField(obj, r.param("field"))
	if errResp != nil {
		return *errResp
	}
	body, errResp := s.decodeCollection(r)
	if errResp != nil {
		return *errResp
	}
	return s.runCollection(r, len(body.Records), body.AllOrNone, func(i int) (string, *bool, *recordError) {
		in := body.Records[i]
		if t := recordType(in); t != "" && !strings.EqualFold(t, obj.Name) {
			return "", nil, &recordError{Code: "INVALID_TYPE", Message: "sObject type '" + t + "' does not match the upsert type " + obj.Name, Fields: []string{}}
		}
		var value string
		for k, v := range in {
			if strings.EqualFold(k, f.Name) {
				if v != nil {
					b, _ := json.Marshal(v)
					value = strings.Trim(string(b), `"`)
				}
				delete(in, k)
			}
		}
		if value == "" && f.Name != "Id" {
			return "", nil, &recordError{Code: "MISSING_ARGUMENT", Message: f.Name + " not specified", Fields: []string{}}
		}
		rec, created, _, rerr := s.upsertOne(obj, f, value, in, r.session.userID, false)
		if rerr != nil {
			id := ""
			if rec != nil {
				id = rec.id()
			}
			return id, &created, rerr
		}
		return rec.id(), &created, nil
	})
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
