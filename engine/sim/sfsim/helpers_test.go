package sfsim

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

const testVersion = "59.0"

// mustServer starts a simulator and closes it when the test ends.
func mustServer(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s, err := New(opts)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	InstanceURL  string `json:"instance_url"`
	ID           string `json:"id"`
	IssuedAt     string `json:"issued_at"`
	Signature    string `json:"signature"`
	TokenType    string `json:"token_type"`
	Scope        string `json:"scope"`
}

const testRedirect = "http://127.0.0.1:7777/callback"

// authorizeURL builds an authorize URL with a PKCE challenge for verifier.
func authorizeURL(base, verifier, state string) string {
	sum := sha256.Sum256([]byte(verifier))
	v := url.Values{
		"response_type": {"code"}, "client_id": {DefaultClientID}, "redirect_uri": {testRedirect},
		"state": {state}, "code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"},
	}
	return base + "/services/oauth2/authorize?" + v.Encode()
}

// mustLogin runs the web-server flow against the login host and returns the
// token response.
func mustLogin(tb testing.TB, s *Server, loginURL string) tokenResponse {
	tb.Helper()
	verifier := strings.Repeat("v", 50)
	cb, err := s.BrowserLogin(context.Background(), authorizeURL(loginURL, verifier, "st1"), DefaultUsername, DefaultPassword)
	if err != nil {
		tb.Fatalf("BrowserLogin: %v", err)
	}
	u, err := url.Parse(cb)
	if err != nil {
		tb.Fatalf("parse callback: %v", err)
	}
	code := u.Query().Get("code")
	if code == "" {
		tb.Fatalf("callback %s has no code", cb)
	}
	status, body := postForm(tb, loginURL+"/services/oauth2/token", url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "client_id": {DefaultClientID},
		"redirect_uri": {testRedirect}, "code_verifier": {verifier},
	})
	if status != http.StatusOK {
		tb.Fatalf("token status %d: %s", status, body)
	}
	var tok tokenResponse
	if err := json.Unmarshal(body, &tok); err != nil {
		tb.Fatalf("decode token: %v", err)
	}
	return tok
}

func postForm(tb testing.TB, target string, form url.Values) (int, []byte) {
	tb.Helper()
	resp, err := http.PostForm(target, form)
	if err != nil {
		tb.Fatalf("POST %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// apiClient calls the REST API with a bearer token.
type apiClient struct {
	tb    testing.TB
	base  string
	token string
}

func newAPIClient(tb testing.TB, s *Server) *apiClient {
	tok := mustLogin(tb, s, s.LoginURL())
	return &apiClient{tb: tb, base: s.URL(), token: tok.AccessToken}
}

type apiResult struct {
	status int
	header http.Header
	body   []byte
}

func (r apiResult) decode(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.body, err)
	}
}

func (c *apiClient) do(method, path string, body any, headers ...string) apiResult {
	c.tb.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.tb.Fatalf("encode body: %v", err)
		}
		rd = bytes.NewReader(b)
	}
	target := path
	if !strings.HasPrefix(path, "http") {
		if !strings.HasPrefix(path, "/services/") {
			path = "/services/data/v" + testVersion + path
		}
		target = c.base + path
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		c.tb.Fatalf("new request: %v", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return apiResult{status: resp.StatusCode, header: resp.Header, body: b}
}

func (c *apiClient) query(soqlText string, headers ...string) apiResult {
	return c.do(http.MethodGet, "/query?q="+url.QueryEscape(soqlText), nil, headers...)
}

// errorCode returns the errorCode of a one-element REST error array.
func errorCode(tb testing.TB, r apiResult) string {
	tb.Helper()
	var errs []apiError
	if err := json.Unmarshal(r.body, &errs); err != nil || len(errs) == 0 {
		tb.Fatalf("body is not an error array: %s", r.body)
	}
	return errs[0].ErrorCode
}

func newCookieJar() (http.CookieJar, error) { return cookiejar.New(nil) }

func ioCopy(w io.Writer, r io.Reader) (int64, error) { return io.Copy(w, r) }
