package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

// RunDesktop opens the desktop window and blocks until the user quits or ctx
// ends. Wails must run on the main goroutine, so the command line calls it
// from main.
func RunDesktop(ctx context.Context, cfg Config) error {
	if cfg.Assets == nil {
		return errors.New("run desktop: no frontend assets")
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	tray := cfg.Tray
	if tray == nil {
		tray = NoTray{}
	}

	shell := NewWindowShell(logger)
	bound := New(cfg, shell)
	services := NewServices(cfg, shell)

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	// domReady closes once the page has loaded, which means the GTK main
	// loop runs; stopped closes when the window has shut down.
	domReady, stopped := make(chan struct{}), make(chan struct{})
	var readyOnce, stoppedOnce sync.Once

	opts := &options.App{
		Title:             windowTitle(cfg.Version),
		Width:             1280,
		Height:            800,
		MinWidth:          960,
		MinHeight:         600,
		StartHidden:       cfg.StartHidden,
		HideWindowOnClose: cfg.HideWindowOnClose,
		BackgroundColour:  options.NewRGB(246, 247, 249),
		AssetServer:       &assetserver.Options{Assets: cfg.Assets},
		Logger:            wailsLogger{log: logger.With(slog.String("component", "wails"))},
		ErrorFormatter:    FormatError,
		Bind:              append(append([]any{bound}, services.Bindings()...), cfg.Bind...),
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: singleInstanceID(cfg),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				logger.Info("second launch: showing the window")
				shell.ShowWindow()
			},
		},
		OnStartup: func(wctx context.Context) {
			shell.Attach(wctx)
			services.Start(runCtx)
			go quitWhenDone(runCtx, shell, domReady, stopped, quitRetryInterval)
			actions, stopFollowing := services.StartTray(tray, shell)
			go func() {
				<-runCtx.Done()
				stopFollowing()
			}()
			if err := tray.Start(runCtx, actions); err != nil {
				logger.Warn("start tray", slog.Any("error", err))
			}
			if cfg.OnStartup != nil {
				cfg.OnStartup(runCtx, shell)
			}
		},
		OnDomReady: func(context.Context) {
			readyOnce.Do(func() { close(domReady) })
		},
		OnShutdown: func(context.Context) {
			stoppedOnce.Do(func() { close(stopped) })
			services.Stop()
			shell.Detach()
			if err := tray.Close(); err != nil {
				logger.Warn("close tray", slog.Any("error", err))
			}
		},
		Linux: &linux.Options{
			ProgramName: "liaison",
			// Software rendering avoids blank windows on some GPU drivers
			// and under Xvfb; the UI has no animation that needs the GPU.
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
	}

	logger.Info("desktop starting", slog.String("data_dir", cfg.DataDir))
	if err := wails.Run(opts); err != nil {
		return fmt.Errorf("run desktop window: %w", err)
	}
	logger.Info("desktop stopped")
	return nil
}

// quitRetryInterval spaces the attempts to quit a window whose main loop
// may not run yet.
const quitRetryInterval = time.Second

// quitWhenDone closes the window when ctx ends, for example on SIGTERM.
// Wails runs OnStartup beside the start of the GTK main loop, and a quit
// before the loop runs is lost (GTK logs "gtk_main_quit: assertion
// 'main_loops != NULL' failed" and the window stays). So it waits for the
// page to load, or one retry interval, and calls Quit again until the
// window has stopped.
func quitWhenDone(ctx context.Context, shell Shell, domReady, stopped <-chan struct{}, retry time.Duration) {
	select {
	case <-ctx.Done():
	case <-stopped:
		return
	}
	select {
	case <-domReady:
	case <-stopped:
		return
	case <-time.After(retry):
	}
	for {
		shell.Quit()
		select {
		case <-stopped:
			return
		case <-time.After(retry):
		}
	}
}

func windowTitle(version string) string {
	if version == "" {
		return "Liaison"
	}
	return "Liaison " + version
}

// singleInstanceID derives the lock id from the data folder, so one data
// folder is open in one process only while a second folder may be open
// beside it (the demo workspace, a test).
func singleInstanceID(cfg Config) string {
	if cfg.SingleInstanceID != "" {
		return cfg.SingleInstanceID
	}
	dir := cfg.DataDir
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	sum := sha256.Sum256([]byte(dir))
	return "io.liaison.desktop." + hex.EncodeToString(sum[:6])
}

// wailsLogger sends Wails's own log lines to slog.
type wailsLogger struct{ log *slog.Logger }

func (l wailsLogger) Print(message string)   { l.log.Info(message) }
func (l wailsLogger) Trace(message string)   { l.log.Debug(message) }
func (l wailsLogger) Debug(message string)   { l.log.Debug(message) }
func (l wailsLogger) Info(message string)    { l.log.Info(message) }
func (l wailsLogger) Warning(message string) { l.log.Warn(message) }
func (l wailsLogger) Error(message string)   { l.log.Error(message) }
func (l wailsLogger) Fatal(message string)   { l.log.Error(message) }
