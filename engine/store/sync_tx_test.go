package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestDB_EnableEvent(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	if err := db.SaveEvent(ctx, Definition{ID: "e1", Name: "Opportunity at 70%", TriggeredBy: "salesforce",
		ClarizenConnection: "clarizen1", JSON: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

	t.Run("writes firings, watermark and event", func(t *testing.T) {
		err := db.EnableEvent(ctx, EventEnable{EventID: "e1", JSON: []byte(`{"enabled":true}`), EnabledAt: at,
			Fired: []string{"006A", "006B"}, Watermark: Watermark{Scope: "event:e1", Value: "2026-05-06T07:08:09Z"}})
		if err != nil {
			t.Fatal(err)
		}
		e, err := db.Event(ctx, "e1")
		if err != nil {
			t.Fatal(err)
		}
		if !e.Enabled || !e.EnabledAt.Equal(at) || e.FireExisting || string(e.JSON) != `{"enabled":true}` {
			t.Errorf("event = %+v, want enabled at %s with the new definition", e, at)
		}
		fired, err := db.FiredAmong(ctx, "e1", []string{"006A", "006B", "006Z"})
		if err != nil {
			t.Fatal(err)
		}
		if len(fired) != 2 || !fired["006A"] || !fired["006B"] {
			t.Errorf("fired = %v, want 006A and 006B", fired)
		}
		if wm, _ := db.Watermark(ctx, "event:e1"); wm != "2026-05-06T07:08:09Z" {
			t.Errorf("watermark = %q", wm)
		}
	})
	t.Run("fire existing clears the firings", func(t *testing.T) {
		err := db.EnableEvent(ctx, EventEnable{EventID: "e1", JSON: []byte(`{}`), EnabledAt: at, FireExisting: true,
			ClearFirings: true, Watermark: Watermark{Scope: "event:e1"}})
		if err != nil {
			t.Fatal(err)
		}
		if fired, _ := db.FiredAmong(ctx, "e1", []string{"006A", "006B"}); len(fired) != 0 {
			t.Errorf("fired = %v, want none", fired)
		}
		if wm, _ := db.Watermark(ctx, "event:e1"); wm != "" {
			t.Errorf("watermark = %q, want empty", wm)
		}
	})
	t.Run("a failure writes nothing", func(t *testing.T) {
		// The event is gone by the time the enable is written: neither the
		// cleared firings nor the watermark may stay behind.
		if _, err := db.RecordFiring(ctx, "e1", "006C"); err != nil {
			t.Fatal(err)
		}
		err := db.EnableEvent(ctx, EventEnable{EventID: "missing", JSON: []byte(`{}`), EnabledAt: at, ClearFirings: true,
			Watermark: Watermark{Scope: "event:missing", Value: "2026-05-06T07:08:09Z"}})
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
		if wm, _ := db.Watermark(ctx, "event:missing"); wm != "" {
			t.Errorf("watermark of the missing event = %q, want none", wm)
		}
		if fired, _ := db.FiredAmong(ctx, "e1", []string{"006C"}); !fired["006C"] {
			t.Errorf("fired = %v, want the other event's firing kept", fired)
		}
	})
}

func TestDB_LinksByClarizenIDs(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	saveTestMapping(t, db, "m1")
	for _, l := range []Link{
		{MappingID: "m1", SFObject: "Account", SFID: "001A", CZConnection: "clarizen1", CZType: "Customer", CZID: "/Customer/Abc"},
		{MappingID: "m1", SFObject: "Account", SFID: "001B", CZConnection: "clarizen1", CZType: "Customer", CZID: "/Customer/def"},
		{MappingID: "m1", SFObject: "Account", SFID: "001C", CZConnection: "clarizen2", CZType: "Customer", CZID: "/Customer/abc"},
	} {
		if _, err := db.SaveLink(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.LinksByClarizenIDs(ctx, "m1", "clarizen1", []string{"/customer/ABC", "/Customer/none"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].SFID != "001A" {
		t.Errorf("links = %+v, want the clarizen1 link of /Customer/Abc only", got)
	}
}
