package app

import (
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/events"
)

// progressInterval spaces the run.progress events sent to the window to
// about ten a second; the newest report always follows the last one sent.
const progressInterval = 100 * time.Millisecond

// WindowEvent is an engine event as the window receives it: under its type
// as the event name, and from EventsService.Since for catch-up.
type WindowEvent struct {
	Seq  uint64 `json:"seq"`
	Type string `json:"type"`
	// Time is RFC 3339 in UTC.
	Time string `json:"time"`
	Data any    `json:"data"`
}

// EventBatch is the answer to EventsService.Since.
type EventBatch struct {
	Events []WindowEvent `json:"events"`
	// Complete is false when events after the asked sequence number were
	// already dropped, so the window reloads its state instead of
	// replaying them.
	Complete bool `json:"complete"`
	// LastSeq is the newest sequence number the engine has given out.
	LastSeq uint64 `json:"lastSeq"`
}

func windowEvent(e events.Event) WindowEvent {
	return WindowEvent{Seq: e.Seq, Type: string(e.Type), Time: e.Time.UTC().Format(time.RFC3339Nano), Data: e.Data}
}

// forwarder sends the engine's bus events to the window. Progress reports
// are throttled: within progressInterval of the last one sent, a report
// waits and is replaced by newer ones, and any other event sends the
// waiting report first, so the window sees events in bus order.
type forwarder struct {
	emit     func(name string, data any)
	interval time.Duration

	mu       sync.Mutex
	lastSent time.Time
	waiting  *events.Event
	timer    *time.Timer
	stopped  bool
}

func newForwarder(emit func(name string, data any)) *forwarder {
	return &forwarder{emit: emit, interval: progressInterval}
}

// Publish implements events.Sink.
func (f *forwarder) Publish(e events.Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		return
	}
	if e.Type != events.RunProgress {
		f.flushLocked()
		f.send(e)
		return
	}
	if wait := f.interval - time.Since(f.lastSent); wait > 0 {
		f.waiting = &e
		if f.timer == nil {
			f.timer = time.AfterFunc(wait, f.flush)
		}
		return
	}
	f.waiting = nil
	f.send(e)
	f.lastSent = time.Now()
}

func (f *forwarder) flush() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.flushLocked()
}

// flushLocked sends the waiting progress report, if any. The caller holds
// f.mu.
func (f *forwarder) flushLocked() {
	if f.timer != nil {
		f.timer.Stop()
		f.timer = nil
	}
	if f.waiting == nil || f.stopped {
		return
	}
	e := *f.waiting
	f.waiting = nil
	f.send(e)
	f.lastSent = time.Now()
}

func (f *forwarder) send(e events.Event) {
	f.emit(string(e.Type), windowEvent(e))
}

// stop sends the waiting report and drops every later event.
func (f *forwarder) stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.flushLocked()
	f.stopped = true
}

// EventsService lets a reloaded window catch up with the events it missed.
type EventsService struct{ svc *service }

// Since returns the events after sequence number seq that the engine still
// remembers.
func (s *EventsService) Since(seq uint64) (EventBatch, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return EventBatch{}, err
	}
	evs, complete := eng.Bus.Since(seq)
	batch := EventBatch{Events: make([]WindowEvent, 0, len(evs)), Complete: complete, LastSeq: eng.Bus.LastSeq()}
	for _, e := range evs {
		batch.Events = append(batch.Events, windowEvent(e))
	}
	return batch, nil
}
