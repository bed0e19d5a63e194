//go:build linux

package app

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeOpener puts an xdg-open script with the given body first on PATH
// and returns its folder.
func fakeOpener(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	script := "#!/bin/sh\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir
}

func TestSystemOpen(t *testing.T) {
	const address = "http://127.0.0.1:4100/Project/1"
	tests := []struct {
		name    string
		script  string
		wantErr string
	}{
		{"opened", `printf '%s' "$1" > "$(dirname "$0")/opened"`, ""},
		{"browser refuses", "echo 'Opening in existing browser session.' >&2\n" +
			"echo '[0101/000000:ERROR:zygote_host_impl_linux.cc(100)] Running as root without --no-sandbox is not supported.' >&2\nexit 3",
			"xdg-open failed: exit status 3: [0101/000000:ERROR:zygote_host_impl_linux.cc(100)] Running as root without --no-sandbox is not supported."},
		{"silent failure", "exit 4", "xdg-open failed: exit status 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fakeOpener(t, tt.script)

			err := systemOpen(address)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("systemOpen: %v", err)
				}
				got, readErr := os.ReadFile(filepath.Join(dir, "opened"))
				if readErr != nil || string(got) != address {
					t.Errorf("the opener received %q (%v), want %q", got, readErr, address)
				}
				return
			}
			if err == nil {
				t.Fatal("systemOpen = nil, want the opener's failure")
			}
			if err.Error() != tt.wantErr {
				t.Errorf("err = %q, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestWindowShell_OpenURLOpenerFails(t *testing.T) {
	fakeOpener(t, "echo 'cannot open display' >&2\nexit 1")
	shell := NewWindowShell(nil)

	err := shell.OpenURL(t.Context(), "https://app.clarizen.example/Project/7")
	if err == nil {
		t.Fatal("OpenURL = nil, want the opener's failure")
	}
	want := "open https://app.clarizen.example/Project/7 in the system browser: xdg-open failed: exit status 1: cannot open display"
	if got := payload(t, err).Message; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}
