package sfsim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// request is the input of an API handler.
type request struct {
	*http.Request
	version string            // "59.0"
	params  map[string]string // path parameters
	body    []byte
	session *session
	call    string // "METHOD /path" relative to the version root, for fault matching
}

func (r *request) param(name string) string { return r.params[name] }

// decodeBody parses the JSON body into v; a malformed body becomes the
// JSON_PARSER_ERROR response.
func (r *request) decodeBody(v any) *response {
	if len(r.body) == 0 {
		resp := errorResponse(http.StatusBadRequest, "JSON_PARSER_ERROR", "The request body is empty.")
		return &resp
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		resp := errorResponse(http.StatusBadRequest, "JSON_PARSER_ERROR", "Unexpected parameter encountered during deserialization: %s", err)
		return &resp
	}
	return nil
}

type handlerFunc func(s *Server, r *request) response

type route struct {
	method   string
	segments []string // literal or {name}
	handler  handlerFunc
}

// routes lists every REST resource under /services/data/vXX.X.
func routes() []route {
	table := []struct {
		method, pattern string
		h               handlerFunc
	}{
		{"GET", "", (*Server).handleResources},
		{"GET", "limits", (*Server).handleLimits},
		{"GET", "limits/recordCount", (*Server).handleRecordCount},
		{"GET", "sobjects", (*Server).handleDescribeGlobal},
		{"GET", "sobjects/{type}", (*Server).handleObjectInfo},
		{"POST", "sobjects/{type}", (*Server).handleCreate},
		{"GET", "sobjects/{type}/describe", (*Server).handleDescribe},
		{"GET", "sobjects/{type}/updated", (*Server).handleGetUpdated},
		{"GET", "sobjects/{type}/deleted", (*Server).handleGetDeleted},
		{"GET", "sobjects/{type}/{id}", (*Server).handleRetrieve},
		{"PATCH", "sobjects/{type}/{id}", (*Server).handleUpdate},
		{"DELETE", "sobjects/{type}/{id}", (*Server).handleDelete},
		{"POST", "sobjects/{type}/{id}", (*Server).handleCreateByIDPath},
		{"GET", "sobjects/{type}/{field}/{value}", (*Server).handleRetrieveByExternalID},
		{"PATCH", "sobjects/{type}/{field}/{value}", (*Server).handleUpsert},
		{"DELETE", "sobjects/{type}/{field}/{value}", (*Server).handleDeleteByExternalID},
		{"GET", "query", (*Server).handleQuery},
		{"GET", "query/{locator}", (*Server).handleQueryMore},
		{"GET", "queryAll", (*Server).handleQueryAll},
		{"GET", "queryAll/{locator}", (*Server).handleQueryMore},
		{"POST", "composite/sobjects", (*Server).handleCollectionCreate},
		{"PATCH", "composite/sobjects", (*Server).handleCollectionUpdate},
		{"DELETE", "composite/sobjects", (*Server).handleCollectionDelete},
		{"GET", "composite/sobjects/{type}", (*Server).handleCollectionRetrieve},
		{"POST", "composite/sobjects/{type}", (*Server).handleCollectionRetrieve},
		{"PATCH", "composite/sobjects/{type}/{field}", (*Server).handleCollectionUpsert},
		{"POST", "composite", (*Server).handleComposite},
		{"POST", "composite/batch", (*Server).handleCompositeBatch},
		{"GET", "chatter/feeds/record/{id}/feed-elements", (*Server).handleFeedElements},
		{"POST", "chatter/feed-elements", (*Server).handlePostFeedElement},
		{"GET", "chatter/feed-elements/{id}", (*Server).handleGetFeedElement},
		{"PATCH", "chatter/feed-elements/{id}", (*Server).handleEditFeedElement},
		{"DELETE", "chatter/feed-elements/{id}", (*Server).handleDeleteFeedElement},
		{"GET", "chatter/feed-elements/{id}/capabilities/comments/items", (*Server).handleComments},
		{"POST", "chatter/feed-elements/{id}/capabilities/comments/items", (*Server).handlePostComment},
		{"GET", "chatter/comments/{id}", (*Server).handleGetComment},
		{"PATCH", "chatter/comments/{id}", (*Server).handleEditComment},
		{"DELETE", "chatter/comments/{id}", (*Server).handleDeleteComment},
		{"GET", "tooling/sobjects", (*Server).handleToolingGlobal},
		{"GET", "tooling/sobjects/{type}/describe", (*Server).handleToolingDescribe},
		{"POST", "tooling/sobjects/{type}", (*Server).handleToolingCreate},
		{"GET", "tooling/sobjects/{type}/{id}", (*Server).handleToolingRetrieve},
		{"DELETE", "tooling/sobjects/{type}/{id}", (*Server).handleToolingDelete},
		{"GET", "tooling/query", (*Server).handleToolingQuery},
		{"GET", "tooling/query/{locator}", (*Server).handleQueryMore},
	}
	out := make([]route, 0, len(table))
	for _, t := range table {
		var segs []string
		if t.pattern != "" {
			segs = strings.Split(t.pattern, "/")
		}
		out = append(out, route{method: t.method, segments: segs, handler: t.h})
	}
	return out
}

var apiRoutes []route

func init() { apiRoutes = routes() }

// match finds the route for the path segments. Literal segments beat
// parameters; when the path matches but the method does not, it returns the
// allowed methods.
func match(method string, segs []string) (*route, map[string]string, []string) {
	best, bestScore := -1, -1
	var allowed []string
	for i, rt := range apiRoutes {
		if len(rt.segments) != len(segs) {
			continue
		}
		score, ok := 0, true
		for j, p := range rt.segments {
			if strings.HasPrefix(p, "{") {
				continue
			}
			if !strings.EqualFold(p, segs[j]) {
				ok = false
				break
			}
			score++
		}
		if !ok {
			continue
		}
		if rt.method != method {
			if score >= bestScore {
				allowed = append(allowed, rt.method)
			}
			continue
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil, nil, allowed
	}
	rt := &apiRoutes[best]
	params := map[string]string{}
	for j, p := range rt.segments {
		if strings.HasPrefix(p, "{") {
			params[strings.Trim(p, "{}")] = segs[j]
		}
	}
	return rt, params, nil
}

var versionPattern = regexp.MustCompile(`^v(\d{2})\.0$`)

// Supported API versions. The highest is the one Summer '25 introduced.
const (
	minAPIVersion = 20
	maxAPIVersion = 64
)

func parseVersion(seg string) (string, bool) {
	m := versionPattern.FindStringSubmatch(seg)
	if m == nil {
		return "", false
	}
	n, _ := strconv.Atoi(m[1])
	if n < minAPIVersion || n > maxAPIVersion {
		return "", false
	}
	return m[1] + ".0", true
}

func versionNumber(v string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(v, ".0"))
	return n
}

// splitAPIPath splits /services/data/vXX.X/a/b into the version, the rest
// of the path and its segments. Segments are unescaped once from the
// escaped path, so that an external id such as 50%25d arrives as 50%d.
func splitAPIPath(u *url.URL) (version, sub string, segs []string, ok bool) {
	rest := strings.TrimPrefix(u.EscapedPath(), "/services/data/")
	verSeg, escaped, _ := strings.Cut(rest, "/")
	version, ok = parseVersion(verSeg)
	if !ok {
		return "", "", nil, false
	}
	escaped = strings.Trim(escaped, "/")
	if escaped == "" {
		return version, "", nil, true
	}
	for _, seg := range strings.Split(escaped, "/") {
		plain, err := url.PathUnescape(seg)
		if err != nil {
			return "", "", nil, false
		}
		segs = append(segs, plain)
	}
	return version, strings.Join(segs, "/"), segs, true
}

// serveVersions serves GET /services/data/. It needs no session and does not
// count against the API limit.
func (s *Server) serveVersions(w http.ResponseWriter, r *http.Request) {
	seasons := []string{"Winter", "Spring", "Summer"}
	var out []map[string]string
	for n := minAPIVersion; n <= maxAPIVersion; n++ {
		k := n - minAPIVersion
		v := fmt.Sprintf("%d.0", n)
		out = append(out, map[string]string{
			"label":   fmt.Sprintf("%s '%02d", seasons[k%3], 11+k/3),
			"url":     "/services/data/v" + v,
			"version": v,
		})
	}
	writeJSON(w, http.StatusOK, out)
}

// serveAPI runs one REST call: version check, faults, session, limits,
// routing, and the response adapter.
func (s *Server) serveAPI(w http.ResponseWriter, hr *http.Request) {
	version, sub, segs, ok := splitAPIPath(hr.URL)
	if !ok {
		writeResponse(w, errNotFound())
		return
	}
	call := hr.Method + " /" + sub
	if f := s.faults.take(FaultLatency, call); f != nil {
		select {
		case <-time.After(f.Delay):
		case <-hr.Context().Done():
			return
		}
	}
	resp := s.runAPI(hr, version, segs, call)
	if resp.dropAfter {
		s.log.Debug("sfsim dropped the connection after a write", "call", call)
		dropConnection(w)
		return
	}
	if resp.status >= 400 {
		s.log.Debug("sfsim request failed", "call", call, "status", resp.status, "error_code", firstErrorCode(resp.body))
	}
	if resp.header == nil {
		resp.header = http.Header{}
	}
	s.mu.Lock()
	resp.header.Set("Sforce-Limit-Info", fmt.Sprintf("api-usage=%d/%d", s.apiCalls, s.opts.DailyAPILimit))
	s.mu.Unlock()
	writeResponse(w, resp)
}

func (s *Server) runAPI(hr *http.Request, version string, segs []string, call string) response {
	body, err := io.ReadAll(io.LimitReader(hr.Body, 64<<20))
	if err != nil {
		return errorResponse(http.StatusBadRequest, "JSON_PARSER_ERROR", "Unable to read the request body.")
	}
	if s.faults.take(FaultExpireSession, call) != nil {
		s.ExpireAccessTokens()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessionFor(hr)
	if !ok {
		return errSession()
	}
	if s.faults.take(FaultUnavailable, call) != nil {
		return errorResponse(http.StatusServiceUnavailable, "SERVER_UNAVAILABLE", "Server is unavailable. Please try again later.")
	}
	if s.faults.take(FaultConcurrentLimit, call) != nil {
		return errorResponse(http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded.")
	}
	if !s.countAPICall() || s.faults.take(FaultRequestLimit, call) != nil {
		return errorResponse(http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
	}

	rt, params, allowed := match(hr.Method, segs)
	if rt == nil {
		if len(allowed) > 0 {
			sort.Strings(allowed)
			return errorResponse(http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
				"HTTP Method '%s' not allowed. Allowed are %s", hr.Method, strings.Join(allowed, ","))
		}
		return errNotFound()
	}
	req := &request{Request: hr, version: version, params: params, body: body, session: sess, call: call}
	resp := rt.handler(s, req)
	if hr.Method != http.MethodGet && resp.status < 300 && s.faults.take(FaultDropAfterWrite, call) != nil {
		resp.dropAfter = true
	}
	return resp
}

// firstErrorCode returns the errorCode of an error array body, for logs.
func firstErrorCode(body any) string {
	if errs, ok := body.([]apiError); ok && len(errs) > 0 {
		return errs[0].ErrorCode
	}
	return ""
}

// countAPICall adds one call to today's usage; it reports false when the
// daily limit is used up. The caller holds s.mu.
func (s *Server) countAPICall() bool {
	day := s.now().Format(dateLayout)
	if day != s.apiDay {
		s.apiDay, s.apiCalls = day, 0
	}
	if s.apiCalls >= s.opts.DailyAPILimit {
		return false
	}
	s.apiCalls++
	return true
}

// SetAPIUsage sets the number of API calls counted today, so that a test can
// bring the daily budget close to its limit.
func (s *Server) SetAPIUsage(used int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiDay = s.now().Format(dateLayout)
	s.apiCalls = max(used, 0)
}

// APICalls returns the number of API calls counted today.
func (s *Server) APICalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiCalls
}

func (s *Server) handleResources(r *request) response {
	base := "/services/data/v" + r.version
	out := map[string]string{}
	for _, k := range []string{"tooling", "metadata", "eclair", "folders", "prechatForms", "contact-tracing",
		"jsonxform", "chatter", "tabs", "appMenu", "quickActions", "queryAll", "commerce", "wave", "iot",
		"analytics", "search", "identity", "composite", "parameterizedSearch", "fingerprint", "theme",
		"nouns", "domino", "event", "serviceTemplates", "recent", "connect", "licensing", "limits",
		"process", "async-queries", "query", "match", "emailConnect", "compactLayouts", "knowledgeManagement",
		"sobjects", "actions", "support"} {
		out[k] = base + "/" + k
	}
	out["identity"] = s.identityURL(r.session)
	return jsonResponse(http.StatusOK, out)
}
