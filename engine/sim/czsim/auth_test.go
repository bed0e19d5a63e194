package czsim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"
)

func TestServer_GetServerDefinition(t *testing.T) {
	s := newTestServer(t, Options{OrgID: 4242})
	tests := []struct {
		name string
		url  string
		auth string
		body any
	}{
		{"discovery path with credentials", s.DiscoveryURL() + "authentication/getServerDefinition", "",
			map[string]any{"userName": DefaultUserName, "password": DefaultPassword}},
		{"pascal case keys and path", s.URL() + "/V2.0/Services/Authentication/GetServerDefinition", "",
			map[string]any{"UserName": DefaultUserName, "Password": DefaultPassword}},
		{"api key and no body", s.DiscoveryURL() + "authentication/getServerDefinition", "ApiKey " + DefaultAPIKey, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, s)
			c.auth = tt.auth
			resp := c.must("POST", tt.url, tt.body)
			if got := resp.str("serverLocation"); got != s.ServerLocation() {
				t.Errorf("serverLocation = %q, want %q", got, s.ServerLocation())
			}
			if got := resp.str("appLocation"); got != s.AppURL() {
				t.Errorf("appLocation = %q, want %q", got, s.AppURL())
			}
			if got, _ := resp.body["organizationId"].(float64); int64(got) != 4242 {
				t.Errorf("organizationId = %v, want 4242", resp.body["organizationId"])
			}
		})
	}
	t.Run("bad password", func(t *testing.T) {
		resp := newClient(t, s).do("POST", s.DiscoveryURL()+"authentication/getServerDefinition",
			map[string]any{"userName": DefaultUserName, "password": "wrong"})
		expectError(t, resp, http.StatusUnauthorized, codeLoginFailure)
	})
}

func TestServer_Login(t *testing.T) {
	s := newTestServer(t, Options{OrgID: 25446405})
	c := newClient(t, s)

	t.Run("session shape", func(t *testing.T) {
		resp := c.must("POST", "/authentication/login", map[string]any{"userName": DefaultUserName, "password": DefaultPassword})
		pattern := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}_25446405$`)
		if id := resp.str("sessionId"); !pattern.MatchString(id) {
			t.Errorf("sessionId = %q, want <uuid>_25446405", id)
		}
		if got := resp.str("organizationId"); got != "25446405" {
			t.Errorf("organizationId = %q, want \"25446405\"", got)
		}
		if got := resp.str("licenseType"); got != "Full" {
			t.Errorf("licenseType = %q, want Full", got)
		}
		if got := resp.str("userId"); !regexp.MustCompile(`^/User/[a-z0-9]{29}$`).MatchString(got) {
			t.Errorf("userId = %q, want /User/<29 chars>", got)
		}
	})
	t.Run("bad password", func(t *testing.T) {
		resp := c.do("POST", "/authentication/login", map[string]any{"userName": DefaultUserName, "password": "nope"})
		expectError(t, resp, http.StatusUnauthorized, codeLoginFailure)
	})
	t.Run("unknown user", func(t *testing.T) {
		resp := c.do("POST", "/authentication/login", map[string]any{"userName": "ghost@example.com", "password": "x"})
		expectError(t, resp, http.StatusUnauthorized, codeLoginFailure)
	})
	t.Run("missing user name", func(t *testing.T) {
		resp := c.do("POST", "/authentication/login", map[string]any{})
		expectError(t, resp, http.StatusInternalServerError, codeMissingArgument)
	})
}

func TestServer_Authorization(t *testing.T) {
	s := newTestServer(t, Options{})
	session := loggedIn(t, s)
	tests := []struct {
		name string
		auth string
		code string // empty for success
	}{
		{"session", session.auth, ""},
		{"lower-case scheme", "session " + session.auth[len("Session "):], ""},
		{"api key", "ApiKey " + DefaultAPIKey, ""},
		{"missing header", "", codeUnauthorized},
		{"unknown session", "Session 00000000-0000-4000-8000-000000000000_1", codeSessionTimeout},
		{"bad api key", "ApiKey wrong", codeUnauthorized},
		{"basic scheme", "Basic dXNlcjpwYXNz", codeUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, s)
			c.auth = tt.auth
			resp := c.do("GET", "/metadata/listEntities", nil)
			if tt.code == "" {
				if resp.status != http.StatusOK {
					t.Fatalf("status = %d, want 200: %s", resp.status, resp.raw)
				}
				return
			}
			expectError(t, resp, http.StatusUnauthorized, tt.code)
		})
	}
}

func TestServer_SessionIdleTimeout(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := newTestServer(t, Options{SessionIdleTimeout: 10 * time.Minute, Clock: clock})
	c := loggedIn(t, s)

	now = now.Add(9 * time.Minute)
	c.must("GET", "/metadata/listEntities", nil)

	now = now.Add(9 * time.Minute) // idle time restarts with each use
	c.must("GET", "/metadata/listEntities", nil)

	now = now.Add(11 * time.Minute)
	expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeSessionTimeout)

	// The expired session stays invalid; a new login works.
	expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeSessionTimeout)
	loggedIn(t, s).must("GET", "/metadata/listEntities", nil)
}

func TestServer_LogoutAndSessionInfo(t *testing.T) {
	s := newTestServer(t, Options{OrgID: 77})
	c := loggedIn(t, s)
	info := c.must("POST", "/authentication/getSessionInfo", nil)
	if got := "Session " + info.str("sessionId"); got != c.auth {
		t.Errorf("sessionId = %q, want the session in use", got)
	}
	if got := info.str("organizationId"); got != "77" {
		t.Errorf("organizationId = %q, want 77", got)
	}
	if _, ok := info.body["customInfo"].([]any); !ok {
		t.Errorf("customInfo missing or not a list: %s", info.raw)
	}
	c.must("GET", "/authentication/logout", nil)
	expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeSessionTimeout)
}

func TestServer_ExpireSessions(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	key := withAPIKey(t, s)
	s.ExpireSessions()
	expectError(t, c.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeSessionTimeout)
	key.must("GET", "/metadata/listEntities", nil)
}

func TestServer_UsersOption(t *testing.T) {
	s := newTestServer(t, Options{Users: []User{
		{UserName: "ops", Password: "pw1", APIKey: "k1", Email: "ops@example.com", FirstName: "Olga", LastName: "Ops"},
		{UserName: "viewer", Password: "pw2", Email: "viewer@example.com", LastName: "Viewer", License: "Limited"},
	}})
	c := newClient(t, s)
	resp := c.must("POST", "/authentication/login", map[string]any{"userName": "VIEWER", "password": "pw2"})
	if got := resp.str("licenseType"); got != "Limited" {
		t.Errorf("licenseType = %q, want Limited", got)
	}
	c.auth = "ApiKey k1"
	q := c.must("POST", "/data/query", map[string]any{"q": "SELECT UserName, Admin FROM User ORDER BY UserName"})
	users := q.list("entities")
	if len(users) != 2 {
		t.Fatalf("got %d users, want 2: %s", len(users), q.raw)
	}
	first := users[0].(map[string]any)
	if first["UserName"] != "ops" || first["Admin"] != true {
		t.Errorf("first user = %v, want ops with Admin true", first)
	}
	if got := strconv.Itoa(s.APICalls()); got != "1" {
		t.Errorf("APICalls = %s, want 1 (login does not count)", got)
	}
}

func TestServer_DisabledUserLosesAccess(t *testing.T) {
	s := newTestServer(t, Options{Users: []User{
		{UserName: "admin", Password: "pw", APIKey: "admin-key", LastName: "Admin"},
		{UserName: "integration", Password: "pw2", APIKey: "integration-key", LastName: "Integration"},
	}})
	admin := newClient(t, s)
	admin.auth = "ApiKey admin-key"
	integration := newClient(t, s)
	integration.auth = "ApiKey integration-key"
	integration.must("GET", "/metadata/listEntities", nil)

	rows := admin.must("POST", "/data/query", map[string]any{"q": "SELECT UserName FROM User WHERE UserName = 'integration'"}).list("entities")
	if len(rows) != 1 {
		t.Fatalf("integration user not found: %v", rows)
	}
	userID := rows[0].(map[string]any)["id"].(string)
	admin.must("POST", "/data/changeState", map[string]any{"ids": []string{userID}, "state": "Disabled"})

	expectError(t, integration.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeUnauthorized)
	resp := newClient(t, s).do("POST", "/authentication/login", map[string]any{"userName": "integration", "password": "pw2"})
	expectError(t, resp, http.StatusUnauthorized, codeLoginFailure)
}

func TestServer_ConcurrentClients(t *testing.T) {
	s := newTestServer(t, Options{})
	done := make(chan error, 4)
	for w := 0; w < 4; w++ {
		go func() {
			c := withAPIKey(t, s)
			for i := 0; i < 20; i++ {
				resp := c.do("PUT", "/data/objects/Task", map[string]any{"Name": "parallel"})
				if resp.status != http.StatusOK {
					done <- fmt.Errorf("create: status %d: %s", resp.status, resp.raw)
					return
				}
				c.do("POST", "/data/query", map[string]any{"q": "SELECT Name FROM Task"})
			}
			done <- nil
		}()
	}
	for w := 0; w < 4; w++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if n := len(s.All("Task")); n != 80 {
		t.Errorf("%d tasks after 4 clients created 20 each, want 80", n)
	}
}
