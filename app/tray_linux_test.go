//go:build linux

package app

import (
	"context"
	"errors"
	"os"
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
