package clarizen_test

import (
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_ServerTime(t *testing.T) {
	clock := &fakeClock{now: time.Date(2024, 5, 1, 9, 0, 0, 500_000_000, time.UTC)}
	e := newEnv(t, czsim.Options{Clock: clock.Now}, nil)
	ctx := testContext(t)

	if got, ok := e.client.ServerTime(); ok {
		t.Errorf("ServerTime() before any request = %v, want none", got)
	}
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	got, ok := e.client.ServerTime()
	if !ok {
		t.Fatal("ServerTime() reports no time after Connect")
	}
	if want := clock.Now().Truncate(time.Second); !got.Equal(want) {
		t.Errorf("ServerTime() after Connect = %v, want the instance's clock %v", got, want)
	}

	clock.Set(clock.Now().Add(3 * time.Hour))
	if _, err := e.client.QueryAll(ctx, "SELECT Name FROM Customer"); err != nil {
		t.Fatal(err)
	}
	got, _ = e.client.ServerTime()
	if want := clock.Now().Truncate(time.Second); !got.Equal(want) {
		t.Errorf("ServerTime() after a later query = %v, want %v", got, want)
	}
	if got.Location() != time.UTC {
		t.Errorf("ServerTime() zone = %v, want UTC", got.Location())
	}
}
