package sfsim

import (
	"net/http"
	"strings"
)

// serveIdentity serves GET /id/<orgId>/<userId> with the identity of the
// token's user.
func (s *Server) serveIdentity(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/id/"), "/"), "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessionFor(r)
	if !ok {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte("Bad_OAuth_Token"))
		return
	}
	if len(parts) != 2 || !strings.EqualFold(parts[0][:min(15, len(parts[0]))], s.orgID[:15]) ||
		!strings.EqualFold(parts[1][:min(15, len(parts[1]))], sess.userID[:15]) {
		writeHTMLError(w, http.StatusNotFound, "Not Found")
		return
	}
	writeJSON(w, http.StatusOK, s.identityJSON(sess, "59.0"))
}

// serveUserInfo serves the OpenID Connect userinfo endpoint.
func (s *Server) serveUserInfo(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessionFor(r)
	if !ok {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte("Bad_OAuth_Token"))
		return
	}
	id := s.identityJSON(sess, "59.0")
	u := s.data.byID[sess.userID]
	out := map[string]any{
		"sub": id["id"], "user_id": id["user_id"], "organization_id": id["organization_id"],
		"preferred_username": id["username"], "nickname": id["nick_name"], "name": id["display_name"],
		"email": id["email"], "email_verified": true, "given_name": id["first_name"], "family_name": id["last_name"],
		"zoneinfo": id["timezone"], "urls": id["urls"], "active": true, "user_type": id["user_type"],
		"language": id["language"], "locale": id["locale"], "utcOffset": 0,
	}
	if u != nil {
		out["updated_at"] = u.vals["LastModifiedDate"]
	}
	writeJSON(w, http.StatusOK, out)
}

// identityJSON builds the identity service response. The caller holds s.mu.
func (s *Server) identityJSON(sess *session, version string) map[string]any {
	u := s.data.byID[sess.userID]
	str := func(k string) any {
		if u == nil {
			return nil
		}
		return u.vals[k]
	}
	base := s.URL() + "/services/data/v{version}/"
	urls := map[string]string{
		"enterprise":    s.URL() + "/services/Soap/c/{version}/" + s.orgID[:15],
		"metadata":      s.URL() + "/services/Soap/m/{version}/" + s.orgID[:15],
		"partner":       s.URL() + "/services/Soap/u/{version}/" + s.orgID[:15],
		"rest":          base,
		"sobjects":      base + "sobjects/",
		"search":        base + "search/",
		"query":         base + "query/",
		"recent":        base + "recent/",
		"tooling_soap":  s.URL() + "/services/Soap/T/{version}/" + s.orgID[:15],
		"tooling_rest":  base + "tooling/",
		"profile":       s.URL() + "/" + sess.userID,
		"feeds":         base + "chatter/feeds",
		"groups":        base + "chatter/groups",
		"users":         base + "chatter/users",
		"feed_items":    base + "chatter/feed-items",
		"feed_elements": base + "chatter/feed-elements",
		"custom_domain": s.URL(),
	}
	return map[string]any{
		"id":                      s.identityURLFor(sess.userID),
		"asserted_user":           true,
		"user_id":                 sess.userID,
		"organization_id":         s.orgID,
		"username":                str("Username"),
		"nick_name":               str("CommunityNickname"),
		"display_name":            str("Name"),
		"email":                   str("Email"),
		"email_verified":          true,
		"first_name":              str("FirstName"),
		"last_name":               str("LastName"),
		"timezone":                str("TimeZoneSidKey"),
		"photos":                  map[string]string{"picture": s.URL() + "/profilephoto/005/F", "thumbnail": s.URL() + "/profilephoto/005/T"},
		"addr_street":             nil,
		"addr_city":               nil,
		"addr_state":              nil,
		"addr_country":            nil,
		"addr_zip":                nil,
		"mobile_phone":            nil,
		"mobile_phone_verified":   false,
		"is_lightning_login_user": false,
		"status":                  map[string]any{"created_date": nil, "body": nil},
		"urls":                    urls,
		"active":                  true,
		"user_type":               "STANDARD",
		"language":                str("LanguageLocaleKey"),
		"locale":                  str("LocaleSidKey"),
		"utcOffset":               0,
		"last_modified_date":      str("LastModifiedDate"),
		"is_app_installed":        true,
	}
}
