package sfsim

import (
	"net/http"
	"time"
)

// Windows of the replication resources: getUpdated looks back 30 days,
// getDeleted as far as the recycle bin keeps records (15 days).
const (
	updatedWindow       = 30 * 24 * time.Hour
	recycleBinRetention = 15 * 24 * time.Hour
	maxReplicationIDs   = 600000
)

// replicationWindow parses and checks the start and end parameters. Seconds
// are truncated, as the real resources do.
func (s *Server) replicationWindow(r *request, obj *Object, back time.Duration) (time.Time, time.Time, *response) {
	bad := func(format string, args ...any) (time.Time, time.Time, *response) {
		resp := errorResponse(http.StatusBadRequest, "INVALID_REPLICATION_DATE", format, args...)
		return time.Time{}, time.Time{}, &resp
	}
	if !obj.Replicateable {
		resp := errorResponse(http.StatusBadRequest, "INVALID_TYPE", "sObject type '%s' does not support replication", obj.Name)
		return time.Time{}, time.Time{}, &resp
	}
	q := r.URL.Query()
	start, ok1 := parseDateTime(q.Get("start"))
	end, ok2 := parseDateTime(q.Get("end"))
	if !ok1 || !ok2 {
		resp := errorResponse(http.StatusBadRequest, "MALFORMED_QUERY", "start and end must be dateTime values such as 2024-01-02T03:04:05+00:00")
		return time.Time{}, time.Time{}, &resp
	}
	start, end = start.Truncate(time.Minute), end.Truncate(time.Minute)
	now := s.now()
	if !start.Before(end) {
		return bad("startDate must chronologically precede endDate by more than one minute")
	}
	if start.Before(now.Add(-back)) {
		return bad("startDate cannot be more than %d days ago", int(back.Hours()/24))
	}
	if end.After(now) {
		end = now.Truncate(time.Minute)
	}
	return start, end, nil
}

func (s *Server) handleGetUpdated(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	start, end, errResp := s.replicationWindow(r, obj, updatedWindow)
	if errResp != nil {
		return *errResp
	}
	ids := []string{}
	for _, rec := range s.data.rows(obj, false) {
		stamp, ok := parseDateTime(stringOf(rec.vals["SystemModstamp"]))
		if ok && !stamp.Before(start) && stamp.Before(end) {
			ids = append(ids, rec.id())
		}
	}
	if len(ids) > maxReplicationIDs {
		return errorResponse(http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "too many ids; use a smaller time window")
	}
	return jsonResponse(http.StatusOK, map[string]any{"ids": ids, "latestDateCovered": formatDateTime(end)})
}

func (s *Server) handleGetDeleted(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	s.data.purge(s.now().Add(-recycleBinRetention))
	start, end, errResp := s.replicationWindow(r, obj, recycleBinRetention)
	if errResp != nil {
		return *errResp
	}
	earliest := s.now().Add(-recycleBinRetention)
	if earliest.Before(s.created) {
		earliest = s.created
	}
	list := []map[string]any{}
	for _, rec := range s.data.rows(obj, true) {
		if rec.deleted && !rec.deletedAt.Before(start) && rec.deletedAt.Before(end) {
			list = append(list, map[string]any{"id": rec.id(), "deletedDate": formatDateTime(rec.deletedAt)})
		}
	}
	if len(list) > maxReplicationIDs {
		return errorResponse(http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "too many ids; use a smaller time window")
	}
	return jsonResponse(http.StatusOK, map[string]any{
		"deletedRecords":        list,
		"earliestDateAvailable": formatDateTime(earliest.Truncate(time.Minute)),
		"latestDateCovered":     formatDateTime(end),
	})
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}
