package scheduler

import (
	"context"
	"sync"
	"testing"
	"time"
)

// fakeClock moves only when the test advances it. It also counts the
// scheduler loop's idle moments (armed), so a test waits for a new one to
// know the loop has handled what it sent.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	armed   int
	waiters []waiter
	cond    *sync.Cond
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(now time.Time) *fakeClock {
	c := &fakeClock{now: now}
	c.cond = sync.NewCond(&c.mu)
	return c
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, waiter{at: c.now.Add(d), ch: ch})
	return ch
}

// markIdle is the scheduler's idle hook.
func (c *fakeClock) markIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.armed++
	c.cond.Broadcast()
}

// Advance moves the clock, fires the timers that are due and returns how
// many it fired.
func (c *fakeClock) Advance(d time.Duration) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	fired := 0
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
			fired++
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
	return fired
}

func (c *fakeClock) armedCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.armed
}

// waitArmed blocks until the loop has armed more than n timers.
func (c *fakeClock) waitArmed(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.armed <= n {
		c.cond.Wait()
	}
}

// recorder collects the runs the scheduler starts.
type recorder struct {
	mu   sync.Mutex
	runs []Request
	hold chan struct{} // when set, each run waits for a receive
}

func (r *recorder) run(ctx context.Context, req Request) error {
	if r.hold != nil {
		<-r.hold
	}
	r.mu.Lock()
	r.runs = append(r.runs, req)
	r.mu.Unlock()
	return nil
}

func (r *recorder) triggers() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, q := range r.runs {
		out = append(out, q.Trigger)
	}
	return out
}

// start runs a scheduler with the fake clock and waits until its loop is
// idle.
func start(t *testing.T, cfg Config, clk *fakeClock, rec *recorder) *Scheduler {
	t.Helper()
	s, err := New(cfg, rec.run, rec.run, clk, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.idle = clk.markIdle
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	clk.waitArmed(0)
	return s
}

// step advances the clock and, when that fired a timer, waits until the
// loop has handled it and armed the next one.
func step(clk *fakeClock, d time.Duration) {
	n := clk.armedCount()
	if clk.Advance(d) > 0 {
		clk.waitArmed(n)
	}
}

func TestScheduler_DailyTimes(t *testing.T) {
	clk := newFakeClock(time.Date(2026, 3, 2, 5, 0, 0, 0, time.Local))
	rec := &recorder{}
	start(t, Config{Daily: []DailyTime{{6, 30}, {18, 0}}, SocialInterval: -1}, clk, rec)

	step(clk, 89*time.Minute) // 06:29
	if got := rec.triggers(); len(got) != 0 {
		t.Fatalf("runs before 06:30: %v", got)
	}
	step(clk, time.Minute) // 06:30
	if got := rec.triggers(); len(got) != 1 || got[0] != TriggerSchedule {
		t.Fatalf("runs at 06:30 = %v, want one scheduled run", got)
	}
	step(clk, 11*time.Hour+30*time.Minute) // 18:00
	if got := rec.triggers(); len(got) != 2 {
		t.Errorf("runs at 18:00 = %v, want a second scheduled run", got)
	}
}

func TestScheduler_SocialInterval(t *testing.T) {
	clk := newFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local))
	rec := &recorder{}
	start(t, Config{}, clk, rec)

	step(clk, 59*time.Minute)
	if got := rec.triggers(); len(got) != 0 {
		t.Fatalf("runs after 59 minutes: %v", got)
	}
	step(clk, time.Minute)
	step(clk, 60*time.Minute)
	got := rec.triggers()
	if len(got) != 2 || got[0] != TriggerSocial || got[1] != TriggerSocial {
		t.Errorf("runs after two hours = %v, want two social runs", got)
	}
}

func TestScheduler_PauseSkipsScheduledButNotManual(t *testing.T) {
	clk := newFakeClock(time.Date(2026, 3, 2, 6, 0, 0, 0, time.Local))
	rec := &recorder{}
	s := start(t, Config{Daily: []DailyTime{{7, 0}}, SocialInterval: -1}, clk, rec)
	s.Pause()
	step(clk, time.Hour)
	if got := rec.triggers(); len(got) != 0 {
		t.Fatalf("runs while paused: %v", got)
	}
	if !s.Status().Paused {
		t.Error("Status().Paused = false while paused")
	}

	n := clk.armedCount()
	if err := s.SyncNow("m1", "m2"); err != nil {
		t.Fatal(err)
	}
	clk.waitArmed(n)
	rec.mu.Lock()
	runs := append([]Request(nil), rec.runs...)
	rec.mu.Unlock()
	if len(runs) != 1 || runs[0].Trigger != TriggerManual || len(runs[0].MappingIDs) != 2 || runs[0].MappingIDs[1] != "m2" {
		t.Errorf("runs after Sync Now = %+v, want one manual run of m1 and m2", runs)
	}

	s.Resume()
	step(clk, 24*time.Hour)
	if got := rec.triggers(); len(got) != 2 || got[1] != TriggerSchedule {
		t.Errorf("runs after resuming = %v, want the next day's scheduled run", got)
	}
}

func TestScheduler_RunsNeverOverlap(t *testing.T) {
	clk := newFakeClock(time.Date(2026, 3, 2, 6, 0, 0, 0, time.Local))
	rec := &recorder{hold: make(chan struct{})}
	s := start(t, Config{SocialInterval: -1}, clk, rec)

	s.SyncNow("first")
	s.SyncNow("second")
	rec.hold <- struct{}{} // the first run finishes
	if got := s.Status().Running; got != "" && got != TriggerManual {
		t.Errorf("Running = %q", got)
	}
	n := clk.armedCount()
	rec.hold <- struct{}{} // only now can the second run finish
	clk.waitArmed(n)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.runs) != 2 || rec.runs[0].MappingIDs[0] != "first" || rec.runs[1].MappingIDs[0] != "second" {
		t.Errorf("runs = %+v, want first then second", rec.runs)
	}
}

func TestScheduler_Reconfigure(t *testing.T) {
	clk := newFakeClock(time.Date(2026, 3, 2, 6, 0, 0, 0, time.Local))
	rec := &recorder{}
	s := start(t, Config{SocialInterval: -1}, clk, rec)
	n := clk.armedCount()
	if err := s.Reconfigure(Config{Daily: []DailyTime{{6, 15}}, SocialInterval: -1}); err != nil {
		t.Fatal(err)
	}
	clk.waitArmed(n)
	if got := s.Status().NextDaily; got.Hour() != 6 || got.Minute() != 15 {
		t.Errorf("NextDaily after reconfiguring = %v, want 06:15", got)
	}
	step(clk, 15*time.Minute)
	if got := rec.triggers(); len(got) != 1 {
		t.Errorf("runs at 06:15 = %v", got)
	}
	if err := s.Reconfigure(Config{Daily: []DailyTime{{1, 0}, {2, 0}, {3, 0}}}); err == nil {
		t.Error("three daily times accepted, want an error")
	}
}

func TestNextDaily(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, time.UTC) }
	cases := []struct {
		name  string
		now   time.Time
		daily []DailyTime
		want  time.Time
	}{
		{"later today", at(5, 0), []DailyTime{{6, 30}}, at(6, 30)},
		{"exactly now is tomorrow", at(6, 30), []DailyTime{{6, 30}}, at(6, 30).AddDate(0, 0, 1)},
		{"earliest of two", at(12, 0), []DailyTime{{6, 0}, {18, 0}}, at(18, 0)},
		{"both passed", at(19, 0), []DailyTime{{6, 0}, {18, 0}}, at(6, 0).AddDate(0, 0, 1)},
		{"none", at(1, 0), nil, time.Time{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := NextDaily(c.now, c.daily); !got.Equal(c.want) {
				t.Errorf("NextDaily = %v, want %v", got, c.want)
			}
		})
	}
}

func TestParseDailyTime(t *testing.T) {
	if d, err := ParseDailyTime("06:05"); err != nil || d != (DailyTime{6, 5}) {
		t.Errorf("ParseDailyTime(06:05) = %v, %v", d, err)
	}
	for _, bad := range []string{"6:05", "24:00", "12:60", "noon", "12:00:00", ""} {
		if _, err := ParseDailyTime(bad); err == nil {
			t.Errorf("ParseDailyTime(%q) succeeded, want an error", bad)
		}
	}
}
