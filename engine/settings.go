package engine

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/scheduler"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// Setting keys owned by the engine. The sync runner owns the sync.* keys
// it reads itself.
const (
	SettingLogLevel       = "app.log_level"
	SettingConflictRule   = "mapping.default_conflict_rule"
	SettingClientID       = "salesforce.client_id"
	SettingDailyTimes     = "schedule.daily_times" // "06:30,18:00"
	SettingSocialInterval = "schedule.social_interval_minutes"
)

// Settings are the values the Settings screen edits.
type Settings struct {
	DataDir  string `json:"dataDir"` // read-only: chosen at start-up
	LogLevel string `json:"logLevel"`
	// ActiveLogLevel is the level the log uses now (read-only). It
	// differs from LogLevel while a --log-level flag given at start-up is
	// in effect, until another level is saved.
	ActiveLogLevel string `json:"activeLogLevel,omitempty"`
	// ConflictRule is given to new mappings: newest_wins, salesforce_wins
	// or clarizen_wins.
	ConflictRule string `json:"conflictRule"`
	// BudgetReservePercent is the share of the Salesforce daily API budget
	// a run leaves untouched.
	BudgetReservePercent int `json:"budgetReservePercent"`
	// DailyTimes are up to two HH:MM times for the scheduled sync.
	DailyTimes []string `json:"dailyTimes"`
	// SocialIntervalMinutes is how often posts and comments sync.
	SocialIntervalMinutes int `json:"socialIntervalMinutes"`
	// ClientID is the Salesforce connected app's consumer key that the
	// next login uses.
	ClientID string `json:"clientId"`
	// ClientIDFixed is set when the host fixed the consumer key (the demo
	// workspace), and SaveSettings then ignores ClientID.
	ClientIDFixed bool `json:"clientIdFixed"`
}

// Defaults of the settings.
const (
	DefaultBudgetReserve  = 10
	DefaultSocialInterval = 60
)

func (e *Engine) setting(ctx context.Context, key, fallback string) string {
	v, ok, err := e.DB.Setting(ctx, key)
	if err != nil || !ok {
		return fallback
	}
	return v
}

func (e *Engine) intSetting(ctx context.Context, key string, fallback int) int {
	n, err := strconv.Atoi(e.setting(ctx, key, ""))
	if err != nil {
		return fallback
	}
	return n
}

// Settings returns the current settings.
func (e *Engine) Settings(ctx context.Context) Settings {
	s := Settings{
		DataDir:               e.dataDir,
		LogLevel:              e.setting(ctx, SettingLogLevel, "info"),
		ConflictRule:          e.setting(ctx, SettingConflictRule, string(mapping.NewestWins)),
		BudgetReservePercent:  e.intSetting(ctx, syncer.SettingBudgetReserve, DefaultBudgetReserve),
		SocialIntervalMinutes: e.intSetting(ctx, SettingSocialInterval, DefaultSocialInterval),
		ClientID:              e.setting(ctx, SettingClientID, DefaultClientID),
		ClientIDFixed:         e.hostClientID,
	}
	if e.hostClientID {
		s.ClientID = e.Connections.ClientID()
	}
	if e.logLevel != nil {
		s.ActiveLogLevel = strings.ToLower(e.logLevel.Level().String())
	}
	for _, t := range strings.Split(e.setting(ctx, SettingDailyTimes, ""), ",") {
		if t = strings.TrimSpace(t); t != "" {
			s.DailyTimes = append(s.DailyTimes, t)
		}
	}
	return s
}

// SaveSettings checks and stores the settings and applies the schedule at
// once. The data folder cannot change while running and is ignored. A new
// consumer key applies to the next Salesforce login. It is ignored when the
// host fixed the key in Config.ClientID, and an empty one keeps the stored
// key.
func (e *Engine) SaveSettings(ctx context.Context, s Settings) error {
	if _, err := logging.ParseLevel(s.LogLevel); err != nil {
		return err
	}
	switch mapping.ConflictRule(s.ConflictRule) {
	case mapping.NewestWins, mapping.SalesforceWins, mapping.ClarizenWins:
	default:
		return fmt.Errorf("invalid conflict rule %q: use newest_wins, salesforce_wins or clarizen_wins", s.ConflictRule)
	}
	if s.BudgetReservePercent < 0 || s.BudgetReservePercent > 90 {
		return fmt.Errorf("invalid API budget reserve %d %%: use a value from 0 to 90", s.BudgetReservePercent)
	}
	if s.SocialIntervalMinutes < 5 || s.SocialIntervalMinutes > 24*60 {
		return fmt.Errorf("invalid social sync interval %d minutes: use 5 to 1440", s.SocialIntervalMinutes)
	}
	sched, err := scheduleOf(s.DailyTimes, s.SocialIntervalMinutes)
	if err != nil {
		return err
	}
	level, _ := logging.ParseLevel(s.LogLevel)
	levelChanged := s.LogLevel != e.setting(ctx, SettingLogLevel, "info")
	values := map[string]string{
		SettingLogLevel:             s.LogLevel,
		SettingConflictRule:         s.ConflictRule,
		syncer.SettingBudgetReserve: strconv.Itoa(s.BudgetReservePercent),
		SettingDailyTimes:           strings.Join(s.DailyTimes, ","),
		SettingSocialInterval:       strconv.Itoa(s.SocialIntervalMinutes),
	}
	clientID := strings.TrimSpace(s.ClientID)
	if clientID != "" && !e.hostClientID {
		values[SettingClientID] = clientID
	}
	for k, v := range values {
		if err := e.DB.SetSetting(ctx, k, v); err != nil {
			return err
		}
	}
	if values[SettingClientID] != "" {
		e.Connections.SetClientID(clientID)
	}
	// An unchanged level keeps the one in effect, which may come from
	// the --log-level flag.
	if e.logLevel != nil && levelChanged {
		e.logLevel.Set(level)
		e.Log.Info("log level changed", "log_level", s.LogLevel)
	}
	return e.Scheduler.Reconfigure(sched)
}

// applyStoredLogLevel sets the host's log level to the stored one. A
// stored value that does not parse is logged and ignored.
func (e *Engine) applyStoredLogLevel(ctx context.Context) {
	stored, ok, err := e.DB.Setting(ctx, SettingLogLevel)
	if err != nil || !ok {
		return
	}
	level, err := logging.ParseLevel(stored)
	if err != nil {
		e.Log.Warn("stored log level is invalid; keeping the current one", logging.KeyError, err)
		return
	}
	e.logLevel.Set(level)
}

func (e *Engine) scheduleConfig(ctx context.Context) (scheduler.Config, error) {
	s := e.Settings(ctx)
	return scheduleOf(s.DailyTimes, s.SocialIntervalMinutes)
}

func scheduleOf(daily []string, socialMinutes int) (scheduler.Config, error) {
	cfg := scheduler.Config{SocialInterval: time.Duration(socialMinutes) * time.Minute}
	for _, t := range daily {
		d, err := scheduler.ParseDailyTime(t)
		if err != nil {
			return cfg, err
		}
		cfg.Daily = append(cfg.Daily, d)
	}
	return cfg, cfg.Validate()
}
