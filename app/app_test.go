package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/logging"
)

type reportLine struct {
	Event string          `json:"event"`
	Data  json.RawMessage `json:"data"`
}

func readReport(t *testing.T, path string) []reportLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open report: %v", err)
	}
	defer f.Close()

	var lines []reportLine
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		var line reportLine
		if err := json.Unmarshal(scanner.Bytes(), &line); err != nil {
			t.Fatalf("decode report line %q: %v", scanner.Text(), err)
		}
		lines = append(lines, line)
	}
	return lines
}

func newTestApp(t *testing.T, cfg Config) (*App, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	cfg.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	if cfg.UIReportFile == "" {
		cfg.UIReportFile = filepath.Join(t.TempDir(), "ui-report.jsonl")
	}
	return New(cfg, NewWindowShell(cfg.Logger)), &logs
}

func TestApp_Ready(t *testing.T) {
	var got []ReadyInfo
	a, logs := newTestApp(t, Config{OnReady: func(info ReadyInfo) { got = append(got, info) }})

	info := ReadyInfo{Screen: "connections", Theme: "dark", UserAgent: "test"}
	if err := a.Ready(info); err != nil {
		t.Fatalf("Ready: %v", err)
	}

	lines := readReport(t, a.cfg.UIReportFile)
	if len(lines) != 1 || lines[0].Event != "ready" {
		t.Fatalf("report lines = %+v, want one ready line", lines)
	}
	var data ReadyInfo
	if err := json.Unmarshal(lines[0].Data, &data); err != nil {
		t.Fatalf("decode ready data: %v", err)
	}
	if data != info {
		t.Errorf("report data = %+v, want %+v", data, info)
	}
	if len(got) != 1 || got[0] != info {
		t.Errorf("OnReady calls = %+v, want one with %+v", got, info)
	}
	if !strings.Contains(logs.String(), `"msg":"frontend ready"`) {
		t.Errorf("log has no ready line: %s", logs.String())
	}
}

func TestApp_ReadyWithoutReportFile(t *testing.T) {
	t.Setenv(EnvUIReportFile, "")
	a := New(Config{}, NewWindowShell(nil))
	if err := a.Ready(ReadyInfo{Screen: "settings"}); err != nil {
		t.Fatalf("Ready without a report file: %v", err)
	}
}

func TestApp_ReportFileFromEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "from-env.jsonl")
	t.Setenv(EnvUIReportFile, path)

	a := New(Config{}, NewWindowShell(nil))
	if err := a.Ready(ReadyInfo{Screen: "registry"}); err != nil {
		t.Fatalf("Ready: %v", err)
	}
	if lines := readReport(t, path); len(lines) != 1 {
		t.Errorf("report lines = %d, want 1", len(lines))
	}
}

func TestApp_ReportError(t *testing.T) {
	t.Run("logs and records the first report", func(t *testing.T) {
		a, logs := newTestApp(t, Config{})
		a.ReportError(FrontendError{Kind: "error", Message: "x is undefined", Source: "main.js", Line: 3})

		if !strings.Contains(logs.String(), `"message":"x is undefined"`) {
			t.Errorf("log lacks the message: %s", logs.String())
		}
		lines := readReport(t, a.cfg.UIReportFile)
		if len(lines) != 1 || lines[0].Event != "error" {
			t.Fatalf("report lines = %+v, want one error line", lines)
		}
	})

	t.Run("repeats are logged at every hundredth", func(t *testing.T) {
		a, logs := newTestApp(t, Config{})
		for range 250 {
			a.ReportError(FrontendError{Kind: "rejection", Message: "loop"})
		}
		if n := strings.Count(logs.String(), `"msg":"frontend error"`); n != 3 {
			t.Errorf("logged %d times, want 3 (1st, 100th, 200th)", n)
		}
		if n := len(readReport(t, a.cfg.UIReportFile)); n != 1 {
			t.Errorf("report lines = %d, want 1", n)
		}
	})

	t.Run("the repeat counter stays bounded", func(t *testing.T) {
		a, _ := newTestApp(t, Config{})
		for i := range maxDistinctErrors + 10 {
			a.ReportError(FrontendError{Kind: "error", Message: fmt.Sprintf("error %d", i)})
		}
		if n := len(a.errorCount); n > maxDistinctErrors {
			t.Errorf("counter holds %d messages, want at most %d", n, maxDistinctErrors)
		}
	})

	t.Run("long text is cut", func(t *testing.T) {
		a, logs := newTestApp(t, Config{})
		a.ReportError(FrontendError{Kind: "error", Message: strings.Repeat("é", maxReportText), Stack: strings.Repeat("s", 3*maxReportText)})

		var entry struct {
			Message string `json:"message"`
			Stack   string `json:"stack"`
		}
		if err := json.Unmarshal(logs.Bytes(), &entry); err != nil {
			t.Fatalf("decode log line: %v", err)
		}
		if len(entry.Stack) > maxReportText+len("…") {
			t.Errorf("stack length = %d, want at most %d", len(entry.Stack), maxReportText+len("…"))
		}
		if !strings.HasSuffix(entry.Message, "é…") {
			t.Errorf("message was cut inside a character: ...%q", entry.Message[len(entry.Message)-8:])
		}
	})
}

func TestApp_Info(t *testing.T) {
	a, _ := newTestApp(t, Config{Version: "1.2.3", DataDir: "/data"})
	want := Info{Version: "1.2.3", DataDir: "/data", HasWindow: false}
	if got := a.Info(); got != want {
		t.Errorf("Info() = %+v, want %+v", got, want)
	}
}

func TestFormatError(t *testing.T) {
	coded := &codedError{code: "needs_reauth", msg: "token revoked", hint: "Sign in again."}
	tests := []struct {
		name string
		err  error
		want any
	}{
		{"nil", nil, nil},
		{"plain error", errors.New("boom"), ErrorPayload{Code: CodeInternal, Message: "boom"}},
		{"coded error", coded, ErrorPayload{Code: "needs_reauth", Message: "token revoked", Hint: "Sign in again."}},
		{"wrapped coded error", fmt.Errorf("sync mapping m1: %w", coded),
			ErrorPayload{Code: "needs_reauth", Message: "sync mapping m1: token revoked", Hint: "Sign in again."}},
		{"no window", ErrNoWindow, ErrorPayload{Code: CodeNoWindow, Message: ErrNoWindow.Error()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatError(tt.err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FormatError() = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestWindowShell_OpenURL(t *testing.T) {
	tests := []struct {
		name    string
		address string
		wantErr bool
	}{
		{"https", "https://app.clarizen.example/Project/1", false},
		{"http loopback", "http://127.0.0.1:4100/lightning/r/Account/001/view", false},
		{"javascript scheme", "javascript:alert(1)", true},
		{"file scheme", "file:///etc/passwd", true},
		{"relative", "/Project/1", true},
		{"no host", "https:///path", true},
		{"empty", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opened []string
			shell := NewWindowShell(nil)
			shell.openURL = func(u string) error { opened = append(opened, u); return nil }

			err := shell.OpenURL(context.Background(), tt.address)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("OpenURL(%q) = nil, want an error", tt.address)
				}
				if p := FormatError(err).(ErrorPayload); p.Code != CodeInvalidURL {
					t.Errorf("error code = %q, want %q", p.Code, CodeInvalidURL)
				}
				if len(opened) != 0 {
					t.Errorf("opened %v, want nothing", opened)
				}
				return
			}
			if err != nil {
				t.Fatalf("OpenURL(%q): %v", tt.address, err)
			}
			if len(opened) != 1 || opened[0] != tt.address {
				t.Errorf("opened %v, want [%s]", opened, tt.address)
			}
		})
	}
}

func TestWindowShell_OpenURLFailure(t *testing.T) {
	const token = "00Dxx0000001gPL!AQ4AQFg8hd2.rOiOqJ7tGk5c"
	tests := []struct {
		name    string
		address string
		// masked is the address as the message and the log line carry it.
		masked string
	}{
		{"record page", "https://app.clarizen.example/Project/1", "https://app.clarizen.example/Project/1"},
		{"token in query", "https://acme.my.salesforce.example/secur/frontdoor.jsp?access_token=" + token + "&retURL=/001",
			"https://acme.my.salesforce.example/secur/frontdoor.jsp?access_token=" + logging.Mask + "&retURL=/001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(logging.NewRedactingHandler(slog.NewTextHandler(&logs, nil)))
			shell := NewWindowShell(logger)
			shell.openURL = func(string) error {
				return errors.New("xdg-open failed: exit status 1: Running as root without --no-sandbox is not supported")
			}

			err := shell.OpenURL(context.Background(), tt.address)
			if err == nil {
				t.Fatal("OpenURL = nil, want the opener's error")
			}
			p := payload(t, err)
			if p.Code != CodeBrowserFailed {
				t.Errorf("code = %q, want %q", p.Code, CodeBrowserFailed)
			}
			if want := "open " + tt.masked + " in the system browser: "; !strings.HasPrefix(p.Message, want) {
				t.Errorf("message = %q, want it to start with %q", p.Message, want)
			}
			if !strings.Contains(p.Message, "--no-sandbox") {
				t.Errorf("message = %q, want the opener's reason", p.Message)
			}
			if p.Details["url"] != tt.masked {
				t.Errorf("details url = %q, want %q", p.Details["url"], tt.masked)
			}
			if p.Hint == "" {
				t.Error("no hint")
			}
			line := logs.String()
			if !strings.Contains(line, tt.masked) {
				t.Errorf("log = %q, want the address %s", line, tt.masked)
			}
			if strings.Contains(line, token) || strings.Contains(p.Message, token) {
				t.Errorf("the token leaked: log %q, message %q", line, p.Message)
			}
		})
	}
}

func TestWindowShell_WithoutWindow(t *testing.T) {
	shell := NewWindowShell(nil)

	if shell.HasWindow() {
		t.Error("HasWindow() = true before Attach")
	}
	if _, err := shell.ChooseDirectory(context.Background(), "Data folder", "/tmp"); !errors.Is(err, ErrNoWindow) {
		t.Errorf("ChooseDirectory error = %v, want ErrNoWindow", err)
	}
	// These must not panic without a Wails context.
	shell.Emit("sync:progress", map[string]int{"done": 1})
	shell.ShowWindow()
	shell.Quit()
}

func TestSingleInstanceID(t *testing.T) {
	a := singleInstanceID(Config{DataDir: "/home/ann/.config/Liaison"})
	b := singleInstanceID(Config{DataDir: "/home/ann/.config/Liaison"})
	c := singleInstanceID(Config{DataDir: "/tmp/demo"})
	if a != b {
		t.Errorf("same folder gave %q and %q", a, b)
	}
	if a == c {
		t.Errorf("different folders share the id %q", a)
	}
	if got := singleInstanceID(Config{DataDir: "/x", SingleInstanceID: "fixed"}); got != "fixed" {
		t.Errorf("override = %q, want fixed", got)
	}
}

func TestDistinctColours(t *testing.T) {
	uniform := image.NewRGBA(image.Rect(0, 0, 8, 8))
	if got := distinctColours(uniform, 64); got != 1 {
		t.Errorf("uniform image: %d colours, want 1", got)
	}

	striped := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := range 8 {
		for y := range 8 {
			striped.Set(x, y, color.RGBA{R: uint8(x * 30), A: 255})
		}
	}
	if got := distinctColours(striped, 64); got != 8 {
		t.Errorf("striped image: %d colours, want 8", got)
	}
	if got := distinctColours(striped, 3); got != 3 {
		t.Errorf("limit 3: %d colours, want 3", got)
	}
}
