package sfsim

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// codeFor runs the browser steps and returns the authorization code.
func codeFor(t *testing.T, s *Server, loginURL, verifier string, extra url.Values) (string, url.Values) {
	t.Helper()
	u, _ := url.Parse(authorizeURL(loginURL, verifier, "st1"))
	q := u.Query()
	for k, v := range extra {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	cb, err := s.BrowserLogin(context.Background(), u.String(), DefaultUsername, DefaultPassword)
	if err != nil {
		t.Fatalf("BrowserLogin: %v", err)
	}
	parsed, err := url.Parse(cb)
	if err != nil {
		t.Fatalf("parse callback %q: %v", cb, err)
	}
	return parsed.Query().Get("code"), parsed.Query()
}

func exchange(t *testing.T, loginURL string, form url.Values) (int, map[string]string) {
	t.Helper()
	base := url.Values{"grant_type": {"authorization_code"}, "client_id": {DefaultClientID}, "redirect_uri": {testRedirect}}
	for k, v := range form {
		base[k] = v
	}
	status, body := postForm(t, loginURL+"/services/oauth2/token", base)
	var out map[string]string
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("token body %s: %v", body, err)
	}
	return status, out
}

func TestOAuth_AuthorizationCode(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	verifier := strings.Repeat("a", 64)

	t.Run("callback keeps state with a plus in scope", func(t *testing.T) {
		code, q := codeFor(t, s, s.LoginURL(), verifier, url.Values{"scope": {"api refresh_token"}})
		if code == "" || q.Get("state") != "st1" {
			t.Errorf("callback query = %v, want code and state st1", q)
		}
	})
	t.Run("token response keys", func(t *testing.T) {
		code, _ := codeFor(t, s, s.LoginURL(), verifier, nil)
		status, tok := exchange(t, s.LoginURL(), url.Values{"code": {code}, "code_verifier": {verifier}})
		if status != http.StatusOK {
			t.Fatalf("status %d: %v", status, tok)
		}
		for _, k := range []string{"access_token", "refresh_token", "instance_url", "id", "issued_at", "signature", "token_type", "scope"} {
			if tok[k] == "" {
				t.Errorf("token response lacks %s", k)
			}
		}
		if _, ok := tok["expires_in"]; ok {
			t.Error("token response has expires_in; Salesforce sends none")
		}
		if tok["instance_url"] != s.URL() || !strings.HasPrefix(tok["id"], s.LoginURL()+"/id/"+s.OrgID()+"/005") {
			t.Errorf("instance_url %s id %s", tok["instance_url"], tok["id"])
		}
		if len(tok["issued_at"]) != 13 {
			t.Errorf("issued_at %q is not in milliseconds", tok["issued_at"])
		}
	})
	t.Run("code is single use", func(t *testing.T) {
		code, _ := codeFor(t, s, s.LoginURL(), verifier, nil)
		exchange(t, s.LoginURL(), url.Values{"code": {code}, "code_verifier": {verifier}})
		status, body := exchange(t, s.LoginURL(), url.Values{"code": {code}, "code_verifier": {verifier}})
		if status != http.StatusBadRequest || body["error"] != "invalid_grant" {
			t.Errorf("second use: %d %v", status, body)
		}
	})
	pkce := []struct {
		name      string
		verifier  string
		wantError string
	}{
		{"wrong verifier", "b" + verifier[1:], "invalid_request"},
		{"missing verifier", "", "invalid_grant"},
	}
	for _, tc := range pkce {
		t.Run(tc.name, func(t *testing.T) {
			code, _ := codeFor(t, s, s.LoginURL(), verifier, nil)
			form := url.Values{"code": {code}}
			if tc.verifier != "" {
				form.Set("code_verifier", tc.verifier)
			}
			status, body := exchange(t, s.LoginURL(), form)
			if status != http.StatusBadRequest || body["error"] != tc.wantError || body["error_description"] == "" {
				t.Errorf("got %d %v, want 400 %s", status, body, tc.wantError)
			}
		})
	}
	t.Run("redirect uri mismatch", func(t *testing.T) {
		code, _ := codeFor(t, s, s.LoginURL(), verifier, nil)
		status, body := exchange(t, s.LoginURL(), url.Values{"code": {code}, "code_verifier": {verifier}, "redirect_uri": {"http://127.0.0.1:1/other"}})
		if status != http.StatusBadRequest || body["error"] != "redirect_uri_mismatch" {
			t.Errorf("got %d %v", status, body)
		}
	})
	t.Run("unknown client", func(t *testing.T) {
		status, body := exchange(t, s.LoginURL(), url.Values{"code": {"x"}, "client_id": {"other"}})
		if status != http.StatusBadRequest || body["error"] != "invalid_client_id" {
			t.Errorf("got %d %v", status, body)
		}
	})
	t.Run("wrong password shows the login error", func(t *testing.T) {
		_, err := s.BrowserLogin(context.Background(), authorizeURL(s.LoginURL(), verifier, "x"), DefaultUsername, "wrong")
		if err == nil || !strings.Contains(err.Error(), "check your username and password") {
			t.Errorf("BrowserLogin with a wrong password: %v", err)
		}
	})
	t.Run("deny redirects with access_denied", func(t *testing.T) {
		jar := newJarClient(t)
		page := jar.get(t, authorizeURL(s.LoginURL(), verifier, "d1"))
		action := mustAction(t, s.LoginURL(), page)
		jar.post(t, action, url.Values{"step": {"login"}, "username": {DefaultUsername}, "pw": {DefaultPassword}})
		loc := jar.postLocation(t, action, url.Values{"step": {"approve"}, "deny": {"Deny"}})
		u, _ := url.Parse(loc)
		if u.Query().Get("error") != "access_denied" || u.Query().Get("state") != "d1" {
			t.Errorf("deny location = %s", loc)
		}
	})
}

func TestOAuth_SandboxHosts(t *testing.T) {
	s := mustServer(t, Options{Seed: 2, Sandbox: true})
	verifier := strings.Repeat("c", 50)
	t.Run("production host rejects the login", func(t *testing.T) {
		_, err := s.BrowserLogin(context.Background(), authorizeURL(s.LoginURL(), verifier, "x"), DefaultUsername, DefaultPassword)
		if err == nil {
			t.Error("login through the production host succeeded for a sandbox org")
		}
	})
	t.Run("sandbox host logs in", func(t *testing.T) {
		tok := mustLogin(t, s, s.SandboxLoginURL())
		if !strings.HasPrefix(tok.ID, s.SandboxLoginURL()+"/id/") {
			t.Errorf("identity URL %s is not on the sandbox host", tok.ID)
		}
		status, body := postForm(t, s.LoginURL()+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}, "client_id": {DefaultClientID}})
		if status != http.StatusBadRequest || !strings.Contains(string(body), "invalid_grant") {
			t.Errorf("refresh at the production host: %d %s", status, body)
		}
		status, body = postForm(t, s.SandboxLoginURL()+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}, "client_id": {DefaultClientID}})
		if status != http.StatusOK {
			t.Errorf("refresh at the sandbox host: %d %s", status, body)
		}
	})
	t.Run("instance host serves oauth as a My Domain", func(t *testing.T) {
		tok := mustLogin(t, s, s.URL())
		if tok.AccessToken == "" {
			t.Error("no access token from the instance host")
		}
	})
}

func TestOAuth_RefreshRevokeExpiry(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := mustServer(t, Options{Seed: 3, RotateRefreshTokens: true, AccessTokenLifetime: time.Hour, Clock: clock})
	tok := mustLogin(t, s, s.LoginURL())
	c := &apiClient{tb: t, base: s.URL(), token: tok.AccessToken}
	refresh := func(rt string) (int, map[string]string) {
		status, body := postForm(t, s.LoginURL()+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {DefaultClientID}})
		var out map[string]string
		_ = json.Unmarshal(body, &out)
		return status, out
	}

	t.Run("expired token gets INVALID_SESSION_ID", func(t *testing.T) {
		now = now.Add(2 * time.Hour)
		res := c.do(http.MethodGet, "/limits", nil)
		if res.status != http.StatusUnauthorized || errorCode(t, res) != "INVALID_SESSION_ID" {
			t.Errorf("got %d %s", res.status, res.body)
		}
		var errs []apiError
		res.decode(t, &errs)
		if errs[0].Message != "Session expired or invalid" {
			t.Errorf("message %q", errs[0].Message)
		}
	})
	var rotated string
	t.Run("refresh rotates the refresh token", func(t *testing.T) {
		status, body := refresh(tok.RefreshToken)
		if status != http.StatusOK || body["refresh_token"] == "" || body["refresh_token"] == tok.RefreshToken {
			t.Fatalf("refresh: %d %v", status, body)
		}
		rotated = body["refresh_token"]
		c.token = body["access_token"]
		if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusOK {
			t.Errorf("new access token: %d", res.status)
		}
	})
	t.Run("revoke voids the refresh token and its sessions", func(t *testing.T) {
		status, _ := postForm(t, s.LoginURL()+"/services/oauth2/revoke", url.Values{"token": {rotated}})
		if status != http.StatusOK {
			t.Fatalf("revoke status %d", status)
		}
		if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusUnauthorized {
			t.Errorf("access token after revoke: %d", res.status)
		}
		if status, body := refresh(rotated); status != http.StatusBadRequest || body["error"] != "invalid_grant" {
			t.Errorf("refresh after revoke: %d %v", status, body)
		}
		status, body := postForm(t, s.LoginURL()+"/services/oauth2/revoke", url.Values{"token": {"unknown"}})
		if status != http.StatusBadRequest || !strings.Contains(string(body), "invalid_token") {
			t.Errorf("revoke unknown: %d %s", status, body)
		}
	})
	t.Run("identity", func(t *testing.T) {
		tok := s.IssueTokens()
		req, _ := http.NewRequest(http.MethodGet, tok.ID, nil)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var id map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&id)
		if resp.StatusCode != http.StatusOK || id["organization_id"] != s.OrgID() || id["username"] != DefaultUsername || id["display_name"] != "Ada Admin" {
			t.Errorf("identity %d %v", resp.StatusCode, id)
		}
	})
}

func TestServer_RefreshSandbox(t *testing.T) {
	s := mustServer(t, Options{Seed: 4, Sandbox: true, Demo: true})
	tok := s.IssueTokens()
	oldOrg := s.OrgID()
	acct := s.All("Account")[0]
	opps := s.All("Opportunity")
	var child map[string]any
	for _, o := range opps {
		if o["AccountId"] == acct["Id"] {
			child = o
		}
	}
	s.RefreshSandbox()
	c := &apiClient{tb: t, base: s.URL(), token: tok.AccessToken}
	if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusUnauthorized {
		t.Errorf("old token after refresh: %d", res.status)
	}
	if s.OrgID() == oldOrg {
		t.Fatal("org id unchanged")
	}
	c.token = s.IssueTokens().AccessToken
	var org struct {
		Records []struct {
			ID        string `json:"Id"`
			IsSandbox bool
		}
	}
	c.query("SELECT Id, Name, IsSandbox FROM Organization LIMIT 1").decode(t, &org)
	if len(org.Records) != 1 || org.Records[0].ID != s.OrgID() || !org.Records[0].IsSandbox {
		t.Errorf("organization row = %+v, want id %s", org.Records, s.OrgID())
	}
	if _, ok := s.Get("Account", acct["Id"].(string)); ok {
		t.Error("old account id still resolves")
	}
	var found map[string]any
	for _, a := range s.All("Account") {
		if a["Name"] == acct["Name"] {
			found = a
		}
	}
	if found == nil {
		t.Fatal("account data lost")
	}
	if child != nil {
		for _, o := range s.All("Opportunity") {
			if o["Name"] == child["Name"] && o["AccountId"] != found["Id"] {
				t.Errorf("opportunity %v points at %v, want %v", o["Name"], o["AccountId"], found["Id"])
			}
		}
	}
}

// jarClient is a cookie-keeping client that does not follow redirects.
type jarClient struct{ c *http.Client }

func newJarClient(t *testing.T) *jarClient {
	jar, _ := newCookieJar()
	return &jarClient{c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (j *jarClient) get(t *testing.T, u string) string {
	t.Helper()
	resp, err := j.c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b := new(strings.Builder)
	_, _ = ioCopy(b, resp.Body)
	return b.String()
}

func (j *jarClient) post(t *testing.T, u string, form url.Values) string {
	t.Helper()
	resp, err := j.c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b := new(strings.Builder)
	_, _ = ioCopy(b, resp.Body)
	return b.String()
}

func (j *jarClient) postLocation(t *testing.T, u string, form url.Values) string {
	t.Helper()
	resp, err := j.c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.Header.Get("Location")
}

func mustAction(t *testing.T, base, page string) string {
	t.Helper()
	a, err := formAction(base, page)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestOAuth_RefreshTokenReuseAndOverlap(t *testing.T) {
	s := mustServer(t, Options{Seed: 6, RotateRefreshTokens: true, RevokeOnTokenReuse: true})
	refresh := func(rt string) (int, map[string]string) {
		status, body := postForm(t, s.LoginURL()+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {DefaultClientID}})
		var out map[string]string
		_ = json.Unmarshal(body, &out)
		return status, out
	}

	t.Run("reusing a rotated token revokes the chain", func(t *testing.T) {
		tok := mustLogin(t, s, s.LoginURL())
		status, first := refresh(tok.RefreshToken)
		if status != http.StatusOK {
			t.Fatalf("refresh %d %v", status, first)
		}
		if status, body := refresh(tok.RefreshToken); status != http.StatusBadRequest || body["error"] != "invalid_grant" {
			t.Errorf("reuse %d %v", status, body)
		}
		if status, body := refresh(first["refresh_token"]); status != http.StatusBadRequest || body["error"] != "invalid_grant" {
			t.Errorf("current token after reuse %d %v", status, body)
		}
		c := &apiClient{tb: t, base: s.URL(), token: first["access_token"]}
		if res := c.do(http.MethodGet, "/limits", nil); res.status != http.StatusUnauthorized {
			t.Errorf("access token after reuse %d", res.status)
		}
	})
	t.Run("overlapping refreshes of one token", func(t *testing.T) {
		tok := mustLogin(t, s, s.LoginURL())
		s.Faults().Add(Fault{Kind: FaultLatency, Match: "oauth2/token", Delay: 500 * time.Millisecond, Times: 1})
		defer s.Faults().Clear()
		type result struct {
			status int
			body   map[string]string
		}
		slow := make(chan result, 1)
		go func() {
			st, b := refresh(tok.RefreshToken)
			slow <- result{st, b}
		}()
		var second result
		for i := 0; i < 100; i++ {
			if s.Faults().Fired(FaultLatency) > 0 {
				second.status, second.body = refresh(tok.RefreshToken)
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		first := <-slow
		if first.status != http.StatusOK {
			t.Errorf("first refresh %d %v", first.status, first.body)
		}
		if second.status != http.StatusBadRequest || second.body["error_description"] != "token request is already being processed" {
			t.Errorf("overlapping refresh %d %v", second.status, second.body)
		}
	})
}
