package engine_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/scheduler"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// TestEngine_SyncNowPairsUsersAndCopiesPosts checks what Engine.Sync adds
// around a run: users paired first, posts and comments copied after a
// manual run, and neither for a dry run.
func TestEngine_SyncNowPairsUsersAndCopiesPosts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ws, err := demo.Start(ctx, demo.Options{DataDir: t.TempDir(), Secrets: secretstest.NewMemory(),
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	eng := ws.Engine

	rowsOf := func(op string) int {
		t.Helper()
		rows, _, err := eng.DB.Registry(ctx, store.RegistryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range rows {
			if r.Operation == op {
				n++
			}
		}
		return n
	}
	userLinks := func() int {
		t.Helper()
		n, err := eng.DB.CountLinks(ctx, "bp-users")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	if _, err := eng.Sync(ctx, syncer.RunOptions{Trigger: scheduler.TriggerManual, DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if n := userLinks(); n != 0 {
		t.Fatalf("a dry run paired %d users, want none", n)
	}

	summary, err := eng.Sync(ctx, syncer.RunOptions{Trigger: scheduler.TriggerManual})
	if err != nil {
		t.Fatal(err)
	}
	if summary.Status != syncer.StatusSucceeded {
		t.Fatalf("run %s: %s", summary.Status, summary.StopReason)
	}
	if n := userLinks(); n == 0 {
		t.Error("Sync Now paired no users by e-mail before the run")
	}
	if n := rowsOf("post"); n == 0 {
		t.Error("Sync Now copied no posts or comments after the run")
	}

	posts := rowsOf("post")
	if _, err := eng.Sync(ctx, syncer.RunOptions{Trigger: scheduler.TriggerSchedule}); err != nil {
		t.Fatal(err)
	}
	if n := rowsOf("post"); n != posts {
		t.Errorf("a scheduled run copied posts (%d rows, was %d); the social cycle does that", n, posts)
	}
}
