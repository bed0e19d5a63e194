// Package scheduler decides when syncs run: at up to two daily times, on
// Sync Now, and every social interval (60 minutes by default) for Chatter
// posts and Clarizen discussions.
//
// One goroutine owns all timing through a select loop over its context,
// one timer and a request channel; runs never overlap. The package knows
// nothing of how a run works: it calls the functions it is given. It must
// not import app/ or Wails.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"
)

// MaxDailyTimes is how many daily sync times the schedule holds.
const MaxDailyTimes = 2

// DefaultSocialInterval is how often posts and comments sync.
const DefaultSocialInterval = 60 * time.Minute

// Triggers passed to the run functions.
const (
	TriggerSchedule = "schedule"
	TriggerManual   = "manual"
	TriggerSocial   = "social"
	// TriggerPreview names the run that applies a plan the admin
	// previewed; it copies posts afterwards as Sync Now does.
	TriggerPreview = "preview"
)

// Request asks for a run.
type Request struct {
	Trigger string
	// MappingIDs limits the run to these mappings; empty means all enabled.
	MappingIDs []string
}

// RunFunc performs one run. Errors are logged by the scheduler, which then
// carries on with the schedule.
type RunFunc func(ctx context.Context, req Request) error

// Clock is the time source; tests replace it.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// DailyTime is a time of day, in the local time zone of the machine.
type DailyTime struct {
	Hour, Minute int
}

// ParseDailyTime reads "HH:MM" (24-hour clock).
func ParseDailyTime(s string) (DailyTime, error) {
	var d DailyTime
	if _, err := fmt.Sscanf(strings.TrimSpace(s), "%d:%d", &d.Hour, &d.Minute); err != nil ||
		d.Hour < 0 || d.Hour > 23 || d.Minute < 0 || d.Minute > 59 || len(strings.TrimSpace(s)) != 5 {
		return DailyTime{}, fmt.Errorf("invalid sync time %q: use HH:MM on a 24-hour clock, such as 06:30", s)
	}
	return d, nil
}

func (d DailyTime) String() string { return fmt.Sprintf("%02d:%02d", d.Hour, d.Minute) }

// Config is the schedule.
type Config struct {
	Daily []DailyTime
	// SocialInterval is how often the social run starts; 0 means
	// DefaultSocialInterval, a negative value turns it off.
	SocialInterval time.Duration
}

// Validate checks the number of daily times and that they differ.
func (c Config) Validate() error {
	if len(c.Daily) > MaxDailyTimes {
		return fmt.Errorf("invalid schedule: %d daily sync times, the maximum is %d", len(c.Daily), MaxDailyTimes)
	}
	if len(c.Daily) == 2 && c.Daily[0] == c.Daily[1] {
		return fmt.Errorf("invalid schedule: both daily sync times are %s, choose two different times", c.Daily[0])
	}
	return nil
}

// NextDaily returns the first daily time strictly after now, or the zero
// time when there are none.
func NextDaily(now time.Time, daily []DailyTime) time.Time {
	var best time.Time
	for _, d := range daily {
		t := time.Date(now.Year(), now.Month(), now.Day(), d.Hour, d.Minute, 0, 0, now.Location())
		if !t.After(now) {
			t = time.Date(now.Year(), now.Month(), now.Day()+1, d.Hour, d.Minute, 0, 0, now.Location())
		}
		if best.IsZero() || t.Before(best) {
			best = t
		}
	}
	return best
}

// Status is what the scheduler shows: what runs now and what runs next.
type Status struct {
	Paused     bool      `json:"paused"`
	Running    string    `json:"running,omitempty"` // trigger of the run in progress
	NextDaily  time.Time `json:"nextDaily"`
	NextSocial time.Time `json:"nextSocial"`
	Daily      []string  `json:"daily"`
}

// Scheduler runs the sync and social functions at their times.
type Scheduler struct {
	sync   RunFunc
	social RunFunc
	clock  Clock
	log    *slog.Logger

	requests chan Request
	reconfig chan Config
	// idle, when set, is called each time the loop is about to wait; tests
	// use it to know that the loop has handled what they sent.
	idle func()

	mu      sync.Mutex
	cfg     Config
	paused  bool
	running string
	nextDay time.Time
	nextSoc time.Time
}

// New returns a scheduler; Run starts it.
func New(cfg Config, syncFn, socialFn RunFunc, clock Clock, log *slog.Logger) (*Scheduler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if clock == nil {
		clock = realClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{sync: syncFn, social: socialFn, clock: clock, log: log.With(slog.String("component", "scheduler")),
		requests: make(chan Request, 16), reconfig: make(chan Config, 1), cfg: cfg}, nil
}

// ErrBusy is returned by SyncNow when the request queue is full.
var ErrBusy = errors.New("too many sync requests are waiting: try again when the current run ends")

// SyncNow asks for a manual run of the given mappings (all enabled ones
// when none are given). It returns at once; the run starts when no other
// run is in progress. A paused scheduler still honours Sync Now.
func (s *Scheduler) SyncNow(mappingIDs ...string) error {
	select {
	case s.requests <- Request{Trigger: TriggerManual, MappingIDs: mappingIDs}:
		return nil
	default:
		return ErrBusy
	}
}

// Reconfigure replaces the schedule; the loop picks it up at once.
func (s *Scheduler) Reconfigure(cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	select {
	case <-s.reconfig: // drop an unread older schedule
	default:
	}
	s.reconfig <- cfg
	return nil
}

// Pause stops scheduled and social runs until Resume; Sync Now still works.
func (s *Scheduler) Pause() { s.mu.Lock(); s.paused = true; s.mu.Unlock() }

// Resume restarts scheduled and social runs.
func (s *Scheduler) Resume() { s.mu.Lock(); s.paused = false; s.mu.Unlock() }

// Status returns the current state.
func (s *Scheduler) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Status{Paused: s.paused, Running: s.running, NextDaily: s.nextDay, NextSocial: s.nextSoc}
	for _, d := range s.cfg.Daily {
		st.Daily = append(st.Daily, d.String())
	}
	sort.Strings(st.Daily)
	return st
}

func (s *Scheduler) socialInterval() time.Duration {
	switch {
	case s.cfg.SocialInterval == 0:
		return DefaultSocialInterval
	default:
		return s.cfg.SocialInterval
	}
}

// Run is the scheduler's loop; it returns when ctx ends. Runs execute in
// the loop's goroutine one after another, so they never overlap, and a
// request that arrives during a run waits for it.
func (s *Scheduler) Run(ctx context.Context) error {
	s.log.Info("scheduler started")
	defer s.log.Info("scheduler stopped")
	for {
		now := s.clock.Now()
		s.mu.Lock()
		s.nextDay = NextDaily(now, s.cfg.Daily)
		if s.nextSoc.IsZero() || s.socialInterval() < 0 {
			s.nextSoc = time.Time{}
			if s.socialInterval() > 0 {
				s.nextSoc = now.Add(s.socialInterval())
			}
		}
		wait := nearest(now, s.nextDay, s.nextSoc)
		s.mu.Unlock()

		var timer <-chan time.Time
		if wait >= 0 {
			timer = s.clock.After(wait)
		}
		if s.idle != nil {
			s.idle()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case cfg := <-s.reconfig:
			s.mu.Lock()
			s.cfg = cfg
			s.nextSoc = time.Time{}
			s.mu.Unlock()
			s.log.Info("schedule changed", slog.Any("daily", cfg.Daily), slog.Duration("social_interval", cfg.SocialInterval))
		case req := <-s.requests:
			s.execute(ctx, req)
		case <-timer:
			s.fireDue(ctx)
		}
	}
}

// fireDue starts the runs whose time has come.
func (s *Scheduler) fireDue(ctx context.Context) {
	now := s.clock.Now()
	s.mu.Lock()
	paused := s.paused
	dailyDue := !s.nextDay.IsZero() && !now.Before(s.nextDay)
	socialDue := !s.nextSoc.IsZero() && !now.Before(s.nextSoc)
	if socialDue {
		s.nextSoc = now.Add(s.socialInterval())
	}
	s.mu.Unlock()

	if paused {
		if dailyDue || socialDue {
			s.log.Info("scheduled run skipped: syncing is paused")
		}
		return
	}
	if dailyDue {
		s.execute(ctx, Request{Trigger: TriggerSchedule})
	}
	if socialDue && s.social != nil {
		s.execute(ctx, Request{Trigger: TriggerSocial})
	}
}

func (s *Scheduler) execute(ctx context.Context, req Request) {
	fn := s.sync
	if req.Trigger == TriggerSocial {
		fn = s.social
	}
	if fn == nil {
		return
	}
	s.mu.Lock()
	s.running = req.Trigger
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.running = ""
		s.mu.Unlock()
	}()

	log := s.log.With(slog.String("trigger", req.Trigger), slog.Any("mappings", req.MappingIDs))
	log.Info("run starting")
	if err := fn(ctx, req); err != nil {
		log.Error("run failed", slog.Any("error", err))
		return
	}
	log.Info("run finished")
}

// nearest returns how long until the earliest non-zero time, or -1 when
// both are zero.
func nearest(now time.Time, times ...time.Time) time.Duration {
	best := time.Duration(-1)
	for _, t := range times {
		if t.IsZero() {
			continue
		}
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		if best < 0 || d < best {
			best = d
		}
	}
	return best
}
