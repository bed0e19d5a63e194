package salesforce_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestClient_GetUpdated(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	start := o.clock.Now()

	o.clock.Advance(5 * time.Minute)
	a := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Changed A"})
	o.clock.Advance(5 * time.Minute)
	b := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Changed B"})
	o.clock.Advance(5 * time.Minute)

	got, err := o.client.GetUpdated(ctx, "Account", start, o.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got.IDs, a) || !slices.Contains(got.IDs, b) {
		t.Errorf("ids = %v, want %s and %s", got.IDs, a, b)
	}
	if got.LatestDateCovered.IsZero() || got.LatestDateCovered.After(o.clock.Now()) {
		t.Errorf("LatestDateCovered = %v, want a time not after now %v", got.LatestDateCovered, o.clock.Now())
	}

	t.Run("next window starts at latestDateCovered", func(t *testing.T) {
		o.clock.Advance(5 * time.Minute)
		c := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Changed C"})
		o.clock.Advance(5 * time.Minute)
		next, err := o.client.GetUpdated(ctx, "Account", got.LatestDateCovered, o.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(next.IDs, c) {
			t.Errorf("ids = %v, want %s", next.IDs, c)
		}
		if slices.Contains(next.IDs, a) {
			t.Errorf("ids = %v repeat %s from the earlier window", next.IDs, a)
		}
	})

	t.Run("window under a minute is not sent", func(t *testing.T) {
		calls := o.transport.count("GET", "/updated")
		now := o.clock.Now()
		res, err := o.client.GetUpdated(ctx, "Account", now.Add(-30*time.Second), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.IDs) != 0 || !res.LatestDateCovered.Equal(now.Add(-30*time.Second)) {
			t.Errorf("result = %+v, want no ids and the start as next start", res)
		}
		if o.transport.count("GET", "/updated") != calls {
			t.Error("a request was sent for a window under a minute")
		}
	})
}

func TestClient_GetDeleted(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	o.clock.Advance(time.Hour)
	start := o.clock.Now()
	id := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Doomed"})
	o.clock.Advance(2 * time.Minute)
	if err := o.client.Delete(ctx, "Account", id); err != nil {
		t.Fatal(err)
	}
	o.clock.Advance(3 * time.Minute)

	got, err := o.client.GetDeleted(ctx, "Account", start, o.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Records) != 1 || got.Records[0].ID != id {
		t.Fatalf("deleted = %+v, want %s", got.Records, id)
	}
	if d := got.Records[0].DeletedDate; d.Before(start) || d.After(o.clock.Now()) {
		t.Errorf("DeletedDate = %v, want within the window", d)
	}
	if got.LatestDateCovered.IsZero() {
		t.Error("LatestDateCovered is zero")
	}
}

func TestClient_changeWindowLimits(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	o.clock.Advance(40 * 24 * time.Hour)
	now := o.clock.Now()
	tests := []struct {
		name string
		call func() error
	}{
		{"updated older than 30 days", func() error {
			_, err := o.client.GetUpdated(ctx, "Account", now.Add(-31*24*time.Hour), now)
			return err
		}},
		{"deleted older than 15 days", func() error {
			_, err := o.client.GetDeleted(ctx, "Account", now.Add(-16*24*time.Hour), now)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, salesforce.ErrReconcileByIDs) {
				t.Fatalf("err = %v, want ErrReconcileByIDs", err)
			}
			var we *salesforce.WindowError
			if !errors.As(err, &we) || we.Object != "Account" {
				t.Errorf("err = %v, want a WindowError for Account", err)
			}
		})
	}

	t.Run("server refusal maps to the same signal", func(t *testing.T) {
		// A client clock behind the server's lets the request through, so
		// the server's INVALID_REPLICATION_DATE is what comes back.
		behind, err := salesforce.New(salesforce.Options{
			InstanceURL: o.client.InstanceURL(), APIVersion: o.client.APIVersion(), Tokens: o.tokens,
			Now: func() time.Time { return now.Add(-10 * 24 * time.Hour) },
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = behind.GetDeleted(ctx, "Account", now.Add(-20*24*time.Hour), now)
		if !errors.Is(err, salesforce.ErrReconcileByIDs) {
			t.Fatalf("err = %v, want ErrReconcileByIDs", err)
		}
		if !salesforce.HasCode(err, "INVALID_REPLICATION_DATE") {
			t.Errorf("err = %v, want the server's INVALID_REPLICATION_DATE inside", err)
		}
	})
}
