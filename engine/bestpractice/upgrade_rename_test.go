package bestpractice_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/mapping"
)

// TestInstaller_UpgradeRenamesUserMapping upgrades version 1, as admins
// have it installed, to the version this Liaison ships, which renamed the
// user mapping.
func TestInstaller_UpgradeRenamesUserMapping(t *testing.T) {
	const newName = "Clarizen User ⇄ Salesforce User"
	ctx := context.Background()
	ws := startOrgs(t)
	w := ws.Engine.Workspace
	agree := bestpractice.InstallOptions{ConfirmSchema: func([]bestpractice.SchemaGap) bool { return true }}
	v1 := versionOne(t)
	for _, n := range []int{1, 2} {
		pkg, err := v1.ForInstance(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ws.Installer.Install(ctx, pkg, agree); err != nil {
			t.Fatalf("install version 1 for instance %d: %v", n, err)
		}
	}
	users2ID := bestpractice.MappingID(bestpractice.UsersMapping, 2)

	// In instance 1 the admin changed a field map of the user mapping but
	// not its name; in instance 2 the admin renamed the mapping.
	users1, err := w.Mapping(ctx, bestpractice.UsersMapping)
	if err != nil {
		t.Fatal(err)
	}
	setFieldMap(t, &users1.Mapping, "first-name-to-clarizen", func(fm *mapping.FieldMap) { fm.EventType = mapping.CreateOnly })
	if _, err := w.SaveMapping(ctx, users1.Mapping); err != nil {
		t.Fatal(err)
	}
	users2, err := w.Mapping(ctx, users2ID)
	if err != nil {
		t.Fatal(err)
	}
	users2.Mapping.Name = "People"
	if _, err := w.SaveMapping(ctx, users2.Mapping); err != nil {
		t.Fatal(err)
	}

	current, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		instance   int
		id         string
		wantAction bestpractice.Action
		wantNew    string
		// wantStored is the mapping's name after the upgrade.
		wantStored string
	}{
		{"name left alone takes the new name", 1, bestpractice.UsersMapping, bestpractice.ActionUpdate, newName, newName},
		{"admin's name is kept", 2, users2ID, bestpractice.ActionKeep, newName + " (Clarizen 2)", "People"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, err := current.ForInstance(tt.instance)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := ws.Installer.PlanUpgrade(ctx, next)
			if err != nil {
				t.Fatalf("PlanUpgrade: %v", err)
			}
			if plan.FromVersion != 1 || plan.ToVersion != bestpractice.Version {
				t.Errorf("plan goes from %d to %d, want 1 to %d", plan.FromVersion, plan.ToVersion, bestpractice.Version)
			}
			c, ok := change(plan, tt.id, "name")
			if !ok {
				t.Fatalf("no change of the name of %s in %v", tt.id, plan.Changes)
			}
			if c.Action != tt.wantAction {
				t.Errorf("name change action = %s, want %s (%s)", c.Action, tt.wantAction, c)
			}
			if c.New != tt.wantNew {
				t.Errorf("name change new value = %v, want %q", c.New, tt.wantNew)
			}
			var text bytes.Buffer
			if err := plan.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text.String(), tt.wantNew) {
				t.Errorf("diff text lacks the new name %q:\n%s", tt.wantNew, text.String())
			}

			if _, err := ws.Installer.ApplyUpgrade(ctx, plan); err != nil {
				t.Fatalf("ApplyUpgrade: %v", err)
			}
			got, err := w.Mapping(ctx, tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Mapping.Name != tt.wantStored {
				t.Errorf("stored name = %q, want %q", got.Mapping.Name, tt.wantStored)
			}
			if v, _ := ws.Installer.InstalledVersion(ctx, tt.instance); v != bestpractice.Version {
				t.Errorf("installed version = %d, want %d", v, bestpractice.Version)
			}
		})
	}

	t.Run("admin's field map change is kept", func(t *testing.T) {
		got, err := w.Mapping(ctx, bestpractice.UsersMapping)
		if err != nil {
			t.Fatal(err)
		}
		fm, ok := fieldMap(got.Mapping, "first-name-to-clarizen")
		if !ok || fm.EventType != mapping.CreateOnly {
			t.Errorf("first-name-to-clarizen = %+v, want the admin's create_only", fm)
		}
	})
}

func TestInstaller_UpgradeRenameToTakenName(t *testing.T) {
	const newName = "Clarizen User ⇄ Salesforce User"
	ctx := context.Background()
	ws := startOrgs(t)
	w := ws.Engine.Workspace
	agree := bestpractice.InstallOptions{ConfirmSchema: func([]bestpractice.SchemaGap) bool { return true }}
	if _, err := ws.Installer.Install(ctx, versionOne(t), agree); err != nil {
		t.Fatalf("install version 1: %v", err)
	}
	// The admin's own mapping already has the new name.
	users, err := w.Mapping(ctx, bestpractice.UsersMapping)
	if err != nil {
		t.Fatal(err)
	}
	own := users.Mapping
	own.ID, own.Name, own.Enabled = "admin-users", newName, false
	if _, err := w.SaveMapping(ctx, own); err != nil {
		t.Fatal(err)
	}

	current, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := ws.Installer.PlanUpgrade(ctx, current)
	if err != nil {
		t.Fatalf("PlanUpgrade: %v", err)
	}
	const want = newName + " (best practices 1)"
	c, ok := change(plan, bestpractice.UsersMapping, "name")
	if !ok {
		t.Fatalf("no change of the user mapping's name in %v", plan.Changes)
	}
	if c.New != want || !strings.Contains(c.Note, newName) {
		t.Errorf("name change = %s, want the new value %q with a note naming the taken name", c, want)
	}
	if _, err := ws.Installer.ApplyUpgrade(ctx, plan); err != nil {
		t.Fatalf("ApplyUpgrade: %v", err)
	}
	got, err := w.Mapping(ctx, bestpractice.UsersMapping)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mapping.Name != want {
		t.Errorf("stored name = %q, want %q", got.Mapping.Name, want)
	}
	mine, err := w.Mapping(ctx, "admin-users")
	if err != nil || mine.Mapping.Name != newName {
		t.Errorf("admin's mapping = %q, %v; want it untouched", mine.Mapping.Name, err)
	}
}
