package app

import "context"

// TrayActions are the commands of the tray menu.
type TrayActions struct {
	SyncNow func()
	Pause   func()
	Resume  func()
	Open    func()
	Quit    func()
}

// TrayStatus is the state the tray icon shows.
type TrayStatus struct {
	// Syncing is true while a run is in progress.
	Syncing bool
	// Failed counts the failed registry rows of the last run; above zero the
	// tray shows a warning and raises a notification.
	Failed int
	// Paused is true while the scheduler is paused.
	Paused bool
}

// Tray is the system tray menu (Sync now, Pause, Open, Quit) and its
// failure notification.
type Tray interface {
	Start(ctx context.Context, actions TrayActions) error
	SetStatus(status TrayStatus)
	Close() error
}

// NoTray is the Tray of platforms without one (see NewSystemTray). There,
// a window hidden on close comes back when Liaison is launched again.
type NoTray struct{}

// Start implements Tray.
func (NoTray) Start(context.Context, TrayActions) error { return nil }

// SetStatus implements Tray.
func (NoTray) SetStatus(TrayStatus) {}

// Close implements Tray.
func (NoTray) Close() error { return nil }
