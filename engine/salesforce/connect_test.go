package salesforce_test

import (
	"context"
	"errors"
	"testing"

	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

func TestClient_Connect(t *testing.T) {
	tests := []struct {
		name    string
		sandbox bool
	}{
		{"production", false},
		{"sandbox", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrg(t, withSim(func(s *sfsim.Options) { s.Sandbox = tt.sandbox }))
			id := o.identity
			if id.OrgID != o.sim.OrgID() {
				t.Errorf("OrgID = %q, want %q", id.OrgID, o.sim.OrgID())
			}
			if id.IsSandbox != tt.sandbox {
				t.Errorf("IsSandbox = %v, want %v", id.IsSandbox, tt.sandbox)
			}
			if id.Username != sfsim.DefaultUsername {
				t.Errorf("Username = %q, want %q", id.Username, sfsim.DefaultUsername)
			}
			if id.UserID == "" {
				t.Error("UserID is empty")
			}
			if id.APIVersion != salesforce.MaxAPIVersion {
				t.Errorf("APIVersion = %q, want the newest supported %q", id.APIVersion, salesforce.MaxAPIVersion)
			}
		})
	}
}

func TestClient_Connect_orgChanged(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()

	t.Run("same org in the other id form", func(t *testing.T) {
		if _, err := o.client.Connect(ctx, o.sim.OrgID()[:15]); err != nil {
			t.Errorf("Connect with the 15-character org id: %v", err)
		}
	})
	t.Run("another org", func(t *testing.T) {
		const previous = "00D000000000001AAA"
		id, err := o.client.Connect(ctx, previous)
		if !errors.Is(err, salesforce.ErrOrgChanged) {
			t.Fatalf("Connect err = %v, want ErrOrgChanged", err)
		}
		var oc *salesforce.OrgChangedError
		if !errors.As(err, &oc) || oc.Previous != previous || oc.Current != o.sim.OrgID() {
			t.Errorf("err = %#v, want previous %s and current %s", err, previous, o.sim.OrgID())
		}
		if id.OrgID != o.sim.OrgID() {
			t.Errorf("identity OrgID = %q, want %q", id.OrgID, o.sim.OrgID())
		}
	})
}

func TestClient_Versions(t *testing.T) {
	o := newOrg(t)
	versions, err := o.client.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range versions {
		if v.Version == salesforce.MaxAPIVersion && v.URL == "/services/data/v"+salesforce.MaxAPIVersion {
			found = true
		}
	}
	if !found {
		t.Errorf("versions %v lack %s", versions, salesforce.MaxAPIVersion)
	}
}

func TestClient_Limits(t *testing.T) {
	o := newOrg(t, withSim(func(s *sfsim.Options) { s.DailyAPILimit = 5000 }))
	limits, err := o.client.Limits(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	daily, ok := limits["DailyApiRequests"]
	if !ok {
		t.Fatalf("limits lack DailyApiRequests: %v", limits)
	}
	if daily.Max != 5000 {
		t.Errorf("DailyApiRequests.Max = %d, want 5000", daily.Max)
	}
	usage, ok := o.client.APIUsage()
	if !ok {
		t.Fatal("APIUsage unknown after a call")
	}
	if usage.Max != 5000 {
		t.Errorf("APIUsage.Max = %d, want 5000", usage.Max)
	}
	if usage.Used != o.sim.APICalls() {
		t.Errorf("APIUsage.Used = %d, want the simulator's count %d", usage.Used, o.sim.APICalls())
	}
	if usage.Remaining() != 5000-usage.Used {
		t.Errorf("Remaining = %d, want %d", usage.Remaining(), 5000-usage.Used)
	}
}

func TestClient_Connect_sandboxRefresh(t *testing.T) {
	o := newOrg(t, withSim(func(s *sfsim.Options) { s.Sandbox = true }))
	ctx := context.Background()
	before := o.identity.OrgID
	account := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Survives refresh"})

	o.sim.RefreshSandbox()

	// Every token of the old org is void: the refresh fails for good.
	_, err := o.client.QueryRecords(ctx, "SELECT Id FROM Account", salesforce.QueryOptions{})
	if !errors.Is(err, oauth.ErrNeedsReauth) {
		t.Fatalf("query after the sandbox refresh: err = %v, want ErrNeedsReauth", err)
	}

	// The admin logs in again; the connection remembers the old org id.
	tok := o.login(t)
	tokens := oauth.NewTokenSource(o.cfg, tok, nil)
	client, err := salesforce.New(salesforce.Options{InstanceURL: tok.InstanceURL, Tokens: tokens})
	if err != nil {
		t.Fatal(err)
	}
	id, err := client.Connect(ctx, before)
	var changed *salesforce.OrgChangedError
	if !errors.As(err, &changed) {
		t.Fatalf("Connect err = %v, want *OrgChangedError", err)
	}
	if changed.Previous != before || changed.Current != o.sim.OrgID() || id.OrgID == before {
		t.Errorf("change %s -> %s (identity %s), want %s -> %s", changed.Previous, changed.Current, id.OrgID, before, o.sim.OrgID())
	}
	if !id.IsSandbox {
		t.Error("IsSandbox = false for a sandbox")
	}
	// The data survived under new ids, so the old id no longer resolves.
	if _, err := client.Get(ctx, "Account", account); err == nil {
		t.Error("the pre-refresh record id still resolves")
	}
	recs, err := client.QueryRecords(ctx, "SELECT Id FROM Account WHERE Name = 'Survives refresh'", salesforce.QueryOptions{})
	if err != nil || len(recs) != 1 {
		t.Errorf("re-keyed record: %d found, err %v; want 1", len(recs), err)
	}
}
