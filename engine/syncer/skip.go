package syncer

import (
	"errors"
	"fmt"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/salesforce"
)

// SkippedDefinition is a mapping or event that a run left out because it
// failed to plan: a field it names was deleted, its object is no longer
// readable, or its stored definition is invalid. The other definitions
// sync as usual.
type SkippedDefinition struct {
	// Kind is "mapping" or "event".
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
	// Error is the failure, redacted.
	Error string `json:"error"`
}

// definitionRef names the mapping or event being planned.
type definitionRef struct {
	kind, id, name string
	// connection is the Clarizen connection of the definition.
	connection string
}

func mappingRef(ms *mappingState) definitionRef {
	return definitionRef{kind: "mapping", id: ms.m.ID, name: ms.m.Name, connection: ms.conn}
}

// storeError marks a failure of the local store while planning. It ends
// the run, because a broken store is no fault of one definition.
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// storeFailure wraps a store error so that planningFailure can tell it
// apart from a definition's fault. It returns nil for nil.
func storeFailure(err error) error {
	if err == nil {
		return nil
	}
	return &storeError{err: err}
}

// planningFailure decides what a definition's planning error means for
// the run, after the definition's partial plan was rolled back:
//
//   - A refused Clarizen login pauses that instance's mappings and events,
//     and the run goes on without them.
//   - A refused Salesforce login pauses every mapping and stops the run.
//   - A spent Salesforce API budget, or a budget under the reserve, stops
//     the run.
//   - A store failure or the end of the run's context ends the run.
//   - Any other error skips the definition: it becomes a plan warning and
//     a SkippedDefinition, which an applied run stores as the
//     definition's last result.
//
// It returns the error that ends the run, nil when the run goes on.
func (p *planner) planningFailure(def definitionRef, err error) error {
	var stop *stopError
	var czErr *clarizen.Error
	var sfErr *salesforce.Error
	var dbErr *storeError
	switch {
	case errors.As(err, &stop):
		return stop
	case isAuthError(err) && errors.As(err, &czErr):
		p.pause(def.connection, err)
		delete(p.cz, def.connection)
		return nil
	case isAuthError(err):
		return connectionStop(SalesforceConnection, err)
	case errors.As(err, &sfErr) && sfErr.Class() == salesforce.Quota:
		return &stopError{status: StatusStopped, reason: "the Salesforce daily API budget is spent; the run stopped while planning and the next run after the budget resets plans again"}
	case errors.As(err, &dbErr), p.ctx.Err() != nil:
		return err
	}
	p.skipDefinition(def, err)
	return nil
}

// skipDefinition records a definition the run leaves out.
func (p *planner) skipDefinition(def definitionRef, err error) {
	message := logging.Redact(err.Error())
	p.plan.Skipped = append(p.plan.Skipped, SkippedDefinition{Kind: def.kind, ID: def.id, Name: def.name, Error: message})
	p.warnf("%s %q was skipped, and the other mappings and events went on: %s. Fix the %s on the Mappings & Events screen and run again.",
		def.kind, def.name, message, def.kind)
	p.r.log.Warn("definition skipped: it failed to plan", "kind", def.kind, idKey(def.kind), def.id, logging.KeyError, message)
}

// idKey returns the log attribute key of a definition's id.
func idKey(kind string) string {
	if kind == "event" {
		return logging.KeyEvent
	}
	return logging.KeyMapping
}

// checkpoint is the length of the plan's lists before a definition is
// planned, so that a definition that fails leaves nothing behind.
type checkpoint struct {
	ops, marks, firings int
}

func (p *planner) checkpoint() checkpoint {
	return checkpoint{ops: len(p.plan.Operations), marks: len(p.plan.marks), firings: len(p.firings)}
}

// rollback drops what was planned since cp: the operations, the watermarks
// that would move past records the failed definition did not finish, the
// firings, and the memos of creates that are gone.
func (p *planner) rollback(cp checkpoint) {
	p.plan.Operations = p.plan.Operations[:cp.ops]
	p.plan.marks = p.plan.marks[:cp.marks]
	p.firings = p.firings[:cp.firings]
	for key, pc := range p.creates {
		if pc.op < 0 || pc.op >= cp.ops {
			delete(p.creates, key)
		}
	}
}

// skippedResult is the last result a skipped definition shows.
func skippedResult(s SkippedDefinition, at string) string {
	return fmt.Sprintf("%s: skipped, because it failed to plan: %s", at, s.Error)
}
