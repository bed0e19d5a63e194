package salesforce_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

func TestClient_retries(t *testing.T) {
	lockedOrFailed := func(res []salesforce.Result, err error) error {
		if err != nil {
			return err
		}
		for _, r := range res {
			if !r.Success {
				return r.Err
			}
		}
		return nil
	}
	tests := []struct {
		name    string
		fault   func(*sfsim.Faults)
		op      func(context.Context, *testing.T, *org) error
		retries int64
		// transient is set when the operation must fail with a transient
		// error instead of being repeated (a create that left).
		transient bool
		// fired is the fault that must have fired once per failed attempt.
		fired sfsim.FaultKind
	}{
		{
			name:  "query after two 503s",
			fault: func(f *sfsim.Faults) { f.Unavailable(2) },
			fired: sfsim.FaultUnavailable,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				_, err := o.client.QueryRecords(ctx, "SELECT Id FROM Account", salesforce.QueryOptions{})
				return err
			},
			retries: 2,
		},
		{
			name:  "query after the concurrent request limit",
			fault: func(f *sfsim.Faults) { f.ConcurrentLimit(1) },
			fired: sfsim.FaultConcurrentLimit,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				_, err := o.client.QueryRecords(ctx, "SELECT Id FROM Account", salesforce.QueryOptions{})
				return err
			},
			retries: 1,
		},
		{
			name:  "update after UNABLE_TO_LOCK_ROW",
			fault: func(f *sfsim.Faults) { f.LockRow(1) },
			fired: sfsim.FaultLockRow,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				id := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Locked"})
				return o.client.Update(ctx, "Account", id, salesforce.Fields{"Name": "Unlocked"})
			},
			retries: 1,
		},
		{
			name:  "upsert after a 503",
			fault: func(f *sfsim.Faults) { f.Unavailable(1) },
			fired: sfsim.FaultUnavailable,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				_, err := o.client.Upsert(ctx, "Product2", "ExternalId", "R-1", salesforce.Fields{"Name": "After 503"})
				return err
			},
			retries: 1,
		},
		{
			name:  "collection update record after UNABLE_TO_LOCK_ROW",
			fault: func(f *sfsim.Faults) { f.LockRow(1) },
			fired: sfsim.FaultLockRow,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				a := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Batch 1"})
				b := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Batch 2"})
				return lockedOrFailed(o.client.UpdateMany(ctx, []salesforce.RecordUpdate{
					{Object: "Account", ID: a, Fields: salesforce.Fields{"Phone": "1"}},
					{Object: "Account", ID: b, Fields: salesforce.Fields{"Phone": "2"}},
				}))
			},
			retries: 1,
		},
		{
			name:  "create after a 503 is not repeated",
			fault: func(f *sfsim.Faults) { f.Unavailable(1) },
			fired: sfsim.FaultUnavailable,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				_, err := o.client.Create(ctx, "Account", salesforce.Fields{"Name": "After 503"})
				return err
			},
			transient: true,
		},
		{
			name:  "create after UNABLE_TO_LOCK_ROW is not repeated",
			fault: func(f *sfsim.Faults) { f.LockRow(1) },
			fired: sfsim.FaultLockRow,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				_, err := o.client.Create(ctx, "Account", salesforce.Fields{"Name": "After lock"})
				return err
			},
			transient: true,
		},
		{
			name:  "collection create record after UNABLE_TO_LOCK_ROW is not repeated",
			fault: func(f *sfsim.Faults) { f.LockRow(1) },
			fired: sfsim.FaultLockRow,
			op: func(ctx context.Context, t *testing.T, o *org) error {
				return lockedOrFailed(o.client.CreateMany(ctx, []salesforce.NewRecord{
					{Object: "Account", Fields: salesforce.Fields{"Name": "Batch 1"}},
					{Object: "Account", Fields: salesforce.Fields{"Name": "Batch 2"}},
				}))
			},
			transient: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrg(t)
			before := o.client.Retries()
			tt.fault(o.sim.Faults())
			err := tt.op(context.Background(), t, o)
			switch {
			case tt.transient && err == nil:
				t.Fatal("operation succeeded, want a transient error")
			case tt.transient && !salesforce.IsTransient(err):
				t.Fatalf("err = %v (class %v), want transient", err, salesforce.ClassOf(err))
			case !tt.transient && err != nil:
				t.Fatalf("operation failed: %v", err)
			}
			if got := o.client.Retries() - before; got != tt.retries {
				t.Errorf("retries = %d, want %d", got, tt.retries)
			}
			wantFired := int(tt.retries)
			if tt.transient {
				wantFired = 1
			}
			if got := o.sim.Faults().Fired(tt.fired); got != wantFired {
				t.Errorf("fault %s fired %d times, want %d", tt.fired, got, wantFired)
			}
		})
	}
}

func TestClient_retries_giveUp(t *testing.T) {
	o := newOrg(t)
	o.sim.Faults().Unavailable(100)
	_, err := o.client.QueryRecords(context.Background(), "SELECT Id FROM Account", salesforce.QueryOptions{})
	var se *salesforce.Error
	if !errors.As(err, &se) || se.Status != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want the last 503", err)
	}
	if !salesforce.IsTransient(err) {
		t.Errorf("class = %v, want transient", salesforce.ClassOf(err))
	}
	if got := o.client.Retries(); got != 3 {
		t.Errorf("retries = %d, want 3 (MaxAttempts 4)", got)
	}
}

func TestClient_requestLimitStops(t *testing.T) {
	o := newOrg(t)
	o.sim.Faults().RequestLimitAfter(0)
	before := o.transport.count("GET", "/query")
	_, err := o.client.QueryRecords(context.Background(), "SELECT Id FROM Account", salesforce.QueryOptions{})
	if !salesforce.IsQuota(err) {
		t.Fatalf("err = %v (class %v), want quota", err, salesforce.ClassOf(err))
	}
	if !salesforce.HasCode(err, "REQUEST_LIMIT_EXCEEDED") {
		t.Errorf("err = %v, want REQUEST_LIMIT_EXCEEDED", err)
	}
	if got := o.transport.count("GET", "/query") - before; got != 1 {
		t.Errorf("requests = %d, want 1 (no retry on the daily limit)", got)
	}
	if o.client.Retries() != 0 {
		t.Errorf("retries = %d, want 0", o.client.Retries())
	}
}

func TestClient_droppedConnection(t *testing.T) {
	t.Run("upsert retried finds the record", func(t *testing.T) {
		o := newOrg(t)
		o.sim.Faults().DropAfterWrite("PATCH /sobjects/Product2/ExternalId", 1)
		res, err := o.client.Upsert(context.Background(), "Product2", "ExternalId", "DROP-1", salesforce.Fields{"Name": "Dropped"})
		if err != nil {
			t.Fatalf("Upsert: %v", err)
		}
		if o.client.Retries() != 1 {
			t.Errorf("retries = %d, want 1", o.client.Retries())
		}
		if res.Created {
			t.Errorf("retried upsert reports created; the first attempt already created it")
		}
		matches := 0
		for _, p := range o.sim.All("Product2") {
			if p["ExternalId"] == "DROP-1" {
				matches++
			}
		}
		if matches != 1 {
			t.Errorf("%d Product2 records with ExternalId DROP-1, want 1", matches)
		}
	})

	t.Run("create is not repeated", func(t *testing.T) {
		o := newOrg(t)
		before := len(o.sim.All("Account"))
		o.sim.Faults().DropAfterWrite("POST /sobjects/Account", 1)
		_, err := o.client.Create(context.Background(), "Account", salesforce.Fields{"Name": "Maybe"})
		if err == nil {
			t.Fatal("Create reported success without a response")
		}
		if !salesforce.IsTransient(err) {
			t.Errorf("class = %v, want transient so that the caller looks the record up", salesforce.ClassOf(err))
		}
		if o.client.Retries() != 0 {
			t.Errorf("retries = %d, want 0", o.client.Retries())
		}
		if got := len(o.sim.All("Account")) - before; got != 1 {
			t.Errorf("%d Accounts created, want exactly the 1 the server applied", got)
		}
	})
}

func TestClient_contextCancelStopsRetries(t *testing.T) {
	o := newOrg(t)
	o.sim.Faults().Unavailable(10)
	ctx, cancel := context.WithCancel(context.Background())
	// The retry waits 10 seconds; the cancel must end it at once.
	client, err := salesforce.New(salesforce.Options{
		InstanceURL: o.client.InstanceURL(),
		APIVersion:  o.client.APIVersion(),
		Tokens:      o.tokens,
		Transport:   o.transport,
		Retry: salesforce.RetryPolicy{BaseDelay: 10 * time.Second, MaxDelay: 10 * time.Second, MaxAttempts: 5,
			OnRetry: func(salesforce.RetryEvent) { cancel() }},
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := client.QueryRecords(ctx, "SELECT Id FROM Account", salesforce.QueryOptions{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the retry wait did not stop when the context ended")
	}
}

// TestClient_collectionRecordRetries checks that records of a collection
// call that failed alone are sent again under the client's one retry
// policy: OnRetry hears about it and MaxAttempts bounds it.
func TestClient_collectionRecordRetries(t *testing.T) {
	tests := []struct {
		name        string
		maxAttempts int
		wantEvents  int
		wantSuccess bool
	}{
		{name: "retried and reported", maxAttempts: 4, wantEvents: 1, wantSuccess: true},
		{name: "one attempt allowed", maxAttempts: 1, wantEvents: 0, wantSuccess: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var events []salesforce.RetryEvent
			o := newOrg(t, withClient(func(c *salesforce.Options) {
				c.Retry.MaxAttempts = tt.maxAttempts
				c.Retry.OnRetry = func(ev salesforce.RetryEvent) { events = append(events, ev) }
			}))
			a := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Batch 1"})
			b := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Batch 2"})
			o.sim.Faults().LockRow(1)

			res, err := o.client.UpdateMany(context.Background(), []salesforce.RecordUpdate{
				{Object: "Account", ID: a, Fields: salesforce.Fields{"Phone": "1"}},
				{Object: "Account", ID: b, Fields: salesforce.Fields{"Phone": "2"}},
			})
			if err != nil {
				t.Fatalf("UpdateMany() error = %v", err)
			}
			allOK := true
			for _, r := range res {
				allOK = allOK && r.Success
			}
			if allOK != tt.wantSuccess {
				t.Errorf("every record succeeded = %v, want %v (results %+v)", allOK, tt.wantSuccess, res)
			}
			if len(events) != tt.wantEvents {
				t.Fatalf("retry events = %d, want %d", len(events), tt.wantEvents)
			}
			if tt.wantEvents == 0 {
				return
			}
			ev := events[0]
			if ev.Records != 1 {
				t.Errorf("event records = %d, want 1", ev.Records)
			}
			if !salesforce.HasCode(ev.Err, "UNABLE_TO_LOCK_ROW") {
				t.Errorf("event error = %v, want UNABLE_TO_LOCK_ROW", ev.Err)
			}
			if got := o.client.Retries(); got != 1 {
				t.Errorf("Retries() = %d, want 1", got)
			}
		})
	}
}
