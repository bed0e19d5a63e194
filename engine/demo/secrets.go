package demo

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
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

// chooseSecrets returns the OS keychain when one responds. Otherwise it
// warns on out and returns a store in memory.
//
// The fallback exists for the demo alone. Its secrets are passwords and
// tokens of simulators that live only as long as this process, so keeping
// them in memory loses nothing. Refusing to run instead would leave a bare
// CI shell or a server without a demo. Real connections never fall back:
// the engine refuses to store a secret without a keychain. The memory
// store writes nothing to disk.
func chooseSecrets(ctx context.Context, dataDir string, out io.Writer) (store secrets.Store, inKeychain bool, err error) {
	k := secrets.Keychain{Service: keychainService(dataDir)}
	probe := make(chan error, 1)
	go func() { probe <- k.Probe(ctx) }()
	// A locked keychain may ask the user for its password first, and the
	// keychain library does not stop at ctx, so the wait is bounded here.
	timer := time.NewTimer(keychainWait)
	defer timer.Stop()
	select {
	case err = <-probe:
	case <-timer.C:
		err = fmt.Errorf("the keychain did not respond within %s; it may be locked and waiting for its password", keychainWait)
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	if err == nil {
		return k, true, nil
	}
	fmt.Fprintf(out, "warning: no OS keychain answered (%v).\n"+
		"warning: the demo keeps its simulated logins and tokens in memory instead; they are never written to disk.\n"+
		"warning: real connections still require a keychain.\n", err)
	return newMemorySecrets(), false, nil
}

// keychainWait bounds the keychain probe. It leaves a user the time to
// type the keychain password when the keychain asks for it, and it keeps
// a prompt on a virtual display, where no one can answer it, from
// stopping the demo for good.
const keychainWait = 45 * time.Second

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
