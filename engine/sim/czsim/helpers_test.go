package czsim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// newTestServer starts a simulator that the test closes at cleanup.
func newTestServer(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s, err := New(opts)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// response is a decoded HTTP response.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// apiClient sends plain net/http requests, so the wire format is what the
// tests check.
type apiClient struct {
	tb    testing.TB
	base  string // serverLocation
	auth  string // Authorization header value
	http  *http.Client
	debug bool
}

func newClient(tb testing.TB, s *Server) *apiClient {
	return &apiClient{tb: tb, base: s.ServerLocation(), http: &http.Client{Timeout: 20 * time.Second}}
}

// loggedIn returns a client with a session for the default user.
func loggedIn(tb testing.TB, s *Server) *apiClient {
	tb.Helper()
	c := newClient(tb, s)
	resp := c.do("POST", "/authentication/login", map[string]any{"userName": DefaultUserName, "password": DefaultPassword})
	if resp.status != http.StatusOK {
		tb.Fatalf("login: status %d: %s", resp.status, resp.raw)
	}
	c.auth = "Session " + resp.str("sessionId")
	return c
}

// withAPIKey returns a client that authenticates with the default API key.
func withAPIKey(tb testing.TB, s *Server) *apiClient {
	c := newClient(tb, s)
	c.auth = "ApiKey " + DefaultAPIKey
	return c
}

// do sends a request to a path below serverLocation. body may be nil, a
// string (sent as is) or a value encoded as JSON.
func (c *apiClient) do(method, path string, body any) response {
	c.tb.Helper()
	url := path
	if !strings.HasPrefix(path, "http") {
		url = c.base + path
	}
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.tb.Fatalf("encode body: %v", err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		c.tb.Fatalf("new request: %v", err)
	}
	req.Header.Set("Accept", "application/json")
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.tb.Fatalf("read body: %v", err)
	}
	out := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &out.body); err != nil {
			c.tb.Fatalf("decode %s %s answer %q: %v", method, path, raw, err)
		}
	}
	return out
}

// must sends a request and fails the test unless the status is 200.
func (c *apiClient) must(method, path string, body any) response {
	c.tb.Helper()
	resp := c.do(method, path, body)
	if resp.status != http.StatusOK {
		c.tb.Fatalf("%s %s: status %d: %s", method, path, resp.status, resp.raw)
	}
	return resp
}

func (r response) str(key string) string {
	s, _ := r.body[key].(string)
	return s
}

func (r response) errorCode() string { return r.str("errorCode") }

func (r response) list(key string) []any {
	l, _ := r.body[key].([]any)
	return l
}

func (r response) obj(key string) map[string]any {
	m, _ := r.body[key].(map[string]any)
	return m
}

// create makes an entity through the API and returns its id.
func (c *apiClient) create(typeName string, fields map[string]any) string {
	c.tb.Helper()
	resp := c.must("PUT", "/data/objects/"+typeName, fields)
	id := resp.str("id")
	if id == "" {
		c.tb.Fatalf("create %s: no id in %s", typeName, resp.raw)
	}
	return id
}

// expectError checks an error answer's status and errorCode.
func expectError(tb testing.TB, resp response, status int, code string) {
	tb.Helper()
	if resp.status != status {
		tb.Errorf("status = %d, want %d (body %s)", resp.status, status, resp.raw)
	}
	if got := resp.errorCode(); got != code {
		tb.Errorf("errorCode = %q, want %q (body %s)", got, code, resp.raw)
	}
	if resp.body != nil {
		if _, ok := resp.body["message"].(string); !ok {
			tb.Errorf("error object has no message: %s", resp.raw)
		}
		if _, ok := resp.body["referenceId"]; !ok {
			tb.Errorf("error object has no referenceId: %s", resp.raw)
		}
	}
}
