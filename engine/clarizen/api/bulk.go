package api

import "encoding/json"

// BulkRequest is one sub-request of bulk/execute. URL is relative to the
// server location ("/data/objects/Task"), with any query string inline.
type BulkRequest struct {
	URL    string `json:"url"`
	Method string `json:"method"`
	Body   any    `json:"body,omitempty"`
}

// BulkExecute is the body of bulk/execute. Transactional asks for all or
// nothing.
type BulkExecute struct {
	Requests      []BulkRequest `json:"requests"`
	Transactional bool          `json:"transactional"`
	Batch         bool          `json:"batch"`
}

// BulkResponse is one sub-response, in request order. A failed sub-request
// has a non-2xx StatusCode and an Error object as Body.
type BulkResponse struct {
	StatusCode int             `json:"statusCode"`
	Body       json.RawMessage `json:"body"`
}

// BulkResult is the response of bulk/execute.
type BulkResult struct {
	Responses []BulkResponse `json:"responses"`
}
