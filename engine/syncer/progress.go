package syncer

import (
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/events"
)

// Phase is the step a run is in.
type Phase string

// Run phases, in order.
const (
	PhaseResume Phase = "resume" // reading rows an interrupted run left Pending
	PhaseDetect Phase = "detect" // reading changes on both sides
	PhasePlan   Phase = "plan"   // firing events and deciding operations
	PhaseApply  Phase = "apply"  // sending batches
	PhaseDone   Phase = "done"
)

// Progress is one report of a run's progress: the payload of run.progress
// events and of the Options.OnProgress callback.
type Progress struct {
	RunID int64 `json:"runId"`
	Phase Phase `json:"phase"`
	// Mapping and Object name what the run works on now.
	Mapping string `json:"mapping,omitempty"`
	Object  string `json:"object,omitempty"`
	// Read counts records read so far (detect); Done and Total count the
	// plan's operations (apply).
	Read    int `json:"read"`
	Done    int `json:"done"`
	Total   int `json:"total"`
	Created int `json:"created"`
	Updated int `json:"updated"`
	Deleted int `json:"deleted"`
	Failed  int `json:"failed"`
}

// progressInterval spaces reports to about ten per second, enough for a
// progress bar and little work for the window.
const progressInterval = 100 * time.Millisecond

// reporter throttles progress reports. A phase change, the first report and
// the last one always go out; others only when progressInterval has passed.
type reporter struct {
	mu       sync.Mutex
	bus      *events.Bus
	callback func(Progress)
	now      func() time.Time
	last     time.Time
	lastSent Progress
	current  Progress
	sent     bool
}

func newReporter(bus *events.Bus, callback func(Progress), now func() time.Time) *reporter {
	return &reporter{bus: bus, callback: callback, now: now}
}

// update applies change to the current progress and reports it when due.
func (r *reporter) update(change func(*Progress)) {
	r.mu.Lock()
	prev := r.current.Phase
	change(&r.current)
	now := r.now()
	due := !r.sent || r.current.Phase != prev || now.Sub(r.last) >= progressInterval
	var p Progress
	if due {
		p, r.last, r.sent, r.lastSent = r.current, now, true, r.current
	}
	r.mu.Unlock()
	if due {
		r.send(p)
	}
}

// flush reports the current progress when it differs from the last report.
func (r *reporter) flush() {
	r.mu.Lock()
	p := r.current
	due := !r.sent || p != r.lastSent
	if due {
		r.last, r.sent, r.lastSent = r.now(), true, p
	}
	r.mu.Unlock()
	if due {
		r.send(p)
	}
}

func (r *reporter) snapshot() Progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.current
}

func (r *reporter) send(p Progress) {
	if r.bus != nil {
		r.bus.Emit(events.RunProgress, p)
	}
	if r.callback != nil {
		r.callback(p)
	}
}
