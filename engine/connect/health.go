package connect

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"syscall"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/store"
)

// Health returns the status of the three connections in the order
// salesforce, clarizen1, clarizen2. It reads only the store; Check probes
// the services.
func (m *Manager) Health(ctx context.Context) ([]Status, error) {
	out := make([]Status, 0, 3)
	for _, id := range []string{Salesforce, Clarizen1, Clarizen2} {
		st, err := m.status(ctx, id)
		if err != nil {
			return nil, wrap("read health of", id, err)
		}
		out = append(out, st)
	}
	return out, nil
}

// status returns one connection's Status, with the Salesforce API usage
// seen since the last write to the store.
func (m *Manager) status(ctx context.Context, id string) (Status, error) {
	c, err := m.db.Connection(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return disconnectedStatus(id), nil
	}
	if err != nil {
		return Status{}, err
	}
	st := statusOf(c)
	if id == Salesforce {
		if u, ok := m.latestUsage(); ok {
			st.setUsage(u.used, u.max)
		}
	}
	return st, nil
}

// setState records a connection's state and detail, emits the change and
// pauses or resumes the mappings that depend on the connection. It does
// nothing when the connection has no row or nothing changed.
func (m *Manager) setState(ctx context.Context, id, state, detail string) error {
	// The detail often is an error text from a server; masking is a last
	// guard, because the clients already keep secrets out of their errors.
	detail = logging.Redact(detail)
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	c, err := m.db.Connection(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if c.State == state && c.StateDetail == detail {
		return nil
	}
	if err := m.db.SetConnectionState(ctx, id, state, detail); err != nil {
		return err
	}
	m.log.Info("connection state changed", slog.String(logging.KeyConnection, id),
		slog.String("from", c.State), slog.String("to", state), slog.String("detail", detail))
	if err := m.updateMappingsLocked(ctx); err != nil {
		return err
	}
	m.emit(ctx, id)
	return nil
}

// saveConnection writes a whole row after a login, then updates the
// mappings and emits the change.
func (m *Manager) saveConnection(ctx context.Context, c store.Connection) error {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	if old, err := m.db.Connection(ctx, c.ID); err == nil {
		c.CreatedAt = old.CreatedAt
		c.LastSynced = old.LastSynced
		if c.APIMax == 0 {
			c.APIUsed, c.APIMax = old.APIUsed, old.APIMax
		}
	}
	if err := m.db.SaveConnection(ctx, c); err != nil {
		return err
	}
	if err := m.updateMappingsLocked(ctx); err != nil {
		return err
	}
	m.emit(ctx, c.ID)
	return nil
}

// updateMappingsLocked sets each mapping to "ok" when both its Salesforce
// and its Clarizen connection are usable, and pauses it otherwise. An
// unreachable connection counts as usable, because only the admin can end
// the other states while a run can outlast a network failure. The caller
// holds stateMu.
func (m *Manager) updateMappingsLocked(ctx context.Context) error {
	conns, err := m.db.Connections(ctx)
	if err != nil {
		return err
	}
	usable := map[string]bool{}
	for _, c := range conns {
		usable[c.ID] = c.State == StateConnected || c.State == StateUnreachable
	}
	mappings, err := m.db.Mappings(ctx)
	if err != nil {
		return err
	}
	for _, mp := range mappings {
		want := mappingPaused
		if usable[Salesforce] && usable[mp.ClarizenConnection] {
			want = mappingOK
		}
		if mp.State == want {
			continue
		}
		if err := m.db.SetMappingState(ctx, mp.ID, want); err != nil {
			return err
		}
		m.log.Info("mapping state changed", slog.String(logging.KeyMapping, mp.ID),
			slog.String("clarizen_connection", mp.ClarizenConnection), slog.String("state", want))
	}
	return nil
}

// ReportFailure lets the rest of the engine report an error a client
// returned. An authentication failure marks the connection as needing
// re-authentication and pauses its mappings; a failure to reach the
// service marks it unreachable. Other errors change nothing. It returns
// the state the connection is in afterwards.
func (m *Manager) ReportFailure(ctx context.Context, id string, failure error) (string, error) {
	if err := checkConnectionID(id); err != nil {
		return "", wrap("report failure of", id, err)
	}
	ctx = context.WithoutCancel(ctx)
	switch {
	case isAuthFailure(failure):
		if err := m.setState(ctx, id, StateNeedsReauth, failure.Error()); err != nil {
			return "", wrap("report failure of", id, err)
		}
	case isUnreachable(failure):
		if err := m.setState(ctx, id, StateUnreachable, failure.Error()); err != nil {
			return "", wrap("report failure of", id, err)
		}
	}
	st, err := m.status(ctx, id)
	if err != nil {
		return "", wrap("report failure of", id, err)
	}
	return st.State, nil
}

// MarkSynced records that the connections took part in a run that
// finished at at; an unreachable connection counts as connected again.
func (m *Manager) MarkSynced(ctx context.Context, at time.Time, ids ...string) error {
	for _, id := range ids {
		if err := checkConnectionID(id); err != nil {
			return wrap("mark synced", id, err)
		}
		if err := m.db.SetLastSynced(ctx, id, at); err != nil {
			return wrap("mark synced", id, err)
		}
		c, err := m.db.Connection(ctx, id)
		if err != nil {
			return wrap("mark synced", id, err)
		}
		if c.State == StateUnreachable {
			if err := m.setState(ctx, id, StateConnected, ""); err != nil {
				return wrap("mark synced", id, err)
			}
			continue
		}
		m.emit(ctx, id)
	}
	return nil
}

// isUnreachable reports whether err means no response came from the
// service: a refused or reset connection, a name that did not resolve, a
// timeout.
func isUnreachable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var dns *net.DNSError
	var op *net.OpError
	var ne net.Error
	switch {
	case errors.As(err, &dns), errors.As(err, &op):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET):
		return true
	case errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.As(err, &ne) && ne.Timeout():
		return true
	}
	return false
}
