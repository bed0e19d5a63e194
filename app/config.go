package app

import (
	"context"
	"io/fs"
	"log/slog"

	"github.com/liaison-sync/liaison/engine"
)

// EnvUIReportFile names the environment variable that RunDesktop reads when
// Config.UIReportFile is empty. The desktop smoke test and the end-to-end
// harness set it to learn when the frontend has rendered and whether it
// reported an error.
const EnvUIReportFile = "LIAISON_UI_REPORT_FILE"

// Config is the desktop configuration that the command line passes to
// RunDesktop.
type Config struct {
	// Assets is the built frontend (the contents of frontend/dist).
	Assets fs.FS
	// DataDir is the folder that holds the database and the log files. It
	// also keys the single-instance lock, so two data folders can be open at
	// the same time but one folder only once.
	DataDir string
	// Logger receives every log line of the desktop layer; nil discards them.
	Logger *slog.Logger
	// Version is shown in the window title and returned by App.Info.
	Version string

	// HideWindowOnClose keeps the process running when the window is closed.
	// Launching Liaison a second time shows the hidden window again.
	HideWindowOnClose bool
	// StartHidden starts with the window hidden (for a start at login).
	StartHidden bool
	// SingleInstanceID overrides the id of the single-instance lock; empty
	// derives it from DataDir.
	SingleInstanceID string

	// UIReportFile, when set, receives one JSON line per frontend report
	// (ready or error). Empty falls back to the LIAISON_UI_REPORT_FILE
	// environment variable, and then to no file.
	UIReportFile string
	// Tray is the system tray; nil uses a tray that does nothing.
	Tray Tray
	// OnReady runs after the frontend reported that it has rendered.
	OnReady func(ReadyInfo)
	// OnStartup runs once the window exists. Its Emitter sends events to the
	// frontend, which is how the engine's progress and registry events reach
	// the screens. ctx ends when the window closes.
	OnStartup func(ctx context.Context, events Emitter)
	// Bind lists further objects whose exported methods the frontend may
	// call, besides App and the screen services.
	Bind []any

	// Engine is the opened engine the screen services call. The caller
	// opens, starts and closes it; nil leaves every screen service
	// answering with the no_engine error.
	Engine *engine.Engine
	// Demo describes the simulated orgs of the demo workspace, which the
	// window shows in a banner; nil outside the demo.
	Demo *DemoInfo
	// DemoSetup is the demo's setup running behind the window, which the
	// window follows through EventDemoSetup; nil outside the demo.
	DemoSetup DemoSetup
}

// DemoInfo describes the demo workspace's simulated orgs. Their logins are
// made up for the simulators and are no secret of any real org, so the
// window shows them to help the user through the login pages.
type DemoInfo struct {
	Salesforce DemoLogin           `json:"salesforce"`
	Clarizen   []DemoClarizenLogin `json:"clarizen"`
}

// DemoLogin is the user name and password of the simulated Salesforce
// org's login page.
type DemoLogin struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// DemoClarizenLogin is the login of one simulated Clarizen instance.
type DemoClarizenLogin struct {
	// Instance is 1 or 2.
	Instance int `json:"instance"`
	// Environment is production or sandbox: the discovery endpoint that
	// reaches this simulator.
	Environment string `json:"environment"`
	UserName    string `json:"userName"`
	Password    string `json:"password"`
	APIKey      string `json:"apiKey"`
}

// Emitter sends named events to the frontend, where src/api subscribes to
// them. Without a window it drops them.
type Emitter interface {
	Emit(name string, data any)
}
