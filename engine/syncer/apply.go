package syncer

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

// Batch sizes: a Salesforce sObject Collections call takes at most 200
// records, and Liaison keeps Clarizen bulk calls at 100 sub-requests.
const (
	SalesforceBatchSize = 200
	ClarizenBatchSize   = 100
)

type opState int

const (
	statePending opState = iota // not sent, or sent without a recorded response
	stateSuccess
	stateFailed
)

// outcome is the result of one operation.
type outcome struct {
	state opState
	// id is the record the operation created or wrote.
	id        string
	err       *RecordError
	writtenAt time.Time
}

// unfinished reports whether the next run must take the operation up again:
// it was not sent, or it failed for a reason that may pass (busy server,
// expired login, spent budget).
func (o outcome) unfinished() bool {
	return o.state == statePending || (o.state == stateFailed && o.err != nil && o.err.Class != ClassPermanent)
}

// stopError ends applying early and cleanly: the operations not yet sent
// stay Pending.
type stopError struct {
	status RunStatus
	reason string
	// refused is the login refusal that stopped the run, if one did.
	refused *refusedLogin
}

func (e *stopError) Error() string { return e.reason }

// applier sends one plan's operations.
type applier struct {
	r        *Runner
	plan     *Plan
	runID    int64
	rowIDs   []int64
	reused   map[int64]bool
	out      []outcome
	tally    *tally
	progress *reporter
	log      *slog.Logger

	sf SalesforceAPI
	cz map[string]ClarizenAPI
	// paused holds connections that need re-authentication; their
	// operations stay Pending.
	paused map[string]bool
	// linkOps lists, per planned link, the operations that must all
	// succeed before it is saved.
	linkOps map[*LinkPlan][]int
	stop    *stopError
	// reserve is the share of the Salesforce daily budget, in percent,
	// the run leaves unused.
	reserve int
	// lookupFirst holds the plain Salesforce inserts that take over the
	// row of an earlier attempt, whose outcome is unknown: each is looked
	// up by its key value before it is sent.
	lookupFirst map[int]bool
}

// batch is a group of operations sent in one remote call.
type batch struct {
	ops []*Operation
}

// batchKey groups operations that one call can carry.
type batchKey struct {
	target     schema.Side
	connection string
	kind       OpKind
	object     string
	keyField   string
	mappingID  string
	template   bool
}

// apply writes the registry rows, then sends the batches wave by wave.
// It returns a *stopError when it ended early and cleanly, or another
// error when the store failed.
func (a *applier) apply(ctx context.Context) error {
	ops := a.plan.Operations
	a.out = make([]outcome, len(ops))
	a.linkOps = map[*LinkPlan][]int{}
	for i := range ops {
		if ops[i].Link != nil {
			a.linkOps[ops[i].Link] = append(a.linkOps[ops[i].Link], i)
		}
	}
	if err := a.writePending(ctx); err != nil {
		return err
	}
	a.progress.update(func(p *Progress) { p.Phase, p.Total, p.Done = PhaseApply, len(ops), 0 })
	for _, wave := range waves(ops) {
		for _, b := range batches(ops, wave) {
			if err := a.runBatch(ctx, b); err != nil {
				return err
			}
			if a.stop != nil {
				return a.stop
			}
		}
	}
	return nil
}

// writePending adds a Pending registry row for every operation before any
// remote call. An operation whose key matches a row an interrupted run left
// Pending (or a row that failed) takes that row over.
func (a *applier) writePending(ctx context.Context) error {
	ops := a.plan.Operations
	a.rowIDs = make([]int64, len(ops))
	a.reused = map[int64]bool{}
	a.lookupFirst = map[int]bool{}
	var fresh []store.RegistryRow
	var freshOps []int
	reused := map[int64][]store.FieldChange{}
	for i := range ops {
		op := &ops[i]
		row := registryRow(a.runID, op)
		if old, ok, err := a.r.db.PendingByKey(ctx, op.Key); err != nil {
			return err
		} else if ok && !a.reused[old.ID] {
			a.rowIDs[i] = old.ID
			a.reused[old.ID] = true
			reused[old.ID] = row.Fields
			if op.lookupField != "" {
				a.lookupFirst[i] = true
			}
			continue
		}
		fresh = append(fresh, row)
		freshOps = append(freshOps, i)
	}
	if err := a.r.db.ReuseRegistryRows(ctx, a.runID, reused); err != nil {
		return err
	}
	ids, err := a.r.db.AddPending(ctx, fresh)
	if err != nil {
		return fmt.Errorf("write pending registry rows of run %d: %w", a.runID, err)
	}
	for j, id := range ids {
		a.rowIDs[freshOps[j]] = id
	}
	if err := a.r.db.SetRegistrySources(ctx, a.sources()); err != nil {
		return err
	}
	if len(ops) > 0 {
		a.r.bus().Emit(events.RegistryChanged, map[string]any{"runId": a.runID, "pending": len(ops)})
	}
	return nil
}

// sources returns the record behind each operation's row.
func (a *applier) sources() []store.RegistrySource {
	var out []store.RegistrySource
	for i, op := range a.plan.Operations {
		c := op.cause
		if c == nil {
			c = op.Source
		}
		if c == nil || c.ID == "" {
			continue
		}
		out = append(out, store.RegistrySource{RegistryID: a.rowIDs[i], Side: string(c.Side), Connection: c.Connection,
			Object: c.Object, RecordID: c.ID})
	}
	return out
}

// registryRow describes op as a Pending registry row.
func registryRow(runID int64, op *Operation) store.RegistryRow {
	row := store.RegistryRow{
		RunID:          runID,
		MappingID:      op.MappingID,
		EventID:        op.EventID,
		Operation:      string(op.Kind),
		Target:         string(op.Target),
		IdempotencyKey: op.Key,
		Label:          op.Label,
		Fields:         make([]store.FieldChange, 0, len(op.Fields)),
	}
	// A create's row gets the record id only once the create succeeded, so
	// a failed create never shows the id it was meant to have.
	recordID := op.RecordID
	if op.creates() {
		recordID = ""
	}
	if op.Target == schema.Salesforce {
		row.SFObject, row.SFID = op.Object, recordID
	} else {
		row.CZConnection, row.CZType, row.CZID = op.Connection, op.Object, recordID
	}
	if src := op.Source; src != nil && src.Side != op.Target {
		if src.Side == schema.Salesforce {
			row.SFObject, row.SFID = src.Object, src.ID
		} else {
			row.CZConnection, row.CZType, row.CZID = src.Connection, src.Object, src.ID
		}
	}
	for _, f := range op.Fields {
		fc := store.FieldChange{Field: f.Field, Before: displayValue(f.Before), After: displayValue(f.After)}
		if f.Conflict != nil {
			fc.Conflict = map[string]any{"salesforce": displayValue(f.Conflict.Salesforce),
				"clarizen": displayValue(f.Conflict.Clarizen), "winner": f.Conflict.Winner, "rule": f.Conflict.Rule}
		}
		row.Fields = append(row.Fields, fc)
	}
	return row
}

// displayValue makes a value JSON-friendly for the registry.
func displayValue(v any) any {
	switch x := v.(type) {
	case Ref:
		return x.String()
	case fmt.Stringer:
		return x.String()
	}
	return v
}

// waves orders operations so that each runs after the operations it
// depends on: wave n holds the operations whose longest dependency chain
// has n links.
func waves(ops []Operation) [][]int {
	depth := make([]int, len(ops))
	var waveList [][]int
	for i := range ops {
		d := 0
		for _, dep := range ops[i].DependsOn {
			if dep < i {
				d = max(d, depth[dep]+1)
			}
		}
		depth[i] = d
		for len(waveList) <= d {
			waveList = append(waveList, nil)
		}
		waveList[d] = append(waveList[d], i)
	}
	return waveList
}

// batches groups a wave's operations into calls, in the order of their
// first operation, each at most the target's batch size. Template creates
// go one per call, since Clarizen creates from a template one at a time.
func batches(ops []Operation, wave []int) []batch {
	groups := map[batchKey][]*Operation{}
	var order []batchKey
	for _, i := range wave {
		op := &ops[i]
		k := batchKey{target: op.Target, connection: op.Connection, kind: op.Kind, object: op.Object,
			keyField: op.KeyField, mappingID: op.MappingID, template: op.Template != ""}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], op)
	}
	var out []batch
	for _, k := range order {
		size := ClarizenBatchSize
		if k.target == schema.Salesforce {
			size = SalesforceBatchSize
		}
		if k.template {
			size = 1
		}
		list := groups[k]
		for start := 0; start < len(list); start += size {
			out = append(out, batch{ops: list[start:min(start+size, len(list))]})
		}
	}
	return out
}

// runBatch sends one batch and commits its outcome.
func (a *applier) runBatch(ctx context.Context, b batch) error {
	if ctx.Err() != nil || a.r.cancel.Load() {
		a.stop = &stopError{status: StatusCancelled, reason: "the run was cancelled; unsent operations stay Pending for the next run"}
		return nil
	}
	first := b.ops[0]
	if a.paused[first.Connection] {
		return nil
	}
	if stop := a.r.checkBudget(a.sf, a.reserve); stop != nil {
		a.stop = stop
		return nil
	}

	// Operations whose dependencies failed are not sent; the others get
	// their Refs replaced by the created ids.
	var send []*Operation
	var skipped []*Operation
	for _, op := range b.ops {
		if op.planErr != nil {
			a.out[op.ID] = outcome{state: stateFailed, err: op.planErr}
			skipped = append(skipped, op)
			continue
		}
		switch a.dependencyState(op) {
		case stateSuccess:
			a.resolveRefs(op)
			send = append(send, op)
		case stateFailed:
			a.out[op.ID] = outcome{state: stateFailed, err: a.dependencyError(op)}
			skipped = append(skipped, op)
		default:
			// A dependency is still Pending (its connection paused): this
			// operation stays Pending too.
		}
	}

	if len(send) > 0 && a.plan.previewed && first.Kind == OpUpdate {
		kept, err := a.recheckTargets(ctx, send)
		if err != nil {
			return a.handleCallError(ctx, send, err)
		}
		send = kept
	}
	if len(send) > 0 {
		a.progress.update(func(p *Progress) { p.Mapping, p.Object = first.MappingName, first.Object })
		err := a.send(ctx, send)
		if err != nil {
			return a.handleCallError(ctx, send, err)
		}
		if hook := a.r.opts.AfterRemoteCall; hook != nil {
			if err := hook(ctx, copyOps(send)); err != nil {
				return fmt.Errorf("abort run %d after a remote call: %w", a.runID, err)
			}
		}
	}
	return a.commit(ctx, append(send, skipped...))
}

func copyOps(ops []*Operation) []Operation {
	out := make([]Operation, len(ops))
	for i, op := range ops {
		out[i] = *op
	}
	return out
}

// dependencyState is stateSuccess when every dependency succeeded,
// stateFailed when one failed, and statePending otherwise.
func (a *applier) dependencyState(op *Operation) opState {
	state := stateSuccess
	for _, dep := range op.DependsOn {
		switch a.out[dep].state {
		case stateFailed:
			return stateFailed
		case statePending:
			state = statePending
		}
	}
	return state
}

// dependencyError describes an operation not sent because a dependency
// failed. It takes the failed dependency's class, so that a dependency
// that failed for a reason that may pass (a busy server, a timeout) leaves
// this operation unfinished too, and the next run plans both again.
func (a *applier) dependencyError(op *Operation) *RecordError {
	re := &RecordError{Code: CodeDependencyFailed, Message: "not sent because an operation it depends on failed",
		Class: ClassPermanent}
	for _, dep := range op.DependsOn {
		o := a.out[dep]
		if o.state != stateFailed {
			continue
		}
		d := a.plan.Operations[dep]
		what := d.recordLabel()
		if d.Label != "" {
			what = fmt.Sprintf("%q %s", d.Label, what)
		}
		re.Message = fmt.Sprintf("not sent because operation %d (%s %s %s) failed", d.ID, d.Kind, d.Object, what)
		if o.err != nil {
			re.Message += ": " + o.err.Error()
			re.Class = o.err.Class
		}
		break
	}
	re.Hint = hint(op, re)
	return re
}

// resolveRefs replaces each Ref in op by the id its operation created.
func (a *applier) resolveRefs(op *Operation) {
	for i := range op.Fields {
		op.Fields[i].After = a.resolve(op.Fields[i].After)
	}
	op.Parent = a.resolve(op.Parent)
	if op.RecordFrom != nil {
		if id, ok := a.resolve(*op.RecordFrom).(string); ok {
			op.RecordID = id
		}
	}
}

func (a *applier) resolve(v any) any {
	if r, ok := v.(Ref); ok && r.Op >= 0 && r.Op < len(a.out) {
		return a.out[r.Op].id
	}
	return v
}

// handleCallError decides what a failed call means for its batch: an
// expired login pauses the connection, a spent budget or a cancel stops
// the run, anything else fails the batch's records.
func (a *applier) handleCallError(ctx context.Context, ops []*Operation, err error) error {
	first := ops[0]
	re := classify(first, err)
	switch {
	case ctx.Err() != nil:
		a.stop = &stopError{status: StatusCancelled, reason: "the run was cancelled; unsent operations stay Pending for the next run"}
		return nil
	case re.Class == ClassAuth:
		return a.pauseConnection(ctx, first.Connection, err)
	case re.Class == ClassQuota:
		a.stop = &stopError{status: StatusStopped, reason: "the Salesforce daily API budget is spent; unsent operations stay Pending for the next run"}
		return nil
	}
	for _, op := range ops {
		failure := classify(op, err)
		a.out[op.ID] = outcome{state: stateFailed, err: failure}
	}
	a.log.Warn("batch failed", logging.KeyMapping, first.MappingID, logging.KeyConnection, first.Connection,
		logging.KeyObject, first.Object, "operation", string(first.Kind), "records", len(ops), logging.KeyError, re.Message)
	return a.commit(ctx, ops)
}

// pauseConnection marks a connection as needing re-authentication and
// pauses its mappings; their operations stay Pending. Salesforce is part of
// every mapping, so losing it stops the run.
func (a *applier) pauseConnection(ctx context.Context, connection string, failure error) error {
	if a.paused == nil {
		a.paused = map[string]bool{}
	}
	a.paused[connection] = true
	if err := a.r.pauseConnection(ctx, connection, failure); err != nil {
		return err
	}
	if connection == SalesforceConnection {
		a.stop = &stopError{status: StatusStopped, reason: "the Salesforce connection needs re-authentication; its mappings are paused and unsent operations stay Pending"}
	}
	return nil
}

// commit records the outcome of ops, the links they complete and the links
// they drop, in one transaction.
func (a *applier) commit(ctx context.Context, ops []*Operation) error {
	links, err := a.completedLinks(ctx, ops)
	if err != nil {
		return err
	}
	var results []store.Result
	var saved []store.Link
	var drops []int64
	for _, op := range ops {
		o := a.out[op.ID]
		if o.state == statePending {
			continue
		}
		res := store.Result{ID: a.rowIDs[op.ID], State: store.Success}
		if op.Target == schema.Salesforce {
			res.SFID = o.id
		} else {
			res.CZID = o.id
		}
		if o.state == stateFailed {
			res.State = store.Failed
			res.ErrorCode, res.ErrorMessage, res.ErrorClass, res.Hint = o.err.Code, o.err.Message, o.err.Class, o.err.Hint
		} else {
			if op.DropLink != 0 {
				drops = append(drops, op.DropLink)
			}
			if l, ok := links[op.ID]; ok {
				saved = append(saved, l)
			}
		}
		results = append(results, res)
		a.count(op, o)
	}
	if len(results) == 0 {
		return nil
	}
	if err := a.r.db.CommitBatch(ctx, results, saved, drops, nil); err != nil {
		return fmt.Errorf("commit batch of run %d: %w", a.runID, err)
	}
	a.r.bus().Emit(events.RegistryChanged, map[string]any{"runId": a.runID, "rows": len(results)})
	return nil
}

// completedLinks returns, by operation id, the links that ops complete.
// The store keeps one link per Clarizen entity and mapping. So a link whose
// Clarizen entity is linked to another Salesforce record under the mapping
// already (in the store or earlier in ops, ids compared without regard to
// case) is not saved, and the operation that completes it fails with
// CodeLinkConflict instead.
func (a *applier) completedLinks(ctx context.Context, ops []*Operation) (map[int]store.Link, error) {
	links := map[int]store.Link{}
	var order []int
	for _, op := range ops {
		if a.out[op.ID].state != stateSuccess {
			continue
		}
		l, ok, err := a.completedLink(op)
		if err != nil {
			return nil, err
		}
		if ok {
			links[op.ID] = l
			order = append(order, op.ID)
		}
	}
	if len(links) == 0 {
		return links, nil
	}
	held, err := a.linkedClarizen(ctx, links)
	if err != nil {
		return nil, err
	}
	for _, id := range order {
		l := links[id]
		key := linkHolderKey(l.MappingID, l.CZConnection, l.CZID)
		other, taken := held[key]
		if taken && other.SFID != l.SFID {
			op := &a.plan.Operations[id]
			re := &RecordError{Code: CodeLinkConflict, Class: ClassPermanent,
				Message: fmt.Sprintf("%s was written, but not linked: Clarizen %s %s is linked to %s %s under this mapping already",
					op.recordLabel(), l.CZType, l.CZID, l.SFObject, other.SFID)}
			re.Hint = hint(op, re)
			a.out[id] = outcome{state: stateFailed, id: a.out[id].id, err: re}
			delete(links, id)
			continue
		}
		held[key] = l
	}
	return links, nil
}

// linkHolderKey identifies a link by its Clarizen side, in one case.
func linkHolderKey(mappingID, czConnection, czID string) string {
	return mappingID + "|" + czConnection + "|" + strings.ToLower(czID)
}

// linkedClarizen returns the stored links that hold the Clarizen entities
// of links, keyed by linkHolderKey.
func (a *applier) linkedClarizen(ctx context.Context, links map[int]store.Link) (map[string]store.Link, error) {
	type group struct{ mappingID, connection string }
	ids := map[group][]string{}
	for _, l := range links {
		g := group{l.MappingID, l.CZConnection}
		ids[g] = append(ids[g], l.CZID)
	}
	out := map[string]store.Link{}
	for g, list := range ids {
		found, err := a.r.db.LinksByClarizenIDs(ctx, g.mappingID, g.connection, list)
		if err != nil {
			return nil, fmt.Errorf("check links of run %d: %w", a.runID, err)
		}
		for _, l := range found {
			out[linkHolderKey(l.MappingID, l.CZConnection, l.CZID)] = l
		}
	}
	return out, nil
}

// completedLink returns the link op completes: the one planned with it,
// once every operation of that link succeeded.
func (a *applier) completedLink(op *Operation) (store.Link, bool, error) {
	lp := op.Link
	if lp == nil {
		return store.Link{}, false, nil
	}
	var sfWritten, czWritten time.Time
	for _, i := range a.linkOps[lp] {
		o := a.out[i]
		if o.state != stateSuccess {
			return store.Link{}, false, nil
		}
		if a.plan.Operations[i].Target == schema.Salesforce {
			sfWritten = laterOf(sfWritten, o.writtenAt)
		} else {
			czWritten = laterOf(czWritten, o.writtenAt)
		}
	}
	sfID, _ := a.resolve(lp.SFID).(string)
	czID, _ := a.resolve(lp.CZID).(string)
	l := store.Link{MappingID: lp.MappingID, SFObject: lp.SFObject, SFID: sfID,
		CZConnection: lp.CZConnection, CZType: lp.CZType, CZID: czID,
		SFStamp: formatStamp(laterOf(lp.SFStamp, sfWritten)), CZStamp: formatStamp(laterOf(lp.CZStamp, czWritten))}
	if sfWritten.IsZero() {
		l.SFStamp = formatStamp(lp.SFStamp)
	}
	if czWritten.IsZero() {
		l.CZStamp = formatStamp(lp.CZStamp)
	}
	if lp.base != nil {
		base, err := lp.base(a.resolve)
		if err != nil {
			return store.Link{}, false, fmt.Errorf("build base of link %s ↔ %s: %w", sfID, czID, err)
		}
		l.Base = base
	}
	return l, true, nil
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// formatStamp stores a stamp as RFC 3339 UTC, empty for the zero time.
func formatStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// count adds an operation's outcome to the summary and the progress.
func (a *applier) count(op *Operation, o outcome) {
	m := a.tally.mapping(op.MappingID, op.MappingName)
	if o.state == stateFailed {
		m.Failed++
	} else {
		switch op.Kind {
		case OpCreate:
			m.Created++
		case OpUpdate:
			m.Updated++
		case OpDelete:
			m.Deleted++
		case OpLink:
			m.Linked++
		case OpUnlink:
			m.Unlinked++
		case OpMatch:
			m.Matched++
		}
		for _, f := range op.Fields {
			if f.Conflict != nil {
				m.Conflicts++
			}
		}
	}
	a.progress.update(func(p *Progress) {
		p.Done++
		switch {
		case o.state == stateFailed:
			p.Failed++
		case op.Kind == OpCreate || op.Kind == OpLink:
			p.Created++
		case op.Kind == OpUpdate:
			p.Updated++
		case op.Kind == OpDelete:
			p.Deleted++
		}
	})
}

// pending counts the operations left unsent.
func (a *applier) pending() int {
	n := 0
	for _, o := range a.out {
		if o.state == statePending {
			n++
		}
	}
	return n
}

// holdMarks returns the watermarks a finished apply stores. A scope moves
// to its planned value unless an unfinished operation holds it. Then it
// moves no further than the hold's stamp, so that the next run reads the
// operation's source again. A hold with a zero stamp keeps the stored
// watermark as it is.
func (a *applier) holdMarks() []store.Watermark {
	held := map[string]time.Time{}
	for i, op := range a.plan.Operations {
		if !a.out[i].unfinished() {
			continue
		}
		for _, h := range op.holds {
			if t, ok := held[h.scope]; !ok || h.stamp.Before(t) {
				held[h.scope] = h.stamp
			}
		}
	}
	var marks []store.Watermark
	for _, m := range a.plan.marks {
		next := m.next
		if t, ok := held[m.scope]; ok {
			if t.IsZero() {
				continue
			}
			next = t
		}
		if next.IsZero() {
			continue
		}
		marks = append(marks, store.Watermark{Scope: m.scope, Value: formatStamp(next)})
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].Scope < marks[j].Scope })
	return marks
}
