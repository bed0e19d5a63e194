package salesforce

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/liaison-sync/liaison/engine/oauth"
)

func TestError_Class(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   Class
		code   string
	}{
		{"server unavailable", 503, `[{"message":"down","errorCode":"SERVER_UNAVAILABLE"}]`, Transient, "SERVER_UNAVAILABLE"},
		{"bare 502", 502, `<html>bad gateway</html>`, Transient, ""},
		{"lock row", 400, `[{"message":"unable to obtain exclusive access","errorCode":"UNABLE_TO_LOCK_ROW"}]`, Transient, "UNABLE_TO_LOCK_ROW"},
		{"daily limit", 403, `[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]`, Quota, "REQUEST_LIMIT_EXCEEDED"},
		{"concurrent limit", 403, `[{"message":"ConcurrentRequests (Concurrent API Requests) Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]`, Transient, "REQUEST_LIMIT_EXCEEDED"},
		{"expired session", 401, `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`, Auth, "INVALID_SESSION_ID"},
		{"invalid field", 400, `[{"message":"No such column","errorCode":"INVALID_FIELD","fields":["Foo"]}]`, Permanent, "INVALID_FIELD"},
		{"too many requests", 429, ``, Transient, ""},
		{"collection statusCode", 400, `[{"message":"dup","statusCode":"DUPLICATE_VALUE"}]`, Permanent, "DUPLICATE_VALUE"},
		{"oauth style body", 400, `{"error":"invalid_grant","error_description":"expired"}`, Permanent, "invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := errorFromResponse(tt.status, []byte(tt.body))
			if e.Code != tt.code {
				t.Errorf("Code = %q, want %q", e.Code, tt.code)
			}
			if got := e.Class(); got != tt.want {
				t.Errorf("Class = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestClassOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Class
	}{
		{"unexpected EOF", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), Transient},
		{"needs reauth", fmt.Errorf("get token: %w", oauth.ErrNeedsReauth), Auth},
		{"wrapped quota", fmt.Errorf("sync: %w", &Error{Status: 403, Code: "REQUEST_LIMIT_EXCEEDED", Message: "TotalRequests Limit exceeded."}), Quota},
		{"network inside Error", &Error{Op: "query", Err: io.ErrUnexpectedEOF}, Transient},
		{"plain error", errors.New("boom"), Permanent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClassOf(tt.err); got != tt.want {
				t.Errorf("ClassOf = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestError_Error(t *testing.T) {
	e := errorFromResponse(http.StatusBadRequest,
		[]byte(`[{"message":"bad value","errorCode":"STRING_TOO_LONG","fields":["Name"]},{"message":"x","errorCode":"OTHER"}]`))
	e.Op, e.Object, e.RecordID = "update", "Account", "001000000000001AAA"
	want := "update Account 001000000000001AAA: STRING_TOO_LONG: bad value (fields: Name) (and 1 more errors) [HTTP 400]"
	if got := e.Error(); got != want {
		t.Errorf("Error()\n got %s\nwant %s", got, want)
	}
	html := errorFromResponse(http.StatusNotFound, []byte("<html><body>Not here</body></html>"))
	if html.Message != "Not Found: <html><body>Not here</body></html>" {
		t.Errorf("HTML body message = %q", html.Message)
	}
}
