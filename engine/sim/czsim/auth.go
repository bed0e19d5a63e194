package czsim

import (
	crand "crypto/rand"
	"fmt"
	"strings"
	"time"
)

// session is a logged-in user's session.
type session struct {
	userID   string
	lastUsed time.Time
}

// newSessionID returns an id shaped like real session ids, <uuid>_<orgId>.
func (s *Server) newSessionID() string {
	return newUUID() + "_" + s.orgIDString()
}

func newUUID() string {
	var b [16]byte
	_, _ = crand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newReferenceID returns a trace id for an error object.
func newReferenceID() string {
	var b [8]byte
	_, _ = crand.Read(b[:])
	return fmt.Sprintf("%x", b)
}

// splitAuthorization splits "Session x" or "ApiKey k" into scheme and value.
func splitAuthorization(header string) (scheme, value string) {
	scheme, value, _ = strings.Cut(strings.TrimSpace(header), " ")
	return strings.ToLower(scheme), strings.TrimSpace(value)
}

// authenticate checks the Authorization header and returns the caller's User
// record.
func (s *Server) authenticate(header string) (*record, error) {
	scheme, value := splitAuthorization(header)
	switch {
	case header == "":
		return nil, authErrorf(codeUnauthorized, "missing Authorization header; send \"Session <sessionId>\" or \"ApiKey <key>\"")
	case value == "":
		return nil, authErrorf(codeUnauthorized, "empty credentials in Authorization header")
	case scheme == "session":
		return s.sessionUser(value)
	case scheme == "apikey":
		cred := s.credentialByKey(value)
		if cred == nil {
			return nil, authErrorf(codeUnauthorized, "invalid API key")
		}
		user, ok := s.activeUser(cred.userID)
		if !ok {
			return nil, authErrorf(codeUnauthorized, "the API key's user is not active")
		}
		return user, nil
	}
	return nil, authErrorf(codeUnauthorized, "unsupported Authorization scheme %q; use Session or ApiKey", scheme)
}

func (s *Server) sessionUser(id string) (*record, error) {
	sess, ok := s.sessions[id]
	if !ok {
		return nil, authErrorf(codeSessionTimeout, "session expired or unknown; log in again")
	}
	now := s.now()
	if now.Sub(sess.lastUsed) > s.sessionIdle {
		delete(s.sessions, id)
		return nil, authErrorf(codeSessionTimeout, "session expired after %s without use; log in again", s.sessionIdle)
	}
	user, ok := s.activeUser(sess.userID)
	if !ok {
		delete(s.sessions, id)
		return nil, authErrorf(codeSessionTimeout, "session ended because its user is no longer active; log in again")
	}
	sess.lastUsed = now
	return user, nil
}

func (s *Server) activeUser(id string) (*record, bool) {
	userType, _ := s.cat.lookup("User")
	user, ok := s.st.get(userType, id)
	if !ok {
		return nil, false
	}
	state, _ := user.refField("State")
	return user, state.ID == "Active"
}

func (s *Server) credentialByKey(key string) *credential {
	for _, c := range s.creds {
		if c.apiKey != "" && c.apiKey == key {
			return c
		}
	}
	return nil
}

func (s *Server) credentialByName(name string) *credential {
	for _, c := range s.creds {
		if strings.EqualFold(c.userName, name) {
			return c
		}
	}
	return nil
}

// checkPassword returns the user for a user name and password, or
// LoginFailure.
func (s *Server) checkPassword(userName, password string) (*record, error) {
	cred := s.credentialByName(userName)
	if cred == nil || cred.password == "" || cred.password != password {
		return nil, authErrorf(codeLoginFailure, "invalid user name or password")
	}
	user, ok := s.activeUser(cred.userID)
	if !ok {
		return nil, authErrorf(codeLoginFailure, "user %s is not active", userName)
	}
	return user, nil
}

func handleGetServerDefinition(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	userName, err := in.str("userName")
	if err != nil {
		return reply{}, err
	}
	password, err := in.str("password")
	if err != nil {
		return reply{}, err
	}
	switch {
	case userName != "":
		// A user name and password override an API key.
		if _, err := s.checkPassword(userName, password); err != nil {
			return reply{}, err
		}
	case c.header.Get("Authorization") != "":
		if _, err := s.authenticate(c.header.Get("Authorization")); err != nil {
			return reply{}, err
		}
	}
	return okReply(map[string]any{
		"serverLocation": s.ServerLocation(),
		"appLocation":    s.AppURL(),
		"organizationId": s.orgID,
	})
}

func handleLogin(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	userName, err := in.str("userName")
	if err != nil {
		return reply{}, err
	}
	password, err := in.str("password")
	if err != nil {
		return reply{}, err
	}
	if userName == "" {
		return reply{}, errorf(codeMissingArgument, "userName is required")
	}
	user, err := s.checkPassword(userName, password)
	if err != nil {
		return reply{}, err
	}
	id := s.newSessionID()
	s.logins++
	s.sessions[id] = &session{userID: user.id, lastUsed: s.now()}
	return okReply(map[string]any{
		"sessionId":      id,
		"userId":         user.ref().String(),
		"organizationId": s.orgIDString(),
		"licenseType":    licenseOf(user),
	})
}

func handleLogout(s *Server, c *call) (reply, error) {
	scheme, value := splitAuthorization(c.header.Get("Authorization"))
	if scheme == "session" {
		delete(s.sessions, value)
	}
	return okReply(map[string]any{})
}

func handleGetSessionInfo(s *Server, c *call) (reply, error) {
	scheme, value := splitAuthorization(c.header.Get("Authorization"))
	sessionID := ""
	if scheme == "session" {
		sessionID = value
	}
	return okReply(map[string]any{
		"customInfo":     []any{},
		"sessionId":      sessionID,
		"userId":         c.user.ref().String(),
		"organizationId": s.orgIDString(),
		"licenseType":    licenseOf(c.user),
	})
}

func licenseOf(user *record) string {
	if ref, ok := user.refField("LicenseType"); ok {
		return ref.ID
	}
	return "Full"
}

// ExpireSessions ends every session, so the next call with a session id
// fails with SessionTimeout. API keys keep working.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.sessions)
}
