package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
)

// SalesforceClient returns the authenticated Salesforce client for the
// rest of the engine, built from the stored connection and the keychain on
// first use and shared afterwards. Its token refreshes are saved to the
// keychain, a rejected login marks the connection as needing
// re-authentication, and its responses' Sforce-Limit-Info updates the
// stored API usage. After a re-authentication the same client goes on with
// the new tokens.
func (m *Manager) SalesforceClient(ctx context.Context) (*salesforce.Client, error) {
	const op = opGetClient
	c, err := m.connection(ctx, Salesforce)
	if err != nil {
		return nil, wrap(op, Salesforce, err)
	}
	if c.State == StateNeedsReauth {
		return nil, wrap(op, Salesforce, fmt.Errorf("%w: %s", ErrNeedsReauth, c.StateDetail))
	}
	client, err := m.salesforceClient(ctx)
	return client, wrap(op, Salesforce, err)
}

// salesforceClient returns the shared client, building it and reading the
// identity when there is none yet.
func (m *Manager) salesforceClient(ctx context.Context) (*salesforce.Client, error) {
	m.mu.Lock()
	client := m.sfClient
	m.mu.Unlock()
	if client != nil {
		return client, nil
	}
	client, _, err := m.probeSalesforce(ctx)
	return client, err
}

// probeSalesforce reads the identity through the shared client (built
// when there is none), which also chooses the API version and checks that
// the tokens still reach the stored org. A client that passes becomes the
// shared one.
func (m *Manager) probeSalesforce(ctx context.Context) (*salesforce.Client, salesforce.Identity, error) {
	c, err := m.connection(ctx, Salesforce)
	if err != nil {
		return nil, salesforce.Identity{}, err
	}
	m.mu.Lock()
	client, gen := m.sfClient, m.sfGen
	m.mu.Unlock()
	if client == nil {
		if client, err = m.newSalesforceClient(c.InstanceURL, managedTokens{m}); err != nil {
			return nil, salesforce.Identity{}, err
		}
	}
	ident, err := client.Connect(ctx, c.OrgID)
	if err != nil {
		return nil, ident, err
	}
	m.mu.Lock()
	if m.sfGen == gen && m.sfClient == nil {
		m.sfClient = client
	}
	m.mu.Unlock()
	return client, ident, nil
}

// usageState is the latest Salesforce API usage and when it was written.
type usageState struct {
	used, max int
	known     bool
	dirty     bool
	written   bool
	writtenAt int64 // Unix nanoseconds by the Manager's clock
}

type usage struct{ used, max int }

// usageTransport reads Sforce-Limit-Info from every Salesforce response.
type usageTransport struct {
	next http.RoundTripper
	m    *Manager
}

func (t *usageTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if resp != nil {
		if used, maxRequests, ok := salesforce.ParseLimitInfo(resp.Header.Get("Sforce-Limit-Info")); ok {
			t.m.observeUsage(req.Context(), used, maxRequests)
		}
	}
	return resp, err
}

// observeUsage keeps the latest usage and writes it to the store when it
// changed and the write interval has passed.
func (m *Manager) observeUsage(ctx context.Context, used, maxRequests int) {
	now := m.now().UnixNano()
	m.mu.Lock()
	u := &m.usage
	if !u.known || u.used != used || u.max != maxRequests {
		u.dirty = true
	}
	u.used, u.max, u.known = used, maxRequests, true
	interval := m.opts.UsageWriteInterval
	due := u.dirty && (interval < 0 || !u.written || now-u.writtenAt >= int64(interval))
	m.mu.Unlock()
	if due {
		if err := m.writeUsage(context.WithoutCancel(ctx)); err != nil {
			m.log.Warn("record salesforce api usage failed", slog.Any(logging.KeyError, err))
		}
	}
}

// writeUsage stores the latest usage when it changed since the last write.
func (m *Manager) writeUsage(ctx context.Context) error {
	m.usageWriteMu.Lock()
	defer m.usageWriteMu.Unlock()
	m.mu.Lock()
	u := m.usage
	m.mu.Unlock()
	if !u.dirty {
		return nil
	}
	err := m.db.SetAPIUsage(ctx, Salesforce, u.used, u.max)
	if err != nil {
		// Before the first login is saved there is no row to update; the
		// login stores the usage itself.
		return nilIfNotFound(err)
	}
	m.mu.Lock()
	m.usage.written = true
	m.usage.writtenAt = m.now().UnixNano()
	if m.usage.used == u.used && m.usage.max == u.max {
		m.usage.dirty = false
	}
	m.mu.Unlock()
	m.emit(ctx, Salesforce)
	return nil
}

// flushUsage writes usage that the interval held back.
func (m *Manager) flushUsage(ctx context.Context) error {
	if err := m.writeUsage(ctx); err != nil {
		return fmt.Errorf("record salesforce api usage: %w", err)
	}
	return nil
}

func (m *Manager) latestUsage() (usage, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return usage{used: m.usage.used, max: m.usage.max}, m.usage.known
}

func nilIfNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
