package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func mustOpen(tb testing.TB, path string) *DB {
	tb.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func schemaVersion(tb testing.TB, db *DB) int {
	tb.Helper()
	var v int
	if err := db.write.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}

func TestOpen_Pragmas(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	checks := []struct {
		pragma string
		want   string
	}{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
		{"synchronous", "1"}, // NORMAL
	}
	for _, c := range checks {
		t.Run(c.pragma, func(t *testing.T) {
			var got string
			if err := db.write.QueryRow("PRAGMA " + c.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("PRAGMA %s = %q, want %q", c.pragma, got, c.want)
			}
		})
	}
	if got := schemaVersion(t, db); got != LatestVersion() {
		t.Errorf("schema version = %d, want %d", got, LatestVersion())
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(db.Path())
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode != 0o600 {
			t.Errorf("database file mode = %o, want 600", mode)
		}
	}
}

func TestOpen_MigratesOlderSchemaKeepingRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)

	// Build a database as version 1 of the schema wrote it.
	v1 := &DB{path: path}
	v1.write = mustRawWriter(t, path)
	if err := v1.migrateTo(ctx, 1); err != nil {
		t.Fatalf("migrate to version 1: %v", err)
	}
	if got := schemaVersion(t, v1); got != 1 {
		t.Fatalf("old database has schema version %d, want 1", got)
	}
	v1.read = v1.write
	if err := v1.SetSetting(ctx, "log_level", "debug"); err != nil {
		t.Fatal(err)
	}
	if err := v1.SaveConnection(ctx, Connection{ID: "salesforce", System: "salesforce", Environment: "sandbox", OrgID: "00D000000000001AAA"}); err != nil {
		t.Fatal(err)
	}
	v1.write.Close()

	db := mustOpen(t, path)
	if got := schemaVersion(t, db); got != LatestVersion() {
		t.Fatalf("schema version after migration = %d, want %d", got, LatestVersion())
	}
	v, ok, err := db.Setting(ctx, "log_level")
	if err != nil || !ok || v != "debug" {
		t.Errorf("setting log_level after migration = %q, %v, %v; want debug", v, ok, err)
	}
	c, err := db.Connection(ctx, "salesforce")
	if err != nil {
		t.Fatal(err)
	}
	if c.OrgID != "00D000000000001AAA" || c.Environment != "sandbox" {
		t.Errorf("connection after migration = %+v", c)
	}
	// The tables of version 2 exist and are usable.
	if _, err := db.write.Exec("INSERT INTO watermarks (scope, value, updated_at) VALUES ('x', 'y', 'z')"); err != nil {
		t.Errorf("version 2 table missing: %v", err)
	}
}

func TestOpen_RejectsNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db := mustOpen(t, path)
	if err := db.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	future := LatestVersion() + 5
	if _, err := db.write.Exec("PRAGMA user_version = " + itoa(future)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, err := Open(ctx, path)
	var tooNew *SchemaTooNewError
	if !errors.As(err, &tooNew) {
		t.Fatalf("Open of a newer database: err = %v, want *SchemaTooNewError", err)
	}
	if tooNew.Found != future || tooNew.Known != LatestVersion() {
		t.Errorf("error = %+v, want found %d known %d", tooNew, future, LatestVersion())
	}

	// The file is untouched: its version and rows are still there.
	raw := mustRawWriter(t, path)
	defer raw.Close()
	var v int
	raw.QueryRow("PRAGMA user_version").Scan(&v)
	if v != future {
		t.Errorf("schema version after refused open = %d, want %d", v, future)
	}
	var val string
	if err := raw.QueryRow("SELECT value FROM settings WHERE key = 'k'").Scan(&val); err != nil || val != "v" {
		t.Errorf("setting after refused open = %q, %v", val, err)
	}
}

func TestMigrate_FailureRollsBack(t *testing.T) {
	// A database whose settings table clashes with migration 1 must be left
	// as it was, not half-migrated.
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	raw := mustRawWriter(t, path)
	if _, err := raw.Exec("CREATE TABLE connections (x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	if _, err := Open(ctx, path); err == nil {
		t.Fatal("Open succeeded on a clashing database, want an error")
	}
	raw = mustRawWriter(t, path)
	defer raw.Close()
	var n int
	raw.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'settings'").Scan(&n)
	if n != 0 {
		t.Error("settings table exists after a failed migration: the transaction did not roll back")
	}
}

func TestConnections_SaveReadUpdate(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	c := Connection{ID: "clarizen1", System: "clarizen", Environment: "production",
		LoginURL: "http://127.0.0.1:1/V2.0/services/", AuthMethod: "apikey", Username: "admin"}
	if err := db.SaveConnection(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := db.SetConnectionState(ctx, "clarizen1", "connected", ""); err != nil {
		t.Fatal(err)
	}
	if err := db.SetAPIUsage(ctx, "clarizen1", 12, 1000); err != nil {
		t.Fatal(err)
	}
	got, err := db.Connection(ctx, "clarizen1")
	if err != nil {
		t.Fatal(err)
	}
	if got.State != "connected" || got.APIUsed != 12 || got.APIMax != 1000 || got.AuthMethod != "apikey" {
		t.Errorf("connection = %+v", got)
	}
	if err := db.SetConnectionState(ctx, "missing", "x", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("state of a missing connection: err = %v, want ErrNotFound", err)
	}
	if err := db.DeleteConnection(ctx, "clarizen1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Connection(ctx, "clarizen1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("read after delete: err = %v, want ErrNotFound", err)
	}
}
