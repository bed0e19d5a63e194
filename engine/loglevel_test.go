package engine_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/scheduler"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// TestEngine_SaveSettingsAppliesLogLevel checks that choosing Debug on the
// Settings screen puts debug lines into the log file of the running
// process, without a restart.
func TestEngine_SaveSettingsAppliesLogLevel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	// Without a Logger the demo writes the log file of its data folder,
	// as the desktop app does, at info.
	ws, err := demo.Start(ctx, demo.Options{DataDir: dir, Secrets: secretstest.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	eng := ws.Engine
	logFile := filepath.Join(dir, logging.FileName)
	debugLines := func() int {
		t.Helper()
		data, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatal(err)
		}
		// The record's own level comes right before its message.
		return bytes.Count(data, []byte(`"level":"DEBUG","msg":`))
	}
	if n := debugLines(); n != 0 {
		t.Fatalf("the log has %d debug lines at level info", n)
	}

	s := eng.Settings(ctx)
	s.LogLevel = "debug"
	if err := eng.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	users := "bp-users"
	if _, err := eng.Sync(ctx, syncer.RunOptions{Trigger: scheduler.TriggerSchedule, MappingIDs: []string{users}}); err != nil {
		t.Fatal(err)
	}
	if n := debugLines(); n == 0 {
		t.Error("a sync after saving the debug level wrote no debug line to the log file")
	}
	if got := eng.Settings(ctx).ActiveLogLevel; got != "debug" {
		t.Errorf("ActiveLogLevel = %q, want debug", got)
	}
}
