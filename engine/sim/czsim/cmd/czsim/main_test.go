package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestRun_UsageAndArguments(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"help", []string{"-help"}, exitOK, "Usage: czsim [flags]", ""},
		{"short help", []string{"-h"}, exitOK, "-addr", ""},
		{"extra argument", []string{"extra"}, exitUsage, "", `unexpected argument "extra"`},
		{"unknown flag", []string{"-port", "8095"}, exitUsage, "", "flag provided but not defined: -port"},
		{"not loopback", []string{"-addr", "192.0.2.1:0"}, exitFailed, "", "not a loopback address"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), c.args, &stdout, &stderr)
			if code != c.wantCode {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, c.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), c.wantStdout) {
				t.Errorf("stdout = %q, want it to contain %q", stdout.String(), c.wantStdout)
			}
			if !strings.Contains(stderr.String(), c.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), c.wantStderr)
			}
		})
	}
}

// The printed logins work on the printed discovery URL, and an interrupt
// ends the command with exit code 0.
func TestRun_PrintsWorkingLogins(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, w := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"-addr", "127.0.0.1:0", "-org", "4100001"}, w, io.Discard)
		w.Close()
	}()

	values := map[string]string{}
	scanner := bufio.NewScanner(out)
	for scanner.Scan() {
		k, v, ok := strings.Cut(scanner.Text(), "=")
		if ok {
			values[k] = v
		}
		if k == "api_key" {
			break
		}
	}
	go io.Copy(io.Discard, out)
	for _, k := range []string{"discovery_url", "server_definition", "server_location", "organization_id", "username", "password", "api_key"} {
		if values[k] == "" {
			t.Fatalf("output lacks %s: %v", k, values)
		}
	}
	if !strings.HasPrefix(values["server_definition"], "POST "+values["discovery_url"]) {
		t.Errorf("server_definition = %q, want a POST on the discovery URL", values["server_definition"])
	}

	body, _ := json.Marshal(map[string]string{"userName": values["username"], "password": values["password"]})
	resp, err := http.Post(values["discovery_url"]+"authentication/getServerDefinition", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var def struct {
		ServerLocation string `json:"serverLocation"`
		OrganizationID int64  `json:"organizationId"`
	}
	err = json.NewDecoder(resp.Body).Decode(&def)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("getServerDefinition: HTTP %d", resp.StatusCode)
	}
	if def.OrganizationID != 4100001 {
		t.Errorf("organizationId = %d, want 4100001", def.OrganizationID)
	}
	if def.ServerLocation != values["server_location"] {
		t.Errorf("serverLocation = %q, printed %q", def.ServerLocation, values["server_location"])
	}

	cancel()
	if got := <-code; got != exitOK {
		t.Errorf("exit code after the interrupt = %d, want %d", got, exitOK)
	}
}
