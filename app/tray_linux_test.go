//go:build linux

package app

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestSystemTray_MenuCallsActions(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no D-Bus session bus; run inside dbus-run-session (build/scripts/test.sh does)")
	}
	var syncs, pauses, resumes, opens atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tray := NewSystemTray(nil)
	if trayUsed.Load() {
		t.Skip("the tray library allows one tray per process, and an earlier run of this test used it")
	}
	err := tray.Start(ctx, TrayActions{
		SyncNow: func() { syncs.Add(1) },
		Pause:   func() { pauses.Add(1) },
		Resume:  func() { resumes.Add(1) },
		Open:    func() { opens.Add(1) },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer tray.Close()
	if tray.syncNow == nil {
		t.Fatal("the menu was not built")
	}
	if err := NewSystemTray(nil).Start(ctx, TrayActions{}); !errors.Is(err, ErrTrayUsed) {
		t.Errorf("second Start: err = %v, want ErrTrayUsed", err)
	}

	tray.syncNow.ClickedCh <- struct{}{}
	tray.pause.ClickedCh <- struct{}{}
	waitFor(t, func() bool { return syncs.Load() == 1 && pauses.Load() == 1 })
	if !tray.pause.Checked() {
		t.Error("the pause item is not checked after pausing")
	}
	tray.pause.ClickedCh <- struct{}{}
	waitFor(t, func() bool { return resumes.Load() == 1 })
	if tray.pause.Checked() {
		t.Error("the pause item is still checked after resuming")
	}

	tray.SetStatus(TrayStatus{Syncing: true})
	if !tray.syncNow.Disabled() {
		t.Error("Sync now is enabled during a run")
	}
	tray.SetStatus(TrayStatus{Paused: true})
	if tray.syncNow.Disabled() || !tray.pause.Checked() {
		t.Error("after the run: Sync now should be enabled and Pause checked")
	}
	if opens.Load() != 0 {
		t.Errorf("Open was called %d times without a click", opens.Load())
	}
}

// waitFor polls cond for up to five seconds; the tray handles clicks on a
// goroutine of its own.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within five seconds")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestTrayLogRouter_Write(t *testing.T) {
	cases := []struct {
		name      string
		line      string
		wantNext  bool
		wantLevel string
	}{
		{"no tray host", "2026/12/04 21:42:16 systray error: failed to register: The name org.kde.StatusNotifierWatcher was not provided by any .service files\n", false, "INFO"},
		{"other tray error", "2026/12/04 21:42:16 systray error: failed to emit new icon signal: closed\n", false, "WARN"},
		{"another package", "2026/12/04 21:42:16 something else happened\n", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var next, logged bytes.Buffer
			router := trayLogRouter{log: slog.New(slog.NewTextHandler(&logged, nil)), next: &next}
			n, err := router.Write([]byte(c.line))
			if err != nil || n != len(c.line) {
				t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(c.line))
			}
			if got := next.String() == c.line; got != c.wantNext {
				t.Errorf("passed on = %q, want passed on %v", next.String(), c.wantNext)
			}
			if c.wantLevel == "" {
				if logged.Len() > 0 {
					t.Errorf("logged %q for a line of another package", logged.String())
				}
				return
			}
			if !strings.Contains(logged.String(), "level="+c.wantLevel) || !strings.Contains(logged.String(), "failed to") {
				t.Errorf("logged %q, want a %s line with the library's message", logged.String(), c.wantLevel)
			}
		})
	}
}

// Without a session bus the tray starts nothing: the tray library would
// autolaunch a bus daemon that outlives the app.
func TestSystemTray_NoSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	var logged bytes.Buffer
	tray := NewSystemTray(slog.New(slog.NewTextHandler(&logged, nil)))
	used := trayUsed.Load()
	if err := tray.Start(context.Background(), TrayActions{}); err != nil {
		t.Fatalf("Start: %v", err)
	}
	defer tray.Close()
	if tray.started {
		t.Error("the tray started without a session bus")
	}
	if trayUsed.Load() != used {
		t.Error("Start used up the process's one tray without starting it")
	}
	if !strings.Contains(logged.String(), "no D-Bus session bus") {
		t.Errorf("log = %q, want the reason the icon stays hidden", logged.String())
	}
}
