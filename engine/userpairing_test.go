package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/scheduler"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// TestEngine_SyncCountsUsersItPairs checks that the users a run creates
// while it pairs users by e-mail count in that run's summary, and that
// their registry rows carry the run's id and the user's name.
func TestEngine_SyncCountsUsersItPairs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ws, err := demo.Start(ctx, demo.Options{DataDir: t.TempDir(), Secrets: secretstest.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	eng := ws.Engine
	const users = "bp-users"

	sum, err := eng.Sync(ctx, syncer.RunOptions{Trigger: scheduler.TriggerManual, MappingIDs: []string{users}})
	if err != nil {
		t.Fatal(err)
	}
	var line *syncer.MappingSummary
	for i := range sum.Mappings {
		if sum.Mappings[i].MappingID == users {
			line = &sum.Mappings[i]
		}
	}
	if line == nil {
		t.Fatalf("the run's summary has no line for %s: %+v", users, sum.Mappings)
	}
	paired, err := ws.Installer.LastUserResults()
	if err != nil {
		t.Fatal(err)
	}
	created := 0
	for _, r := range paired {
		if r.MappingID != users {
			continue // the user mapping of the other Clarizen instance
		}
		created += r.CreatedInClarizen + r.CreatedInSalesforce
	}
	if created == 0 {
		t.Fatal("the demo's first run created no user, so this test checks nothing")
	}
	if line.Created != created {
		t.Errorf("summary line Created = %d, want the %d users the pairing created", line.Created, created)
	}

	rows, _, err := eng.DB.Registry(ctx, store.RegistryFilter{MappingID: users, Object: "User"})
	if err != nil {
		t.Fatal(err)
	}
	creates := 0
	for _, r := range rows {
		if r.Operation != "create" {
			continue
		}
		creates++
		if r.RunID != sum.RunID {
			t.Errorf("registry row %d has run id %d, want the run's %d", r.ID, r.RunID, sum.RunID)
		}
		if r.Label == "" {
			t.Errorf("registry row %d (user %s%s) has no label", r.ID, r.SFID, r.CZID)
		}
	}
	if creates != created {
		t.Errorf("%d user create rows in the registry, want %d", creates, created)
	}

	// A second run finds every user paired: no new line and no new row.
	again, err := eng.Sync(ctx, syncer.RunOptions{Trigger: scheduler.TriggerManual, MappingIDs: []string{users}})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range again.Mappings {
		if m.MappingID == users && m.Created != 0 {
			t.Errorf("second run created %d users, want 0", m.Created)
		}
	}
}
