package sfsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Limits of the composite resource: 25 subrequests, of which 5 may be
// queries.
const (
	maxCompositeRequests = 25
	maxCompositeQueries  = 5
)

type compositeSub struct {
	Method      string            `json:"method"`
	URL         string            `json:"url"`
	ReferenceID string            `json:"referenceId"`
	Body        json.RawMessage   `json:"body"`
	HTTPHeaders map[string]string `json:"httpHeaders"`
}

// dispatch runs one subrequest of a composite or batch call through the
// normal routes. The caller holds s.mu.
func (s *Server) dispatch(method, rawURL string, body []byte, headers map[string]string, sess *session) response {
	path := rawURL
	if i := strings.Index(path, "/services/data/"); i >= 0 {
		path = path[i:]
	} else {
		path = "/services/data/" + strings.TrimPrefix(path, "/")
	}
	hr, err := http.NewRequest(method, "http://composite.invalid"+path, bytes.NewReader(body))
	if err != nil {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "invalid subrequest URL: %s", rawURL)
	}
	for k, v := range headers {
		hr.Header.Set(k, v)
	}
	version, sub, segs, ok := splitAPIPath(hr.URL)
	if !ok {
		return errNotFound()
	}
	rt, params, allowed := match(method, segs)
	if rt == nil {
		if len(allowed) > 0 {
			return errorResponse(http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "HTTP Method '%s' not allowed. Allowed are %s", method, strings.Join(allowed, ","))
		}
		return errNotFound()
	}
	if strings.HasPrefix(sub, "composite") && (len(segs) == 1 || segs[1] == "batch") {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "composite resources cannot be nested")
	}
	return rt.handler(s, &request{Request: hr, version: version, params: params, body: body, session: sess, call: method + " /" + sub})
}

var referencePattern = regexp.MustCompile(`@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}`)

// substitute replaces @{ref.path} expressions with values from earlier
// subrequest results.
func substitute(text string, results map[string]any) (string, error) {
	var missing error
	out := referencePattern.ReplaceAllStringFunc(text, func(expr string) string {
		m := referencePattern.FindStringSubmatch(expr)
		v, ok := results[m[1]]
		if !ok {
			missing = fmt.Errorf("Invalid reference specified. No value for %s found in %s. Provided referenceId ('%s') is not valid.", m[2], m[1], m[1])
			return expr
		}
		for _, step := range regexp.MustCompile(`\.[A-Za-z0-9_]+|\[\d+\]`).FindAllString(m[2], -1) {
			switch {
			case strings.HasPrefix(step, "."):
				obj, _ := toGeneric(v).(map[string]any)
				v = obj[step[1:]]
			default:
				n, _ := strconv.Atoi(strings.Trim(step, "[]"))
				arr, _ := toGeneric(v).([]any)
				if n >= len(arr) {
					v = nil
				} else {
					v = arr[n]
				}
			}
			if v == nil {
				missing = fmt.Errorf("Invalid reference specified. No value for %s%s found in %s.", m[1], m[2], m[1])
				return expr
			}
		}
		return fmt.Sprint(toGeneric(v))
	})
	return out, missing
}

// toGeneric turns typed response bodies into plain maps and slices.
func toGeneric(v any) any {
	switch v.(type) {
	case map[string]any, []any, string, float64, bool, nil:
		return v
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func haltedBody() []apiError {
	return []apiError{{ErrorCode: "PROCESSING_HALTED", Message: "The transaction was rolled back since another operation in the same transaction failed."}}
}

func (s *Server) handleComposite(r *request) response {
	var body struct {
		AllOrNone        bool           `json:"allOrNone"`
		CompositeRequest []compositeSub `json:"compositeRequest"`
	}
	if errResp := r.decodeBody(&body); errResp != nil {
		return *errResp
	}
	subs := body.CompositeRequest
	if len(subs) == 0 || len(subs) > maxCompositeRequests {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "The composite request must contain between 1 and %d subrequests", maxCompositeRequests)
	}
	queries := 0
	seen := map[string]bool{}
	for _, sub := range subs {
		if sub.ReferenceID == "" || sub.Method == "" || sub.URL == "" {
			return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Each subrequest needs method, url and referenceId")
		}
		if seen[sub.ReferenceID] {
			return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Duplicate referenceId provided in the request: %s", sub.ReferenceID)
		}
		seen[sub.ReferenceID] = true
		if strings.Contains(sub.URL, "/query") {
			queries++
		}
	}
	if queries > maxCompositeQueries {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "A composite request can contain at most %d query operations", maxCompositeQueries)
	}

	t := s.begin()
	results := map[string]any{}
	out := make([]map[string]any, len(subs))
	failedAt := -1
	for i, sub := range subs {
		if failedAt >= 0 && body.AllOrNone {
			out[i] = map[string]any{"body": haltedBody(), "httpHeaders": map[string]string{}, "httpStatusCode": http.StatusBadRequest, "referenceId": sub.ReferenceID}
			continue
		}
		resp := s.runSub(sub, results, r.session)
		headers := map[string]string{}
		for k := range resp.header {
			name := k
			if name == "Etag" {
				name = "ETag" // the spelling Salesforce uses in httpHeaders
			}
			headers[name] = resp.header.Get(k)
		}
		out[i] = map[string]any{"body": resp.body, "httpHeaders": headers, "httpStatusCode": resp.status, "referenceId": sub.ReferenceID}
		if resp.status >= 400 && failedAt < 0 {
			failedAt = i
		}
		if resp.status < 400 {
			results[sub.ReferenceID] = resp.body
		}
	}

	rollback := body.AllOrNone && failedAt >= 0
	s.end(t, rollback)
	if rollback {
		for i := 0; i < failedAt; i++ {
			out[i]["body"], out[i]["httpStatusCode"] = haltedBody(), http.StatusBadRequest
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{"compositeResponse": out})
}

func (s *Server) runSub(sub compositeSub, results map[string]any, sess *session) response {
	u, err := substitute(sub.URL, results)
	if err != nil {
		return errorResponse(http.StatusBadRequest, "PROCESSING_HALTED", "%s", err.Error())
	}
	var payload []byte
	if len(sub.Body) > 0 && string(sub.Body) != "null" {
		text, err := substitute(string(sub.Body), results)
		if err != nil {
			return errorResponse(http.StatusBadRequest, "PROCESSING_HALTED", "%s", err.Error())
		}
		payload = []byte(text)
	}
	return s.dispatch(strings.ToUpper(sub.Method), u, payload, sub.HTTPHeaders, sess)
}

// handleCompositeBatch serves /composite/batch: independent subrequests,
// each committed on its own and each counted as an API call.
func (s *Server) handleCompositeBatch(r *request) response {
	var body struct {
		HaltOnError   bool `json:"haltOnError"`
		BatchRequests []struct {
			Method    string          `json:"method"`
			URL       string          `json:"url"`
			RichInput json.RawMessage `json:"richInput"`
		} `json:"batchRequests"`
	}
	if errResp := r.decodeBody(&body); errResp != nil {
		return *errResp
	}
	if len(body.BatchRequests) == 0 || len(body.BatchRequests) > maxCompositeRequests {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "A batch must contain between 1 and %d subrequests", maxCompositeRequests)
	}
	results := make([]map[string]any, len(body.BatchRequests))
	hasErrors, halted := false, false
	for i, sub := range body.BatchRequests {
		if halted {
			results[i] = map[string]any{"statusCode": http.StatusPreconditionFailed, "result": []apiError{{ErrorCode: "BATCH_PROCESSING_HALTED", Message: "Batch processing halted per request"}}}
			continue
		}
		if i > 0 && !s.countAPICall() {
			results[i] = map[string]any{"statusCode": http.StatusForbidden, "result": []apiError{{ErrorCode: "REQUEST_LIMIT_EXCEEDED", Message: "TotalRequests Limit exceeded."}}}
			hasErrors = true
			continue
		}
		var payload []byte
		if len(sub.RichInput) > 0 && string(sub.RichInput) != "null" {
			payload = sub.RichInput
		}
		resp := s.dispatch(strings.ToUpper(sub.Method), sub.URL, payload, nil, r.session)
		results[i] = map[string]any{"statusCode": resp.status, "result": resp.body}
		if resp.status >= 400 {
			hasErrors = true
			halted = body.HaltOnError
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{"hasErrors": hasErrors, "results": results})
}
