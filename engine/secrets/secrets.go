// Package secrets keeps Liaison's secrets (OAuth tokens, Clarizen passwords,
// API keys and session ids) in the operating system's keychain: Secret
// Service on Linux, Keychain on macOS, Credential Manager on Windows.
//
// Nothing here writes a secret anywhere else. When no keychain service runs,
// every call fails with ErrUnavailable and the secret is not stored: Liaison
// never falls back to clear text. Every value stored or loaded is registered
// with the logging package so that it is masked in any log line or error.
//
// secrets imports only engine/logging from engine/.
package secrets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/zalando/go-keyring"
)

// Service is the keychain service name Liaison's entries are filed under.
const Service = "Liaison"

// Kinds of secret a connection may hold. DeleteConnection removes them all.
const (
	AccessToken  = "access_token"
	RefreshToken = "refresh_token"
	Password     = "password"
	APIKey       = "api_key"
	SessionID    = "session_id"
	ClientSecret = "client_secret"
)

var allKinds = []string{AccessToken, RefreshToken, Password, APIKey, SessionID, ClientSecret}

// ErrUnavailable means no keychain service can be reached, so secrets
// cannot be stored safely.
var ErrUnavailable = errors.New("no OS keychain is available: on Linux start a Secret Service " +
	"(GNOME Keyring or KeePassXC) and unlock it, then try again; Liaison does not store secrets in clear text")

// ErrNotFound means the keychain holds no such entry.
var ErrNotFound = errors.New("secret not found in the keychain")

// Store reads and writes secrets by connection id and kind.
type Store interface {
	Get(ctx context.Context, connection, kind string) (string, error)
	Set(ctx context.Context, connection, kind, value string) error
	Delete(ctx context.Context, connection, kind string) error
}

// Keychain is the Store backed by the OS keychain.
type Keychain struct {
	// Service overrides the service name, so tests keep their entries apart.
	Service string
}

func (k Keychain) service() string {
	if k.Service != "" {
		return k.Service
	}
	return Service
}

func account(connection, kind string) string { return connection + "/" + kind }

// noSessionBus reports, on Linux, that no D-Bus session bus can be
// reached without starting one. The D-Bus library would otherwise
// autolaunch a bus daemon (and through it a keyring daemon) that outlives
// Liaison, as happens under cron or ssh.
func noSessionBus() bool {
	if runtime.GOOS != "linux" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return false
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return false
		}
	}
	return true
}

// errNoBus is ErrUnavailable with the reason a user can act on.
func errNoBus(op, connection, kind string) error {
	return fmt.Errorf("%s %s of connection %s: %w (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set)",
		op, kind, connection, ErrUnavailable)
}

// Probe checks that the keychain answers by reading an entry that need not
// exist. It returns ErrUnavailable when no service runs.
func (k Keychain) Probe(ctx context.Context) error {
	_, err := k.Get(ctx, "probe", "probe")
	if err == nil || errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// Get returns the secret, ErrNotFound, or ErrUnavailable.
func (k Keychain) Get(ctx context.Context, connection, kind string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if noSessionBus() {
		return "", errNoBus("read", connection, kind)
	}
	v, err := keyring.Get(k.service(), account(connection, kind))
	if err != nil {
		return "", classify(err, "read", connection, kind)
	}
	logging.RegisterSecret(v)
	return v, nil
}

// Set stores the secret, replacing any earlier value.
func (k Keychain) Set(ctx context.Context, connection, kind, value string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	logging.RegisterSecret(value)
	if noSessionBus() {
		return errNoBus("store", connection, kind)
	}
	if err := keyring.Set(k.service(), account(connection, kind), value); err != nil {
		return classify(err, "store", connection, kind)
	}
	return nil
}

// Delete removes the secret; deleting a missing entry is not an error.
func (k Keychain) Delete(ctx context.Context, connection, kind string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if noSessionBus() {
		return errNoBus("delete", connection, kind)
	}
	err := keyring.Delete(k.service(), account(connection, kind))
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return classify(err, "delete", connection, kind)
	}
	return nil
}

// DeleteConnection removes every kind of secret stored for a connection.
func DeleteConnection(ctx context.Context, s Store, connection string) error {
	var errs []error
	for _, kind := range allKinds {
		if err := s.Delete(ctx, connection, kind); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// classify maps go-keyring's errors onto ours. The error text of the
// underlying library never contains the secret value, only the service
// and account names.
func classify(err error, op, connection, kind string) error {
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return fmt.Errorf("%s %s of connection %s: %w", op, kind, connection, ErrNotFound)
	case errors.Is(err, keyring.ErrUnsupportedPlatform), unreachable(err):
		return fmt.Errorf("%s %s of connection %s: %w (%v)", op, kind, connection, ErrUnavailable, err)
	default:
		return fmt.Errorf("%s %s of connection %s in the keychain: %w", op, kind, connection, err)
	}
}

// unreachable recognises the D-Bus failures seen when no Secret Service
// runs: no session bus, or no service owning org.freedesktop.secrets.
func unreachable(err error) bool {
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"dbus", "d-bus", "org.freedesktop.secrets", "secret service", "no such interface", "serviceunknown", "failed to unlock", "dial unix", "autolaunch"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
