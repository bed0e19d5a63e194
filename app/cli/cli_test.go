package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
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
	code, stdout, _ := runCLI(t, nil, "sync", "--help")
	if code != ExitOK {
		t.Errorf("sync --help exit code = %d, want 0", code)
	}
	for _, flag := range []string{"-demo", "-dry-run", "-mapping", "-json", "-data-dir"} {
		if !strings.Contains(stdout, flag) {
			t.Errorf("sync --help does not describe %s on standard output:\n%s", flag, stdout)
		}
	}
}

// connectedDataDir returns a data folder whose database holds a connected
// Salesforce org and Clarizen instance (rows only: no secrets, so nothing
// can call them; the tests below never need to).
func connectedDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(context.Background(), filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []store.Connection{
		{ID: "salesforce", System: "salesforce", Environment: "production", State: "connected"},
		{ID: "clarizen1", System: "clarizen", Environment: "production", State: "connected"},
	} {
		if err := db.SaveConnection(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRun_SyncWithoutConnections(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI(t, map[string]string{EnvDataDir: dir}, "sync")
	if code != ExitFailed {
		t.Errorf("exit code = %d, want %d", code, ExitFailed)
	}
	if !strings.Contains(stderr, "nothing to sync") || !strings.Contains(stderr, "Connections screen") {
		t.Errorf("stderr = %q, want it to say there is nothing to sync and where to connect", stderr)
	}
}

func TestRun_SyncWithoutMappings(t *testing.T) {
	dir := connectedDataDir(t)
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
}

func TestRun_SyncUnknownMapping(t *testing.T) {
	code, _, stderr := runCLI(t, nil, "sync", "--data-dir", connectedDataDir(t), "--mapping", "Nope")
	if code != ExitUsage || !strings.Contains(stderr, `no mapping is called "Nope"`) {
		t.Errorf("exit %d, stderr %q; want a usage error naming the mapping", code, stderr)
	}
}

func TestRun_DryRunPrintsPlan(t *testing.T) {
	code, out, stderr := runCLI(t, nil, "sync", "--data-dir", connectedDataDir(t), "--dry-run")
	if code != ExitOK || !strings.Contains(out, "Plan of 0 operations") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func TestRun_TopLevelHelpAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, nil, "--help")
	if code != ExitOK || !strings.Contains(out, "liaison sync [flags]") || strings.Contains(out, "assetdir") {
		t.Errorf("--help: exit %d, stdout %q; want the commands and no development flags", code, out)
	}
	code, out, _ = runCLI(t, nil, "--version")
	if code != ExitOK || !strings.HasPrefix(out, "liaison ") {
		t.Errorf("--version: exit %d, stdout %q", code, out)
	}
	code, _, stderr := runCLI(t, nil, "version", "extra")
	if code != ExitUsage || !strings.Contains(stderr, "takes no arguments") {
		t.Errorf("version extra: exit %d, stderr %q", code, stderr)
	}
}

func TestRun_DesktopWithoutDisplay(t *testing.T) {
	if hasDisplay(func(string) string { return "" }) {
		t.Skip("this platform always has a display")
	}
	code, _, stderr := runCLI(t, map[string]string{EnvDataDir: t.TempDir()})
	if code != ExitUsage || !strings.Contains(stderr, "no display") || !strings.Contains(stderr, "liaison sync") {
		t.Errorf("exit %d, stderr %q; want a usage error pointing at the headless commands", code, stderr)
	}
}

func TestRun_DataDirIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, nil, "sync", "--data-dir", file)
	if code != ExitUsage || !strings.Contains(stderr, "is a file") {
		t.Errorf("exit %d, stderr %q; want a usage error saying the data folder is a file", code, stderr)
	}
}

func TestWithoutWailsDevFlags(t *testing.T) {
	got := withoutWailsDevFlags([]string{"-assetdir", "frontend/dist", "--data-dir", "x", "-devserver=127.0.0.1:1", "--hidden", "-loglevel", "Debug"})
	want := "--data-dir x --hidden"
	if strings.Join(got, " ") != want {
		t.Errorf("withoutWailsDevFlags = %q, want %q", strings.Join(got, " "), want)
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

func TestWriteNotices(t *testing.T) {
	tests := []struct {
		name    string
		skipped []syncer.SkippedDefinition
		held    []syncer.HeldDeletes
		want    []string
	}{
		{name: "nothing to say"},
		{
			name:    "a skipped event",
			skipped: []syncer.SkippedDefinition{{Kind: "event", Name: "Won deals", Error: "field Region__c is gone"}},
			want:    []string{`Skipped event "Won deals": field Region__c is gone`},
		},
		{
			name: "held deletions with the command that confirms them",
			held: []syncer.HeldDeletes{{Name: "Account to Customer", Deletes: 12, Links: 40, Percent: 30, MaxPercent: 10}},
			want: []string{`Held back 12 deletions of mapping "Account to Customer"`, "30% of its 40 linked pairs",
				`liaison sync --mapping "Account to Customer" --confirm-deletes 12`},
		},
		{
			name: "one deletion is singular",
			held: []syncer.HeldDeletes{{Name: "M", Deletes: 1, Links: 1, Percent: 100, MaxPercent: 10}},
			want: []string{"Held back 1 deletion of", "of its 1 linked pair,"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := writeNotices(&out, tt.skipped, tt.held); err != nil {
				t.Fatal(err)
			}
			if len(tt.want) == 0 && out.Len() != 0 {
				t.Errorf("output = %q, want nothing", out.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output = %q, want it to contain %q", out.String(), w)
				}
			}
		})
	}
}

func TestRun_ConfirmDeletes(t *testing.T) {
	t.Run("needs a mapping", func(t *testing.T) {
		code, _, stderr := runCLI(t, nil, "sync", "--data-dir", connectedDataDir(t), "--confirm-deletes", "5")
		if code != ExitUsage || !strings.Contains(stderr, "needs --mapping") {
			t.Errorf("exit %d, stderr %q; want a usage error asking for --mapping", code, stderr)
		}
	})
	t.Run("stores the confirmation for the named mapping", func(t *testing.T) {
		ctx := context.Background()
		dir := connectedDataDir(t)
		eng, err := engine.Open(ctx, engine.Config{DataDir: dir, Secrets: secretstest.NewMemory()})
		if err != nil {
			t.Fatal(err)
		}
		saved, err := eng.Workspace.SaveMapping(ctx, mapping.Mapping{Name: "Accounts", ClarizenInstance: 1,
			ClarizenEntity: "Customer", SalesforceObject: "Account"})
		if err != nil {
			t.Fatal(err)
		}
		if err := eng.Close(); err != nil {
			t.Fatal(err)
		}
		// The run itself cannot reach the orgs (the data folder has no
		// secrets); the confirmation is stored before it starts.
		runCLI(t, nil, "sync", "--data-dir", dir, "--mapping", "Accounts", "--confirm-deletes", "7")
		db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		got, ok, err := db.Setting(ctx, syncer.SettingConfirmedDeletesPrefix+saved.ID)
		if err != nil || !ok || got != "7" {
			t.Errorf("confirmed deletes setting = %q, %v, %v; want 7", got, ok, err)
		}
	})
}
