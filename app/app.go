package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"unicode/utf8"
)

// maxReportText caps the message and stack of a frontend error report, so a
// runaway error loop cannot fill the log.
const maxReportText = 4096

// maxDistinctErrors bounds the repeat counter of ReportError. When more
// distinct messages arrive, the counter starts over and each message is
// logged once more.
const maxDistinctErrors = 1000

// App holds the methods that the frontend calls through the generated
// bindings (frontend/wailsjs/go/app/App). Each one is thin: it converts its
// arguments, does its work through the Shell or the engine, and returns a
// DTO or an error.
type App struct {
	cfg   Config
	log   *slog.Logger
	shell Shell

	reportMu   sync.Mutex
	errorCount map[string]int
}

// New returns the bound App. It does not open a window, so tests and the
// end-to-end harness can use it with any Shell.
func New(cfg Config, shell Shell) *App {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.UIReportFile == "" {
		cfg.UIReportFile = os.Getenv(EnvUIReportFile)
	}
	return &App{
		cfg:        cfg,
		log:        logger.With(slog.String("component", "app")),
		shell:      shell,
		errorCount: make(map[string]int),
	}
}

// Ready records that the frontend has rendered its first screen.
func (a *App) Ready(info ReadyInfo) error {
	a.log.Info("frontend ready",
		slog.String("screen", info.Screen),
		slog.String("theme", info.Theme),
		slog.String("user_agent", info.UserAgent))

	if err := a.writeReport("ready", info); err != nil {
		return err
	}
	if a.cfg.OnReady != nil {
		a.cfg.OnReady(info)
	}
	return nil
}

// ReportError logs an uncaught frontend error. A message that repeats is
// logged the first time and then at every hundredth repeat with its count.
func (a *App) ReportError(report FrontendError) {
	report.Message = truncate(report.Message, maxReportText)
	report.Stack = truncate(report.Stack, maxReportText)

	a.reportMu.Lock()
	if _, seen := a.errorCount[report.Message]; !seen && len(a.errorCount) >= maxDistinctErrors {
		clear(a.errorCount)
	}
	a.errorCount[report.Message]++
	count := a.errorCount[report.Message]
	a.reportMu.Unlock()

	if count == 1 || count%100 == 0 {
		a.log.Error("frontend error",
			slog.String("kind", report.Kind),
			slog.String("message", report.Message),
			slog.String("source", report.Source),
			slog.Int("line", report.Line),
			slog.Int("column", report.Column),
			slog.String("stack", report.Stack),
			slog.Int("count", count))
	}
	if count == 1 {
		if err := a.writeReport("error", report); err != nil {
			a.log.Warn("write ui report", slog.Any("error", err))
		}
	}
}

// OpenURL opens an http or https address, such as a record's page in
// Clarizen or Salesforce, in the system browser.
func (a *App) OpenURL(address string) error {
	return a.shell.OpenURL(context.Background(), address)
}

// ChooseDirectory opens a folder dialog, starting at current, and
// returns "" when the user cancels.
func (a *App) ChooseDirectory(title, current string) (string, error) {
	return a.shell.ChooseDirectory(context.Background(), title, current)
}

// Info describes the running app.
func (a *App) Info() Info {
	return Info{Version: a.cfg.Version, DataDir: a.cfg.DataDir, HasWindow: a.shell.HasWindow()}
}

// writeReport appends one JSON line {"event": ..., "data": ...} to the UI
// report file when one is configured.
func (a *App) writeReport(event string, data any) error {
	if a.cfg.UIReportFile == "" {
		return nil
	}
	line, err := json.Marshal(struct {
		Event string `json:"event"`
		Data  any    `json:"data"`
	}{event, data})
	if err != nil {
		return fmt.Errorf("encode ui report %s: %w", event, err)
	}

	a.reportMu.Lock()
	defer a.reportMu.Unlock()

	f, err := os.OpenFile(a.cfg.UIReportFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open ui report %s: %w", a.cfg.UIReportFile, err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("write ui report %s: %w", a.cfg.UIReportFile, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close ui report %s: %w", a.cfg.UIReportFile, err)
	}
	return nil
}

// truncate cuts s to at most n bytes on a character boundary and appends an
// ellipsis where it cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
