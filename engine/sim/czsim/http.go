package czsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// servicesPrefix is the path of serverLocation and of the discovery host.
const servicesPrefix = "/v2.0/services"

// maxBodyBytes bounds a request body; a bulk call of 100 writes is far
// smaller.
const maxBodyBytes = 32 << 20

// call is one API request as the handlers see it: from HTTP or from a
// bulk/execute item.
type call struct {
	method string
	segs   []string // path below serverLocation, split on '/', original case
	query  url.Values
	header http.Header
	body   []byte
	user   *record // the authenticated user; nil on authentication endpoints
	bulk   bool    // true for an item of a bulk call
}

// input returns the request's JSON object: the body for POST and PUT, the
// query string for GET (with a body, if any, taking precedence).
func (c *call) input() (jsonObject, error) {
	obj, err := decodeObject(c.body)
	if err != nil {
		return nil, err
	}
	for key, val := range queryObject(c.query) {
		if _, ok := obj.get(key); !ok {
			obj[key] = val
		}
	}
	return obj, nil
}

// reply is a handler's successful result. Status 0 means 200.
type reply struct {
	status int
	body   any
}

func okReply(body any) (reply, error) { return reply{body: body}, nil }

// handler serves one endpoint. Handlers run with Server.mu held.
type handler func(s *Server, c *call) (reply, error)

// endpoint is the result of routing a request.
type endpoint struct {
	handle handler
	// public endpoints need no Authorization header.
	public bool
	// auth endpoints are not counted as API calls and not rate limited,
	// and bulk calls may not contain them.
	auth bool
	// write endpoints change data; the drop-after-write fault applies to
	// them.
	write bool
}

// ServeHTTP serves the emulated API, the test controls under /__sim/ and
// the web application stand-in under /app.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The Date header comes from the instance's clock, as on the real
	// service, so that it agrees with LastUpdatedOn.
	w.Header().Set("Date", s.now().Format(http.TimeFormat))
	lowerPath := strings.ToLower(r.URL.Path)
	switch {
	case strings.HasPrefix(lowerPath, "/__sim/"):
		s.serveControl(w, r)
		return
	case lowerPath == "/app" || strings.HasPrefix(lowerPath, "/app/"):
		s.serveApp(w, r)
		return
	}
	rest, found := strings.CutPrefix(lowerPath, servicesPrefix)
	if !found || (rest != "" && rest[0] != '/') {
		writeError(w, &apiError{Status: http.StatusNotFound, Code: codeInvalidOperation,
			Message: "unknown path " + r.URL.Path + "; API paths start with " + servicesPrefix})
		return
	}

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		writeError(w, errorf(codeInvalidArgument, "read request body: %v", err))
		return
	}
	c := &call{
		method: r.Method,
		segs:   splitPath(r.URL.Path[len(servicesPrefix):]),
		query:  r.URL.Query(),
		header: r.Header,
		body:   body,
	}
	ep, apiErr := route(c.method, c.segs)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}

	if d := s.faults.latency(); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	path := "/" + strings.Join(c.segs, "/")
	if !ep.auth && !s.limit.allow(s.clock()) {
		s.log.Debug("api request rate limited", "method", c.method, "path", path)
		s.writeRateLimited(w)
		return
	}
	if f, hit := s.faults.take(c.method, path, ep.write, beforeHandler); hit {
		s.log.Debug("injected fault", "method", c.method, "path", path, "kind", f.Kind.String())
		s.writeFault(w, r, f)
		return
	}

	rep, err := s.serveCall(c, ep)
	if err != nil {
		e := asAPIError(err)
		s.log.Debug("api request failed", "method", c.method, "path", path, "status", e.Status, "code", e.Code, "err", e.Message)
		writeError(w, err)
		return
	}
	if _, hit := s.faults.take(c.method, path, ep.write, afterWrite); hit {
		s.log.Debug("injected fault: connection dropped after the write", "method", c.method, "path", path)
		dropConnection(w)
		return
	}
	writeJSON(w, rep.status, rep.body)
}

// serveCall authenticates and runs one top-level request under the lock.
func (s *Server) serveCall(c *call, ep endpoint) (reply, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !ep.public {
		user, err := s.authenticate(c.header.Get("Authorization"))
		if err != nil {
			return reply{}, err
		}
		c.user = user
	}
	if !ep.auth {
		s.apiCalls++
	}
	return ep.handle(s, c)
}

// dispatch runs one bulk item through the same router. The caller holds the
// lock and has authenticated the bulk call.
func (s *Server) dispatch(c *call) (reply, error) {
	ep, err := route(c.method, c.segs)
	if err != nil {
		return reply{}, err
	}
	if ep.auth || strings.EqualFold(c.segs[0], "bulk") {
		return reply{}, errorf(codeInvalidOperation, "%s cannot run inside a bulk call; call it on its own", "/"+strings.Join(c.segs, "/"))
	}
	return ep.handle(s, c)
}

func splitPath(p string) []string {
	var segs []string
	for _, seg := range strings.Split(p, "/") {
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	return segs
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	if status == 0 {
		status = http.StatusOK
	}
	data, err := json.Marshal(body)
	if err != nil {
		status = http.StatusInternalServerError
		data, _ = json.Marshal(errorBody(errorf(codeInternal, "encode response: %v", err)))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

func writeError(w http.ResponseWriter, err error) {
	var e *apiError
	if !errors.As(err, &e) {
		e = errorf(codeInternal, "%v", err)
	}
	writeJSON(w, e.Status, errorBody(e))
}

// errorBody is Clarizen's error object.
func errorBody(e *apiError) map[string]any {
	return map[string]any{"errorCode": e.Code, "message": e.Message, "referenceId": newReferenceID()}
}

// dropConnection closes the client connection without writing a response,
// as a network failure after the server applied a write would.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// serveApp serves the web application stand-in: a small HTML page.
func (s *Server) serveApp(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Clarizen simulator</title><h1>Clarizen simulator, organization %d</h1><p>%s</p>\n",
		s.orgID, htmlEscape(r.URL.Path))
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
