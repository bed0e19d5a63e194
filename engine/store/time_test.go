package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestFormatTime_SortsAsText(t *testing.T) {
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	times := []time.Time{base, base.Add(500 * time.Millisecond), base.Add(510 * time.Millisecond), base.Add(time.Second)}
	for i := 1; i < len(times); i++ {
		earlier, later := formatTime(times[i-1]), formatTime(times[i])
		if !(earlier < later) {
			t.Errorf("%q sorts after %q", earlier, later)
		}
		if got := parseTime(later); !got.Equal(times[i]) {
			t.Errorf("parseTime(%q) = %s, want %s", later, got, times[i])
		}
	}
}

func TestDB_RegistryDateFilterWithinASecond(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	ids, err := db.AddPending(ctx, []RegistryRow{
		{Operation: "update", Target: "clarizen", IdempotencyKey: "whole"},
		{Operation: "update", Target: "clarizen", IdempotencyKey: "half"},
	})
	if err != nil {
		t.Fatal(err)
	}
	second := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for i, at := range []time.Time{second, second.Add(500 * time.Millisecond)} {
		if _, err := db.write.ExecContext(ctx, "UPDATE registry SET updated_at = ? WHERE id = ?", formatTime(at), ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name         string
		since, until time.Time
		want         string
	}{
		{"since within the second", second.Add(200 * time.Millisecond), time.Time{}, "half"},
		{"until within the second", time.Time{}, second.Add(200 * time.Millisecond), "whole"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, _, err := db.Registry(ctx, RegistryFilter{Since: c.since, Until: c.until})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || rows[0].IdempotencyKey != c.want {
				t.Errorf("rows = %+v, want only %q", rows, c.want)
			}
		})
	}
}

func TestMigration_RegistryTimesFixedWidth(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	ids, err := db.AddPending(ctx, []RegistryRow{
		{Operation: "update", Target: "clarizen", IdempotencyKey: "a"},
		{Operation: "update", Target: "clarizen", IdempotencyKey: "b"},
		{Operation: "update", Target: "clarizen", IdempotencyKey: "c"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Values as older versions stored them, with trailing zeros dropped.
	old := []string{"2026-03-01T12:00:00Z", "2026-03-01T12:00:00.5Z", "2026-03-01T12:00:00.123456789Z"}
	want := []string{"2026-03-01T12:00:00.000000000Z", "2026-03-01T12:00:00.500000000Z", "2026-03-01T12:00:00.123456789Z"}
	for i, v := range old {
		if _, err := db.write.ExecContext(ctx, "UPDATE registry SET updated_at = ?, created_at = ? WHERE id = ?", v, v, ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	sql, err := migrationFiles.ReadFile("migrations/0007_registry_times_fixed_width.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, string(sql)); err != nil {
		t.Fatalf("run migration: %v", err)
	}
	for i, id := range ids {
		var updated, created string
		if err := db.read.QueryRowContext(ctx, "SELECT updated_at, created_at FROM registry WHERE id = ?", id).Scan(&updated, &created); err != nil {
			t.Fatal(err)
		}
		if updated != want[i] || created != want[i] {
			t.Errorf("row %d times = %q, %q; want %q", id, updated, created, want[i])
		}
	}
}
