package salesforce_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestClient_ServerTime(t *testing.T) {
	// The local clock runs two hours ahead of the org's.
	localAhead := withClient(func(o *salesforce.Options) {
		o.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	})
	o := newOrg(t, localAhead)
	ctx := context.Background()

	got, ok := o.client.ServerTime()
	if !ok {
		t.Fatal("ServerTime() reports no time after Connect")
	}
	if want := o.clock.Now().Truncate(time.Second); !got.Equal(want) {
		t.Errorf("ServerTime() after Connect = %v, want the org's clock %v", got, want)
	}

	o.clock.Advance(90 * time.Minute)
	if _, err := o.client.Limits(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ = o.client.ServerTime()
	if want := o.clock.Now().Truncate(time.Second); !got.Equal(want) {
		t.Errorf("ServerTime() after a later call = %v, want %v", got, want)
	}
	if got.Location() != time.UTC {
		t.Errorf("ServerTime() zone = %v, want UTC", got.Location())
	}
}
