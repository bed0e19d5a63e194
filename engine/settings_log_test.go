package engine

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
)

// TestEngine_OpenAppliesStoredLogLevel checks that the level saved on the
// Settings screen is in effect after a restart, unless the host took the
// level from a --log-level flag.
func TestEngine_OpenAppliesStoredLogLevel(t *testing.T) {
	tests := []struct {
		name     string
		fromFlag bool
		want     slog.Level
	}{
		{name: "stored level without a flag", fromFlag: false, want: slog.LevelDebug},
		{name: "flag wins over the stored level", fromFlag: true, want: slog.LevelWarn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			first, err := Open(ctx, Config{DataDir: dir, Secrets: secretstest.NewMemory()})
			if err != nil {
				t.Fatal(err)
			}
			s := first.Settings(ctx)
			s.LogLevel = "debug"
			if err := first.SaveSettings(ctx, s); err != nil {
				t.Fatal(err)
			}
			if err := first.Close(); err != nil {
				t.Fatal(err)
			}

			level := new(slog.LevelVar)
			level.Set(slog.LevelWarn)
			e, err := Open(ctx, Config{DataDir: dir, Secrets: secretstest.NewMemory(), LogLevel: level, LogLevelFromFlag: tt.fromFlag})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			if got := level.Level(); got != tt.want {
				t.Errorf("level after Open = %v, want %v", got, tt.want)
			}
			if got, want := e.Settings(ctx).ActiveLogLevel, strings.ToLower(tt.want.String()); got != want {
				t.Errorf("Settings().ActiveLogLevel = %q, want %q", got, want)
			}
		})
	}
}

// TestEngine_SaveSettingsKeepsFlagLevelUntilChanged checks that saving
// other settings leaves a --log-level flag in effect, and that choosing
// another level applies it.
func TestEngine_SaveSettingsKeepsFlagLevelUntilChanged(t *testing.T) {
	ctx := context.Background()
	level := new(slog.LevelVar)
	level.Set(slog.LevelDebug)
	e, err := Open(ctx, Config{DataDir: t.TempDir(), Secrets: secretstest.NewMemory(), LogLevel: level, LogLevelFromFlag: true})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()

	s := e.Settings(ctx)
	s.BudgetReservePercent = 20
	if err := e.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got := level.Level(); got != slog.LevelDebug {
		t.Errorf("level after saving the reserve = %v, want the flag's DEBUG", got)
	}

	s.LogLevel = "error"
	if err := e.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got := level.Level(); got != slog.LevelError {
		t.Errorf("level after saving error = %v, want ERROR", got)
	}
}
