package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// runCLI runs the command line with args and returns the exit code and
// both outputs. LIAISON_DATA_DIR comes from getenv.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := newTestEnv(&stdout, &stderr, env)
	code := run(context.Background(), e, args)
	return code, stdout.String(), stderr.String()
}

func newTestEnv(stdout, stderr *bytes.Buffer, vars map[string]string) env {
	return env{stdout: stdout, stderr: stderr, assets: fstest.MapFS{},
		getenv: func(k string) string { return vars[k] }}
}

func TestRun_Version(t *testing.T) {
	code, out, _ := runCLI(t, nil, "version")
	if code != ExitOK || !strings.HasPrefix(out, "liaison ") {
		t.Errorf("version: exit %d, output %q", code, out)
	}
}

func TestRun_UsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"sync", "--bogus"}, "flag provided but not defined: -bogus"},
		{"stray argument", []string{"sync", "extra"}, `unexpected argument "extra"`},
		{"bad log level", []string{"sync", "--log-level", "loud"}, "invalid log level"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, map[string]string{EnvDataDir: t.TempDir()}, c.args...)
			if code != ExitUsage {
				t.Errorf("exit code = %d, want %d", code, ExitUsage)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, c.want)
			}
		})
	}
}

func TestRun_HelpExitsZero(t *testing.T) {
	code, _, stderr := runCLI(t, nil, "sync", "--help")
	if code != ExitOK {
		t.Errorf("sync --help exit code = %d, want 0", code)
	}
	for _, flag := range []string{"-demo", "-dry-run", "-mapping", "-json", "-data-dir"} {
		if !strings.Contains(stderr, flag) {
			t.Errorf("sync --help does not describe %s:\n%s", flag, stderr)
		}
	}
}

func TestRun_SyncWithoutMappings(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := runCLI(t, map[string]string{EnvDataDir: dir}, "sync", "--json")
	if code != ExitOK {
		t.Fatalf("exit code = %d, stderr %q", code, stderr)
	}
	var summary struct {
		RunID    int64  `json:"runId"`
		Status   string `json:"status"`
		Mappings []any  `json:"mappings"`
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("output is not a JSON summary: %v\n%s", err, out)
	}
	if summary.RunID == 0 || summary.Status != "succeeded" || len(summary.Mappings) != 0 {
		t.Errorf("summary = %+v, want a succeeded run with no mappings", summary)
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "liaison.db")); len(matches) != 1 {
		t.Error("no database in the data folder from LIAISON_DATA_DIR")
	}
}

func TestRun_SyncUnknownMapping(t *testing.T) {
	code, _, stderr := runCLI(t, nil, "sync", "--data-dir", t.TempDir(), "--mapping", "Nope")
	if code != ExitUsage || !strings.Contains(stderr, `no mapping is called "Nope"`) {
		t.Errorf("exit %d, stderr %q; want a usage error naming the mapping", code, stderr)
	}
}

func TestRun_DryRunPrintsPlan(t *testing.T) {
	code, out, stderr := runCLI(t, nil, "sync", "--data-dir", t.TempDir(), "--dry-run")
	if code != ExitOK || !strings.Contains(out, "Plan of 0 operations") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func TestResolveDataDir(t *testing.T) {
	flagDir, envDir := t.TempDir(), t.TempDir()
	e := env{getenv: func(k string) string {
		if k == EnvDataDir {
			return envDir
		}
		return ""
	}}
	if got, _ := resolveDataDir(e, flagDir); got != flagDir {
		t.Errorf("with a flag: %s, want %s", got, flagDir)
	}
	if got, _ := resolveDataDir(e, ""); got != envDir {
		t.Errorf("with the environment variable: %s, want %s", got, envDir)
	}
	none := env{getenv: func(string) string { return "" }}
	if got, err := resolveDataDir(none, ""); err != nil || filepath.Base(got) != "Liaison" {
		t.Errorf("default: %s, %v; want a Liaison folder", got, err)
	}
}

func TestHasDisplay(t *testing.T) {
	vars := map[string]string{}
	get := func(k string) string { return vars[k] }
	if hasDisplay(get) {
		t.Skip("this platform always has a display")
	}
	vars["DISPLAY"] = ":99"
	if !hasDisplay(get) {
		t.Error("DISPLAY set, hasDisplay = false")
	}
}
