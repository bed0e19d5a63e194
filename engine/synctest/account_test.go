package synctest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestRun_AccountToCustomer(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("new-accounts", 1, "Account", "", m.ID, true), time.Now())
	runner := env.Runner(t, syncer.Options{})

	acct, err := env.SF.Insert("Account", map[string]any{"Name": "Acme Rockets"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("create on event", func(t *testing.T) {
		sum := Run(t, runner, syncer.RunOptions{})
		if got := sum.Totals().Created; got != 1 {
			t.Fatalf("created = %d, want 1 (summary %+v)", got, sum)
		}
		customers := env.CZ["clarizen1"].All("Customer")
		if len(customers) != 1 {
			t.Fatalf("customers = %d, want 1", len(customers))
		}
		if customers[0]["Name"] != "Acme Rockets" || customers[0]["SfExternalId"] != acct {
			t.Errorf("customer = %v", customers[0])
		}
		rows := env.Registry(t)
		if len(rows) != 1 || rows[0].State != store.Success || rows[0].Operation != "create" || rows[0].SFID != acct {
			t.Errorf("registry = %+v", rows)
		}
		links := env.Links(t, m.ID)
		if len(links) != 1 || links[0].SFID != acct || links[0].CZID != customers[0]["id"] {
			t.Errorf("links = %+v", links)
		}
		wm, err := env.DB.Watermark(context.Background(), "event:new-accounts")
		if err != nil || wm == "" {
			t.Errorf("event watermark = %q, %v", wm, err)
		}
	})
	t.Run("second run writes nothing", func(t *testing.T) {
		sum := Run(t, runner, syncer.RunOptions{})
		if sum.Writes() != 0 {
			t.Errorf("writes = %d, want 0 (summary %+v)", sum.Writes(), sum)
		}
	})
	t.Run("update to clarizen", func(t *testing.T) {
		if err := env.SF.Update("Account", acct, map[string]any{"Name": "Acme Rockets Ltd"}); err != nil {
			t.Fatal(err)
		}
		sum := Run(t, runner, syncer.RunOptions{})
		if sum.Totals().Updated != 1 {
			t.Fatalf("updated = %d, want 1 (summary %+v)", sum.Totals().Updated, sum)
		}
		if got := env.CZ["clarizen1"].All("Customer")[0]["Name"]; got != "Acme Rockets Ltd" {
			t.Errorf("customer name = %v", got)
		}
	})
	t.Run("update from clarizen", func(t *testing.T) {
		id := env.CZ["clarizen1"].All("Customer")[0]["id"].(string)
		if err := env.CZ["clarizen1"].Update(id, map[string]any{"Description": "Key account"}); err != nil {
			t.Fatal(err)
		}
		sum := Run(t, runner, syncer.RunOptions{})
		if sum.Totals().Updated != 1 {
			t.Fatalf("updated = %d, want 1 (summary %+v)", sum.Totals().Updated, sum)
		}
		got, _ := env.SF.Get("Account", acct)
		if got["Description"] != "Key account" {
			t.Errorf("account description = %v", got["Description"])
		}
		again := Run(t, runner, syncer.RunOptions{})
		if again.Writes() != 0 {
			t.Errorf("writes after the update = %d, want 0 (summary %+v)", again.Writes(), again)
		}
	})
}

// A mapping's scope without a watermark (a database from before
// watermarks were kept for it) reads the linked records by id, not the
// whole object, and still syncs their changes.
func TestRun_PairsWithoutWatermark(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	ctx := context.Background()
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	linked := env.Insert(t, "Account", map[string]any{"Name": "Linked"})
	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if err := env.DB.DeleteEvent(ctx, "accounts"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		env.Insert(t, "Account", map[string]any{"Name": fmt.Sprintf("Unlinked %03d", i)})
	}
	if err := env.SF.Update("Account", linked, map[string]any{"Name": "Linked and renamed"}); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.SetWatermarks(ctx, store.Watermark{Scope: "mapping:acct:salesforce"},
		store.Watermark{Scope: "mapping:acct:clarizen"}); err != nil {
		t.Fatal(err)
	}

	read := 0
	r := env.Runner(t, syncer.Options{OnProgress: func(p syncer.Progress) { read = max(read, p.Read) }})
	sum := Run(t, r, syncer.RunOptions{})
	if read > 10 {
		t.Errorf("records read = %d, want only the linked pair's", read)
	}
	if sum.Totals().Updated != 1 {
		t.Errorf("summary = %+v, want the rename synced", sum.Totals())
	}
	if got := byName(env.CZ["clarizen1"].All("Customer")); got["Linked and renamed"] == nil {
		t.Errorf("customers = %v, want the renamed one", got)
	}
}
