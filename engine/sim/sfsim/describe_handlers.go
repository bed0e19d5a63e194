package sfsim

import (
	"fmt"
	"net/http"
	"time"
)

// latestSchemaChange returns the newest Modified stamp of all objects.
func latestSchemaChange(sc *schema) time.Time {
	var t time.Time
	for _, o := range sc.objects {
		if o.Modified.After(t) {
			t = o.Modified
		}
	}
	return t
}

// lastModifiedHeader returns the Last-Modified and ETag headers of a
// describe response; the ETag changes whenever the schema changes.
func lastModifiedHeader(t time.Time) http.Header {
	return http.Header{
		"Last-Modified": {t.UTC().Format(http.TimeFormat)},
		"Etag":          {fmt.Sprintf("\"%08x\"", uint32(t.Unix()))},
	}
}

func (s *Server) handleDescribeGlobal(r *request) response {
	modified := latestSchemaChange(s.org)
	if notModifiedSince(r.Request, modified) {
		return response{status: http.StatusNotModified, header: lastModifiedHeader(modified)}
	}
	list := []map[string]any{}
	for _, o := range s.org.sorted() {
		list = append(list, o.globalJSON(r.version))
	}
	resp := jsonResponse(http.StatusOK, map[string]any{"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": list})
	resp.header = lastModifiedHeader(modified)
	return resp
}

func (s *Server) handleDescribe(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	if notModifiedSince(r.Request, obj.Modified) {
		return response{status: http.StatusNotModified, header: lastModifiedHeader(obj.Modified)}
	}
	resp := jsonResponse(http.StatusOK, s.describeJSON(obj, r.version))
	resp.header = lastModifiedHeader(obj.Modified)
	return resp
}

// handleObjectInfo serves GET /sobjects/{type}: basic metadata and recent items.
func (s *Server) handleObjectInfo(r *request) response {
	obj, errResp := s.lookupObject(r.param("type"))
	if errResp != nil {
		return *errResp
	}
	return jsonResponse(http.StatusOK, map[string]any{"objectDescribe": obj.globalJSON(r.version), "recentItems": []any{}})
}

func (s *Server) handleLimits(r *request) response {
	limit := func(max, remaining int) map[string]int { return map[string]int{"Max": max, "Remaining": remaining} }
	return jsonResponse(http.StatusOK, map[string]any{
		"ConcurrentAsyncGetReportInstances":     limit(200, 200),
		"ConcurrentSyncReportRuns":              limit(20, 20),
		"DailyApiRequests":                      limit(s.opts.DailyAPILimit, s.opts.DailyAPILimit-s.apiCalls),
		"DailyAsyncApexExecutions":              limit(250000, 250000),
		"DailyBulkApiBatches":                   limit(15000, 15000),
		"DailyBulkV2QueryFileStorageMB":         limit(976562, 976562),
		"DailyBulkV2QueryJobs":                  limit(10000, 10000),
		"DailyGenericStreamingApiEvents":        limit(10000, 10000),
		"DailyStreamingApiEvents":               limit(10000, 10000),
		"DailyWorkflowEmails":                   limit(390, 390),
		"DataStorageMB":                         limit(5, 5),
		"FileStorageMB":                         limit(20, 20),
		"HourlyAsyncReportRuns":                 limit(1200, 1200),
		"HourlyDashboardRefreshes":              limit(200, 200),
		"HourlyODataCallout":                    limit(10000, 10000),
		"HourlySyncReportRuns":                  limit(500, 500),
		"HourlyTimeBasedWorkflow":               limit(50, 50),
		"MassEmail":                             limit(10, 10),
		"SingleEmail":                           limit(15, 15),
		"StreamingApiConcurrentClients":         limit(20, 20),
		"DailyDurableGenericStreamingApiEvents": limit(10000, 10000),
	})
}

// handleRecordCount serves GET /limits/recordCount?sObjects=A,B. Objects
// without records are left out, as in a real org.
func (s *Server) handleRecordCount(r *request) response {
	list := []map[string]any{}
	names := splitList(r.URL.Query().Get("sObjects"))
	if len(names) == 0 {
		for _, o := range s.org.sorted() {
			names = append(names, o.Name)
		}
	}
	for _, n := range names {
		obj, ok := s.org.object(n)
		if !ok {
			continue
		}
		if c := len(s.data.rows(obj, false)); c > 0 {
			list = append(list, map[string]any{"count": c, "name": obj.Name})
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{"sObjects": list})
}
