package czsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// handleBulk serves bulk/execute. Each request runs through the same router
// as a top-level call, with the bulk call's user, and yields
// {statusCode, body} in request order. The whole bulk counts as one API
// call.
//
// With "transactional": true the first failure rolls back every change the
// bulk made and stops. NOTE: the real semantics of transactional are not
// documented. Here the failed request keeps its own error, and every other
// request returns 500 General with a message that it was rolled back or did
// not run.
func handleBulk(s *Server, c *call) (reply, error) {
	in, err := decodeObject(c.body)
	if err != nil {
		return reply{}, err
	}
	items, err := in.list("requests")
	if err != nil {
		return reply{}, err
	}
	transactional, err := in.boolean("transactional")
	if err != nil {
		return reply{}, err
	}
	if len(items) > s.opts.BulkLimit {
		return reply{}, errorf(codeInvalidArgument, "a bulk call may carry at most %d requests; this one has %d",
			s.opts.BulkLimit, len(items))
	}
	subs := make([]*call, len(items))
	for i, item := range items {
		sub, err := bulkItem(item, i)
		if err != nil {
			return reply{}, err
		}
		sub.user = c.user
		sub.header = c.header
		subs[i] = sub
	}

	if transactional {
		s.st.begin()
	}
	responses := make([]any, len(subs))
	for i, sub := range subs {
		rep, err := s.dispatch(sub)
		if err == nil {
			status := rep.status
			if status == 0 {
				status = http.StatusOK
			}
			responses[i] = map[string]any{"statusCode": status, "body": rep.body}
			continue
		}
		e := asAPIError(err)
		responses[i] = map[string]any{"statusCode": e.Status, "body": errorBody(e)}
		if transactional {
			s.st.rollback()
			abortBulk(responses, i, e)
			return okReply(map[string]any{"responses": responses})
		}
	}
	if transactional {
		s.st.commit()
	}
	return okReply(map[string]any{"responses": responses})
}

// abortBulk replaces the responses of every request but the failed one.
func abortBulk(responses []any, failed int, cause *apiError) {
	for i := range responses {
		if i == failed {
			continue
		}
		msg := fmt.Sprintf("not run: request %d of the transactional bulk failed with %s", failed, cause.Code)
		if i < failed {
			msg = fmt.Sprintf("rolled back: request %d of the transactional bulk failed with %s", failed, cause.Code)
		}
		e := errorf(codeGeneral, "%s", msg)
		responses[i] = map[string]any{"statusCode": e.Status, "body": errorBody(e)}
	}
}

// bulkItem reads one {"url", "method", "body"} request. The url is relative
// to serverLocation and may carry a query string; a full serverLocation
// path (/v2.0/services/...) is accepted too.
func bulkItem(item any, index int) (*call, error) {
	m, ok := item.(map[string]any)
	if !ok {
		return nil, errorf(codeInvalidArgument, "requests[%d] must be an object", index)
	}
	obj := jsonObject(m)
	rawURL, err := obj.str("url")
	if err != nil {
		return nil, err
	}
	if rawURL == "" {
		return nil, errorf(codeMissingArgument, "requests[%d].url is required", index)
	}
	method, err := obj.str("method")
	if err != nil {
		return nil, err
	}
	if method == "" {
		method = http.MethodGet
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.IsAbs() {
		return nil, errorf(codeInvalidArgument, "requests[%d].url %q must be a path relative to serverLocation", index, rawURL)
	}
	path := u.Path
	if len(path) >= len(servicesPrefix) && strings.EqualFold(path[:len(servicesPrefix)], servicesPrefix) {
		path = path[len(servicesPrefix):]
	}
	sub := &call{method: strings.ToUpper(method), segs: splitPath(path), query: u.Query(), bulk: true}
	if raw, present := obj.get("body"); present && raw != nil {
		if text, isString := raw.(string); isString {
			sub.body = []byte(text)
		} else if sub.body, err = json.Marshal(raw); err != nil {
			return nil, errorf(codeInvalidArgument, "requests[%d].body: %v", index, err)
		}
	}
	return sub, nil
}
