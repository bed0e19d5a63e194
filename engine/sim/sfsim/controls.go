package sfsim

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// Tokens is an issued token pair, as the token endpoint would return it.
type Tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	InstanceURL  string `json:"instance_url"`
	ID           string `json:"id"`
}

// IssueTokens returns an access and refresh token for the admin user without
// the browser steps, for tests that do not exercise the login itself.
func (s *Server) IssueTokens() Tokens {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := &grant{token: "5Aep861" + randomToken(80), userID: s.adminID, orgID: s.orgID, clientID: s.opts.ClientID, scope: "refresh_token web api"}
	s.auth.grants[g.token] = g
	token := s.orgID[:15] + "!AQ" + randomToken(94)
	s.auth.sessions[token] = &session{userID: s.adminID, orgID: s.orgID, expires: s.clock().Add(s.opts.AccessTokenLifetime), grant: g}
	return Tokens{AccessToken: token, RefreshToken: g.token, InstanceURL: s.URL(), ID: s.identityURLFor(s.adminID)}
}

// serveControls serves the test controls under /__sim/. They need no
// session and count no API call:
//
//	GET    /__sim/                  org id, URLs and API usage
//	POST   /__sim/token             IssueTokens
//	POST   /__sim/expire-tokens     ExpireAccessTokens
//	POST   /__sim/refresh-sandbox   RefreshSandbox
//	POST   /__sim/api-usage         {"used": N}: SetAPIUsage
//	GET    /__sim/faults            how often each fault kind fired
//	POST   /__sim/faults            a Fault as JSON (delay in nanoseconds)
//	DELETE /__sim/faults            Faults().Clear
//	POST   /__sim/custom-objects    {"fullName": ..., "metadata": {...}}
//	POST   /__sim/custom-fields     {"fullName": ..., "metadata": {...}}
//	GET    /__sim/records/{object}  All
//	POST   /__sim/records/{object}  Insert
func (s *Server) serveControls(w http.ResponseWriter, r *http.Request) {
	path := strings.Trim(strings.TrimPrefix(r.URL.Path, "/__sim/"), "/")
	body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	bad := func(err error) { writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()}) }
	switch {
	case path == "" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, map[string]any{
			"orgId": s.OrgID(), "instanceUrl": s.URL(), "loginUrl": s.LoginURL(), "sandboxLoginUrl": s.SandboxLoginURL(),
			"apiCalls": s.APICalls(), "dailyApiLimit": s.opts.DailyAPILimit, "sandbox": s.opts.Sandbox,
		})
	case path == "token" && r.Method == http.MethodPost:
		writeJSON(w, http.StatusOK, s.IssueTokens())
	case path == "expire-tokens" && r.Method == http.MethodPost:
		s.ExpireAccessTokens()
		w.WriteHeader(http.StatusNoContent)
	case path == "refresh-sandbox" && r.Method == http.MethodPost:
		s.RefreshSandbox()
		writeJSON(w, http.StatusOK, map[string]string{"orgId": s.OrgID()})
	case path == "api-usage" && r.Method == http.MethodPost:
		var in struct{ Used int }
		if err := json.Unmarshal(body, &in); err != nil {
			bad(err)
			return
		}
		s.SetAPIUsage(in.Used)
		w.WriteHeader(http.StatusNoContent)
	case path == "faults":
		s.serveFaultControl(w, r, body)
	case path == "custom-objects" || path == "custom-fields":
		var in struct {
			FullName string         `json:"fullName"`
			Metadata map[string]any `json:"metadata"`
		}
		if err := json.Unmarshal(body, &in); err != nil {
			bad(err)
			return
		}
		create := s.CreateCustomObject
		if path == "custom-fields" {
			create = s.CreateCustomField
		}
		id, err := create(in.FullName, in.Metadata)
		if err != nil {
			bad(err)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"id": id})
	case strings.HasPrefix(path, "records/"):
		object := strings.TrimPrefix(path, "records/")
		if r.Method == http.MethodGet {
			writeJSON(w, http.StatusOK, s.All(object))
			return
		}
		fields, err := decodeMetadata(body)
		if err != nil {
			bad(err)
			return
		}
		id, err := s.Insert(object, fields)
		if err != nil {
			bad(err)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"id": id})
	default:
		writeHTMLError(w, http.StatusNotFound, "unknown simulator control")
	}
}

func (s *Server) serveFaultControl(w http.ResponseWriter, r *http.Request, body []byte) {
	switch r.Method {
	case http.MethodGet:
		out := map[FaultKind]int{}
		for _, k := range []FaultKind{FaultUnavailable, FaultLockRow, FaultRequestLimit, FaultLatency, FaultExpireSession, FaultDropAfterWrite, FaultConcurrentLimit} {
			out[k] = s.faults.Fired(k)
		}
		writeJSON(w, http.StatusOK, out)
	case http.MethodPost:
		var f Fault
		if err := json.Unmarshal(body, &f); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		if f.Kind == FaultLatency && f.Delay == 0 {
			f.Delay = time.Second
		}
		s.faults.Add(f)
		w.WriteHeader(http.StatusNoContent)
	case http.MethodDelete:
		s.faults.Clear()
		w.WriteHeader(http.StatusNoContent)
	default:
		writeHTMLError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}
