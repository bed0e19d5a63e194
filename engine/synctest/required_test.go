package synctest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/workspace"
)

// caseIssue maps Salesforce Case to Clarizen Issue, whose Title the
// simulated Clarizen requires on create. titleEvent is the event type of
// the Subject → Title map.
func caseIssue(titleEvent mapping.EventType) mapping.Mapping {
	return mapping.Mapping{
		ID: "case-issue", Name: "Case to Issue", ClarizenInstance: 1,
		ClarizenEntity: "Issue", SalesforceObject: "Case",
		ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Id",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart, ConflictRule: mapping.NewestWins,
		FieldMaps: []mapping.FieldMap{
			{ID: "title", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Title", SalesforceField: "Subject", EventType: titleEvent},
			{ID: "description", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Description", SalesforceField: "Description",
				EventType: mapping.CreateAndSync},
		},
	}
}

// A required Clarizen field filled only by a sync-only map blocks enabling,
// and a create that fails for it names the field map to change and keeps
// no Clarizen id.
func TestRun_RequiredFieldOnCreate(t *testing.T) {
	tests := []struct {
		name       string
		titleEvent mapping.EventType
		wantFailed bool
	}{
		{"sync only", mapping.SyncOnly, true},
		{"create only", mapping.CreateOnly, false},
		{"create and sync", mapping.CreateAndSync, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			ctx := context.Background()
			m := caseIssue(tt.titleEvent)
			env.Insert(t, "Case", map[string]any{"Subject": "Charger overheating", "Description": "It smells of smoke.", "Priority": "High"})
			env.Insert(t, "Case", map[string]any{"Subject": "Label printer jams", "Priority": "High"})

			ws, err := workspace.New(workspace.Options{Store: env.DB, Clients: syncer.StaticClients{SF: env.SFClient,
				CZ: map[string]syncer.ClarizenAPI{"clarizen1": env.CZClients["clarizen1"]}}})
			if err != nil {
				t.Fatal(err)
			}
			problems, err := ws.ValidateMapping(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			var required []mapping.Problem
			for _, p := range problems {
				if p.Code == mapping.CodeRequiredOnCreate {
					required = append(required, p)
				}
			}
			if got := len(required) > 0; got != tt.wantFailed {
				t.Fatalf("required_on_create problems = %+v, want some: %v", required, tt.wantFailed)
			}
			if tt.wantFailed {
				p := required[0]
				if p.Severity != mapping.SeverityError || !mapping.HasErrors(problems) {
					t.Errorf("severity = %s, want a blocking error", p.Severity)
				}
				if p.Field != "Title" || p.FieldMapID != "title" {
					t.Errorf("problem at %s (field map %q), want Title and field map title", p.Field, p.FieldMapID)
				}
				if !strings.Contains(p.Message, `"Case to Issue"`) || !strings.Contains(p.Fix, "Create and sync, or Create only") {
					t.Errorf("problem = %q %q, want the mapping and the fix", p.Message, p.Fix)
				}
			}

			// Enable is refused exactly when the check reports the error.
			if _, err := ws.SaveMapping(ctx, m); err != nil {
				t.Fatal(err)
			}
			_, err = ws.EnableMapping(ctx, m.ID)
			var blocked *workspace.ProblemsError
			if got := errors.As(err, &blocked); got != tt.wantFailed {
				t.Errorf("enable error = %v, want blocked: %v", err, tt.wantFailed)
			}

			// Run the sync anyway, as an admin who enabled it before the check
			// existed would have.
			env.SaveMapping(t, m)
			env.SaveEvent(t, EntityEvent("cases", 1, "Case", "Priority = 'High'", m.ID, true), env.Clock.Now())
			sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
			var failed []store.RegistryRow
			for _, r := range env.Registry(t) {
				if r.State == store.Failed {
					failed = append(failed, r)
				}
			}
			if !tt.wantFailed {
				if len(failed) != 0 || sum.Totals().Created != 2 {
					t.Fatalf("failed rows %+v, created %d, want 2 created", failed, sum.Totals().Created)
				}
				return
			}
			if len(failed) != 2 {
				t.Fatalf("failed rows = %d, want 2", len(failed))
			}
			for _, r := range failed {
				if r.CZID != "" {
					t.Errorf("failed create row has Clarizen id %q, want none", r.CZID)
				}
				if !strings.Contains(r.Hint, "field map Subject → Title") || !strings.Contains(r.Hint, `mapping "Case to Issue"`) {
					t.Errorf("hint = %q, want the field map Subject → Title of the mapping", r.Hint)
				}
				if r.SFID == "" {
					t.Error("failed create row lost the Salesforce id of its source")
				}
			}
		})
	}
}
