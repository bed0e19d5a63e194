//go:build linux

package app

import (
	"context"
	_ "embed"
	"errors"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/systray"
	"github.com/gen2brain/beeep"

	"github.com/liaison-sync/liaison/engine/logging"
)

//go:embed tray_icon.png
var trayIcon []byte

// trayUsed is set by the first Start: the tray library keeps one icon per
// process, and registering a second one after the first ended panics
// inside it.
var trayUsed atomic.Bool

// ErrTrayUsed is returned by a second Start in the same process.
var ErrTrayUsed = errors.New("start tray: the tray icon can be started once per process")

// SystemTray is the tray icon and menu on Linux desktops, through the
// StatusNotifierItem D-Bus protocol (fyne.io/systray), so it runs beside
// the Wails GTK loop without a second one. Failure notifications go through
// the desktop's notification service (gen2brain/beeep).
//
// Where no tray host runs (a bare window manager, Xvfb) the icon is simply
// not shown; the window still works.
type SystemTray struct {
	log *slog.Logger

	mu         sync.Mutex
	status     TrayStatus
	lastFailed int
	started    bool
	end        func()
	syncNow    *systray.MenuItem
	pause      *systray.MenuItem
}

// NewSystemTray returns a tray that logs to log.
func NewSystemTray(log *slog.Logger) *SystemTray {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &SystemTray{log: log.With(slog.String("component", "tray"))}
}

// Start shows the icon and runs the menu until ctx ends or Close. Without
// a D-Bus session bus it starts nothing and returns nil, because the tray
// library would autolaunch a bus daemon that outlives Liaison.
func (t *SystemTray) Start(ctx context.Context, actions TrayActions) error {
	if !sessionBusReachable() {
		t.log.Info("no D-Bus session bus; the tray icon stays hidden")
		return nil
	}
	if !trayUsed.CompareAndSwap(false, true) {
		return ErrTrayUsed
	}
	routeTrayLog(t.log)
	ready := make(chan struct{})
	start, end := systray.RunWithExternalLoop(func() {
		systray.SetIcon(trayIcon)
		systray.SetTitle("Liaison")
		systray.SetTooltip("Liaison: Salesforce and Clarizen in sync")
		t.mu.Lock()
		t.syncNow = systray.AddMenuItem("Sync now", "Sync every enabled mapping now")
		t.pause = systray.AddMenuItemCheckbox("Pause scheduled syncs", "Stop the daily and social syncs until you resume them", false)
		t.mu.Unlock()
		open := systray.AddMenuItem("Open Liaison", "Show the window")
		systray.AddSeparator()
		quit := systray.AddMenuItem("Quit", "Stop syncing and quit Liaison")
		close(ready)
		go t.loop(ctx, actions, open, quit)
	}, nil)
	start()
	t.mu.Lock()
	t.started, t.end = true, end
	t.mu.Unlock()
	select {
	case <-ready:
	case <-ctx.Done():
	}
	return nil
}

func (t *SystemTray) loop(ctx context.Context, actions TrayActions, open, quit *systray.MenuItem) {
	call := func(name string, fn func()) {
		if fn == nil {
			return
		}
		t.log.Info("tray menu", slog.String("item", name))
		fn()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.syncNow.ClickedCh:
			call("sync now", actions.SyncNow)
		case <-t.pause.ClickedCh:
			if t.pause.Checked() {
				t.pause.Uncheck()
				call("resume", actions.Resume)
			} else {
				t.pause.Check()
				call("pause", actions.Pause)
			}
		case <-open.ClickedCh:
			call("open", actions.Open)
		case <-quit.ClickedCh:
			call("quit", actions.Quit)
		}
	}
}

// SetStatus updates the tooltip and menu, and raises a notification when
// the number of failed records grows.
func (t *SystemTray) SetStatus(status TrayStatus) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.status = status
	if !t.started || t.syncNow == nil {
		return
	}
	tip := "Liaison: Salesforce and Clarizen in sync"
	switch {
	case status.Syncing:
		tip = "Liaison: syncing"
		t.syncNow.Disable()
	case status.Failed > 0:
		tip = "Liaison: " + countOf(status.Failed, "record", "records") + " failed in the last run"
	case status.Paused:
		tip = "Liaison: scheduled syncs paused"
	}
	if !status.Syncing {
		t.syncNow.Enable()
	}
	if status.Paused {
		t.pause.Check()
	} else {
		t.pause.Uncheck()
	}
	systray.SetTooltip(tip)

	if status.Failed > 0 && status.Failed != t.lastFailed && !status.Syncing {
		msg := countOf(status.Failed, "record", "records") + " failed to sync. Open the sync registry to see why and retry them."
		if err := beeep.Notify("Liaison", msg, trayIcon); err != nil {
			t.log.Warn("show failure notification", slog.Any("error", err))
		}
	}
	if !status.Syncing {
		t.lastFailed = status.Failed
	}
}

// Close removes the icon.
func (t *SystemTray) Close() error {
	t.mu.Lock()
	end := t.end
	t.end, t.started = nil, false
	t.mu.Unlock()
	if end != nil {
		end()
	}
	return nil
}

// sessionBusReachable reports whether a D-Bus session bus runs: its
// address is in the environment or its socket is in the runtime folder.
func sessionBusReachable() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return true
	}
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, "bus"))
	return err == nil
}

var routeOnce sync.Once

// routeTrayLog sends the lines that the tray library writes through the
// standard log package to logger, once per process. Without a tray host
// (no StatusNotifierWatcher, as on a bare window manager or Xvfb) the
// library prints "systray error: failed to register" at every start,
// although the icon simply stays hidden until a host appears.
func routeTrayLog(logger *slog.Logger) {
	routeOnce.Do(func() {
		log.SetOutput(trayLogRouter{log: logger, next: log.Writer()})
	})
}

// trayLogRouter passes standard log lines on to next, except those of the
// tray library, which go to log.
type trayLogRouter struct {
	log  *slog.Logger
	next io.Writer
}

func (r trayLogRouter) Write(p []byte) (int, error) {
	line := strings.TrimSpace(string(p))
	i := strings.Index(line, "systray error: ")
	if i < 0 {
		return r.next.Write(p)
	}
	message := strings.TrimPrefix(line[i:], "systray error: ")
	if strings.Contains(message, "org.kde.StatusNotifierWatcher") {
		r.log.Info("no tray host runs; the tray icon stays hidden until one starts", slog.String("detail", message))
	} else {
		r.log.Warn("tray library error", slog.String(logging.KeyError, message))
	}
	return len(p), nil
}
