package demo

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/secrets"
)

// keychainService returns the keychain service name of the demo in a data
// folder. It differs from Liaison's own service, so the demo never touches
// the user's real connections, and from demo to demo, so two demos running
// at once keep their tokens apart.
func keychainService(dataDir string) string {
	sum := sha256.Sum256([]byte(dataDir))
	return secrets.Service + " demo " + hex.EncodeToString(sum[:4])
}

// Keychain choices of the demo (Options.Keychain).
const (
	// KeychainAuto uses the OS keychain when it answers within a few
	// seconds without asking for a password, and memory otherwise.
	KeychainAuto = "auto"
	// KeychainOn requires the OS keychain and waits for its password
	// prompt.
	KeychainOn = "on"
	// KeychainOff keeps the secrets in memory without asking the keychain.
	KeychainOff = "off"
)

// MemoryNotice is the line the demo prints when it keeps its secrets in
// memory because the keychain did not answer.
const MemoryNotice = "The OS keychain did not answer; the demo keeps its simulated logins in memory for this run."

// keychainProbeWait bounds the keychain check of KeychainAuto. An
// unlocked GNOME Keyring returned in about 0.1 s here (over D-Bus on a
// 2-core machine). Waiting longer would only hold the demo behind a
// prompt that no one may see, as on a virtual display.
const keychainProbeWait = 3 * time.Second

// keychainOnWait bounds the keychain check of KeychainOn: long enough to
// type the keychain's password at its prompt.
const keychainOnWait = 2 * time.Minute

// errKeychainLocked means the keychain's collection is locked, so reading
// from it would show a password prompt.
var errKeychainLocked = errors.New("the keychain is locked, and unlocking it would ask for its password")

// chooseSecrets returns the store of the demo's secrets for mode: the OS
// keychain, or a store in memory.
//
// The memory store exists for the demo alone. Its secrets are passwords
// and tokens of simulators that live only as long as this process, so
// keeping them in memory loses nothing. Refusing to run instead would
// leave a bare CI shell or a server without a demo. Real connections never
// fall back: the engine refuses to store a secret without a keychain. The
// memory store writes nothing to disk.
func chooseSecrets(ctx context.Context, dataDir, mode string, out io.Writer, log *slog.Logger) (store secrets.Store, inKeychain bool, err error) {
	switch mode {
	case KeychainOff:
		log.Info("demo secrets kept in memory", "keychain", mode)
		return newMemorySecrets(), false, nil
	case "", KeychainAuto, KeychainOn:
	default:
		return nil, false, fmt.Errorf("invalid keychain choice %q: use auto, on or off", mode)
	}
	k := secrets.Keychain{Service: keychainService(dataDir)}
	wait := keychainProbeWait
	if mode == KeychainOn {
		wait = keychainOnWait
		fmt.Fprintf(out, "Waiting up to %s for the OS keychain; unlock it if it asks for its password.\n", wait)
	}
	err = probeKeychain(ctx, k, mode != KeychainOn, wait)
	if err == nil {
		return k, true, nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, false, ctxErr
	}
	if mode == KeychainOn {
		return nil, false, fmt.Errorf("use the OS keychain (--keychain on): %w; unlock the keychain, "+
			"or run the demo with --keychain auto to keep its simulated logins in memory", err)
	}
	log.Info("demo secrets kept in memory", "keychain", KeychainAuto, logging.KeyError, err)
	fmt.Fprintln(out, MemoryNotice)
	return newMemorySecrets(), false, nil
}

// probeKeychain checks that the keychain answers within wait. With
// avoidPrompt, a locked keychain counts as not answering, so that no
// password prompt appears. The keychain library does not stop at ctx, so
// a call still waiting after the deadline is left behind; it ends with the
// process.
func probeKeychain(ctx context.Context, k secrets.Keychain, avoidPrompt bool, wait time.Duration) error {
	done := make(chan error, 1)
	go func() {
		if err := keychainReachable(avoidPrompt); err != nil {
			done <- err
			return
		}
		done <- k.Probe(ctx)
	}()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("check the keychain: timed out after %s", wait)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// memorySecrets is the demo's in-memory secrets.Store. Like the keychain
// store it registers every value with the logging package, so that a
// value is masked in any log line.
type memorySecrets struct {
	mu     sync.Mutex
	values map[string]string
}

func newMemorySecrets() *memorySecrets { return &memorySecrets{values: map[string]string{}} }

func (m *memorySecrets) Get(_ context.Context, connection, kind string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.values[connection+"/"+kind]
	if !ok {
		return "", fmt.Errorf("read %s of connection %s: %w", kind, connection, secrets.ErrNotFound)
	}
	return v, nil
}

func (m *memorySecrets) Set(_ context.Context, connection, kind, value string) error {
	logging.RegisterSecret(value)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.values[connection+"/"+kind] = value
	return nil
}

func (m *memorySecrets) Delete(_ context.Context, connection, kind string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.values, connection+"/"+kind)
	return nil
}

// newPassword returns a random password for a simulated login, so that no
// demo shares a secret with another and a leak scan can look for it.
func newPassword(prefix string) (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate a demo password: %w", err)
	}
	v := prefix + "-" + hex.EncodeToString(b)
	logging.RegisterSecret(v)
	return v, nil
}
