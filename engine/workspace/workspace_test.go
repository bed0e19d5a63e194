package workspace_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/synctest"
	"github.com/liaison-sync/liaison/engine/workspace"
)

func newWorkspace(t *testing.T) (*workspace.Workspace, *synctest.Env) {
	t.Helper()
	env := synctest.NewEnv(t, synctest.EnvOptions{})
	cz := map[string]syncer.ClarizenAPI{}
	for id, c := range env.CZClients {
		cz[id] = c
	}
	w, err := workspace.New(workspace.Options{Store: env.DB, Clients: syncer.StaticClients{SF: env.SFClient, CZ: cz}})
	if err != nil {
		t.Fatal(err)
	}
	return w, env
}

func TestWorkspace_SaveMapping(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	m := synctest.AccountCustomer("", 1)
	m.Name = "Accounts"

	saved, err := w.SaveMapping(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("new mapping gets an id", func(t *testing.T) {
		if saved.ID == "" {
			t.Error("saved mapping has no id")
		}
	})
	t.Run("read back", func(t *testing.T) {
		got, err := w.Mapping(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Mapping.Name != "Accounts" || len(got.Mapping.FieldMaps) != 2 || got.Mapping.Enabled {
			t.Errorf("mapping = %+v", got.Mapping)
		}
		if got.State != store.MappingOK {
			t.Errorf("state = %q, want ok", got.State)
		}
	})
	t.Run("save keeps the enabled state", func(t *testing.T) {
		if _, err := w.EnableMapping(ctx, saved.ID); err != nil {
			t.Fatal(err)
		}
		saved.Description = "changed"
		saved.Enabled = false
		if _, err := w.SaveMapping(ctx, saved); err != nil {
			t.Fatal(err)
		}
		got, _ := w.Mapping(ctx, saved.ID)
		if !got.Mapping.Enabled || got.Mapping.Description != "changed" {
			t.Errorf("mapping after save = %+v, want enabled with the new description", got.Mapping)
		}
	})
	t.Run("enabled mapping with errors is not saved", func(t *testing.T) {
		bad := saved
		bad.FieldMaps = append(bad.FieldMaps, mapping.FieldMap{ID: "x", Enabled: true, Direction: mapping.ToClarizen,
			ClarizenField: "NoSuchField", SalesforceField: "Name", EventType: mapping.CreateAndSync})
		_, err := w.SaveMapping(ctx, bad)
		var pe *workspace.ProblemsError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %v, want *ProblemsError", err)
		}
		got, _ := w.Mapping(ctx, saved.ID)
		if len(got.Mapping.FieldMaps) != 2 {
			t.Errorf("field maps = %d after a rejected save, want 2", len(got.Mapping.FieldMaps))
		}
	})
}

func TestWorkspace_EnableMapping(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	good, err := w.SaveMapping(ctx, synctest.AccountCustomer("good", 1))
	if err != nil {
		t.Fatal(err)
	}
	bad := synctest.AccountCustomer("bad", 1)
	bad.FieldMaps[0].ClarizenField = "Nmae"
	bad.SalesforceObject = "Account"
	if _, err := w.SaveMapping(ctx, bad); err != nil {
		t.Fatal(err)
	}

	t.Run("valid mapping", func(t *testing.T) {
		if _, err := w.EnableMapping(ctx, good.ID); err != nil {
			t.Fatalf("enable: %v", err)
		}
		got, _ := w.Mapping(ctx, good.ID)
		if !got.Mapping.Enabled {
			t.Error("mapping is not enabled")
		}
	})
	t.Run("unknown field blocks enable", func(t *testing.T) {
		problems, err := w.EnableMapping(ctx, bad.ID)
		var pe *workspace.ProblemsError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %v, want *ProblemsError", err)
		}
		found := false
		for _, p := range problems {
			if p.Severity == mapping.SeverityError && p.Field == "Nmae" && p.OwnerID == bad.ID && p.Fix != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("problems = %+v, want one naming field Nmae of mapping bad with a fix", problems)
		}
		got, _ := w.Mapping(ctx, bad.ID)
		if got.Mapping.Enabled {
			t.Error("a mapping with errors was enabled")
		}
	})
	t.Run("disable", func(t *testing.T) {
		if err := w.DisableMapping(ctx, good.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := w.Mapping(ctx, good.ID)
		if got.Mapping.Enabled {
			t.Error("mapping is still enabled")
		}
	})
}

func TestWorkspace_SaveEventTriggeredByFixed(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	if _, err := w.SaveMapping(ctx, synctest.AccountCustomer("acct", 1)); err != nil {
		t.Fatal(err)
	}
	e, err := w.SaveEvent(ctx, synctest.EntityEvent("accounts", 1, "Account", "", "acct", false))
	if err != nil {
		t.Fatal(err)
	}
	e.TriggeredBy = schema.Clarizen
	_, err = w.SaveEvent(ctx, e)
	if !errors.Is(err, mapping.ErrTriggeredByChanged) {
		t.Errorf("err = %v, want ErrTriggeredByChanged", err)
	}
	got, _ := w.Event(ctx, e.ID)
	if got.Event.TriggeredBy != schema.Salesforce {
		t.Errorf("triggered by = %s after a rejected save", got.Event.TriggeredBy)
	}
}

func TestWorkspace_EnableEvent(t *testing.T) {
	for _, fireExisting := range []bool{false, true} {
		name := "only later matches fire"
		if fireExisting {
			name = "existing matches fire"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			w, env := newWorkspace(t)
			m, err := w.SaveMapping(ctx, synctest.AccountCustomer("acct", 1))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.EnableMapping(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
			e, err := w.SaveEvent(ctx, synctest.EntityEvent("tech", 1, "Account", "Industry = 'Technology'", m.ID, false))
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"Old One", "Old Two"} {
				env.Insert(t, "Account", map[string]any{"Name": name, "Industry": "Technology"})
			}
			env.Insert(t, "Account", map[string]any{"Name": "Bank", "Industry": "Banking"})

			n, err := w.CountMatching(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n != 2 {
				t.Fatalf("matching = %d, want 2", n)
			}
			res, err := w.EnableEvent(ctx, e.ID, fireExisting)
			if err != nil {
				t.Fatal(err)
			}
			if res.Matching != 2 {
				t.Errorf("enable result matching = %d, want 2", res.Matching)
			}
			env.Insert(t, "Account", map[string]any{"Name": "New One", "Industry": "Technology"})

			runner := env.Runner(t, syncer.Options{})
			synctest.Run(t, runner, syncer.RunOptions{})
			var names []string
			for _, c := range env.CZ["clarizen1"].All("Customer") {
				names = append(names, c["Name"].(string))
			}
			want := "New One"
			if fireExisting {
				want = "New One,Old One,Old Two"
			}
			if got := sortedJoin(names); got != want {
				t.Errorf("customers = %s, want %s", got, want)
			}
		})
	}
}

func sortedJoin(names []string) string {
	slices.Sort(names)
	return strings.Join(names, ",")
}

func TestWorkspace_ExportImport(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	flow := synctest.NewProjectFlow(1)
	for _, m := range []mapping.Mapping{flow.Account, flow.Milestone, flow.Project, flow.Product} {
		if _, err := w.SaveMapping(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.SaveEvent(ctx, flow.Event); err != nil {
		t.Fatal(err)
	}
	data, err := w.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("round trip", func(t *testing.T) {
		other, _ := newWorkspace(t)
		res, err := other.Import(ctx, data, workspace.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Mappings != 4 || res.Events != 1 {
			t.Errorf("imported %+v, want 4 mappings and 1 event", res)
		}
		again, err := other.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(data) {
			t.Errorf("export after import differs:\n%s\nwant\n%s", again, data)
		}
	})
	t.Run("conflict without replace", func(t *testing.T) {
		_, err := w.Import(ctx, data, workspace.ImportOptions{})
		if !errors.Is(err, workspace.ErrImportConflict) {
			t.Errorf("err = %v, want ErrImportConflict", err)
		}
	})
	t.Run("replace", func(t *testing.T) {
		if _, err := w.EnableMapping(ctx, flow.Account.ID); err != nil {
			t.Fatal(err)
		}
		res, err := w.Import(ctx, data, workspace.ImportOptions{Replace: true})
		if err != nil || res.Mappings != 4 {
			t.Fatalf("import = %+v, %v", res, err)
		}
		got, _ := w.Mapping(ctx, flow.Account.ID)
		if got.Mapping.Enabled {
			t.Error("an imported mapping is enabled before validation")
		}
	})
	t.Run("newer version", func(t *testing.T) {
		newer := strings.Replace(string(data), `"version": 1`, `"version": 99`, 1)
		_, err := w.Import(ctx, []byte(newer), workspace.ImportOptions{Replace: true})
		if !errors.Is(err, mapping.ErrUnsupportedVersion) {
			t.Errorf("err = %v, want ErrUnsupportedVersion", err)
		}
	})
}

func TestWorkspace_DeleteMappingInUse(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	if _, err := w.SaveMapping(ctx, synctest.AccountCustomer("acct", 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.SaveEvent(ctx, synctest.EntityEvent("accounts", 1, "Account", "", "acct", false)); err != nil {
		t.Fatal(err)
	}
	if err := w.DeleteMapping(ctx, "acct"); !errors.Is(err, workspace.ErrInUse) {
		t.Fatalf("err = %v, want ErrInUse", err)
	}
	if err := w.DeleteEvent(ctx, "accounts"); err != nil {
		t.Fatal(err)
	}
	if err := w.DeleteMapping(ctx, "acct"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Mapping(ctx, "acct"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("read after delete: %v, want ErrNotFound", err)
	}
}

func TestProblemsError_CodeAndHint(t *testing.T) {
	e := &workspace.ProblemsError{Owner: "mapping", ID: "m", Name: "M", Problems: []mapping.Problem{
		{Severity: mapping.SeverityWarning, Message: "a warning.", Fix: "Ignore it."},
		{Severity: mapping.SeverityError, Message: "Field Nmae does not exist.", Fix: "Pick an existing field."},
	}}
	if e.ErrorCode() != workspace.CodeValidationFailed {
		t.Errorf("code = %q", e.ErrorCode())
	}
	if e.ErrorHint() != "Pick an existing field." {
		t.Errorf("hint = %q, want the first error's fix", e.ErrorHint())
	}
	if !strings.Contains(e.Error(), "Nmae") || strings.Contains(e.Error(), "a warning") {
		t.Errorf("message = %q, want the errors only", e.Error())
	}
}

// The admin's computer runs ten minutes ahead of Salesforce. The enable
// time and the event's watermark come from Salesforce's clock, so an
// account that starts to match a minute after the enable fires.
func TestWorkspace_EnableEventDesktopClockAhead(t *testing.T) {
	ctx := context.Background()
	env := synctest.NewEnv(t, synctest.EnvOptions{})
	cz := map[string]syncer.ClarizenAPI{}
	for id, c := range env.CZClients {
		cz[id] = c
	}
	ahead := func() time.Time { return env.Clock.Now().Add(10 * time.Minute) }
	w, err := workspace.New(workspace.Options{Store: env.DB, Clients: syncer.StaticClients{SF: env.SFClient, CZ: cz}, Now: ahead})
	if err != nil {
		t.Fatal(err)
	}
	m, err := w.SaveMapping(ctx, synctest.AccountCustomer("acct", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.EnableMapping(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	e, err := w.SaveEvent(ctx, synctest.EntityEvent("tech", 1, "Account", "Industry = 'Technology'", m.ID, false))
	if err != nil {
		t.Fatal(err)
	}
	env.Insert(t, "Account", map[string]any{"Name": "Old One", "Industry": "Technology"})
	if _, err := w.EnableEvent(ctx, e.ID, false); err != nil {
		t.Fatal(err)
	}
	info, err := w.Event(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if info.EnabledAt.IsZero() || info.EnabledAt.After(env.Clock.Now()) {
		t.Errorf("enabled at %s, want Salesforce's time, not after %s", info.EnabledAt, env.Clock.Now())
	}

	env.Clock.Advance(time.Minute)
	env.Insert(t, "Account", map[string]any{"Name": "New One", "Industry": "Technology"})
	synctest.Run(t, env.Runner(t, syncer.Options{Now: ahead}), syncer.RunOptions{})
	var names []string
	for _, c := range env.CZ["clarizen1"].All("Customer") {
		names = append(names, c["Name"].(string))
	}
	if got := sortedJoin(names); got != "New One" {
		t.Errorf("customers = %s, want New One", got)
	}
}
