package clarizen

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// BulkRequest is one sub-request of a bulk call.
type BulkRequest struct {
	// Method is GET, PUT, POST or DELETE.
	Method string
	// Path is relative to the server location, with any query string
	// inline ("data/objects/Task/abc?fields=Name").
	Path string
	Body any
	// Idempotent marks a sub-request that may be applied twice with the
	// effect of once. A bulk call whose response was lost is sent again only
	// when all its sub-requests are idempotent.
	Idempotent bool
	// Op and EntityID name the sub-request in its error.
	Op       string
	EntityID string
}

// BulkResult is the response to one sub-request, in request order.
type BulkResult struct {
	StatusCode int
	Body       json.RawMessage
	// Err is the sub-request's *Error when its status is not 2xx, or the
	// error of the whole bulk call when that call failed.
	Err error
	// Attempts is how many times the bulk call carrying this sub-request
	// was sent.
	Attempts int
}

// BulkOptions are the flags of bulk/execute.
type BulkOptions struct {
	// Transactional requests that the service apply all sub-requests of a
	// call or none. Bulk rejects a transactional request list longer than the bulk
	// limit, because separate calls cannot share one transaction.
	Transactional bool
	// Batch is sent as the body flag and as the header
	// "CallOptions: Batch=true".
	Batch bool
}

// Bulk sends sub-requests through bulk/execute in calls of at most the
// bulk limit (100 by default) and returns one result per sub-request, in
// order. Failed sub-requests are not retried. When a whole call fails,
// Bulk stops, gives that call's and all later sub-requests the error, and
// returns it as well.
func (c *Client) Bulk(ctx context.Context, reqs []BulkRequest, opts BulkOptions) ([]BulkResult, error) {
	if opts.Transactional && len(reqs) > c.bulkLimit {
		return nil, &Error{Op: "bulk execute", Code: CodeInvalidArgument,
			Message: fmt.Sprintf("a transactional bulk of %d requests exceeds the limit of %d; split it", len(reqs), c.bulkLimit)}
	}
	results := make([]BulkResult, len(reqs))
	for start := 0; start < len(reqs); start += c.bulkLimit {
		end := min(start+c.bulkLimit, len(reqs))
		if err := c.bulkCall(ctx, reqs[start:end], opts, results[start:end]); err != nil {
			for i := start; i < len(reqs); i++ {
				results[i] = BulkResult{Err: err}
			}
			return results, err
		}
	}
	return results, nil
}

// bulkCall sends one bulk/execute call and fills results.
func (c *Client) bulkCall(ctx context.Context, reqs []BulkRequest, opts BulkOptions, results []BulkResult) error {
	body := api.BulkExecute{
		Requests:      make([]api.BulkRequest, len(reqs)),
		Transactional: opts.Transactional,
		Batch:         opts.Batch,
	}
	idempotent := true
	for i, req := range reqs {
		body.Requests[i] = api.BulkRequest{URL: "/" + strings.TrimLeft(req.Path, "/"), Method: req.Method, Body: req.Body}
		idempotent = idempotent && req.Idempotent
	}
	r := &request{
		op:         "bulk execute",
		entityID:   fmt.Sprintf("%d requests", len(reqs)),
		method:     http.MethodPost,
		path:       "bulk/execute",
		idempotent: idempotent,
		timeout:    bulkRequestTimeout,
	}
	if opts.Batch {
		r.header = http.Header{"CallOptions": {"Batch=true"}}
	}
	var result api.BulkResult
	resp, err := c.do(ctx, r, body, &result)
	if err != nil {
		return err
	}
	if len(result.Responses) != len(reqs) {
		return &Error{Op: r.op, EntityID: r.entityID, HTTPStatus: resp.status,
			Message: fmt.Sprintf("the response has %d sub-responses for %d requests", len(result.Responses), len(reqs))}
	}
	for i, sub := range result.Responses {
		results[i] = BulkResult{StatusCode: sub.StatusCode, Body: sub.Body, Attempts: resp.attempts}
		if sub.StatusCode < 200 || sub.StatusCode > 299 {
			results[i].Err = c.subRequestError(reqs[i], sub)
		}
	}
	return nil
}

func (c *Client) subRequestError(req BulkRequest, sub api.BulkResponse) *Error {
	op := req.Op
	if op == "" {
		op = "bulk " + strings.ToLower(req.Method) + " " + req.Path
	}
	e := &Error{Op: op, EntityID: req.EntityID, HTTPStatus: sub.StatusCode}
	var body api.Error
	if json.Unmarshal(sub.Body, &body) == nil && body.ErrorCode != "" {
		e.Code = body.ErrorCode
		e.Message = c.auth.scrub.scrub(body.Message)
		e.ReferenceID = body.ReferenceID
	} else {
		e.Message = http.StatusText(sub.StatusCode)
	}
	return e
}
