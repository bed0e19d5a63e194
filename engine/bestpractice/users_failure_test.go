package bestpractice_test

import (
	"context"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
	"github.com/liaison-sync/liaison/engine/store"
)

// TestInstaller_MatchUsersFailedCreate pairs users twice while Clarizen
// rejects every user create, then once more after it accepts them.
func TestInstaller_MatchUsersFailedCreate(t *testing.T) {
	ctx := context.Background()
	ws := startOrgs(t)
	pkg, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Installer.Install(ctx, pkg, bestpractice.InstallOptions{
		ConfirmSchema: func([]bestpractice.SchemaGap) bool { return true }}); err != nil {
		t.Fatal(err)
	}
	users, _ := pkg.Mapping(bestpractice.UsersMapping)
	cz := ws.Clarizen["clarizen1"]
	// The message carries a session id, which the registry must not keep.
	const sessionID = "0b9f8f2e-1111-2222-3333-444455556666_4711"
	cz.Faults().Add(czsim.Fault{Kind: czsim.FaultServerError, Method: "PUT", Path: "data/objects/User", Times: 1000,
		ErrorCode: "InvalidOperation", Message: "no Email Only licence left (session " + sessionID + ")"})

	var failed int
	for run := 1; run <= 2; run++ {
		res, err := ws.Installer.MatchUsers(ctx, users)
		if err != nil {
			t.Fatalf("run %d: MatchUsers() error = %v", run, err)
		}
		if res.CreatedInClarizen != 0 || res.Failed == 0 {
			t.Fatalf("run %d: created in Clarizen %d, failed %d; want every Clarizen create to fail", run, res.CreatedInClarizen, res.Failed)
		}
		failed = res.Failed
	}

	rows := clarizenCreates(t, ws.Engine.DB, users.ID)
	if len(rows) != failed {
		t.Fatalf("registry rows of Clarizen creates = %d, want one per failed user (%d)", len(rows), failed)
	}
	for _, row := range rows {
		if row.State != store.Failed {
			t.Errorf("row %d state = %s, want Failed", row.ID, row.State)
		}
		if row.Attempts != 2 {
			t.Errorf("row %d attempts = %d, want 2", row.ID, row.Attempts)
		}
		if row.ErrorCode != "InvalidOperation" {
			t.Errorf("row %d error code = %q, want InvalidOperation", row.ID, row.ErrorCode)
		}
		if row.ErrorClass != "permanent" {
			t.Errorf("row %d error class = %q, want permanent", row.ID, row.ErrorClass)
		}
		if !strings.Contains(row.Hint, "the next run tries again") || !strings.Contains(row.Hint, "Clarizen instance 1") {
			t.Errorf("row %d hint = %q, want the instance and that the next run tries again", row.ID, row.Hint)
		}
		if strings.Contains(row.ErrorMessage, sessionID) || !strings.Contains(row.ErrorMessage, "licence") {
			t.Errorf("row %d message = %q, want the service's message with the session id redacted", row.ID, row.ErrorMessage)
		}
	}

	cz.Faults().Clear()
	res, err := ws.Installer.MatchUsers(ctx, users)
	if err != nil {
		t.Fatal(err)
	}
	if res.CreatedInClarizen != failed || res.Failed != 0 {
		t.Errorf("after the fault: created %d, failed %d; want %d created", res.CreatedInClarizen, res.Failed, failed)
	}
	rows = clarizenCreates(t, ws.Engine.DB, users.ID)
	if len(rows) != failed {
		t.Errorf("registry rows after success = %d, want still %d", len(rows), failed)
	}
	for _, row := range rows {
		if row.State != store.Success || row.CZID == "" || row.ErrorMessage != "" {
			t.Errorf("row %d = %s, cz id %q, message %q; want Success with the new id and no error", row.ID, row.State, row.CZID, row.ErrorMessage)
		}
	}
}

// clarizenCreates returns the registry rows of users created in Clarizen
// for a user mapping.
func clarizenCreates(t *testing.T, db *store.DB, mappingID string) []store.RegistryRow {
	t.Helper()
	all, _, err := db.Registry(context.Background(), store.RegistryFilter{MappingID: mappingID})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.RegistryRow
	for _, row := range all {
		if row.Operation == "create" && row.Target == "clarizen" {
			out = append(out, row)
		}
	}
	return out
}
