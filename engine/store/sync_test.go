package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func saveTestMapping(t *testing.T, db *DB, id string) {
	t.Helper()
	err := db.SaveMapping(context.Background(), Definition{ID: id, Name: "Mapping " + id,
		ClarizenConnection: "clarizen1", JSON: []byte(`{"id":"` + id + `"}`)})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDefinitions_SaveReadDelete(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	saveTestMapping(t, db, "m1")
	err := db.SaveEvent(ctx, Definition{ID: "e1", Name: "Opportunity at 70%", TriggeredBy: "salesforce",
		ClarizenConnection: "clarizen1", JSON: []byte(`{}`), Enabled: true, EnabledAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("duplicate name", func(t *testing.T) {
		err := db.SaveMapping(ctx, Definition{ID: "m2", Name: "Mapping m1", ClarizenConnection: "clarizen1", JSON: []byte(`{}`)})
		if !errors.Is(err, ErrNameTaken) {
			t.Errorf("err = %v, want ErrNameTaken", err)
		}
	})
	t.Run("read back", func(t *testing.T) {
		m, err := db.Mapping(ctx, "m1")
		if err != nil {
			t.Fatal(err)
		}
		if string(m.JSON) != `{"id":"m1"}` || m.State != "ok" || m.Enabled {
			t.Errorf("mapping = %+v", m)
		}
		e, err := db.Event(ctx, "e1")
		if err != nil {
			t.Fatal(err)
		}
		if !e.Enabled || e.TriggeredBy != "salesforce" || e.EnabledAt.Year() != 2026 {
			t.Errorf("event = %+v", e)
		}
	})
	t.Run("firing once per record", func(t *testing.T) {
		first, err := db.RecordFiring(ctx, "e1", "006A")
		if err != nil || !first {
			t.Fatalf("first firing = %v, %v; want true", first, err)
		}
		again, err := db.RecordFiring(ctx, "e1", "006A")
		if err != nil || again {
			t.Errorf("second firing = %v, %v; want false", again, err)
		}
		if fired, _ := db.HasFired(ctx, "e1", "006A"); !fired {
			t.Error("HasFired = false after a firing")
		}
		if err := db.ClearFirings(ctx, "e1"); err != nil {
			t.Fatal(err)
		}
		if fired, _ := db.HasFired(ctx, "e1", "006A"); fired {
			t.Error("HasFired = true after ClearFirings")
		}
	})
	t.Run("delete cascades to links", func(t *testing.T) {
		if _, err := db.SaveLink(ctx, Link{MappingID: "m1", SFObject: "Account", SFID: "001A", CZConnection: "clarizen1",
			CZType: "Customer", CZID: "/Customer/c1"}); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteMapping(ctx, "m1"); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.CountLinks(ctx, "m1"); n != 0 {
			t.Errorf("links left after deleting the mapping: %d", n)
		}
	})
}

func TestCommitBatch_AllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	saveTestMapping(t, db, "m1")
	run, err := db.StartRun(ctx, "manual", false)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := db.AddPending(ctx, []RegistryRow{
		{RunID: run, MappingID: "m1", Operation: "create", Target: "clarizen", SFObject: "Account", SFID: "001A",
			CZType: "Customer", IdempotencyKey: "m1:001A", Fields: []FieldChange{{Field: "Name", After: "Acme"}}},
		{RunID: run, MappingID: "m1", Operation: "create", Target: "clarizen", SFObject: "Account", SFID: "001B",
			CZType: "Customer", IdempotencyKey: "m1:001B"},
	})
	if err != nil {
		t.Fatal(err)
	}
	pending, total, err := db.Registry(ctx, RegistryFilter{State: Pending})
	if err != nil || total != 2 || len(pending) != 2 {
		t.Fatalf("pending rows = %d (%d), %v; want 2", len(pending), total, err)
	}

	t.Run("a failing link rolls back the results", func(t *testing.T) {
		bad := Link{MappingID: "no-such-mapping", SFObject: "Account", SFID: "001A", CZConnection: "clarizen1", CZType: "Customer", CZID: "x"}
		err := db.CommitBatch(ctx, []Result{{ID: ids[0], State: Success, CZID: "/Customer/c1"}}, []Link{bad}, nil,
			[]Watermark{{Scope: "salesforce:Account", Value: "2026-01-01T00:00:00Z"}})
		if err == nil {
			t.Fatal("CommitBatch with a link to a missing mapping succeeded")
		}
		r, _ := db.RegistryRow(ctx, ids[0])
		if r.State != Pending {
			t.Errorf("row state after rollback = %s, want Pending", r.State)
		}
		if w, _ := db.Watermark(ctx, "salesforce:Account"); w != "" {
			t.Errorf("watermark advanced to %q despite the rollback", w)
		}
	})
	t.Run("commit", func(t *testing.T) {
		link := Link{MappingID: "m1", SFObject: "Account", SFID: "001A", CZConnection: "clarizen1", CZType: "Customer",
			CZID: "/Customer/c1", Base: []byte(`{"Name":"Acme"}`), SFStamp: "s1", CZStamp: "c1"}
		err := db.CommitBatch(ctx,
			[]Result{{ID: ids[0], State: Success, CZID: "/Customer/c1"},
				{ID: ids[1], State: Failed, ErrorCode: "InvalidField", ErrorMessage: "Name is required", ErrorClass: "permanent",
					Hint: "Fill in the account name in Salesforce."}},
			[]Link{link}, nil, []Watermark{{Scope: "salesforce:Account", Value: "2026-01-01T00:00:00Z"}})
		if err != nil {
			t.Fatal(err)
		}
		ok, _ := db.RegistryRow(ctx, ids[0])
		if ok.State != Success || ok.CZID != "/Customer/c1" || ok.Attempts != 1 || ok.Fields[0].After != "Acme" {
			t.Errorf("success row = %+v", ok)
		}
		failed, _ := db.RegistryRow(ctx, ids[1])
		if failed.State != Failed || failed.ErrorCode != "InvalidField" || failed.Hint != "Fill in the account name in Salesforce." {
			t.Errorf("failed row = %+v", failed)
		}
		l, found, err := db.LinkBySalesforce(ctx, "m1", "001A")
		if err != nil || !found || string(l.Base) != `{"Name":"Acme"}` || l.CZStamp != "c1" {
			t.Errorf("link = %+v, %v, %v", l, found, err)
		}
		if w, _ := db.Watermark(ctx, "salesforce:Account"); w != "2026-01-01T00:00:00Z" {
			t.Errorf("watermark = %q", w)
		}
		row, found, _ := db.PendingByKey(ctx, "m1:001B")
		if !found || row.ID != ids[1] {
			t.Errorf("PendingByKey(m1:001B) = %+v, %v; want the failed row", row, found)
		}
		if _, found, _ := db.PendingByKey(ctx, "m1:001A"); found {
			t.Error("PendingByKey found a row that succeeded")
		}
	})
	t.Run("filters", func(t *testing.T) {
		cases := []struct {
			name string
			f    RegistryFilter
			want int
		}{
			{"state", RegistryFilter{State: Failed}, 1},
			{"object", RegistryFilter{Object: "Customer"}, 2},
			{"text in error", RegistryFilter{Text: "required"}, 1},
			{"text in fields", RegistryFilter{Text: "Acme"}, 1},
			{"literal percent", RegistryFilter{Text: "%"}, 0},
			{"run", RegistryFilter{RunID: run}, 2},
			{"future", RegistryFilter{Since: time.Now().Add(time.Hour)}, 0},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				rows, total, err := db.Registry(ctx, c.f)
				if err != nil || total != c.want || len(rows) != c.want {
					t.Errorf("Registry(%+v) = %d rows, total %d, %v; want %d", c.f, len(rows), total, err, c.want)
				}
			})
		}
	})
	t.Run("finish run", func(t *testing.T) {
		if err := db.FinishRun(ctx, run, "succeeded", []byte(`{"created":1}`)); err != nil {
			t.Fatal(err)
		}
		runs, err := db.Runs(ctx, 5)
		if err != nil || len(runs) != 1 || runs[0].Status != "succeeded" || !strings.Contains(string(runs[0].Summary), "created") {
			t.Errorf("runs = %+v, %v", runs, err)
		}
	})
}

func TestRelinkSalesforce(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	saveTestMapping(t, db, "m1")
	save := func(sfID, czID string) int64 {
		id, err := db.SaveLink(ctx, Link{MappingID: "m1", SFObject: "Account", SFID: sfID, CZConnection: "clarizen1",
			CZType: "Customer", CZID: czID, SFStamp: "old"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	a, b, c := save("001A", "/Customer/a"), save("001B", "/Customer/b"), save("001C", "/Customer/c")

	// a and b swap ids, c is dropped.
	if err := db.RelinkSalesforce(ctx, "m1", map[int64]string{a: "001B", b: "001A"}, []int64{c}); err != nil {
		t.Fatal(err)
	}
	links, err := db.Links(ctx, "m1")
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 2 {
		t.Fatalf("%d links left, want 2", len(links))
	}
	for _, l := range links {
		want := map[int64]string{a: "001B", b: "001A"}[l.ID]
		if l.SFID != want || l.SFStamp != "" {
			t.Errorf("link %d = sf_id %s stamp %q, want %s and a cleared stamp", l.ID, l.SFID, l.SFStamp, want)
		}
	}

	t.Run("unknown link rolls back", func(t *testing.T) {
		err := db.RelinkSalesforce(ctx, "m1", map[int64]string{a: "001Z", 9999: "001Y"}, nil)
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
		l, found, _ := db.LinkBySalesforce(ctx, "m1", "001B")
		if !found || l.ID != a {
			t.Errorf("link %d changed although the transaction failed", a)
		}
	})
}
