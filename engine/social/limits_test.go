package social_test

import (
	"context"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// TestSyncer_FailedCopyKeepsOneRow copies a Chatter post while Clarizen
// rejects every new discussion, twice, then once more after it accepts
// them again.
func TestSyncer_FailedCopyKeepsOneRow(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sf, cz := e.ws.Salesforce, e.ws.Clarizen["clarizen1"]
	post, err := sf.Insert("FeedItem", map[string]any{"ParentId": e.account, "Body": "Please review the budget."})
	if err != nil {
		t.Fatal(err)
	}
	cz.Faults().Add(czsim.Fault{Kind: czsim.FaultServerError, Path: "data/createDiscussion", Times: 1000,
		ErrorCode: "InvalidOperation", Message: "posting is turned off for this customer"})

	for run := 1; run <= 2; run++ {
		sum, err := e.syncer.Run(ctx)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if got := sum.Mappings[0].Failed; got != 1 {
			t.Fatalf("run %d: failed copies = %d, want 1", run, got)
		}
	}
	rows := postRows(t, e.ws.Engine.DB, post)
	if len(rows) != 1 {
		t.Fatalf("registry rows of the post = %d, want 1", len(rows))
	}
	row := rows[0]
	if row.State != store.Failed || row.Attempts != 2 {
		t.Errorf("row = %s after %d attempts, want Failed after 2", row.State, row.Attempts)
	}
	if row.ErrorCode != "InvalidOperation" || row.ErrorClass != "permanent" {
		t.Errorf("row error = %q class %q, want InvalidOperation, permanent", row.ErrorCode, row.ErrorClass)
	}
	if !strings.Contains(row.Hint, "DiscussionPost") || !strings.Contains(row.Hint, "the next run tries again") {
		t.Errorf("hint = %q, want the object and that the next run tries again", row.Hint)
	}
	if !strings.Contains(row.ErrorMessage, "posting is turned off") {
		t.Errorf("message = %q, want the service's message", row.ErrorMessage)
	}

	cz.Faults().Clear()
	line := e.run(t)
	if line.PostsToClarizen != 1 {
		t.Errorf("posts to Clarizen after the fault = %d, want 1", line.PostsToClarizen)
	}
	rows = postRows(t, e.ws.Engine.DB, post)
	if len(rows) != 1 || rows[0].State != store.Success || rows[0].CZID == "" {
		t.Errorf("rows after the copy = %+v, want the same row Success with the copy's id", rows)
	}
}

// postRows returns the registry rows of the copies of one Chatter post.
func postRows(t *testing.T, db *store.DB, sfID string) []store.RegistryRow {
	t.Helper()
	all, _, err := db.Registry(context.Background(), store.RegistryFilter{MappingID: bestpractice.AccountsMapping})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.RegistryRow
	for _, row := range all {
		if row.Operation == "post" && row.SFID == sfID {
			out = append(out, row)
		}
	}
	return out
}

// TestSyncer_BudgetReserve runs the social sync with the reserve above
// and below the share of the daily API budget left.
func TestSyncer_BudgetReserve(t *testing.T) {
	tests := []struct {
		name        string
		reserve     string
		wantStopped bool
	}{
		// The demo org has used a few of its requests, so less than 100 %
		// of the budget is left.
		{name: "under the reserve stops", reserve: "100", wantStopped: true},
		{name: "reserve off", reserve: "0", wantStopped: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			if _, err := e.ws.Salesforce.Insert("FeedItem", map[string]any{"ParentId": e.account, "Body": "Budget check."}); err != nil {
				t.Fatal(err)
			}
			if err := e.ws.Engine.DB.SetSetting(ctx, syncer.SettingBudgetReserve, tt.reserve); err != nil {
				t.Fatal(err)
			}
			before := e.ws.Salesforce.APICalls()

			sum, err := e.syncer.Run(ctx)
			if err != nil {
				t.Fatalf("Run() error = %v, want a clean stop", err)
			}
			if stopped := sum.Stopped != ""; stopped != tt.wantStopped {
				t.Fatalf("stopped = %q, want stopped %v", sum.Stopped, tt.wantStopped)
			}
			if !tt.wantStopped {
				if sum.Mappings[0].PostsToClarizen != 1 {
					t.Errorf("posts to Clarizen = %d, want 1", sum.Mappings[0].PostsToClarizen)
				}
				return
			}
			if !strings.Contains(sum.Stopped, "under the 100 % reserve") {
				t.Errorf("stop reason = %q, want the reserve named", sum.Stopped)
			}
			if got := e.ws.Salesforce.APICalls() - before; got != 0 {
				t.Errorf("Salesforce calls after the stop = %d, want 0", got)
			}
			if sum.Writes() != 0 || sum.Mappings[0].Records != 0 {
				t.Errorf("summary = %+v, want no record read and no copy", sum)
			}
			var text strings.Builder
			if err := sum.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text.String(), "stopped: ") {
				t.Errorf("summary text = %q, want the stop reason", text.String())
			}
		})
	}
}
