package cli

import (
	"strings"
	"testing"
)

// The README's first command, `liaison demo`, on a machine without a
// display: it runs headless from a fresh temporary folder.
func TestRunDemo_WithoutDisplay(t *testing.T) {
	code, stdout, stderr := runCLI(t, map[string]string{}, "demo")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, ExitOK, stdout, stderr)
	}
	for _, want := range []string{
		"No display found; running the demo headless.",
		"Best-practices package version 2 installed",
		"created  updated  deleted   linked   failed API calls",
		"Account to Customer",
		"Clarizen Project to Project",
		"Opportunity Product to Sub-project",
		"Support: Case to Issue",
		"Social sync",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, line := range strings.Split(stdout, "\n") {
		fields := strings.Fields(line)
		if len(fields) > 6 && fields[0] == "Total" && fields[1] == "0" {
			t.Errorf("total line %q: the demo created nothing", line)
		}
	}
}

func TestRunDemo_UsageErrors(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"walkthrough without a window", map[string]string{"DISPLAY": ":99"}, []string{"demo", "--walkthrough", "--headless"}, "--walkthrough needs the window"},
		{"walkthrough without a display", map[string]string{}, []string{"demo", "--walkthrough"}, "--walkthrough needs a display"},
		{"unknown browser", map[string]string{}, []string{"demo", "--browser", "lynx"}, `invalid --browser "lynx"`},
		{"bad log level", map[string]string{}, []string{"demo", "--log-level", "loud"}, "invalid log level"},
		{"unknown keychain choice", map[string]string{}, []string{"demo", "--keychain", "maybe"}, `invalid --keychain "maybe"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, c.env, c.args...)
			if code != ExitUsage {
				t.Errorf("exit code = %d, want %d", code, ExitUsage)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, c.want)
			}
		})
	}
}

// A dry run of the demo sets up the simulated orgs, which prints lines
// about creating objects and installing the package; the output says
// that only the simulators changed and that the plan wrote nothing.
func TestSyncDemo_DryRunNotice(t *testing.T) {
	code, stdout, stderr := runCLI(t, map[string]string{}, "sync", "--demo", "--dry-run")
	if code != ExitOK {
		t.Fatalf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, ExitOK, stdout, stderr)
	}
	setup := strings.Index(stdout, setupLine)
	installed := strings.Index(stdout, "Best-practices package version 2 installed in the demo workspace")
	notice := strings.Index(stdout, dryRunNotice)
	plan := strings.Index(stdout, "Plan of ")
	if setup != 0 {
		t.Errorf("stdout starts %q, want the setup line first", firstLine(stdout))
	}
	if installed < 0 || notice < installed {
		t.Errorf("the dry-run notice (at %d) does not follow the package line (at %d):\n%s", notice, installed, stdout)
	}
	if plan < notice {
		t.Errorf("the plan (at %d) does not follow the dry-run notice (at %d):\n%s", plan, notice, stdout)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
