package syncer

import (
	"testing"
	"time"
)

func TestReporter_Throttle(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var sent []Progress
	r := newReporter(nil, func(p Progress) { sent = append(sent, p) }, func() time.Time { return now })

	r.update(func(p *Progress) { p.Phase, p.Total = PhaseApply, 1000 })
	for i := 0; i < 1000; i++ {
		now = now.Add(time.Millisecond)
		r.update(func(p *Progress) { p.Done++ })
	}
	t.Run("about ten reports per second", func(t *testing.T) {
		// One second of updates: the first report, then one per 100 ms.
		if len(sent) < 10 || len(sent) > 12 {
			t.Errorf("reports = %d, want 10 to 12", len(sent))
		}
	})
	t.Run("phase change always reported", func(t *testing.T) {
		n := len(sent)
		r.update(func(p *Progress) { p.Phase = PhaseDone })
		if len(sent) != n+1 || sent[len(sent)-1].Phase != PhaseDone {
			t.Errorf("reports after the phase change = %d, want %d ending in done", len(sent), n+1)
		}
	})
	t.Run("flush sends the last state once", func(t *testing.T) {
		r.update(func(p *Progress) { p.Done = 1000 })
		r.flush()
		last := sent[len(sent)-1]
		if last.Done != 1000 {
			t.Errorf("last report done = %d, want 1000", last.Done)
		}
		n := len(sent)
		r.flush()
		if len(sent) != n {
			t.Error("a second flush without changes sent a report")
		}
	})
}
