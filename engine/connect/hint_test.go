package connect_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
)

func TestManager_ConnectClarizenHint(t *testing.T) {
	const (
		toSandbox    = "If this is a sandbox instance, choose Sandbox."
		toProduction = "If this is a production instance, choose Production."
	)
	tests := []struct {
		name     string
		login    connect.ClarizenLogin
		wantName string
		wantHint string
		// notHint is text the hint must not contain.
		notHint string
	}{
		{
			name: "sandbox key on production",
			login: connect.ClarizenLogin{ConnectionID: connect.Clarizen2, Environment: connect.EnvProduction,
				APIKey: cz2APIKey},
			wantName: "Clarizen instance 2",
			wantHint: toSandbox,
			notHint:  toProduction,
		},
		{
			name: "wrong password on production",
			login: connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
				UserName: czUser, Password: "wrong-password"},
			wantName: "Clarizen instance 1",
			wantHint: toSandbox,
			notHint:  toProduction,
		},
		{
			name: "production login on sandbox",
			login: connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvSandbox,
				UserName: czUser, Password: czPassword},
			wantName: "Clarizen instance 1",
			wantHint: toProduction,
			notHint:  toSandbox,
		},
		{
			name:     "no password",
			login:    connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction, UserName: czUser},
			wantName: "Clarizen instance 1",
			notHint:  toSandbox,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{})

			_, err := e.m.ConnectClarizen(e.ctx, tt.login)
			if err == nil {
				t.Fatal("ConnectClarizen succeeded, want an error")
			}
			var ce *connect.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *connect.Error", err)
			}
			msg, hint := err.Error(), ce.ErrorHint()
			if !strings.Contains(msg, tt.wantName) {
				t.Errorf("message %q does not name %q", msg, tt.wantName)
			}
			if strings.Contains(msg, tt.login.ConnectionID) {
				t.Errorf("message %q shows the id %s", msg, tt.login.ConnectionID)
			}
			if tt.wantHint != "" && !strings.Contains(hint, tt.wantHint) {
				t.Errorf("hint %q, want it to contain %q", hint, tt.wantHint)
			}
			if strings.Contains(hint, tt.notHint) {
				t.Errorf("hint %q contains %q", hint, tt.notHint)
			}
			if strings.Contains(hint, "login host") {
				t.Errorf("hint %q mentions a login host, which the form does not have", hint)
			}
		})
	}
}

func TestDisplayName(t *testing.T) {
	tests := map[string]string{
		connect.Salesforce: "Salesforce",
		connect.Clarizen1:  "Clarizen instance 1",
		connect.Clarizen2:  "Clarizen instance 2",
		"clarizen3":        "clarizen3",
	}
	for id, want := range tests {
		t.Run(id, func(t *testing.T) {
			if got := connect.DisplayName(id); got != want {
				t.Errorf("DisplayName(%q) = %q, want %q", id, got, want)
			}
		})
	}
}
