package syncer

import (
	"context"
	"errors"
	"fmt"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
)

// StateNeedsReauth is the state of a connection, and of each of its
// mappings, after its login was refused. The mappings stay paused until the
// admin re-authenticates.
const StateNeedsReauth = store.MappingNeedsReauth

// checkBudget returns a stop when the Salesforce daily API budget left is
// under the reserve. Without a usage reading yet, the run goes on.
func (r *Runner) checkBudget(sf SalesforceAPI, reservePercent int) *stopError {
	if sf == nil || reservePercent <= 0 {
		return nil
	}
	u, ok := sf.APIUsage()
	if !ok || u.Max <= 0 {
		return nil
	}
	if u.RemainingFraction()*100 >= float64(reservePercent) {
		return nil
	}
	return &stopError{status: StatusStopped, reason: fmt.Sprintf(
		"the Salesforce daily API budget is down to %d of %d requests, under the %d %% reserve; unsent operations stay Pending for the next run",
		u.Remaining(), u.Max, reservePercent)}
}

// isAuthError reports whether err means the connection's login was
// refused and a new login is needed.
func isAuthError(err error) bool {
	if errors.Is(err, oauth.ErrNeedsReauth) {
		return true
	}
	var sfErr *salesforce.Error
	if errors.As(err, &sfErr) {
		return sfErr.Class() == salesforce.Auth
	}
	var czErr *clarizen.Error
	if errors.As(err, &czErr) {
		return czErr.Class() == clarizen.Auth
	}
	return false
}

// connectionStop handles a failure to get or use a connection's client.
// An auth failure becomes a clean stop that carries the refused login; a
// run that applies pauses the connection's mappings (see execute). Any
// other error is returned as it is.
func connectionStop(connection string, err error) error {
	if !isAuthError(err) {
		return err
	}
	return &stopError{status: StatusStopped, refused: &refusedLogin{connection: connection, failure: err},
		reason: fmt.Sprintf("the %s connection needs re-authentication; its mappings are paused", connection)}
}

// refusedLogin is a connection whose login was refused.
type refusedLogin struct {
	connection string
	failure    error
}

// pauseConnection marks a connection as needing re-authentication and
// pauses its mappings: every mapping for Salesforce, the instance's
// mappings for a Clarizen connection. With Options.Connections set, the
// connections manager does both.
func (r *Runner) pauseConnection(ctx context.Context, connection string, failure error) error {
	detail := logging.Redact(failure.Error())
	r.log.Warn("connection needs re-authentication; pausing its mappings", logging.KeyConnection, connection, logging.KeyError, detail)
	if r.opts.Connections != nil {
		_, err := r.opts.Connections.ReportFailure(context.WithoutCancel(ctx), connection, failure)
		return err
	}
	if err := r.db.SetConnectionState(ctx, connection, StateNeedsReauth, detail); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	defs, err := r.db.Mappings(ctx)
	if err != nil {
		return err
	}
	for _, d := range defs {
		if connection != SalesforceConnection && d.ClarizenConnection != connection {
			continue
		}
		if err := r.db.SetMappingState(ctx, d.ID, StateNeedsReauth); err != nil {
			return err
		}
	}
	return nil
}
