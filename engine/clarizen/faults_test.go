package clarizen_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_RetryServerErrors(t *testing.T) {
	tests := []struct {
		name         string
		inject       func(f *czsim.Faults)
		call         func(ctx context.Context, c *clarizen.Client) error
		wantErr      *clarizen.Error // nil: success
		wantClass    clarizen.Class
		wantRetries  int
		wantAttempts int // checked on failure
	}{
		{
			name:   "general error is retried",
			inject: func(f *czsim.Faults) { f.FailNext(2, "General") },
			call: func(ctx context.Context, c *clarizen.Client) error {
				_, err := c.ListEntities(ctx)
				return err
			},
			wantRetries: 2,
		},
		{
			name:   "internal error is retried",
			inject: func(f *czsim.Faults) { f.FailNext(1, "Internal") },
			call: func(ctx context.Context, c *clarizen.Client) error {
				_, err := c.Get(ctx, clarizen.NewEntityID("Customer", "r-1"), "Name")
				return err
			},
			wantRetries: 1,
		},
		{
			name:   "permanent error is not retried",
			inject: func(f *czsim.Faults) { f.FailNext(1, "ValidationRuleError") },
			call: func(ctx context.Context, c *clarizen.Client) error {
				return c.Update(ctx, clarizen.NewEntityID("Customer", "r-1"), clarizen.Values{"Name": "x"})
			},
			wantErr: clarizen.ErrValidationRule, wantClass: clarizen.Permanent, wantRetries: 0, wantAttempts: 1,
		},
		{
			name:   "retries end after max attempts",
			inject: func(f *czsim.Faults) { f.FailNext(50, "General") },
			call: func(ctx context.Context, c *clarizen.Client) error {
				_, err := c.Get(ctx, clarizen.NewEntityID("Customer", "r-1"), "Name")
				return err
			},
			wantErr: &clarizen.Error{Code: "General"}, wantClass: clarizen.Transient,
			wantRetries: clarizen.DefaultMaxAttempts - 1, wantAttempts: clarizen.DefaultMaxAttempts,
		},
		{
			name:   "create without id is not retried after a server error",
			inject: func(f *czsim.Faults) { f.FailNext(1, "General") },
			call: func(ctx context.Context, c *clarizen.Client) error {
				_, err := c.Create(ctx, "Customer", "", clarizen.Values{"Name": "x"})
				return err
			},
			wantErr: &clarizen.Error{Code: "General"}, wantClass: clarizen.Transient, wantRetries: 0, wantAttempts: 1,
		},
		{
			name:   "create with id is retried",
			inject: func(f *czsim.Faults) { f.FailNext(1, "General") },
			call: func(ctx context.Context, c *clarizen.Client) error {
				_, err := c.Create(ctx, "Customer", "r-2", clarizen.Values{"Name": "x"})
				return err
			},
			wantRetries: 1,
		},
		{
			name:   "rate limit is retried even for a create without id",
			inject: func(f *czsim.Faults) { f.RateLimitNext(1) },
			call: func(ctx context.Context, c *clarizen.Client) error {
				_, err := c.Create(ctx, "Customer", "", clarizen.Values{"Name": "x"})
				return err
			},
			wantRetries: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, czsim.Options{}, nil)
			ctx := testContext(t)
			mustCreate(t, e.client, "Customer", "r-1", clarizen.Values{"Name": "Existing"})
			tt.inject(e.sim.Faults())

			err := tt.call(ctx, e.client)
			if tt.wantErr == nil && err != nil {
				t.Fatalf("call error = %v, want success after retries", err)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("call error = %v, want code %s", err, tt.wantErr.Code)
				}
				if got := clarizen.ClassOf(err); got != tt.wantClass {
					t.Errorf("ClassOf() = %v, want %v", got, tt.wantClass)
				}
				var apiErr *clarizen.Error
				if errors.As(err, &apiErr) && apiErr.Attempts != tt.wantAttempts {
					t.Errorf("Attempts = %d, want %d", apiErr.Attempts, tt.wantAttempts)
				}
			}
			if got := len(e.retryEvents()); got != tt.wantRetries {
				t.Errorf("retries = %d, want %d", got, tt.wantRetries)
			}
		})
	}
}

func TestClient_RateLimitRetryAfter(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	e.sim.Faults().RateLimitNext(1)
	if _, err := e.client.ListEntities(ctx); err != nil {
		t.Fatalf("ListEntities() error = %v", err)
	}
	events := e.retryEvents()
	if len(events) != 1 {
		t.Fatalf("retries = %d, want 1", len(events))
	}
	if !errors.Is(events[0].Err, clarizen.ErrRateLimited) {
		t.Errorf("retry error = %v, want RateLimited", events[0].Err)
	}
	var apiErr *clarizen.Error
	if !errors.As(events[0].Err, &apiErr) || apiErr.HTTPStatus != 429 || apiErr.RetryAfter != time.Second {
		t.Errorf("retry error = %+v, want HTTP 429 with Retry-After 1s", apiErr)
	}
	// The retry waits out Retry-After although the policy's backoff is 1ms.
	if events[0].Delay < time.Second {
		t.Errorf("retry delay = %v, want at least the 1s Retry-After", events[0].Delay)
	}
}

func TestClient_RateLimitServerWindow(t *testing.T) {
	e := newEnv(t, czsim.Options{RateLimit: 5}, nil)
	ctx := testContext(t)
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	const callers = 12
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Go(func() {
			_, err := e.client.TemplateNames(ctx, "Project")
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("TemplateNames() error = %v", err)
		}
	}
	rateLimited := 0
	for _, ev := range e.retryEvents() {
		if errors.Is(ev.Err, clarizen.ErrRateLimited) {
			rateLimited++
		}
	}
	if rateLimited == 0 {
		t.Error("no 429 answers: the burst did not exceed the simulator's limit, so nothing was tested")
	}
}

func TestClient_RateLimitClientSide(t *testing.T) {
	e := newEnv(t, czsim.Options{RateLimit: 10}, func(o *clarizen.Options) { o.RequestsPerSecond = 8 })
	ctx := testContext(t)
	const calls = 20
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range calls / 4 {
				if _, err := e.client.TemplateNames(ctx, "Project"); err != nil {
					t.Errorf("TemplateNames() error = %v", err)
				}
			}
		})
	}
	wg.Wait()
	if got := len(e.retryEvents()); got != 0 {
		t.Errorf("retries = %d, want 0: the client limiter should keep under the server's limit", got)
	}
}

func TestClient_RetryStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) {
		o.Retry = clarizen.RetryPolicy{BaseDelay: time.Hour, MaxDelay: time.Hour}
		o.OnRetry = func(clarizen.RetryEvent) { cancel() }
	})
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	e.sim.Faults().FailNext(10, "General")
	_, err := e.client.ListEntities(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ListEntities() error = %v, want context.Canceled", err)
	}
	if !errors.Is(err, &clarizen.Error{Code: "General"}) {
		t.Errorf("error %v does not carry the last API error", err)
	}
}

func TestClient_SessionTimeoutFault(t *testing.T) {
	tests := []struct {
		name       string
		timeouts   int
		wantErr    bool
		wantLogins int
	}{
		{"one timeout is cured by a re-login", 1, false, 2},
		{"timeout after the re-login is an auth error", 2, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, czsim.Options{}, nil)
			ctx := testContext(t)
			if err := e.client.Connect(ctx); err != nil {
				t.Fatal(err)
			}
			e.sim.Faults().SessionTimeoutNext(tt.timeouts)
			_, err := e.client.TemplateNames(ctx, "Project")
			if tt.wantErr {
				if !errors.Is(err, clarizen.ErrSessionTimeout) || clarizen.ClassOf(err) != clarizen.Auth {
					t.Errorf("error = %v (class %v), want SessionTimeout of class auth", err, clarizen.ClassOf(err))
				}
			} else if err != nil {
				t.Errorf("error = %v, want success", err)
			}
			if got := e.calls.count("authentication/login"); got != tt.wantLogins {
				t.Errorf("login calls = %d, want %d", got, tt.wantLogins)
			}
		})
	}
}

func TestClient_DroppedConnection(t *testing.T) {
	t.Run("create with id is not duplicated", func(t *testing.T) {
		e := newEnv(t, czsim.Options{}, nil)
		ctx := testContext(t)
		before := len(e.sim.All("Customer"))
		if err := e.client.Connect(ctx); err != nil {
			t.Fatal(err)
		}
		e.sim.Faults().DropAfterNextWrite(1)

		res, err := e.client.Create(ctx, "Customer", "sf-001DROP", clarizen.Values{"Name": "Dropped"})
		if err != nil {
			t.Fatalf("Create() error = %v", err)
		}
		if !res.Existing || res.ID.Value() != "sf-001DROP" {
			t.Errorf("Create() = %+v, want the entity the lost attempt created", res)
		}
		if got := len(e.sim.All("Customer")) - before; got != 1 {
			t.Errorf("customers created = %d, want 1", got)
		}
		if got := len(e.retryEvents()); got != 1 {
			t.Errorf("retries = %d, want 1", got)
		}
	})

	t.Run("create without id is not retried", func(t *testing.T) {
		e := newEnv(t, czsim.Options{}, nil)
		ctx := testContext(t)
		if err := e.client.Connect(ctx); err != nil {
			t.Fatal(err)
		}
		before := len(e.sim.All("Customer"))
		e.sim.Faults().DropAfterNextWrite(1)

		_, err := e.client.Create(ctx, "Customer", "", clarizen.Values{"Name": "Unknown outcome"})
		if err == nil || clarizen.ClassOf(err) != clarizen.Transient {
			t.Fatalf("Create() error = %v, want a transient error", err)
		}
		if got := len(e.sim.All("Customer")) - before; got != 1 {
			t.Errorf("customers created = %d, want 1 (applied once, not retried)", got)
		}
	})

	t.Run("delete counts as done", func(t *testing.T) {
		e := newEnv(t, czsim.Options{}, nil)
		ctx := testContext(t)
		id := mustCreate(t, e.client, "Customer", "drop-del", clarizen.Values{"Name": "Doomed"})
		e.sim.Faults().DropAfterNextWrite(1)
		if err := e.client.Delete(ctx, id); err != nil {
			t.Fatalf("Delete() error = %v", err)
		}
		if _, ok := e.sim.Get(string(id)); ok {
			t.Error("entity still exists")
		}
	})

	t.Run("bulk creates are not duplicated", func(t *testing.T) {
		e := newEnv(t, czsim.Options{}, nil)
		ctx := testContext(t)
		if err := e.client.Connect(ctx); err != nil {
			t.Fatal(err)
		}
		before := len(e.sim.All("Customer"))
		upd := mustCreate(t, e.client, "Customer", "drop-upd", clarizen.Values{"Name": "Old"})
		e.sim.Faults().DropAfterNextWrite(1)

		results, err := e.client.ApplyWrites(ctx, []clarizen.Write{
			{Op: clarizen.WriteCreate, Type: "Customer", ExternalID: "drop-b1", Values: clarizen.Values{"Name": "B1"}},
			{Op: clarizen.WriteCreate, Type: "Customer", ExternalID: "drop-b2", Values: clarizen.Values{"Name": "B2"}},
			{Op: clarizen.WriteUpdate, ID: upd, Values: clarizen.Values{"Name": "New"}},
		}, clarizen.BulkOptions{})
		if err != nil {
			t.Fatalf("ApplyWrites() error = %v", err)
		}
		for i, r := range results {
			if r.Err != nil {
				t.Errorf("write %d error = %v", i, r.Err)
			}
		}
		if !results[0].Existing || !results[1].Existing {
			t.Errorf("creates = %+v, %+v, want both resolved as existing", results[0], results[1])
		}
		if got := len(e.sim.All("Customer")) - before; got != 3 {
			t.Errorf("customers created = %d, want 3", got)
		}
	})
}

func TestClient_APICalls(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	if err := e.client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.client.APICalls(); got != 0 {
		t.Errorf("APICalls() after login = %d, want 0", got)
	}
	e.sim.Faults().FailNext(2, "General")
	if _, err := e.client.TemplateNames(ctx, "Project"); err != nil {
		t.Fatal(err)
	}
	if got := e.client.APICalls(); got != 3 {
		t.Errorf("APICalls() = %d, want 3 (one call, two retries)", got)
	}
	_, err := e.client.ApplyWrites(ctx, []clarizen.Write{
		{Op: clarizen.WriteCreate, Type: "Customer", ExternalID: "calls-1", Values: clarizen.Values{"Name": "A"}},
		{Op: clarizen.WriteCreate, Type: "Customer", ExternalID: "calls-2", Values: clarizen.Values{"Name": "B"}},
	}, clarizen.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.client.APICalls(); got != 4 {
		t.Errorf("APICalls() after a bulk call = %d, want 4", got)
	}
}
