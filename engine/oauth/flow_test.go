package oauth

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
)

func testFlow(t *testing.T, addr string) *Flow {
	t.Helper()
	f, err := NewFlow(Config{
		ClientID:     "liaison-desktop",
		Host:         LoginHost{Kind: HostCustom, URL: "http://127.0.0.1:9"},
		CallbackAddr: addr,
	}, OpenerFunc(func(context.Context, string) error { return errors.New("no browser in this test") }))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAttempt_AuthURL(t *testing.T) {
	a, err := testFlow(t, "127.0.0.1:1717").Begin()
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(a.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	checks := map[string]string{
		"response_type":         "code",
		"client_id":             "liaison-desktop",
		"redirect_uri":          "http://127.0.0.1:1717/oauth/callback",
		"code_challenge_method": "S256",
		"state":                 a.state,
		"scope":                 "api refresh_token",
	}
	for k, want := range checks {
		if got := q.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if q.Get("code_challenge") == "" || q.Get("code_challenge") == a.verifier {
		t.Errorf("code_challenge = %q, want the S256 hash of the verifier", q.Get("code_challenge"))
	}
	if u.Path != "/services/oauth2/authorize" {
		t.Errorf("path = %q", u.Path)
	}
}

func TestAttempt_codeFromPaste(t *testing.T) {
	a, err := testFlow(t, "127.0.0.1:1717").Begin()
	if err != nil {
		t.Fatal(err)
	}
	cb := "http://127.0.0.1:1717/oauth/callback?"
	tests := []struct {
		name    string
		pasted  string
		want    string
		wantErr error
	}{
		{name: "full URL", pasted: cb + url.Values{"code": {"aPrx.x%3D"}, "state": {a.state}}.Encode(), want: "aPrx.x%3D"},
		{name: "bare code", pasted: "aPrxABC%3D%3D", want: "aPrxABC=="},
		{name: "wrong state", pasted: cb + "code=x&state=other", wantErr: ErrStateMismatch},
		{name: "denied", pasted: cb + "error=access_denied&error_description=end-user+denied+authorization&state=" + a.state},
		{name: "empty", pasted: "  "},
		{name: "no code", pasted: cb + "state=" + a.state},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.codeFromPaste(strings.TrimSpace(tt.pasted))
			if tt.want == "" {
				if err == nil {
					t.Fatalf("codeFromPaste = %q, want an error", got)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("codeFromPaste = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFlow_Login_portBusy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()

	_, err = testFlow(t, addr).Login(context.Background())
	var busy *PortBusyError
	if !errors.As(err, &busy) {
		t.Fatalf("Login err = %v, want *PortBusyError", err)
	}
	if busy.Attempt == nil {
		t.Fatal("PortBusyError has no Attempt for the paste fallback")
	}
	if got, want := busy.Attempt.RedirectURI(), "http://"+addr+"/oauth/callback"; got != want {
		t.Errorf("fallback redirect URI = %q, want %q", got, want)
	}
}

func TestFlow_Login_rejectsNonLoopbackCallback(t *testing.T) {
	_, err := testFlow(t, "0.0.0.0:0").Login(context.Background())
	if err == nil || !strings.Contains(err.Error(), "not a loopback address") {
		t.Fatalf("Login err = %v, want a loopback error", err)
	}
}
