package sfsim

import (
	"context"
	"crypto/subtle"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
)

var authorizePage = template.Must(template.New("authorize").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} | Salesforce</title></head>
<body>
<h1>{{.Title}}</h1>
{{if .Error}}<div id="error" class="loginError" role="alert">{{.Error}}</div>{{end}}
{{if eq .Step "login"}}
<form id="login_form" name="login" method="post" action="{{.Action}}">
<input type="hidden" name="step" value="login">
<label for="username">Username</label> <input type="email" id="username" name="username" value="{{.LoginHint}}">
<label for="password">Password</label> <input type="password" id="password" name="pw">
<input type="submit" id="Login" name="Login" value="Log In">
</form>
{{else}}
<p>{{.AppName}} is asking to access your basic information and manage your data ({{.Scope}}) as {{.Username}}.</p>
<form id="oaapprove" name="approve" method="post" action="{{.Action}}">
<input type="hidden" name="step" value="approve">
<input type="submit" id="oaapprove_allow" name="approve" value="Allow">
<input type="submit" id="oaapprove_deny" name="deny" value="Deny">
</form>
{{end}}
</body></html>
`))

type authorizeView struct {
	Title, Step, Action, Error, LoginHint, AppName, Scope, Username string
}

const browserCookie = "sid"

// serveAuthorize runs the interactive part of the web-server flow: a login
// form, then an approval form, then a redirect to the callback with code and
// state (or with error=access_denied).
func (s *Server) serveAuthorize(w http.ResponseWriter, r *http.Request, role hostRole) {
	q := r.URL.Query()
	redirect := q.Get("redirect_uri")
	s.mu.Lock()
	defer s.mu.Unlock()
	if q.Get("client_id") != s.opts.ClientID {
		writeHTMLError(w, http.StatusBadRequest, "error=invalid_client_id&error_description=client identifier invalid")
		return
	}
	if !s.callbackAllowed(redirect) {
		writeHTMLError(w, http.StatusBadRequest, "error=redirect_uri_mismatch&error_description=redirect_uri must match configuration")
		return
	}
	if q.Get("response_type") != "code" {
		redirectError(w, r, redirect, q.Get("state"), "unsupported_response_type", "response type not supported")
		return
	}
	if m := q.Get("code_challenge_method"); m != "" && m != "S256" {
		redirectError(w, r, redirect, q.Get("state"), "invalid_request", "invalid code challenge method")
		return
	}

	view := authorizeView{Action: r.URL.RequestURI(), LoginHint: q.Get("login_hint"), AppName: s.opts.ClientID, Scope: q.Get("scope")}
	if view.Scope == "" {
		view.Scope = "refresh_token web api"
	}

	userID := ""
	if c, err := r.Cookie(browserCookie); err == nil {
		userID = s.auth.browsers[c.Value]
	}
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err != nil {
			writeHTMLError(w, http.StatusBadRequest, "invalid form body")
			return
		}
		switch r.PostForm.Get("step") {
		case "login":
			if !s.roleAccepts(role) || !s.checkPassword(r.PostForm.Get("username"), r.PostForm.Get("pw")) {
				view.Title, view.Step = "Login", "login"
				view.Error = "Please check your username and password. If you still can't log in, contact your Salesforce administrator."
				renderAuthorize(w, view)
				return
			}
			sid := randomToken(32)
			s.auth.browsers[sid] = s.adminID
			http.SetCookie(w, &http.Cookie{Name: browserCookie, Value: sid, Path: "/", HttpOnly: true})
			userID = s.adminID
		case "approve":
			if userID == "" {
				break
			}
			if r.PostForm.Get("deny") != "" {
				redirectError(w, r, redirect, q.Get("state"), "access_denied", "end-user denied authorization")
				return
			}
			s.issueCode(w, r, role, userID)
			return
		}
	}

	if userID == "" {
		view.Title, view.Step = "Login", "login"
		renderAuthorize(w, view)
		return
	}
	view.Title, view.Step, view.Username = "Allow Access?", "approve", s.opts.Username
	renderAuthorize(w, view)
}

func (s *Server) checkPassword(user, password string) bool {
	return strings.EqualFold(user, s.opts.Username) &&
		subtle.ConstantTimeCompare([]byte(password), []byte(s.opts.Password)) == 1
}

func (s *Server) issueCode(w http.ResponseWriter, r *http.Request, role hostRole, userID string) {
	q := r.URL.Query()
	code := "aPrx" + randomToken(60)
	s.auth.codes[code] = &authCode{
		clientID: q.Get("client_id"), redirectURI: q.Get("redirect_uri"),
		challenge: q.Get("code_challenge"), method: q.Get("code_challenge_method"),
		userID: userID, orgID: s.orgID, scope: q.Get("scope"), role: role,
		expires: s.clock().Add(codeLifetime),
	}
	v := url.Values{"code": {code}}
	if st := q.Get("state"); st != "" {
		v.Set("state", st)
	}
	http.Redirect(w, r, appendQuery(q.Get("redirect_uri"), v), http.StatusFound)
}

func redirectError(w http.ResponseWriter, r *http.Request, redirect, state, code, desc string) {
	v := url.Values{"error": {code}, "error_description": {desc}}
	if state != "" {
		v.Set("state", state)
	}
	http.Redirect(w, r, appendQuery(redirect, v), http.StatusFound)
}

func appendQuery(u string, v url.Values) string {
	if strings.Contains(u, "?") {
		return u + "&" + v.Encode()
	}
	return u + "?" + v.Encode()
}

func renderAuthorize(w http.ResponseWriter, view authorizeView) {
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = authorizePage.Execute(w, view)
}

var (
	formActionPattern = regexp.MustCompile(`<form[^>]*action="([^"]*)"`)
	errorDivPattern   = regexp.MustCompile(`<div id="error"[^>]*>([^<]*)</div>`)
)

// BrowserLogin acts as the user's browser on an authorize URL: it loads the
// login page, submits the username and password, approves the app and
// returns the callback URL (with code and state, or with an error) without
// requesting it.
func (s *Server) BrowserLogin(ctx context.Context, authorizeURL, username, password string) (string, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return "", fmt.Errorf("create cookie jar: %w", err)
	}
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page, _, err := browserStep(ctx, client, http.MethodGet, authorizeURL, nil)
	if err != nil {
		return "", fmt.Errorf("load authorize page: %w", err)
	}
	action, err := formAction(authorizeURL, page)
	if err != nil {
		return "", err
	}

	page, _, err = browserStep(ctx, client, http.MethodPost, action, url.Values{"step": {"login"}, "username": {username}, "pw": {password}})
	if err != nil {
		return "", fmt.Errorf("submit login form: %w", err)
	}
	if m := errorDivPattern.FindStringSubmatch(page); m != nil {
		return "", fmt.Errorf("log in as %s: %s", username, template.HTMLEscapeString(m[1]))
	}
	action, err = formAction(authorizeURL, page)
	if err != nil {
		return "", err
	}

	_, location, err := browserStep(ctx, client, http.MethodPost, action, url.Values{"step": {"approve"}, "approve": {"Allow"}})
	if err != nil {
		return "", fmt.Errorf("submit approval form: %w", err)
	}
	if location == "" {
		return "", fmt.Errorf("approve access: no redirect to the callback")
	}
	return location, nil
}

func browserStep(ctx context.Context, client *http.Client, method, target string, form url.Values) (page, location string, err error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return "", "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", "", err
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return string(b), resp.Header.Get("Location"), nil
	}
	if resp.StatusCode != http.StatusOK {
		return "", "", fmt.Errorf("status %d: %s", resp.StatusCode, strings.TrimSpace(string(b)))
	}
	return string(b), "", nil
}

func formAction(base, page string) (string, error) {
	m := formActionPattern.FindStringSubmatch(page)
	if m == nil {
		return "", fmt.Errorf("read authorize page: no form found")
	}
	ref, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		return "", fmt.Errorf("read authorize page form action: %w", err)
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("parse authorize URL: %w", err)
	}
	return b.ResolveReference(ref).String(), nil
}
