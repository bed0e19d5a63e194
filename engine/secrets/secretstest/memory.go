// Package secretstest provides an in-memory secrets.Store for unit tests of
// packages that need one. Production code never uses it: Liaison keeps
// secrets only in the OS keychain.
package secretstest

import (
	"context"
	"fmt"
	"sync"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/secrets"
)

// Memory is a map-backed secrets.Store that registers its values with the
// logging package as the keychain store does.
type Memory struct {
	mu sync.Mutex
	m  map[string]string
}

// NewMemory returns an empty store.
func NewMemory() *Memory { return &Memory{m: map[string]string{}} }

// Get returns the value or secrets.ErrNotFound.
func (s *Memory) Get(_ context.Context, connection, kind string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[connection+"/"+kind]
	if !ok {
		return "", fmt.Errorf("read %s of connection %s: %w", kind, connection, secrets.ErrNotFound)
	}
	return v, nil
}

// Set stores the value.
func (s *Memory) Set(_ context.Context, connection, kind, value string) error {
	logging.RegisterSecret(value)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[connection+"/"+kind] = value
	return nil
}

// Delete removes the value.
func (s *Memory) Delete(_ context.Context, connection, kind string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, connection+"/"+kind)
	return nil
}

// Values returns every stored value, for tests that scan files for leaks.
func (s *Memory) Values() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.m))
	for _, v := range s.m {
		out = append(out, v)
	}
	return out
}
