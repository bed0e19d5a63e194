package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestCommand_ServesSeededOrg(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "sfsim")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-seed", "3", "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()

	urls := map[string]string{}
	scanner := bufio.NewScanner(stdout)
	for len(urls) < 7 && scanner.Scan() {
		k, v, ok := strings.Cut(scanner.Text(), "=")
		if ok {
			urls[k] = v
		}
	}
	for _, k := range []string{"instance_url", "login_url", "sandbox_login_url", "org_id"} {
		if urls[k] == "" {
			t.Fatalf("output lacks %s: %v", k, urls)
		}
	}
	resp, err := http.Post(urls["instance_url"]+"/__sim/token", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, urls["instance_url"]+"/services/data/v59.0/query?q=SELECT+COUNT()+FROM+Opportunity", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var count struct {
		TotalSize int `json:"totalSize"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&count)
	resp.Body.Close()
	if count.TotalSize != 200 {
		t.Errorf("demo org has %d opportunities, want 200", count.TotalSize)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("command exit: %v", err)
	}
}

func TestRun_UsageAndArguments(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"help", []string{"-help"}, exitOK, "Usage: sfsim [flags]", ""},
		{"short help", []string{"-h"}, exitOK, "-addr", ""},
		{"extra argument", []string{"extra"}, exitUsage, "", `unexpected argument "extra"`},
		{"unknown flag", []string{"-port", "8094"}, exitUsage, "", "flag provided but not defined: -port"},
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
