package bestpractice_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
)

// fieldMap returns the field map of m with id.
func fieldMap(m mapping.Mapping, id string) (mapping.FieldMap, bool) {
	for _, fm := range m.FieldMaps {
		if fm.ID == id {
			return fm, true
		}
	}
	return mapping.FieldMap{}, false
}

func setFieldMap(t *testing.T, m *mapping.Mapping, id string, change func(*mapping.FieldMap)) {
	t.Helper()
	for i := range m.FieldMaps {
		if m.FieldMaps[i].ID == id {
			change(&m.FieldMaps[i])
			return
		}
	}
	t.Fatalf("mapping %s has no field map %s", m.ID, id)
}

// versionOneUsersName is the user mapping's name in version 1.
const versionOneUsersName = "Clarizen User - SFDC User"

// versionOne is the package as version 1 shipped it: the current package
// with the user mapping's old name.
func versionOne(t *testing.T) bestpractice.Package {
	t.Helper()
	pkg, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Version != 2 {
		t.Fatalf("current package version = %d; versionOne only knows how version 2 differs from 1", pkg.Version)
	}
	pkg.Version = 1
	for i := range pkg.Mappings {
		if pkg.Mappings[i].ID == bestpractice.UsersMapping {
			pkg.Mappings[i].Name = versionOneUsersName
		}
	}
	return pkg
}

// versionTwo is version 1 with the changes a later release might make.
func versionTwo(t *testing.T, v1 bestpractice.Package) bestpractice.Package {
	t.Helper()
	v2, err := v1.ForInstance(2)
	if err != nil {
		t.Fatal(err)
	}
	// ForInstance(2) then (1) gives a deep copy of version 1.
	if v2, err = v2.ForInstance(1); err != nil {
		t.Fatal(err)
	}
	v2.Version = 2
	for i := range v2.Mappings {
		m := &v2.Mappings[i]
		switch m.ID {
		case bestpractice.ProjectsMapping:
			setFieldMap(t, m, "progress", func(fm *mapping.FieldMap) { fm.EventType = mapping.CreateAndSync })
			setFieldMap(t, m, "description", func(fm *mapping.FieldMap) { fm.EventType = mapping.CreateOnly })
		case bestpractice.AccountsMapping:
			m.Name = "Account to Customer, version 2"
			var kept []mapping.FieldMap
			for _, fm := range m.FieldMaps {
				if fm.ID != "description" {
					kept = append(kept, fm)
				}
			}
			m.FieldMaps = kept
		case bestpractice.MilestonesMapping:
			m.FieldMaps = append(m.FieldMaps, mapping.FieldMap{ID: "progress-on-create", Enabled: true, Direction: mapping.FromClarizen,
				ClarizenField: "PercentCompleted", SalesforceField: "Progress__c", EventType: mapping.CreateOnly})
		}
	}
	partners, _ := v1.Mapping(bestpractice.AccountsMapping)
	partners.ID, partners.Name = "bp-partners", "Partner Account to Customer"
	v2.Mappings = append(v2.Mappings, partners)
	v2.Events[0].Condition = "Probability >= 75"
	return v2
}

// change finds a line of the diff.
func change(plan bestpractice.UpgradePlan, id, path string) (bestpractice.Change, bool) {
	for _, c := range plan.Changes {
		if c.ID == id && c.Path == path {
			return c, true
		}
	}
	return bestpractice.Change{}, false
}

func TestInstaller_Upgrade(t *testing.T) {
	ctx := context.Background()
	ws := startOrgs(t)
	v1 := versionOne(t)
	agree := bestpractice.InstallOptions{ConfirmSchema: func([]bestpractice.SchemaGap) bool { return true }}
	if _, err := ws.Installer.Install(ctx, v1, agree); err != nil {
		t.Fatal(err)
	}
	w := ws.Engine.Workspace

	// The admin's own changes since version 1.
	accounts, err := w.Mapping(ctx, bestpractice.AccountsMapping)
	if err != nil {
		t.Fatal(err)
	}
	accounts.Mapping.Name = "Accounts and customers"
	if _, err := w.SaveMapping(ctx, accounts.Mapping); err != nil {
		t.Fatal(err)
	}
	projects, err := w.Mapping(ctx, bestpractice.ProjectsMapping)
	if err != nil {
		t.Fatal(err)
	}
	setFieldMap(t, &projects.Mapping, "description", func(fm *mapping.FieldMap) { fm.Enabled = false })
	if _, err := w.SaveMapping(ctx, projects.Mapping); err != nil {
		t.Fatal(err)
	}
	if err := w.DisableMapping(ctx, bestpractice.ProductsMapping); err != nil {
		t.Fatal(err)
	}

	v2 := versionTwo(t, v1)
	plan, err := ws.Installer.PlanUpgrade(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("the diff comes first", func(t *testing.T) {
		if plan.FromVersion != 1 || plan.ToVersion != 2 {
			t.Errorf("plan goes from %d to %d, want 1 to 2", plan.FromVersion, plan.ToVersion)
		}
		if info, _ := w.Mapping(ctx, bestpractice.ProjectsMapping); func() bool {
			fm, _ := fieldMap(info.Mapping, "progress")
			return fm.EventType != mapping.SyncOnly
		}() {
			t.Error("planning changed the stored mapping")
		}
		cases := []struct {
			name, id, path string
			action         bestpractice.Action
		}{
			{"a value only the package changed", bestpractice.ProjectsMapping, "fieldMaps[progress].eventType", bestpractice.ActionUpdate},
			{"another key of an element the admin changed", bestpractice.ProjectsMapping, "fieldMaps[description].eventType", bestpractice.ActionUpdate},
			{"a value both changed", bestpractice.AccountsMapping, "name", bestpractice.ActionKeep},
			{"an element the package dropped", bestpractice.AccountsMapping, "fieldMaps[description]", bestpractice.ActionRemove},
			{"an element the package added", bestpractice.MilestonesMapping, "fieldMaps[progress-on-create]", bestpractice.ActionAdd},
			{"the event's condition", bestpractice.OpportunityEvent, "condition", bestpractice.ActionUpdate},
			{"a new mapping", "bp-partners", "", bestpractice.ActionAdd},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, ok := change(plan, c.id, c.path)
				if !ok {
					t.Fatalf("no change at %s %s in %v", c.id, c.path, plan.Changes)
				}
				if got.Action != c.action {
					t.Errorf("action = %s, want %s (%s)", got.Action, c.action, got)
				}
			})
		}
		if _, ok := change(plan, bestpractice.ProjectsMapping, "fieldMaps[description].enabled"); ok {
			t.Error("the diff changes the admin's disabled field map")
		}
		var text bytes.Buffer
		if err := plan.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"version 1 -> version 2", `kept your "Accounts and customers"`, "Probability >= 75", "Partner Account to Customer"} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("diff text lacks %q:\n%s", want, text.String())
			}
		}
	})
	t.Run("a change after planning makes the plan stale", func(t *testing.T) {
		milestones, err := w.Mapping(ctx, bestpractice.MilestonesMapping)
		if err != nil {
			t.Fatal(err)
		}
		milestones.Mapping.Description = "Edited while the diff was shown."
		if _, err := w.SaveMapping(ctx, milestones.Mapping); err != nil {
			t.Fatal(err)
		}
		if _, err := ws.Installer.ApplyUpgrade(ctx, plan); !errors.Is(err, bestpractice.ErrPlanStale) {
			t.Fatalf("apply error = %v, want ErrPlanStale", err)
		}
		if v, _ := ws.Installer.InstalledVersion(ctx, 1); v != 1 {
			t.Errorf("installed version = %d after a stale apply, want 1", v)
		}
		if plan, err = ws.Installer.PlanUpgrade(ctx, v2); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("apply keeps the admin's changes", func(t *testing.T) {
		res, err := ws.Installer.ApplyUpgrade(ctx, plan)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Disabled) != 0 {
			t.Errorf("disabled by the upgrade: %+v", res.Disabled)
		}
		accounts, _ := w.Mapping(ctx, bestpractice.AccountsMapping)
		if accounts.Mapping.Name != "Accounts and customers" {
			t.Errorf("accounts mapping name = %q, want the admin's", accounts.Mapping.Name)
		}
		if _, ok := fieldMap(accounts.Mapping, "description"); ok {
			t.Error("the description map the package dropped is still there")
		}
		projects, _ := w.Mapping(ctx, bestpractice.ProjectsMapping)
		if fm, _ := fieldMap(projects.Mapping, "progress"); fm.EventType != mapping.CreateAndSync {
			t.Errorf("progress event type = %s, want the new version's", fm.EventType)
		}
		if fm, _ := fieldMap(projects.Mapping, "description"); fm.Enabled || fm.EventType != mapping.CreateOnly {
			t.Errorf("description map = %+v, want the admin's disabled state and the new event type", fm)
		}
		milestones, _ := w.Mapping(ctx, bestpractice.MilestonesMapping)
		if _, ok := fieldMap(milestones.Mapping, "progress-on-create"); !ok {
			t.Error("the new field map was not added")
		}
		if milestones.Mapping.Description != "Edited while the diff was shown." {
			t.Errorf("milestones description = %q, want the admin's edit", milestones.Mapping.Description)
		}
		if products, _ := w.Mapping(ctx, bestpractice.ProductsMapping); products.Mapping.Enabled {
			t.Error("the upgrade enabled the mapping the admin disabled")
		}
		if partners, err := w.Mapping(ctx, "bp-partners"); err != nil || !partners.Mapping.Enabled {
			t.Errorf("new mapping = %+v, %v; want it installed enabled", partners.Mapping, err)
		}
		ev, _ := w.Event(ctx, bestpractice.OpportunityEvent)
		if ev.Event.Condition != "Probability >= 75" || ev.Event.Enabled {
			t.Errorf("event condition %q enabled %v, want the new condition and still disabled", ev.Event.Condition, ev.Event.Enabled)
		}
		if v, _ := ws.Installer.InstalledVersion(ctx, 1); v != 2 {
			t.Errorf("installed version = %d, want 2", v)
		}
	})
	t.Run("the same version again changes nothing", func(t *testing.T) {
		again, err := ws.Installer.PlanUpgrade(ctx, v2)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Empty() || len(again.Changes) != 0 {
			t.Errorf("changes = %v, want none", again.Changes)
		}
	})
	t.Run("a dropped mapping is retired, not deleted", func(t *testing.T) {
		v3 := v2
		v3.Version = 3
		v3.Mappings = v2.Mappings[:len(v2.Mappings)-1]
		plan, err := ws.Installer.PlanUpgrade(ctx, v3)
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := change(plan, "bp-partners", ""); !ok || c.Action != bestpractice.ActionRetire {
			t.Fatalf("changes = %v, want bp-partners retired", plan.Changes)
		}
		if _, err := ws.Installer.ApplyUpgrade(ctx, plan); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Mapping(ctx, "bp-partners"); err != nil {
			t.Errorf("retired mapping: %v, want it kept", err)
		}
	})
}

// TestInstaller_UpgradeAllOrNothing applies an upgrade whose new mapping's
// name an admin took after planning. The write fails, and none of the
// upgrade may be stored.
func TestInstaller_UpgradeAllOrNothing(t *testing.T) {
	ctx := context.Background()
	ws := startOrgs(t)
	v1 := versionOne(t)
	agree := bestpractice.InstallOptions{ConfirmSchema: func([]bestpractice.SchemaGap) bool { return true }}
	if _, err := ws.Installer.Install(ctx, v1, agree); err != nil {
		t.Fatal(err)
	}
	w := ws.Engine.Workspace
	v2 := versionTwo(t, v1)
	plan, err := ws.Installer.PlanUpgrade(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}

	// The admin's own mapping takes the name of the package's new one.
	accounts, err := w.Mapping(ctx, bestpractice.AccountsMapping)
	if err != nil {
		t.Fatal(err)
	}
	own := accounts.Mapping
	own.ID, own.Name, own.Enabled = "admin-partners", "Partner Account to Customer", false
	if _, err := w.SaveMapping(ctx, own); err != nil {
		t.Fatal(err)
	}

	_, err = ws.Installer.ApplyUpgrade(ctx, plan)
	if !errors.Is(err, store.ErrNameTaken) {
		t.Fatalf("ApplyUpgrade() error = %v, want ErrNameTaken", err)
	}
	if v, _ := ws.Installer.InstalledVersion(ctx, 1); v != 1 {
		t.Errorf("installed version = %d after the failed upgrade, want 1", v)
	}
	projects, _ := w.Mapping(ctx, bestpractice.ProjectsMapping)
	if fm, _ := fieldMap(projects.Mapping, "progress"); fm.EventType != mapping.SyncOnly {
		t.Errorf("projects progress event type = %s after the failed upgrade, want version 1's %s", fm.EventType, mapping.SyncOnly)
	}
	ev, _ := w.Event(ctx, bestpractice.OpportunityEvent)
	if ev.Event.Condition == "Probability >= 75" {
		t.Error("the event got version 2's condition from the failed upgrade")
	}
	if _, err := w.Mapping(ctx, "bp-partners"); err == nil {
		t.Error("the new mapping was stored by the failed upgrade")
	}
}
