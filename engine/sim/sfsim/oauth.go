package sfsim

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// session is one access token.
type session struct {
	userID  string
	orgID   string
	expires time.Time
	grant   *grant // the refresh grant that issued it, if any
}

// grant is one refresh token.
type grant struct {
	token    string
	userID   string
	orgID    string
	clientID string
	scope    string
	revoked  bool
	inFlight bool    // a refresh with this token is being processed
	family   *family // the chain of rotated tokens this one belongs to
}

// family links the refresh tokens that rotation derived from one login, so
// that reuse of a retired token can revoke the current one.
type family struct{ current *grant }

// authCode is one authorization code waiting for the token call.
type authCode struct {
	clientID, redirectURI string
	challenge, method     string
	userID, orgID, scope  string
	role                  hostRole
	expires               time.Time
}

type authState struct {
	sessions map[string]*session
	grants   map[string]*grant
	retired  map[string]*family // rotated-out refresh tokens
	codes    map[string]*authCode
	browsers map[string]string // browser session cookie -> user id
}

func (a *authState) init() {
	a.sessions = map[string]*session{}
	a.grants = map[string]*grant{}
	a.retired = map[string]*family{}
	a.codes = map[string]*authCode{}
	a.browsers = map[string]string{}
}

// revokeGrant voids a refresh token and every access token it issued. The
// caller holds s.mu.
func (a *authState) revokeGrant(g *grant) {
	g.revoked = true
	delete(a.grants, g.token)
	for t, sess := range a.sessions {
		if sess.grant == g {
			delete(a.sessions, t)
		}
	}
}

const codeLifetime = 15 * time.Minute

func randomToken(n int) string {
	var b strings.Builder
	max := big.NewInt(int64(len(base62)))
	for i := 0; i < n; i++ {
		k, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		b.WriteByte(base62[k.Int64()])
	}
	return b.String()
}

// sessionFor returns the session of the request's bearer token. The caller
// holds s.mu.
func (s *Server) sessionFor(r *http.Request) (*session, bool) {
	h := r.Header.Get("Authorization")
	token := ""
	for _, scheme := range []string{"Bearer ", "OAuth "} {
		if len(h) > len(scheme) && strings.EqualFold(h[:len(scheme)], scheme) {
			token = strings.TrimSpace(h[len(scheme):])
		}
	}
	if token == "" {
		token = r.URL.Query().Get("oauth_token")
	}
	sess, ok := s.auth.sessions[token]
	if !ok || sess.orgID != s.orgID || !s.clock().Before(sess.expires) {
		return nil, false
	}
	if sess.grant != nil && sess.grant.revoked {
		return nil, false
	}
	return sess, true
}

// ExpireAccessTokens voids every access token. Refresh tokens stay valid.
func (s *Server) ExpireAccessTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth.sessions = map[string]*session{}
}

// roleAccepts reports whether a host may log users of this org in: the
// instance (My Domain) host always, and the login host matching the org type.
func (s *Server) roleAccepts(role hostRole) bool {
	switch role {
	case roleLogin:
		return !s.opts.Sandbox
	case roleSandboxLogin:
		return s.opts.Sandbox
	}
	return true
}

func (s *Server) serveOAuth(w http.ResponseWriter, r *http.Request, role hostRole) {
	switch strings.TrimPrefix(r.URL.Path, "/services/oauth2/") {
	case "authorize":
		s.serveAuthorize(w, r, role)
	case "token":
		s.serveToken(w, r, role)
	case "revoke":
		s.serveRevoke(w, r)
	case "userinfo":
		s.serveUserInfo(w, r)
	default:
		writeHTMLError(w, http.StatusNotFound, "The requested URL was not found on this server.")
	}
}

// loopbackCallback reports whether u is an http URL on a loopback host.
func loopbackCallback(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "http" {
		return false
	}
	h := p.Hostname()
	return h == "localhost" || h == "127.0.0.1" || h == "::1"
}

func (s *Server) callbackAllowed(u string) bool {
	if len(s.opts.CallbackURLs) == 0 {
		return loopbackCallback(u)
	}
	for _, c := range s.opts.CallbackURLs {
		if c == u {
			return true
		}
	}
	return false
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// clientCredentials reads client_id and client_secret from the form or from
// HTTP Basic authentication.
func clientCredentials(r *http.Request) (id, secret string) {
	if u, p, ok := r.BasicAuth(); ok {
		return u, p
	}
	return r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
}

func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, role hostRole) {
	if r.Method != http.MethodPost {
		oauthError(w, http.StatusBadRequest, "invalid_request", "must use HTTP POST")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "invalid form body")
		return
	}
	clientID, secret := clientCredentials(r)
	if r.PostForm.Get("grant_type") == "refresh_token" && !s.holdRefresh(w, r) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if clientID != s.opts.ClientID {
		oauthError(w, http.StatusBadRequest, "invalid_client_id", "client identifier invalid")
		return
	}
	if s.opts.ClientSecret != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret)) != 1 {
		oauthError(w, http.StatusBadRequest, "invalid_client", "invalid client credentials")
		return
	}
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		s.exchangeCode(w, r, role, clientID)
	case "refresh_token":
		s.refreshGrant(w, r, role)
	case "":
		oauthError(w, http.StatusBadRequest, "invalid_request", "grant type not specified")
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant type not supported")
	}
}

func (s *Server) exchangeCode(w http.ResponseWriter, r *http.Request, role hostRole, clientID string) {
	code := r.PostForm.Get("code")
	ac, ok := s.auth.codes[code]
	if !ok || ac.orgID != s.orgID || ac.clientID != clientID || (ac.role != role && role != roleInstance) {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "invalid authorization code")
		return
	}
	delete(s.auth.codes, code) // single use
	if s.clock().After(ac.expires) {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "expired authorization code")
		return
	}
	if r.PostForm.Get("redirect_uri") != ac.redirectURI {
		oauthError(w, http.StatusBadRequest, "redirect_uri_mismatch", "redirect_uri must match configuration")
		return
	}
	if ac.challenge != "" {
		verifier := r.PostForm.Get("code_verifier")
		if verifier == "" {
			oauthError(w, http.StatusBadRequest, "invalid_grant", "invalid code verifier")
			return
		}
		sum := sha256.Sum256([]byte(verifier))
		if base64.RawURLEncoding.EncodeToString(sum[:]) != ac.challenge {
			oauthError(w, http.StatusBadRequest, "invalid_request", "invalid code verifier")
			return
		}
	}
	var g *grant
	if scopeAllowsRefresh(ac.scope) {
		g = &grant{token: "5Aep861" + randomToken(80), userID: ac.userID, orgID: ac.orgID, clientID: clientID, scope: ac.scope}
		s.auth.grants[g.token] = g
	}
	s.writeTokenResponse(w, ac.userID, ac.scope, g, true)
}

func scopeAllowsRefresh(scope string) bool {
	if scope == "" {
		return true
	}
	for _, sc := range strings.Fields(scope) {
		if sc == "refresh_token" || sc == "offline_access" || sc == "full" {
			return true
		}
	}
	return false
}

// holdRefresh rejects a refresh while another refresh with the same token
// is in flight, as Salesforce does, and runs the latency fault of the token
// endpoint outside the lock so that overlapping refreshes can happen. It
// reports false when it has written the response.
func (s *Server) holdRefresh(w http.ResponseWriter, r *http.Request) bool {
	token := r.PostForm.Get("refresh_token")
	s.mu.Lock()
	g, ok := s.auth.grants[token]
	if ok && g.inFlight {
		s.mu.Unlock()
		// NOTE: the error_description is the one Salesforce sends; the error
		// code for this case is not confirmed.
		oauthError(w, http.StatusBadRequest, "invalid_request", "token request is already being processed")
		return false
	}
	if ok {
		g.inFlight = true
	}
	s.mu.Unlock()
	if f := s.faults.take(FaultLatency, oauthTokenCall); f != nil {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
		}
	}
	if ok {
		s.mu.Lock()
		g.inFlight = false
		s.mu.Unlock()
	}
	return true
}

func (s *Server) refreshGrant(w http.ResponseWriter, r *http.Request, role hostRole) {
	token := r.PostForm.Get("refresh_token")
	if fam, reused := s.auth.retired[token]; reused && s.opts.RevokeOnTokenReuse {
		// Reuse of a rotated-out token revokes the whole chain.
		if fam.current != nil {
			s.auth.revokeGrant(fam.current)
		}
		oauthError(w, http.StatusBadRequest, "invalid_grant", "expired access/refresh token")
		return
	}
	g, ok := s.auth.grants[token]
	if !ok || g.revoked || g.orgID != s.orgID || !s.roleAccepts(role) {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "expired access/refresh token")
		return
	}
	includeRefresh := false
	if s.opts.RotateRefreshTokens {
		fam := g.family
		if fam == nil {
			fam = &family{}
		}
		g.revoked = true
		delete(s.auth.grants, g.token)
		s.auth.retired[g.token] = fam
		g = &grant{token: "5Aep861" + randomToken(80), userID: g.userID, orgID: g.orgID, clientID: g.clientID, scope: g.scope, family: fam}
		fam.current = g
		s.auth.grants[g.token] = g
		includeRefresh = true
	}
	s.writeTokenResponse(w, g.userID, g.scope, g, includeRefresh)
}

// writeTokenResponse issues an access token and writes the token JSON. The
// caller holds s.mu.
func (s *Server) writeTokenResponse(w http.ResponseWriter, userID, scope string, g *grant, includeRefresh bool) {
	token := s.orgID[:15] + "!AQ" + randomToken(94)
	s.auth.sessions[token] = &session{userID: userID, orgID: s.orgID, expires: s.clock().Add(s.opts.AccessTokenLifetime), grant: g}
	if scope == "" {
		scope = "refresh_token web api"
	}
	issued := strconv.FormatInt(s.clock().UnixMilli(), 10)
	id := s.identityURLFor(userID)
	mac := hmac.New(sha256.New, []byte(s.opts.ClientSecret))
	mac.Write([]byte(id + issued))
	body := map[string]string{
		"access_token": token,
		"signature":    base64.StdEncoding.EncodeToString(mac.Sum(nil)),
		"scope":        scope,
		"instance_url": s.URL(),
		"id":           id,
		"token_type":   "Bearer",
		"issued_at":    issued,
	}
	if g != nil && includeRefresh {
		body["refresh_token"] = g.token
	}
	w.Header().Set("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private")
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) serveRevoke(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "invalid form body")
		return
	}
	token := r.Form.Get("token")
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.auth.grants[token]; ok {
		s.auth.revokeGrant(g)
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, ok := s.auth.sessions[token]; ok {
		delete(s.auth.sessions, token)
		w.WriteHeader(http.StatusOK)
		return
	}
	oauthError(w, http.StatusBadRequest, "invalid_token", "invalid token")
}

// identityURLFor returns the identity URL of a user on the login host that
// matches the org type. The caller holds s.mu.
func (s *Server) identityURLFor(userID string) string {
	host := s.LoginURL()
	if s.opts.Sandbox {
		host = s.SandboxLoginURL()
	}
	return host + "/id/" + s.orgID + "/" + userID
}

func (s *Server) identityURL(sess *session) string {
	if sess == nil {
		return ""
	}
	return s.identityURLFor(sess.userID)
}
