package bestpractice_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
)

func TestInstaller_Install(t *testing.T) {
	ctx := context.Background()
	ws := startOrgs(t)
	pkg, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	sf, err := ws.Engine.Connections.SalesforceClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantObjects := bestpractice.SchemaObjects()

	t.Run("check lists every missing object", func(t *testing.T) {
		gaps, err := bestpractice.CheckSchema(ctx, sf)
		if err != nil {
			t.Fatal(err)
		}
		if len(gaps) != len(wantObjects) {
			t.Fatalf("gaps = %+v, want one per custom object", gaps)
		}
		for i, g := range gaps {
			if g.Object != wantObjects[i].Name || !g.ObjectMissing || len(g.Fields) != len(wantObjects[i].Fields) {
				t.Errorf("gap %d = %+v, want all of %s missing", i, g, wantObjects[i].Name)
			}
		}
	})
	t.Run("declined creates nothing", func(t *testing.T) {
		asked := 0
		_, err := ws.Installer.Install(ctx, pkg, bestpractice.InstallOptions{ConfirmSchema: func([]bestpractice.SchemaGap) bool {
			asked++
			return false
		}})
		if !errors.Is(err, bestpractice.ErrSchemaDeclined) {
			t.Fatalf("install error = %v, want ErrSchemaDeclined", err)
		}
		if asked != 1 {
			t.Errorf("the admin was asked %d times, want once", asked)
		}
		if gaps, err := bestpractice.CheckSchema(ctx, sf); err != nil || len(gaps) != len(wantObjects) || !gaps[0].ObjectMissing {
			t.Errorf("check after declining = %+v, %v; want every object still missing", gaps, err)
		}
		if ms, _ := ws.Engine.Workspace.Mappings(ctx); len(ms) != 0 {
			t.Errorf("%d mappings stored after the admin declined, want none", len(ms))
		}
	})
	t.Run("agreed creates and checks again", func(t *testing.T) {
		var shown []bestpractice.SchemaGap
		var diff bestpractice.UpgradePlan
		res, err := ws.Installer.Install(ctx, pkg, bestpractice.InstallOptions{
			ConfirmSchema: func(gaps []bestpractice.SchemaGap) bool { shown = gaps; return true },
			ConfirmPlan:   func(p bestpractice.UpgradePlan) bool { diff = p; return true },
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(shown) != len(wantObjects) || !slices.Equal(shownNames(shown), shownNames(res.Missing)) {
			t.Errorf("the admin was shown %+v, want the two gaps of the check %+v", shown, res.Missing)
		}
		if len(res.Remaining) != 0 {
			t.Errorf("the second check found %+v, want nothing missing", res.Remaining)
		}
		wantCreated := 0
		for _, o := range wantObjects {
			wantCreated += 1 + len(o.Fields)
			if !slices.Contains(res.Created, o.Name) || !slices.Contains(res.Created, o.Name+"."+o.Fields[0].Name) {
				t.Errorf("created = %v, want %s and its fields", res.Created, o.Name)
			}
		}
		if len(res.Created) != wantCreated {
			t.Errorf("created %d objects and fields, want %d", len(res.Created), wantCreated)
		}
		again, err := bestpractice.CheckSchema(ctx, sf)
		if err != nil || len(again) != 0 {
			t.Errorf("check after install = %+v, %v; want nothing missing", again, err)
		}
		if diff.FromVersion != 0 || diff.ToVersion != bestpractice.Version || len(diff.Mappings) != len(pkg.Mappings) {
			t.Errorf("diff shown = from %d to %d with %d mappings, want a first install of all %d", diff.FromVersion,
				diff.ToVersion, len(diff.Mappings), len(pkg.Mappings))
		}
		if len(res.Applied.Disabled) != 0 {
			t.Errorf("disabled after install: %+v, want every mapping valid", res.Applied.Disabled)
		}
	})
	t.Run("mappings enabled and event disabled", func(t *testing.T) {
		for _, want := range pkg.Mappings {
			info, err := ws.Engine.Workspace.Mapping(ctx, want.ID)
			if err != nil {
				t.Errorf("mapping %s: %v", want.ID, err)
				continue
			}
			if !info.Mapping.Enabled || info.PackageItem != want.ID {
				t.Errorf("mapping %s enabled %v package item %q, want enabled and marked", want.ID, info.Mapping.Enabled, info.PackageItem)
			}
		}
		ev, err := ws.Engine.Workspace.Event(ctx, bestpractice.OpportunityEvent)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Event.Enabled {
			t.Error("the event is enabled after install, want it disabled")
		}
		if v, err := ws.Installer.InstalledVersion(ctx, 1); err != nil || v != bestpractice.Version {
			t.Errorf("installed version = %d, %v; want %d", v, err, bestpractice.Version)
		}
	})
	t.Run("installing again changes nothing", func(t *testing.T) {
		plan, err := ws.Installer.PlanUpgrade(ctx, pkg)
		if err != nil {
			t.Fatal(err)
		}
		if !plan.Empty() || len(plan.Changes) != 0 {
			t.Errorf("plan = %+v, want no changes", plan.Changes)
		}
	})
}

func shownNames(gaps []bestpractice.SchemaGap) []string {
	var out []string
	for _, g := range gaps {
		out = append(out, g.Object)
	}
	return out
}

// The describe cache of a client revalidates by the second, so a check
// right after another actor changed the schema may miss the change. This
// test therefore makes its partial object before any check.
func TestCheckSchema_PartialObject(t *testing.T) {
	ctx := context.Background()
	ws := startOrgs(t)
	sf, err := ws.Engine.Connections.SalesforceClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantObjects := bestpractice.SchemaObjects()
	// Clarizen_Project__c exists with its lookup only, as an admin who
	// started by hand would have it.
	project := wantObjects[0]
	if _, err := ws.Salesforce.CreateCustomObject(project.Name, map[string]any{"label": project.Label,
		"pluralLabel": project.PluralLabel, "nameField": map[string]any{"type": "Text", "label": "Name"},
		"deploymentStatus": "Deployed", "sharingModel": "ReadWrite"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Salesforce.CreateCustomField(project.Name+".Opportunity__c", map[string]any{"type": "Lookup",
		"label": "Opportunity", "referenceTo": "Opportunity", "relationshipName": "Clarizen_Projects"}); err != nil {
		t.Fatal(err)
	}
	gaps, err := bestpractice.CheckSchema(ctx, sf)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 2 || gaps[0].ObjectMissing || slices.Contains(gaps[0].Fields, "Opportunity__c") ||
		len(gaps[0].Fields) != len(project.Fields)-1 {
		t.Errorf("gaps = %+v, want the project's fields but Opportunity__c, then the whole milestone object", gaps)
	}
	created, err := bestpractice.CreateSchema(ctx, sf, gaps)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(created, "Clarizen_Project__c") || slices.Contains(created, "Clarizen_Project__c.Opportunity__c") {
		t.Errorf("created = %v, want only what was missing", created)
	}
	if again, err := bestpractice.CheckSchema(ctx, sf); err != nil || len(again) != 0 {
		t.Errorf("check after creating = %+v, %v; want nothing missing", again, err)
	}
}
