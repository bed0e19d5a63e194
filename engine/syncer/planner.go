package syncer

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/workspace/definition"
)

// planner builds one Plan. It reads both sides and the store, and writes
// nothing.
type planner struct {
	r     *Runner
	ctx   context.Context
	opts  RunOptions
	now   time.Time
	rep   *reporter
	tally *tally
	plan  *Plan

	overlap      time.Duration
	guardPercent int
	// reserve is the share of the Salesforce daily budget, in percent,
	// that planning leaves unused too.
	reserve int

	sf SalesforceAPI
	cz map[string]ClarizenAPI
	// serverStart is each connection's clock when planning began, zero
	// when unknown. No record read later carries an earlier change that
	// the reads miss, so a watermark may move up to it even when nothing
	// changed. The desktop clock is never stored as a watermark, because
	// it may run ahead of the services.
	serverStart map[string]time.Time

	mappings []*mappingState
	byID     map[string]*mappingState
	events   []*eventState

	sfObjects map[string]schema.Object            // by lower-case name
	czObjects map[string]map[string]schema.Object // by connection, then lower-case type

	// creates remembers planned creates by mapping and source, so that a
	// record referenced twice is created once.
	creates map[string]plannedCreate
	// keyCache remembers key-field lookups by mapping, side and value.
	keyCache map[string]string
	firings  []firing
	// resume holds the source records of rows left Pending (by an
	// interrupted run, or requeued by Retry), keyed by "event:<id>" or
	// "mapping:<id>"; the run reads them whatever the watermarks say.
	resume map[string][]store.PendingSource
	// matches holds, per mapping id, the pairs its key fields found.
	matches map[string]*matchSet
	// labels holds the readable names of the records read, by lower-case
	// record id.
	labels map[string]string
}

// mappingState is one mapping with the describes and links a run uses.
type mappingState struct {
	m    mapping.Mapping
	conn string
	// active is true for an enabled, healthy mapping the run syncs.
	active bool
	sfObj  schema.Object
	czObj  schema.Object
	loaded bool
	links  []store.Link
	bySF   map[string]*store.Link
	byCZ   map[string]*store.Link
}

// eventState is one enabled event the run fires.
type eventState struct {
	e   mapping.Event
	def store.Definition
}

// firing is a record that fires an event in this plan and the operations
// its firing led to. The firing is recorded once all of them finished.
type firing struct {
	eventID  string
	recordID string
	ops      []int
	// holds keep the event's watermark at the firing record while one of
	// ops is unfinished.
	holds []hold
}

// plannedCreate is a create already in the plan.
type plannedCreate struct {
	op int
	// id is the created record's id: a string when known in advance (a
	// Clarizen create), else a Ref.
	id any
}

// covers reports whether the plan synced mappingID to the end, so that a
// completed run may close the rows earlier runs left Pending for it.
func (p *Plan) covers(mappingID string) bool {
	return slices.Contains(p.mappingIDs, mappingID) && !slices.Contains(p.pausedIDs, mappingID)
}

// noteResynced records that the plan compared the pair of records sfID
// and czID under mappingID again.
func (p *Plan) noteResynced(mappingID, sfID, czID string) {
	set := p.resynced[mappingID]
	if set == nil {
		set = map[string]bool{}
		p.resynced[mappingID] = set
	}
	set[strings.ToLower(sfID)] = true
	set[strings.ToLower(czID)] = true
}

// wasResynced reports whether the plan compared again the pair that
// holds record id under mappingID.
func (p *Plan) wasResynced(mappingID, id string) bool {
	return id != "" && p.resynced[mappingID][strings.ToLower(id)]
}

// buildPlan reads the definitions and both sides and returns the plan.
func (r *Runner) buildPlan(ctx context.Context, opts RunOptions, rep *reporter, t *tally) (*Plan, error) {
	p := &planner{
		r: r, ctx: ctx, opts: opts, now: r.now(), rep: rep, tally: t,
		plan: &Plan{CreatedAt: r.now(), APICalls: map[string]int{}, Reads: map[string]int{},
			selection: opts.MappingIDs, resynced: map[string]map[string]bool{}, notResumed: map[int64]string{}},
		overlap:      time.Duration(r.setting(ctx, SettingOverlapSeconds, int(DefaultOverlap/time.Second))) * time.Second,
		guardPercent: r.setting(ctx, SettingDeleteGuardPercent, DefaultDeleteGuardPercent),
		reserve:      r.setting(ctx, SettingBudgetReserve, DefaultBudgetReserve),
		cz:           map[string]ClarizenAPI{},
		serverStart:  map[string]time.Time{},
		byID:         map[string]*mappingState{},
		sfObjects:    map[string]schema.Object{},
		czObjects:    map[string]map[string]schema.Object{},
		creates:      map[string]plannedCreate{},
		keyCache:     map[string]string{},
		matches:      map[string]*matchSet{},
		labels:       map[string]string{},
	}
	rep.update(func(pr *Progress) { pr.Phase = PhaseDetect })
	if err := p.load(); err != nil {
		return nil, err
	}
	if err := p.build(); err != nil {
		return nil, err
	}
	p.finish()
	return p.plan, nil
}

// load reads the mappings and events and connects the clients the active
// ones need. A connection that needs re-authentication pauses its
// mappings instead of failing the run.
func (p *planner) load() error {
	defs, err := p.r.db.Mappings(p.ctx)
	if err != nil {
		return err
	}
	selected := func(id string) bool { return len(p.opts.MappingIDs) == 0 || slices.Contains(p.opts.MappingIDs, id) }
	for _, d := range defs {
		m, err := definition.DecodeMapping(d)
		if err != nil {
			if d.Enabled && selected(d.ID) {
				p.skipDefinition(definitionRef{kind: "mapping", id: d.ID, name: d.Name}, err)
			}
			continue
		}
		ms := &mappingState{m: m, conn: m.ClarizenConnection()}
		ms.active = d.Enabled && d.State != StateNeedsReauth && selected(d.ID)
		if d.Enabled && d.State == StateNeedsReauth && selected(d.ID) {
			p.plan.Paused = append(p.plan.Paused, d.Name)
			p.plan.pausedIDs = append(p.plan.pausedIDs, d.ID)
		}
		p.mappings = append(p.mappings, ms)
		p.byID[d.ID] = ms
	}
	evDefs, err := p.r.db.Events(p.ctx)
	if err != nil {
		return err
	}
	for _, d := range evDefs {
		if !d.Enabled {
			continue
		}
		e, err := definition.DecodeEvent(d)
		if err != nil {
			p.skipDefinition(definitionRef{kind: "event", id: d.ID, name: d.Name}, err)
			continue
		}
		if !p.eventSelected(e) {
			continue
		}
		if target := p.byID[eventMappingID(e)]; target == nil || !target.active {
			p.warnf("event %q was skipped: the mapping it creates through is missing, disabled or paused", e.Name)
			continue
		}
		p.events = append(p.events, &eventState{e: e, def: d})
	}
	if !p.anythingToDo() {
		return nil
	}
	if err := p.loadResume(); err != nil {
		return err
	}
	if p.sf, err = p.r.clients.Salesforce(p.ctx); err != nil {
		return connectionStop(SalesforceConnection, err)
	}
	if t, ok := p.sf.ServerTime(); ok {
		p.serverStart[SalesforceConnection] = t
	}
	for _, conn := range p.connections() {
		c, err := p.r.clients.Clarizen(p.ctx, conn)
		if err != nil {
			// A connection without a usable client (not connected, login
			// refused, keychain locked) takes its own mappings out of the
			// run, not the others.
			p.pause(conn, err)
			continue
		}
		p.cz[conn] = c
		if t, ok := c.ServerTime(); ok {
			p.serverStart[conn] = t
		}
	}
	return nil
}

// loadResume reads the source records of Pending rows.
func (p *planner) loadResume() error {
	pending, err := p.r.db.PendingSources(p.ctx)
	if err != nil {
		return err
	}
	p.resume = map[string][]store.PendingSource{}
	for _, ps := range pending {
		key := "mapping:" + ps.MappingID
		if ps.EventID != "" {
			key = "event:" + ps.EventID
		}
		p.resume[key] = append(p.resume[key], ps)
	}
	return nil
}

// resumeIDs returns the ids of the Pending sources under key that are
// records of object on side.
func (p *planner) resumeIDs(key string, side schema.Side, object string) []string {
	var ids []string
	for _, ps := range p.resume[key] {
		if ps.Side == string(side) && strings.EqualFold(ps.Object, object) && !slices.Contains(ids, ps.RecordID) {
			ids = append(ids, ps.RecordID)
		}
	}
	return ids
}

// mergeRecords appends the records of extra that recs does not hold yet.
func mergeRecords(recs []Record, extra map[string]Record) []Record {
	have := map[string]bool{}
	for _, r := range recs {
		have[strings.ToLower(r.ID)] = true
	}
	ids := make([]string, 0, len(extra))
	for id := range extra {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := extra[id]
		if !have[strings.ToLower(r.ID)] {
			recs = append(recs, r)
		}
	}
	return recs
}

// eventMappingID returns the mapping an event creates its Clarizen or
// Salesforce object through.
func eventMappingID(e mapping.Event) string {
	if e.Target.Kind == mapping.CreateAndSynchronize && e.Target.NewObject != nil {
		return e.Target.NewObject.MappingID
	}
	return e.Target.MappingID
}

// eventSelected reports whether a run limited to some mappings fires e:
// only when e creates through one of them.
func (p *planner) eventSelected(e mapping.Event) bool {
	if len(p.opts.MappingIDs) == 0 {
		return true
	}
	return slices.Contains(p.opts.MappingIDs, eventMappingID(e))
}

func (p *planner) anythingToDo() bool {
	if len(p.events) > 0 {
		return true
	}
	for _, ms := range p.mappings {
		if ms.active {
			return true
		}
	}
	return false
}

// connections lists the Clarizen connections of active mappings and
// events, in order.
func (p *planner) connections() []string {
	var out []string
	add := func(c string) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, ms := range p.mappings {
		if ms.active {
			add(ms.conn)
		}
	}
	for _, es := range p.events {
		add(es.e.ClarizenConnection())
	}
	slices.Sort(out)
	return out
}

// pause takes a connection's mappings and events out of this run. A
// refused login is recorded in the plan. A run that applies the plan marks
// the connection and pauses its mappings in the store, because planning
// itself writes nothing.
func (p *planner) pause(conn string, err error) {
	if isAuthError(err) {
		p.plan.refused = append(p.plan.refused, refusedLogin{connection: conn, failure: err})
	}
	for _, ms := range p.mappings {
		if ms.active && ms.conn == conn {
			ms.active = false
			p.plan.Paused = append(p.plan.Paused, ms.m.Name)
			p.plan.pausedIDs = append(p.plan.pausedIDs, ms.m.ID)
		}
	}
	// A mapping planned before the pause may have lost its operations'
	// connection: it no longer counts as planned to the end.
	p.plan.mappingIDs = slices.DeleteFunc(p.plan.mappingIDs, func(id string) bool {
		return slices.Contains(p.plan.pausedIDs, id)
	})
	p.warnf("%s Its mappings and events were skipped.", connectionProblem(conn, err))
}

// connectionProblem returns one sentence that names why a Clarizen
// connection cannot be used, and the fix.
func connectionProblem(conn string, err error) string {
	name := connectionName(conn)
	if isAuthError(err) {
		return fmt.Sprintf("%s needs re-authentication: log in again on the Connections screen.", name)
	}
	msg := strings.TrimSuffix(logging.Redact(err.Error()), ".")
	if strings.Contains(msg, name) || strings.Contains(msg, conn) {
		// The clients name the connection and the fix themselves.
		return msg + "."
	}
	return fmt.Sprintf("%s could not be used: %s.", name, msg)
}

func (p *planner) warnf(format string, args ...any) {
	p.plan.Warnings = append(p.plan.Warnings, fmt.Sprintf(format, args...))
}

// build fires the events, then syncs the linked pairs, related objects and
// deletions of each active mapping. A definition that fails to plan is
// skipped with what it planned so far (see planningFailure), and the run
// goes on with the others.
func (p *planner) build() error {
	if p.sf == nil {
		return nil
	}
	for _, es := range p.events {
		if !p.usable(es.e.ClarizenConnection()) {
			continue
		}
		cp := p.checkpoint()
		if err := p.fireEvent(es); err != nil {
			p.rollback(cp)
			def := definitionRef{kind: "event", id: es.e.ID, name: es.e.Name, connection: es.e.ClarizenConnection()}
			if err := p.planningFailure(def, err); err != nil {
				return fmt.Errorf("plan event %q: %w", es.e.Name, err)
			}
			continue
		}
		p.plan.eventIDs = append(p.plan.eventIDs, es.e.ID)
	}
	for _, ms := range p.mappings {
		if !ms.active || !p.usable(ms.conn) {
			continue
		}
		cp := p.checkpoint()
		if err := p.syncMapping(ms); err != nil {
			p.rollback(cp)
			if err := p.planningFailure(mappingRef(ms), err); err != nil {
				return fmt.Errorf("plan mapping %q: %w", ms.m.Name, err)
			}
			continue
		}
		// Only a mapping planned to the end lets the run settle the rows
		// earlier runs left Pending for it.
		p.plan.mappingIDs = append(p.plan.mappingIDs, ms.m.ID)
	}
	return p.planMatches()
}

// usable reports whether the run still reads and writes through a
// Clarizen connection.
func (p *planner) usable(conn string) bool {
	_, ok := p.cz[conn]
	return ok
}

// syncMapping plans a mapping's updates, related objects and deletions.
func (p *planner) syncMapping(ms *mappingState) error {
	if err := p.ensureMapping(ms); err != nil {
		return err
	}
	p.rep.update(func(pr *Progress) { pr.Phase, pr.Mapping, pr.Object = PhaseDetect, ms.m.Name, ms.m.SalesforceObject })
	if err := p.syncPairs(ms); err != nil {
		return err
	}
	if err := p.syncRelated(ms); err != nil {
		return err
	}
	return p.syncDeletes(ms)
}

// ensureMapping loads a mapping's describes and links once.
func (p *planner) ensureMapping(ms *mappingState) error {
	if ms.loaded {
		return nil
	}
	sfObj, err := p.sfObject(ms.m.SalesforceObject)
	if err != nil {
		return err
	}
	czObj, err := p.czObject(ms.conn, ms.m.ClarizenEntity)
	if err != nil {
		return err
	}
	links, err := p.r.db.Links(p.ctx, ms.m.ID)
	if err != nil {
		return storeFailure(err)
	}
	ms.sfObj, ms.czObj, ms.links = sfObj, czObj, links
	ms.bySF = make(map[string]*store.Link, len(links))
	ms.byCZ = make(map[string]*store.Link, len(links))
	for i := range ms.links {
		l := &ms.links[i]
		ms.bySF[l.SFID] = l
		ms.byCZ[strings.ToLower(l.CZID)] = l
	}
	ms.loaded = true
	return nil
}

// sfObject returns a Salesforce describe, read once per run.
func (p *planner) sfObject(name string) (schema.Object, error) {
	key := strings.ToLower(name)
	if o, ok := p.sfObjects[key]; ok {
		return o, nil
	}
	if err := p.readSalesforce(""); err != nil {
		return schema.Object{}, err
	}
	o, err := p.sf.Object(p.ctx, name)
	if err != nil {
		return schema.Object{}, fmt.Errorf("describe salesforce %s: %w", name, err)
	}
	p.sfObjects[key] = o
	return o, nil
}

// czObject returns a Clarizen describe, read once per run.
func (p *planner) czObject(conn, typeName string) (schema.Object, error) {
	key := strings.ToLower(typeName)
	if o, ok := p.czObjects[conn][key]; ok {
		return o, nil
	}
	cz, ok := p.cz[conn]
	if !ok {
		return schema.Object{}, fmt.Errorf("describe clarizen %s: %w", typeName, ErrNotConnected)
	}
	p.read(conn, "")
	o, err := cz.Object(p.ctx, typeName)
	if err != nil {
		return schema.Object{}, fmt.Errorf("describe clarizen %s %s: %w", conn, typeName, err)
	}
	if p.czObjects[conn] == nil {
		p.czObjects[conn] = map[string]schema.Object{}
	}
	p.czObjects[conn][key] = o
	return o, nil
}

// readSalesforce checks the budget before a Salesforce read call of the
// planning phase (see checkBudget) and counts the call.
func (p *planner) readSalesforce(mappingID string) error {
	if err := p.checkBudget(); err != nil {
		return err
	}
	p.read(SalesforceConnection, mappingID)
	return nil
}

// checkBudget stops the run when the Salesforce daily API budget is under
// the reserve, between planning reads as between apply batches. Before the
// run's first Salesforce call the client's reading may be a day old (the
// budget resets daily), so the first call always goes out.
func (p *planner) checkBudget() error {
	if p.plan.Reads[SalesforceConnection] == 0 {
		return nil
	}
	if stop := p.r.checkBudget(p.sf, p.reserve); stop != nil {
		return stop
	}
	return nil
}

// read counts one read call of the planning phase.
func (p *planner) read(connection, mappingID string) {
	p.plan.Reads[connection]++
	name := ""
	if ms := p.byID[mappingID]; ms != nil {
		name = ms.m.Name
	}
	p.tally.call(connection, mappingID, name)
}

// add appends an operation and returns its index.
func (p *planner) add(op Operation) int {
	op.ID = len(p.plan.Operations)
	if op.Fields == nil {
		op.Fields = []FieldWrite{}
	}
	p.plan.Operations = append(p.plan.Operations, op)
	return op.ID
}

// finish adds the per-mapping counts and the call estimate.
func (p *planner) finish() {
	counts := map[string]*MappingPlan{}
	for _, ms := range p.mappings {
		counts[ms.m.ID] = &MappingPlan{MappingID: ms.m.ID, Name: ms.m.Name}
	}
	used := map[string]bool{}
	for _, op := range p.plan.Operations {
		c := counts[op.MappingID]
		if c == nil {
			continue
		}
		used[op.MappingID] = true
		switch op.Kind {
		case OpCreate:
			c.Creates++
		case OpUpdate:
			c.Updates++
		case OpDelete:
			c.Deletes++
		case OpLink:
			c.Links++
		case OpMatch:
			c.Links++
			c.Matches++
		}
		for _, f := range op.Fields {
			if f.Conflict != nil {
				c.Conflicts++
			}
		}
	}
	for _, ms := range p.mappings {
		if used[ms.m.ID] || ms.active {
			p.plan.Mappings = append(p.plan.Mappings, *counts[ms.m.ID])
		}
		if used[ms.m.ID] && len(p.opts.MappingIDs) > 0 && !slices.Contains(p.opts.MappingIDs, ms.m.ID) {
			p.plan.AlsoSynced = append(p.plan.AlsoSynced, ms.m.Name)
		}
	}
	p.estimateCalls()
	p.plan.firings = p.firings
	p.labelOperations()
	p.logOperations()
}

// logOperations writes one debug line per planned operation with its
// reason, so that a debug log shows each decision of the plan.
func (p *planner) logOperations() {
	log := p.r.log
	if !log.Enabled(p.ctx, slog.LevelDebug) {
		return
	}
	for _, op := range p.plan.Operations {
		log.DebugContext(p.ctx, "operation planned", "operation", op.ID, "kind", string(op.Kind), "target", string(op.Target),
			logging.KeyMapping, op.MappingID, logging.KeyEvent, op.EventID, logging.KeyObject, op.Object,
			logging.KeyRecord, op.recordLabel(), "reason", op.Reason)
	}
}
