package engine

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
)

func openTestEngine(t *testing.T) *Engine {
	t.Helper()
	e, err := Open(context.Background(), Config{DataDir: t.TempDir(), Secrets: secretstest.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestEngine_SettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	e := openTestEngine(t)
	e.Start(ctx)

	s := e.Settings(ctx)
	if s.LogLevel != "info" || s.BudgetReservePercent != DefaultBudgetReserve || s.ConflictRule != "newest_wins" ||
		s.SocialIntervalMinutes != DefaultSocialInterval || len(s.DailyTimes) != 0 {
		t.Fatalf("default settings = %+v", s)
	}

	s.LogLevel = "debug"
	s.BudgetReservePercent = 25
	s.ConflictRule = "clarizen_wins"
	s.DailyTimes = []string{"06:30", "18:00"}
	if err := e.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got := e.Settings(ctx)
	if got.LogLevel != "debug" || got.BudgetReservePercent != 25 || got.ConflictRule != "clarizen_wins" ||
		strings.Join(got.DailyTimes, ",") != "06:30,18:00" {
		t.Errorf("settings after save = %+v", got)
	}
}

func TestEngine_SaveSettingsRejectsBadValues(t *testing.T) {
	ctx := context.Background()
	e := openTestEngine(t)
	base := e.Settings(ctx)
	cases := []struct {
		name string
		edit func(*Settings)
		want string
	}{
		{"log level", func(s *Settings) { s.LogLevel = "loud" }, "invalid log level"},
		{"conflict rule", func(s *Settings) { s.ConflictRule = "coin_toss" }, "invalid conflict rule"},
		{"reserve", func(s *Settings) { s.BudgetReservePercent = 95 }, "invalid API budget reserve"},
		{"time", func(s *Settings) { s.DailyTimes = []string{"25:00"} }, "invalid sync time"},
		{"three times", func(s *Settings) { s.DailyTimes = []string{"01:00", "02:00", "03:00"} }, "maximum is 2"},
		{"social interval", func(s *Settings) { s.SocialIntervalMinutes = 1 }, "invalid social sync interval"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := base
			c.edit(&s)
			err := e.SaveSettings(ctx, s)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("SaveSettings: err = %v, want one containing %q", err, c.want)
			}
		})
	}
	if got := e.Settings(ctx); got.LogLevel != base.LogLevel || got.ConflictRule != base.ConflictRule {
		t.Errorf("a rejected save changed the settings: %+v", got)
	}
}

func TestEngine_WorkNeverOverlaps(t *testing.T) {
	e := openTestEngine(t)
	ctx := context.Background()

	firstRunning := make(chan struct{})
	releaseFirst := make(chan struct{})
	var order []string
	var mu sync.Mutex
	note := func(s string) { mu.Lock(); order = append(order, s); mu.Unlock() }

	done := make(chan error, 2)
	go func() {
		done <- e.exclusive(ctx, func(context.Context) error {
			note("first start")
			close(firstRunning)
			<-releaseFirst
			note("first end")
			return nil
		})
	}()
	<-firstRunning
	go func() {
		done <- e.exclusive(ctx, func(context.Context) error {
			note("second start")
			return nil
		})
	}()
	// The second piece of work must wait; give it every chance to jump in.
	for i := 0; i < 100; i++ {
		runtime.Gosched()
	}
	close(releaseFirst)
	for i := 0; i < 2; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	want := "first start,first end,second start"
	if got := strings.Join(order, ","); got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
}

func TestEngine_CloseCancelsAndWaitsForWork(t *testing.T) {
	e, err := Open(context.Background(), Config{DataDir: t.TempDir(), Secrets: secretstest.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	finished := make(chan error, 1)
	go func() {
		finished <- e.exclusive(context.Background(), func(ctx context.Context) error {
			close(started)
			<-ctx.Done() // a run stops when its context ends
			// The database must still be open while the work winds down.
			_, _, err := e.DB.Setting(context.Background(), "k")
			return err
		})
	}()
	<-started
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-finished:
		if err != nil {
			t.Errorf("work saw %v; the database was closed under it", err)
		}
	default:
		t.Fatal("Close returned before the work in progress ended")
	}
	if err := e.exclusive(context.Background(), func(context.Context) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("work after Close: err = %v, want ErrClosed", err)
	}
}
