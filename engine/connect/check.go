package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
)

// Check probes every connection that is not disconnected with one cheap
// authenticated call (the Salesforce identity, the Clarizen session info),
// updates its state and returns the health of all three. A rejected login
// becomes needs_reauth and pauses the connection's mappings. A failure to
// reach the service becomes unreachable. A pending org change stays pending
// until ResolveOrgChange.
func (m *Manager) Check(ctx context.Context) ([]Status, error) {
	conns, err := m.db.Connections(ctx)
	if err != nil {
		return nil, wrap("check", "connections", err)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(conns))
	for i, c := range conns {
		if c.State == StateDisconnected {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := m.checkOne(ctx, c); err != nil {
				errs[i] = wrap("check", c.ID, err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return m.Health(ctx)
}

// checkOne probes one connection and records the outcome. It returns an
// error only when the outcome could not be recorded or ctx ended.
func (m *Manager) checkOne(ctx context.Context, c store.Connection) error {
	var probeErr error
	if c.System == "salesforce" {
		_, ident, err := m.probeSalesforce(ctx)
		var changed *salesforce.OrgChangedError
		if errors.As(err, &changed) {
			return m.orgChangedWithoutLogin(ctx, c, ident)
		}
		probeErr = err
	} else {
		client, err := m.clarizenClient(ctx, c.ID)
		if err == nil {
			var info clarizen.SessionInfo
			info, err = client.SessionInfo(ctx)
			if err == nil && c.Username == "" {
				m.fillClarizenUserName(ctx, c.ID, client, info.UserID)
			}
		}
		probeErr = err
	}
	switch {
	case probeErr == nil:
		if c.State == StateOrgChanged {
			return nil
		}
		return m.setState(ctx, c.ID, StateConnected, "")
	case ctx.Err() != nil:
		return ctx.Err()
	case isAuthFailure(probeErr):
		return m.setState(ctx, c.ID, StateNeedsReauth, probeErr.Error())
	default:
		return m.setState(ctx, c.ID, StateUnreachable, probeErr.Error())
	}
}

// fillClarizenUserName stores the user name of a connection that was
// made by API key before logins read it, so the Connections screen names
// the user after the next check.
func (m *Manager) fillClarizenUserName(ctx context.Context, id string, client *clarizen.Client, userID string) {
	name := m.clarizenUserName(ctx, id, client, userID)
	if name == "" {
		return
	}
	c, err := m.db.Connection(ctx, id)
	if err != nil || c.Username != "" {
		return
	}
	c.Username = name
	if err := m.saveConnection(ctx, c); err != nil {
		m.log.Warn("store clarizen user name failed", slog.String(logging.KeyConnection, id), slog.Any(logging.KeyError, err))
	}
}

// orgChangedWithoutLogin records a stored token that now reaches another
// org than the stored one, which only a server that kept the tokens across
// a sandbox refresh would do.
func (m *Manager) orgChangedWithoutLogin(ctx context.Context, c store.Connection, ident salesforce.Identity) error {
	change, err := m.detectOrgChange(ctx, c, true, ident.OrgID)
	if err != nil {
		return err
	}
	c.OrgID, c.UserID, c.IsSandbox = ident.OrgID, ident.UserID, ident.IsSandbox
	c.State, c.StateDetail = StateConnected, ""
	if err := m.recordOrgChange(ctx, &c, change); err != nil {
		return err
	}
	if err := m.saveConnection(ctx, c); err != nil {
		return fmt.Errorf("save salesforce connection: %w", err)
	}
	return nil
}
