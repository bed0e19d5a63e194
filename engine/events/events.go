// Package events carries what the engine reports while it works (run
// progress, registry changes, connection health) to whoever listens: the
// desktop app forwards events to the window, headless mode prints them,
// tests record them.
//
// Every event gets a sequence number, and the bus keeps the most recent
// ones, so a window that reloads asks for everything Since the last number
// it saw. The package imports nothing from engine/ and nothing of the UI.
package events

import (
	"sync"
	"time"
)

// Type names a kind of event. The frontend subscribes by these names.
type Type string

// Event types.
const (
	RunStarted       Type = "run.started"
	RunProgress      Type = "run.progress"
	RunFinished      Type = "run.finished"
	RegistryChanged  Type = "registry.changed"
	ConnectionChange Type = "connection.changed"
	ConfigChanged    Type = "config.changed"
	Notification     Type = "notification"
)

// Event is one thing that happened. Data is a JSON-friendly payload whose
// shape depends on Type.
type Event struct {
	Seq  uint64    `json:"seq"`
	Type Type      `json:"type"`
	Time time.Time `json:"time"`
	Data any       `json:"data,omitempty"`
}

// Sink receives events. Implementations must not block for long: the bus
// calls them in the publisher's goroutine.
type Sink interface {
	Publish(Event)
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(Event)

// Publish calls f.
func (f SinkFunc) Publish(e Event) { f(e) }

// Bus numbers events, keeps the last Capacity of them and passes each to the
// subscribed sinks.
type Bus struct {
	mu    sync.Mutex
	seq   uint64
	ring  []Event
	next  int
	full  bool
	sinks map[int]Sink
	ids   int
	now   func() time.Time
}

// DefaultCapacity is how many recent events a Bus keeps for Since.
const DefaultCapacity = 1000

// NewBus returns a bus that remembers the last capacity events
// (DefaultCapacity when capacity <= 0).
func NewBus(capacity int) *Bus {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	return &Bus{ring: make([]Event, capacity), sinks: map[int]Sink{}, now: time.Now}
}

// Emit publishes an event of type t with payload data and returns it with
// its sequence number.
func (b *Bus) Emit(t Type, data any) Event {
	b.mu.Lock()
	b.seq++
	e := Event{Seq: b.seq, Type: t, Time: b.now().UTC(), Data: data}
	b.ring[b.next] = e
	b.next = (b.next + 1) % len(b.ring)
	if b.next == 0 {
		b.full = true
	}
	sinks := make([]Sink, 0, len(b.sinks))
	for _, s := range b.sinks {
		sinks = append(sinks, s)
	}
	b.mu.Unlock()

	for _, s := range sinks {
		s.Publish(e)
	}
	return e
}

// Subscribe adds a sink and returns a function that removes it.
func (b *Bus) Subscribe(s Sink) (unsubscribe func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.ids++
	id := b.ids
	b.sinks[id] = s
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		delete(b.sinks, id)
	}
}

// Since returns the remembered events with a sequence number above seq, in
// order. complete is false when events after seq were already dropped from
// the buffer, so the caller should reload its state instead of replaying.
func (b *Bus) Since(seq uint64) (evs []Event, complete bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var ordered []Event
	if b.full {
		ordered = append(ordered, b.ring[b.next:]...)
	}
	ordered = append(ordered, b.ring[:b.next]...)
	complete = true
	if len(ordered) > 0 && ordered[0].Seq > seq+1 {
		complete = false
	}
	for _, e := range ordered {
		if e.Seq > seq {
			evs = append(evs, e)
		}
	}
	return evs, complete
}

// LastSeq returns the sequence number of the newest event, 0 when none.
func (b *Bus) LastSeq() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.seq
}
