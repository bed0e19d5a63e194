package engine

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// testClock is a clock that tests move by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func openClockedEngine(t *testing.T, clock *testClock) *Engine {
	t.Helper()
	e, err := Open(context.Background(), Config{DataDir: t.TempDir(), Secrets: secretstest.NewMemory(), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestPreviews_Apply(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name          string
		wait          time.Duration
		wantReplanned bool
	}{
		{"fresh plan applies as shown", time.Minute, false},
		{"stale plan plans again", syncer.MaxPlanAge + time.Minute, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
			e := openClockedEngine(t, clock)
			previews := NewPreviews(e)

			id, plan, err := previews.Preview(ctx, syncer.RunOptions{Trigger: "manual"})
			if err != nil {
				t.Fatalf("Preview: %v", err)
			}
			if plan == nil || id == "" {
				t.Fatalf("Preview returned id %q and plan %v", id, plan)
			}
			clock.Add(c.wait)

			out, err := previews.Apply(ctx, id, "manual")
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if out.Replanned != c.wantReplanned {
				t.Errorf("Replanned = %v, want %v", out.Replanned, c.wantReplanned)
			}
			if c.wantReplanned && out.Reason == "" {
				t.Error("a replanned outcome has no reason")
			}
			if out.Summary.RunID == 0 {
				t.Error("the outcome has no run id, so no run was recorded")
			}
			if previews.Len() != 0 {
				t.Errorf("Len after Apply = %d, want 0", previews.Len())
			}
		})
	}
}

func TestPreviews_ApplyOnce(t *testing.T) {
	ctx := context.Background()
	e := openClockedEngine(t, &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	previews := NewPreviews(e)
	id, _, err := previews.Preview(ctx, syncer.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := previews.Apply(ctx, id, "manual"); err != nil {
		t.Fatalf("first Apply: %v", err)
	}
	if _, err := previews.Apply(ctx, id, "manual"); !errors.Is(err, ErrPreviewGone) {
		t.Errorf("second Apply: err = %v, want ErrPreviewGone", err)
	}
}

func TestPreviews_Discard(t *testing.T) {
	ctx := context.Background()
	e := openClockedEngine(t, &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	previews := NewPreviews(e)
	id, _, err := previews.Preview(ctx, syncer.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	previews.Discard(id)
	previews.Discard("no-such-preview")
	if _, err := previews.Apply(ctx, id, "manual"); !errors.Is(err, ErrPreviewGone) {
		t.Errorf("Apply after Discard: err = %v, want ErrPreviewGone", err)
	}
	runs, err := e.DB.Runs(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 0 {
		t.Errorf("runs after a discarded preview = %d, want 0", len(runs))
	}
}

func TestPreviews_KeepsNewest(t *testing.T) {
	ctx := context.Background()
	e := openClockedEngine(t, &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	previews := NewPreviews(e)
	var ids []string
	for range maxPreviews + 2 {
		id, _, err := previews.Preview(ctx, syncer.RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if previews.Len() != maxPreviews {
		t.Errorf("Len = %d, want %d", previews.Len(), maxPreviews)
	}
	if _, err := previews.Apply(ctx, ids[0], "manual"); !errors.Is(err, ErrPreviewGone) {
		t.Errorf("Apply of the oldest preview: err = %v, want ErrPreviewGone", err)
	}
	if _, err := previews.Apply(ctx, ids[len(ids)-1], "manual"); err != nil {
		t.Errorf("Apply of the newest preview: %v", err)
	}
}
