//go:build !linux

package app

import "log/slog"

// NewSystemTray returns NoTray outside Linux.
//
// NOTE: the tray library needs the main thread's run loop on macOS and
// Windows, which Wails v2 owns; until they can share it these platforms
// keep the window as the only way to control Liaison.
func NewSystemTray(*slog.Logger) Tray { return NoTray{} }
