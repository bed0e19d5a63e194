package synctest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// A definition that fails to plan is skipped with a warning and its last
// result, and the others sync.
func TestRun_BrokenDefinitionsSkipped(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	ctx := context.Background()
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	// The field this condition names was deleted in Salesforce after the
	// event was saved.
	env.SaveEvent(t, EntityEvent("deleted-field", 1, "Account", "Region__c = 'EMEA'", m.ID, true), env.Clock.Now())
	// A stored mapping that no longer decodes.
	if err := env.DB.SaveMapping(ctx, store.Definition{ID: "garbled", Name: "Garbled", ClarizenConnection: "clarizen1",
		JSON: []byte(`{"fieldMaps": 5}`), Enabled: true}); err != nil {
		t.Fatal(err)
	}
	env.Insert(t, "Account", map[string]any{"Name": "Pied Piper"})

	sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if sum.Status != syncer.StatusSucceeded {
		t.Errorf("status = %s (%s), want succeeded", sum.Status, sum.StopReason)
	}
	if n := len(env.CZ["clarizen1"].All("Customer")); n != 1 {
		t.Errorf("customers = %d, want the working event's customer", n)
	}
	var skipped []string
	for _, s := range sum.Skipped {
		skipped = append(skipped, s.Kind+" "+s.ID)
	}
	slices.Sort(skipped)
	if got := strings.Join(skipped, ", "); got != "event deleted-field, mapping garbled" {
		t.Errorf("skipped = %q, want the event and the mapping that fail", got)
	}
	for _, name := range []string{"Garbled", "Event deleted-field"} {
		warned := false
		for _, w := range sum.Warnings {
			warned = warned || strings.Contains(w, name) && strings.Contains(w, "skipped")
		}
		if !warned {
			t.Errorf("warnings = %q, want one about %s", sum.Warnings, name)
		}
	}
	ev, err := env.DB.Event(ctx, "deleted-field")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ev.LastResult, "skipped") || !strings.Contains(ev.LastResult, "Region__c") {
		t.Errorf("event last result = %q, want the skip and the field", ev.LastResult)
	}
	garbled, err := env.DB.Mapping(ctx, "garbled")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(garbled.LastResult, "skipped") {
		t.Errorf("mapping last result = %q, want the skip", garbled.LastResult)
	}
}
