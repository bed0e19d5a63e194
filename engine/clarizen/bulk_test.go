package clarizen_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_Bulk(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	existing := mustCreate(t, e.client, "Customer", "bulk-existing", clarizen.Values{"Name": "Existing"})

	reqs := []clarizen.BulkRequest{
		{Method: http.MethodPut, Path: "data/objects/Customer/bulk-new", Body: map[string]any{"Name": "New"}},
		{Method: http.MethodGet, Path: "data/objects/Customer/bulk-missing?fields=Name"},
		{Method: http.MethodPost, Path: "data/objects/Customer/bulk-existing", Body: map[string]any{"Name": "Renamed"}},
		{Method: http.MethodPut, Path: "data/objects/Customer", Body: map[string]any{"NoSuchField": 1}},
		{Method: http.MethodGet, Path: "data/objects/Customer/bulk-existing?fields=Name"},
	}
	results, err := e.client.Bulk(ctx, reqs, clarizen.BulkOptions{})
	if err != nil {
		t.Fatalf("Bulk() error = %v", err)
	}
	if len(results) != len(reqs) {
		t.Fatalf("results = %d, want %d", len(results), len(reqs))
	}
	wantErr := []*clarizen.Error{nil, clarizen.ErrEntityNotFound, nil, clarizen.ErrInvalidField, nil}
	for i, want := range wantErr {
		switch {
		case want == nil && results[i].Err != nil:
			t.Errorf("result %d error = %v, want success", i, results[i].Err)
		case want != nil && !errors.Is(results[i].Err, want):
			t.Errorf("result %d error = %v, want %s", i, results[i].Err, want.Code)
		}
	}
	if results[1].StatusCode < 400 {
		t.Errorf("result 1 status = %d, want a failure status", results[1].StatusCode)
	}
	var last clarizen.Entity
	if err := last.UnmarshalJSON(results[4].Body); err != nil {
		t.Fatal(err)
	}
	if last.Text("Name") != "Renamed" || !last.ID.Equal(existing) {
		t.Errorf("read after update in the same bulk = %s %q, want Renamed", last.ID, last.Text("Name"))
	}
	if got := e.calls.count("bulk/execute"); got != 1 {
		t.Errorf("bulk calls = %d, want 1", got)
	}
}

func TestClient_BulkTransactional(t *testing.T) {
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) { o.BulkLimit = 3 })
	ctx := testContext(t)
	before := len(e.sim.All("Customer"))

	reqs := []clarizen.BulkRequest{
		{Method: http.MethodPut, Path: "data/objects/Customer/tx-1", Body: map[string]any{"Name": "One"}},
		{Method: http.MethodPut, Path: "data/objects/Customer/tx-2", Body: map[string]any{"NoSuchField": 1}},
	}
	results, err := e.client.Bulk(ctx, reqs, clarizen.BulkOptions{Transactional: true})
	if err != nil {
		t.Fatalf("Bulk() error = %v", err)
	}
	if results[1].Err == nil {
		t.Error("invalid sub-request succeeded")
	}
	if got := len(e.sim.All("Customer")) - before; got != 0 {
		t.Errorf("customers created = %d, want 0 (rolled back)", got)
	}

	t.Run("longer than the limit is rejected", func(t *testing.T) {
		long := make([]clarizen.BulkRequest, 4)
		for i := range long {
			long[i] = clarizen.BulkRequest{Method: http.MethodGet, Path: "metadata/listEntities"}
		}
		calls := e.calls.total()
		_, err := e.client.Bulk(ctx, long, clarizen.BulkOptions{Transactional: true})
		if !errors.Is(err, clarizen.ErrInvalidArgument) {
			t.Errorf("Bulk() error = %v, want InvalidArgument", err)
		}
		if e.calls.total() != calls {
			t.Error("a rejected transactional bulk sent requests")
		}
	})
}

func TestClient_ApplyWrites(t *testing.T) {
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) { o.BulkLimit = 4 })
	ctx := testContext(t)
	toUpdate := mustCreate(t, e.client, "Customer", "aw-upd", clarizen.Values{"Name": "Old"})
	toDelete := mustCreate(t, e.client, "Customer", "aw-del", clarizen.Values{"Name": "Doomed"})
	already := mustCreate(t, e.client, "Customer", "aw-already", clarizen.Values{"Name": "Already"})

	writes := []clarizen.Write{
		{Op: clarizen.WriteCreate, Type: "Customer", ExternalID: "aw-1", Values: clarizen.Values{"Name": "One"}},
		{Op: clarizen.WriteUpdate, ID: toUpdate, Values: clarizen.Values{"Name": "New"}},
		{Op: clarizen.WriteCreate, Type: "Customer", ExternalID: "aw-already", Values: clarizen.Values{"Name": "Already"}},
		{Op: clarizen.WriteCreate, Type: "Customer", Values: clarizen.Values{"BadField": true}},
		{Op: clarizen.WriteDelete, ID: toDelete},
		{Op: clarizen.WriteUpdate, ID: clarizen.NewEntityID("Customer", "aw-missing"), Values: clarizen.Values{"Name": "X"}},
		{Op: clarizen.WriteUpdate, ID: "not-an-id", Values: clarizen.Values{"Name": "X"}},
		{Op: clarizen.WriteCreate, Type: "Project", ExternalID: "aw-p", Values: clarizen.Values{"Name": "Project"}},
		{Op: clarizen.WriteCreate, Type: "Customer", Values: clarizen.Values{"Name": "Server id"}},
	}
	results, err := e.client.ApplyWrites(ctx, writes, clarizen.BulkOptions{})
	if err != nil {
		t.Fatalf("ApplyWrites() error = %v", err)
	}
	tests := []struct {
		index        int
		wantErr      *clarizen.Error // nil: success
		wantID       clarizen.EntityID
		wantExisting bool
	}{
		{0, nil, clarizen.NewEntityID("Customer", "aw-1"), false},
		{1, nil, toUpdate, false},
		{2, nil, already, true},
		{3, clarizen.ErrInvalidField, "", false},
		{4, nil, toDelete, false},
		{5, clarizen.ErrEntityNotFound, "", false},
		{6, clarizen.ErrInvalidArgument, "", false},
		{7, nil, clarizen.NewEntityID("Project", "aw-p"), false},
		{8, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("write %d %s", tt.index, writes[tt.index].Op), func(t *testing.T) {
			got := results[tt.index]
			if tt.wantErr == nil && got.Err != nil {
				t.Fatalf("error = %v, want success", got.Err)
			}
			if tt.wantErr != nil && !errors.Is(got.Err, tt.wantErr) {
				t.Fatalf("error = %v, want %s", got.Err, tt.wantErr.Code)
			}
			if tt.wantID != "" && !got.ID.Equal(tt.wantID) {
				t.Errorf("ID = %s, want %s", got.ID, tt.wantID)
			}
			if got.Existing != tt.wantExisting {
				t.Errorf("Existing = %v, want %v", got.Existing, tt.wantExisting)
			}
		})
	}
	if !results[8].ID.Valid() {
		t.Errorf("server-chosen id = %q, want a full id", results[8].ID)
	}
	if rec, ok := e.sim.Get(string(toUpdate)); !ok || rec["Name"] != "New" {
		t.Errorf("updated customer Name = %v, want New", rec["Name"])
	}
	if _, ok := e.sim.Get(string(toDelete)); ok {
		t.Error("deleted customer still exists")
	}
	// Eight writes are valid; with a limit of 4 they take two bulk calls.
	if got := e.calls.count("bulk/execute"); got != 2 {
		t.Errorf("bulk calls = %d, want 2", got)
	}
}

func TestClient_ApplyWritesSingle(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	results, err := e.client.ApplyWrites(ctx, []clarizen.Write{
		{Op: clarizen.WriteCreate, Type: "Customer", ExternalID: "single-1", Values: clarizen.Values{"Name": "Solo"}},
	}, clarizen.BulkOptions{})
	if err != nil || results[0].Err != nil {
		t.Fatalf("ApplyWrites() error = %v / %v", err, results[0].Err)
	}
	if got := e.calls.count("bulk/execute"); got != 0 {
		t.Errorf("bulk calls = %d, want 0 for a single write", got)
	}
	if got := e.calls.count("data/objects"); got != 1 {
		t.Errorf("object calls = %d, want 1", got)
	}
}
