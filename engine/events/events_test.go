package events

import (
	"sync"
	"testing"
)

func TestBus_SinceReturnsNewerEventsInOrder(t *testing.T) {
	b := NewBus(10)
	for i := 0; i < 4; i++ {
		b.Emit(RunProgress, i)
	}
	got, complete := b.Since(2)
	if !complete {
		t.Error("complete = false, want true: nothing was dropped")
	}
	if len(got) != 2 || got[0].Seq != 3 || got[1].Seq != 4 {
		t.Fatalf("Since(2) = %+v, want events 3 and 4", got)
	}
	if got[1].Data != 3 {
		t.Errorf("event 4 data = %v, want 3", got[1].Data)
	}
}

func TestBus_SinceReportsDroppedEvents(t *testing.T) {
	b := NewBus(3)
	for i := 0; i < 7; i++ {
		b.Emit(RunProgress, i)
	}
	got, complete := b.Since(1)
	if complete {
		t.Error("complete = true, want false: events 2 to 4 were dropped")
	}
	if len(got) != 3 || got[0].Seq != 5 || got[2].Seq != 7 {
		t.Errorf("Since(1) = %+v, want events 5 to 7", got)
	}
	if got, complete := b.Since(6); !complete || len(got) != 1 || got[0].Seq != 7 {
		t.Errorf("Since(6) = %+v, %v; want event 7, complete", got, complete)
	}
}

func TestBus_SubscribeAndUnsubscribe(t *testing.T) {
	b := NewBus(0)
	var mu sync.Mutex
	var seen []uint64
	stop := b.Subscribe(SinkFunc(func(e Event) {
		mu.Lock()
		seen = append(seen, e.Seq)
		mu.Unlock()
	}))
	b.Emit(RunStarted, nil)
	stop()
	b.Emit(RunFinished, nil)
	if len(seen) != 1 || seen[0] != 1 {
		t.Errorf("sink saw %v, want only event 1", seen)
	}
	if b.LastSeq() != 2 {
		t.Errorf("LastSeq = %d, want 2", b.LastSeq())
	}
}
