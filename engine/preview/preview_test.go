package preview

import (
	"context"
	"errors"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

const (
	testUser     = "pm@example.org"
	testPassword = "preview-test-password-123"
)

// newSimClient starts a Clarizen simulator and returns a client logged in
// to it over loopback HTTP.
func newSimClient(t *testing.T) (*czsim.Server, *clarizen.Client) {
	t.Helper()
	sim, err := czsim.New(czsim.Options{OrgID: 4242, Users: []czsim.User{{UserName: testUser, Password: testPassword,
		Email: testUser, FirstName: "Pat", LastName: "Manager", License: "Full"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	client, err := clarizen.New(clarizen.Options{DiscoveryURL: sim.DiscoveryURL(),
		Credentials: clarizen.StaticCredentials{UserName: testUser, Password: testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	return sim, client
}

func mustCreate(t *testing.T, sim *czsim.Server, typeName string, fields map[string]any) string {
	t.Helper()
	id, err := sim.Create(typeName, fields)
	if err != nil {
		t.Fatalf("create %s: %v", typeName, err)
	}
	return id
}

func TestLoad_ProjectPlan(t *testing.T) {
	sim, client := newSimClient(t)
	project := mustCreate(t, sim, "Project", map[string]any{"Name": "Onboarding Acme",
		"StartDate": "2026-03-02", "DueDate": "2026-05-29"})
	design := mustCreate(t, sim, "Milestone", map[string]any{"Name": "Design signed off", "Parent": project,
		"StartDate": "2026-03-02", "DueDate": "2026-03-27", "PercentCompleted": 100.0})
	golive := mustCreate(t, sim, "Milestone", map[string]any{"Name": "Go live", "Parent": project,
		"StartDate": "2026-04-01", "DueDate": "2026-05-29", "PercentCompleted": 25.0})
	workshop := mustCreate(t, sim, "Task", map[string]any{"Name": "Discovery workshop", "Parent": design,
		"StartDate": "2026-03-02", "DueDate": "2026-03-06", "PercentCompleted": 100.0})
	build := mustCreate(t, sim, "Task", map[string]any{"Name": "Configure workspace", "Parent": golive,
		"StartDate": "2026-04-01", "DueDate": "2026-04-24", "PercentCompleted": 40.0})
	mustCreate(t, sim, "Task", map[string]any{"Name": "Undated follow-up", "Parent": golive})
	mustCreate(t, sim, "DependencyLink", map[string]any{"WorkItem": build, "DependsOn": workshop, "DependencyType": "FS"})
	mustCreate(t, sim, "DependencyLink", map[string]any{"WorkItem": golive, "DependsOn": design, "DependencyType": "SS"})
	other := mustCreate(t, sim, "Project", map[string]any{"Name": "Someone else's project"})
	mustCreate(t, sim, "Task", map[string]any{"Name": "Not in this plan", "Parent": other})

	plan, err := Load(context.Background(), client, clarizen.EntityID(project))
	if err != nil {
		t.Fatal(err)
	}

	if plan.ProjectName != "Onboarding Acme" {
		t.Errorf("project name = %q", plan.ProjectName)
	}
	wantOrder := []string{"Onboarding Acme", "Design signed off", "Discovery workshop", "Go live", "Configure workspace", "Undated follow-up"}
	if len(plan.Tasks) != len(wantOrder) {
		t.Fatalf("%d Gantt rows, want %d: %+v", len(plan.Tasks), len(wantOrder), plan.Tasks)
	}
	byName := map[string]Task{}
	for i, task := range plan.Tasks {
		if task.Name != wantOrder[i] {
			t.Errorf("row %d = %q, want %q", i, task.Name, wantOrder[i])
		}
		byName[task.Name] = task
	}

	t.Run("kinds and parents", func(t *testing.T) {
		if got := byName["Go live"]; got.Kind != KindMilestone || got.Parent != project {
			t.Errorf("Go live = %+v, want a milestone under the project", got)
		}
		if got := byName["Configure workspace"]; got.Kind != KindTask || got.Parent != golive {
			t.Errorf("Configure workspace = %+v, want a task under Go live", got)
		}
	})
	t.Run("dates and progress", func(t *testing.T) {
		got := byName["Configure workspace"]
		if got.Start != "2026-04-01" || got.End != "2026-04-24" || got.Progress != 40 {
			t.Errorf("Configure workspace = %+v", got)
		}
		if m := byName["Design signed off"]; m.Start != "2026-03-27" || m.End != "2026-03-27" {
			t.Errorf("milestone dates = %s..%s, want its due date as a point", m.Start, m.End)
		}
		if u := byName["Undated follow-up"]; u.Start != "" || u.End != "" {
			t.Errorf("undated task has dates %q..%q", u.Start, u.End)
		}
	})
	t.Run("dependencies", func(t *testing.T) {
		deps := byName["Configure workspace"].Dependencies
		if len(deps) != 1 || deps[0].From != workshop || deps[0].Type != "FS" {
			t.Errorf("Configure workspace dependencies = %+v, want FS on the workshop", deps)
		}
		deps = byName["Go live"].Dependencies
		if len(deps) != 1 || deps[0].From != design || deps[0].Type != "SS" {
			t.Errorf("Go live dependencies = %+v, want SS on Design", deps)
		}
	})
	t.Run("roadmap", func(t *testing.T) {
		if len(plan.Milestones) != 2 || plan.Milestones[0].Name != "Design signed off" || plan.Milestones[1].Due != "2026-05-29" {
			t.Errorf("milestones = %+v", plan.Milestones)
		}
	})
}

func TestLoad_RejectsNonProject(t *testing.T) {
	sim, client := newSimClient(t)
	task := mustCreate(t, sim, "Task", map[string]any{"Name": "Lonely task"})
	_, err := Load(context.Background(), client, clarizen.EntityID(task))
	if !errors.Is(err, ErrNotProject) {
		t.Errorf("Load of a task: err = %v, want ErrNotProject", err)
	}
}

func TestURLs(t *testing.T) {
	if got := SalesforceURL("http://127.0.0.1:9/", "Clarizen_Project__c", "a01000000000001AAA"); got != "http://127.0.0.1:9/lightning/r/Clarizen_Project__c/a01000000000001AAA/view" {
		t.Errorf("SalesforceURL = %q", got)
	}
	if got := ClarizenURL("", "/Project/x"); got != "" {
		t.Errorf("ClarizenURL without an app location = %q, want empty", got)
	}
}
