package sfsim

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
)

// response is what every API handler returns; one adapter (writeResponse)
// turns it into status, headers and body.
type response struct {
	status int
	body   any // encoded as JSON unless nil
	header http.Header
	// dropAfter closes the connection without a response after the handler
	// ran; set by the drop-after-write fault.
	dropAfter bool
}

// apiError is one entry of the REST error array.
type apiError struct {
	Message   string   `json:"message"`
	ErrorCode string   `json:"errorCode"`
	Fields    []string `json:"fields,omitempty"`
}

// errorResponse builds the JSON array error body Salesforce sends.
func errorResponse(status int, code, format string, args ...any) response {
	return response{status: status, body: []apiError{{Message: fmt.Sprintf(format, args...), ErrorCode: code}}}
}

func fieldErrorResponse(status int, e recordError) response {
	return response{status: status, body: []apiError{{Message: e.Message, ErrorCode: e.Code, Fields: e.fieldList()}}}
}

func jsonResponse(status int, body any) response { return response{status: status, body: body} }

func noContent() response { return response{status: http.StatusNoContent} }

var (
	errNotFound = func() response {
		return errorResponse(http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
	}
	errSession = func() response {
		return errorResponse(http.StatusUnauthorized, "INVALID_SESSION_ID", "Session expired or invalid")
	}
)

// recordError is one validation failure of a record write. Collections
// report it with the key statusCode, single-record calls with errorCode.
type recordError struct {
	Code    string
	Message string
	Fields  []string
}

func (e recordError) Error() string { return e.Code + ": " + e.Message }

func (e recordError) fieldList() []string {
	if e.Fields == nil {
		return []string{}
	}
	return e.Fields
}

// collectionJSON renders the error in the sObject Collections shape.
func (e recordError) collectionJSON() map[string]any {
	return map[string]any{"statusCode": e.Code, "message": e.Message, "fields": e.fieldList()}
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	if body != nil {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(body)
	}
}

func writeResponse(w http.ResponseWriter, resp response) {
	for k, vs := range resp.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if resp.body == nil {
		w.WriteHeader(resp.status)
		return
	}
	writeJSON(w, resp.status, resp.body)
}

// writeHTMLError answers with a small HTML page, as the real hosts do for
// paths outside the API.
func writeHTMLError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>Error</title></head><body><p>%s</p></body></html>\n", html.EscapeString(msg))
}

// dropConnection closes the client connection without writing a response.
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
