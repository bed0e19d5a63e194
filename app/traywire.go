package app

import (
	"log/slog"
	"sync"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// trayActions returns the tray menu's commands over the engine: Sync now
// requests a run of every enabled mapping, Pause and Resume stop and
// restart scheduled runs.
func (s *Services) trayActions(shell Shell, follower *trayFollower) TrayActions {
	return TrayActions{
		SyncNow: func() {
			if err := s.Runs.SyncNow(nil); err != nil {
				s.svc.log.Warn("tray sync now failed", slog.Any("error", err))
			}
		},
		Pause: func() {
			if _, err := s.Runs.PauseSchedule(); err != nil {
				s.svc.log.Warn("tray pause failed", slog.Any("error", err))
				return
			}
			follower.setPaused(true)
		},
		Resume: func() {
			if _, err := s.Runs.ResumeSchedule(); err != nil {
				s.svc.log.Warn("tray resume failed", slog.Any("error", err))
				return
			}
			follower.setPaused(false)
		},
		Open: shell.ShowWindow,
		Quit: shell.Quit,
	}
}

// trayFollower keeps the tray's status in step with the engine's runs: it
// shows a run in progress, and the failed records of the last run.
type trayFollower struct {
	tray Tray

	mu     sync.Mutex
	status TrayStatus
}

// Publish implements events.Sink.
func (f *trayFollower) Publish(e events.Event) {
	f.mu.Lock()
	switch e.Type {
	case events.RunStarted:
		f.status.Syncing = true
	case events.RunFinished:
		f.status.Syncing = false
		if sum, ok := e.Data.(syncer.Summary); ok && !sum.DryRun {
			f.status.Failed = sum.Totals().Failed
		}
	default:
		f.mu.Unlock()
		return
	}
	status := f.status
	f.mu.Unlock()
	f.tray.SetStatus(status)
}

func (f *trayFollower) setPaused(paused bool) {
	f.mu.Lock()
	f.status.Paused = paused
	status := f.status
	f.mu.Unlock()
	f.tray.SetStatus(status)
}

// StartTray starts the tray with commands over the engine and keeps its
// status in step with runs until the returned function is called.
func (s *Services) StartTray(tray Tray, shell Shell) (TrayActions, func()) {
	follower := &trayFollower{tray: tray}
	if s.svc.eng != nil {
		follower.status.Paused = s.svc.eng.Scheduler.Status().Paused
	}
	actions := s.trayActions(shell, follower)
	if s.svc.eng == nil {
		actions.SyncNow, actions.Pause, actions.Resume = nil, nil, nil
		return actions, func() {}
	}
	unsub := s.svc.eng.Bus.Subscribe(follower)
	return actions, unsub
}
