//go:build linux

package demo

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/liaison-sync/liaison/engine/secrets"
	ss "github.com/zalando/go-keyring/secret_service"
)

// keychainReachable returns secrets.ErrUnavailable when no D-Bus session
// bus runs, and, with avoidPrompt, errKeychainLocked when the Secret
// Service's login collection is locked. It never starts a bus: the D-Bus
// library would autolaunch one (and through it a keyring daemon) that
// outlives the demo. Where the lock state cannot be read, it returns nil
// and leaves the answer to the probe.
func keychainReachable(avoidPrompt bool) error {
	if !sessionBusReachable() {
		return fmt.Errorf("%w (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set)", secrets.ErrUnavailable)
	}
	if !avoidPrompt {
		return nil
	}
	svc, err := ss.NewSecretService()
	if err != nil {
		return nil
	}
	// The keychain library reads and writes this same collection.
	locked, err := svc.GetLoginCollection().GetProperty("org.freedesktop.Secret.Collection.Locked")
	if err != nil {
		return nil
	}
	if v, ok := locked.Value().(bool); ok && v {
		return errKeychainLocked
	}
	return nil
}

// sessionBusReachable reports whether a D-Bus session bus runs: its
// address is in the environment or its socket is in the runtime folder.
func sessionBusReachable() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return true
	}
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, "bus"))
	return err == nil
}
