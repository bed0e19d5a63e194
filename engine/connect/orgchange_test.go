package connect_test

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
)

// refreshedSandbox is a sandbox with linked accounts whose org was just
// refreshed and re-authenticated.
type refreshedSandbox struct {
	e *testEnv
	// links by account name; "Umbrella" was deleted before the refresh,
	// "Hooli" and "Hooli" share a name afterwards, "Unkeyed" has no key.
	linkIDs map[string]int64
}

func newRefreshedSandbox(t *testing.T) refreshedSandbox {
	t.Helper()
	e := newEnv(t, envConfig{sfOptions: sfsim.Options{Sandbox: true}})
	e.connectSalesforce(connect.EnvSandbox)
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
		UserName: czUser, Password: czPassword})
	e.saveMappingOf("accounts", "Accounts", connect.Clarizen1, accountsMapping())
	// The customers' Salesforce key is the account number, which the
	// Clarizen customer keeps in SfExternalId.
	e.saveMappingOf("customers", "Customers", connect.Clarizen1, mapping.Mapping{ClarizenInstance: 1,
		ClarizenEntity: "Customer", SalesforceObject: "Account", ClarizenKeyField: "SfExternalId", SalesforceKeyField: "AccountNumber"})
	// Keyed by the Salesforce Id, which a refresh changes.
	e.saveMappingOf("by-id", "Accounts by id", connect.Clarizen1, mapping.Mapping{ClarizenInstance: 1,
		ClarizenEntity: "Project", SalesforceObject: "Account", ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Id"})

	s := refreshedSandbox{e: e, linkIDs: map[string]int64{}}
	link := func(mapping, name string, fields map[string]any, base []byte, czType, czID string) {
		t.Helper()
		if fields == nil {
			fields = map[string]any{"Name": name}
		}
		sfID, err := e.sf.Insert("Account", fields)
		if err != nil {
			t.Fatalf("insert account %s: %v", name, err)
		}
		id, err := e.db.SaveLink(e.ctx, store.Link{MappingID: mapping, SFObject: "Account", SFID: sfID,
			CZConnection: connect.Clarizen1, CZType: czType, CZID: czID, Base: base, SFStamp: "stamp-before-refresh"})
		if err != nil {
			t.Fatalf("save link %s: %v", name, err)
		}
		s.linkIDs[name] = id
	}
	link("accounts", "Acme", nil, baseWithName(t, "Acme"), "Customer", "/Customer/acme")
	link("accounts", "Globex", nil, baseWithName(t, "Globex"), "Customer", "/Customer/globex")
	link("accounts", "Umbrella", nil, baseWithName(t, "Umbrella"), "Customer", "/Customer/umbrella")
	link("accounts", "Hooli", nil, baseWithName(t, "Hooli"), "Customer", "/Customer/hooli")
	link("by-id", "Unkeyed", nil, []byte(`{}`), "Project", "/Project/unkeyed")
	// The customers link keeps no base: the key comes from the entity.
	customer, err := e.cz1.Create("Customer", map[string]any{"Name": "Initech", "SfExternalId": "AN-7"})
	if err != nil {
		t.Fatalf("create clarizen customer: %v", err)
	}
	link("customers", "Initech", map[string]any{"Name": "Initech", "AccountNumber": "AN-7"}, []byte(`{}`), "Customer", customer)

	// Before the refresh: one linked account is deleted, and a second
	// account takes the name of a linked one.
	if err := e.sf.Delete("Account", accountID(t, e, "Umbrella")); err != nil {
		t.Fatal(err)
	}
	if _, err := e.sf.Insert("Account", map[string]any{"Name": "Hooli"}); err != nil {
		t.Fatal(err)
	}

	oldOrg := e.sf.OrgID()
	e.sf.RefreshSandbox()
	if e.sf.OrgID() == oldOrg {
		t.Fatal("the simulator kept its org id across a sandbox refresh")
	}
	return s
}

func TestManager_SandboxRefresh(t *testing.T) {
	tests := []struct {
		name     string
		decision connect.Decision
		check    func(t *testing.T, s refreshedSandbox, res connect.RematchResult)
	}{
		{
			name:     "rematch by key fields",
			decision: connect.DecisionRematch,
			check: func(t *testing.T, s refreshedSandbox, res connect.RematchResult) {
				e := s.e
				if res.Kept != 3 || res.Dropped != 3 {
					t.Errorf("result kept %d dropped %d, want 3 kept (Acme, Globex, Initech) and 3 dropped", res.Kept, res.Dropped)
				}
				byMapping := map[string]connect.MappingRematch{}
				for _, mr := range res.Mappings {
					byMapping[mr.MappingID] = mr
				}
				want := connect.MappingRematch{MappingID: "accounts", Name: "Accounts", Kept: 2, NotFound: 1, Ambiguous: 1}
				if byMapping["accounts"] != want {
					t.Errorf("accounts mapping result = %+v, want %+v", byMapping["accounts"], want)
				}
				if byMapping["by-id"].Unkeyed != 1 {
					t.Errorf("by-id mapping result = %+v, want 1 unkeyed", byMapping["by-id"])
				}
				if byMapping["customers"].Kept != 1 {
					t.Errorf("customers mapping result = %+v, want 1 kept through SfExternalId", byMapping["customers"])
				}

				links := allLinks(t, e)
				if len(links) != 3 {
					t.Fatalf("links after re-match = %d, want 3", len(links))
				}
				for _, l := range links {
					name := accountName(t, e, l.SFID)
					if name == "" {
						t.Errorf("link %s → %s points at no account of the refreshed org", l.SFID, l.CZID)
						continue
					}
					if wantCZ := map[string]string{"Acme": "/Customer/acme", "Globex": "/Customer/globex"}[name]; wantCZ != "" && l.CZID != wantCZ {
						t.Errorf("account %s is linked to %s, want %s", name, l.CZID, wantCZ)
					}
					if l.SFStamp != "" {
						t.Errorf("link of %s keeps the old org's stamp %q", name, l.SFStamp)
					}
					if !strings.HasPrefix(l.SFID, "001") || l.SFID == "" {
						t.Errorf("link of %s has Salesforce id %q", name, l.SFID)
					}
				}
			},
		},
		{
			name:     "reset links",
			decision: connect.DecisionReset,
			check: func(t *testing.T, s refreshedSandbox, res connect.RematchResult) {
				if res.Dropped != 6 || res.Kept != 0 {
					t.Errorf("result = %+v, want all 6 links dropped", res)
				}
				if links := allLinks(t, s.e); len(links) != 0 {
					t.Errorf("links after reset = %d, want none", len(links))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newRefreshedSandbox(t)
			e := s.e

			// The refresh voided the tokens: the next check finds it.
			if _, err := e.m.Check(e.ctx); err != nil {
				t.Fatalf("Check: %v", err)
			}
			if got := e.row(connect.Salesforce).State; got != connect.StateNeedsReauth {
				t.Fatalf("state after the refresh = %q, want needs_reauth", got)
			}
			if got := e.mappingState("accounts"); got != "needs_reauth" {
				t.Errorf("mapping state = %q, want paused", got)
			}

			id, err := e.m.ReauthenticateSalesforce(e.ctx)
			if err != nil {
				t.Fatalf("ReauthenticateSalesforce: %v", err)
			}
			if id.OrgChange == nil || id.OrgChange.CurrentOrgID != e.sf.OrgID() || id.OrgChange.Links != 6 {
				t.Fatalf("identity org change = %+v, want the new org %s with 6 links", id.OrgChange, e.sf.OrgID())
			}
			if got := e.row(connect.Salesforce).State; got != connect.StateOrgChanged {
				t.Errorf("state = %q, want org_changed", got)
			}
			if got := e.mappingState("accounts"); got != "needs_reauth" {
				t.Errorf("mapping state while the decision is pending = %q, want paused", got)
			}
			pending, ok, err := e.m.PendingOrgChange(e.ctx)
			if err != nil || !ok || pending.PreviousOrgID != id.OrgChange.PreviousOrgID {
				t.Errorf("PendingOrgChange = %+v, %v, %v", pending, ok, err)
			}
			// A check keeps the decision pending.
			if _, err := e.m.Check(e.ctx); err != nil {
				t.Fatal(err)
			}
			if got := e.row(connect.Salesforce).State; got != connect.StateOrgChanged {
				t.Errorf("state after a check = %q, want org_changed", got)
			}

			res, err := e.m.ResolveOrgChange(e.ctx, tt.decision)
			if err != nil {
				t.Fatalf("ResolveOrgChange(%s): %v", tt.decision, err)
			}
			tt.check(t, s, res)

			if got := e.row(connect.Salesforce).State; got != connect.StateConnected {
				t.Errorf("state after the decision = %q, want connected", got)
			}
			for _, m := range []string{"accounts", "customers", "by-id"} {
				if got := e.mappingState(m); got != "ok" {
					t.Errorf("mapping %s state = %q, want ok", m, got)
				}
			}
			if _, ok, _ := e.m.PendingOrgChange(e.ctx); ok {
				t.Error("an org change is still pending")
			}
			if _, err := e.m.ResolveOrgChange(e.ctx, tt.decision); codeOf(err) != connect.CodeInvalidInput {
				t.Errorf("second ResolveOrgChange: err = %v, want invalid input", err)
			}
		})
	}
}

func TestManager_OrgChangeWithoutLinks(t *testing.T) {
	e := newEnv(t, envConfig{sfOptions: sfsim.Options{Sandbox: true}})
	e.connectSalesforce(connect.EnvSandbox)
	e.sf.RefreshSandbox()

	id, err := e.m.ReauthenticateSalesforce(e.ctx)
	if err != nil {
		t.Fatal(err)
	}

	if id.OrgChange != nil {
		t.Errorf("org change = %+v, want none: there are no links to decide about", id.OrgChange)
	}
	if row := e.row(connect.Salesforce); row.State != connect.StateConnected || row.OrgID != e.sf.OrgID() {
		t.Errorf("connection = %+v, want connected to %s", row, e.sf.OrgID())
	}
}

func TestManager_RematchQueryFails(t *testing.T) {
	s := newRefreshedSandbox(t)
	e := s.e
	// A key field the org does not have makes the lookup query fail.
	bad := accountsMapping()
	bad.SalesforceKeyField = "Clarizen_Id__c"
	e.saveMappingOf("accounts", "Accounts", connect.Clarizen1, bad)
	if _, err := e.m.ReauthenticateSalesforce(e.ctx); err != nil {
		t.Fatal(err)
	}

	_, err := e.m.ResolveOrgChange(e.ctx, connect.DecisionRematch)

	if err == nil {
		t.Fatal("re-match with an unknown key field succeeded")
	}
	if links := allLinks(t, e); len(links) != 6 {
		t.Errorf("links = %d, want all 6 kept while the decision is pending", len(links))
	}
	if _, ok, _ := e.m.PendingOrgChange(e.ctx); !ok {
		t.Error("the decision is no longer pending after a failed re-match")
	}
	if got := e.row(connect.Salesforce).State; got != connect.StateOrgChanged {
		t.Errorf("state after a failed re-match = %q, want org_changed", got)
	}
	if _, err := e.m.ResolveOrgChange(e.ctx, connect.DecisionReset); err != nil {
		t.Errorf("reset after the failed re-match: %v", err)
	}
}

func allLinks(t *testing.T, e *testEnv) []store.Link {
	t.Helper()
	var out []store.Link
	for _, m := range []string{"accounts", "customers", "by-id"} {
		links, err := e.db.Links(e.ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, links...)
	}
	return out
}

// accountID returns the id of the one live account called name.
func accountID(t *testing.T, e *testEnv, name string) string {
	t.Helper()
	for _, a := range e.sf.All("Account") {
		if a["Name"] == name {
			return a["Id"].(string)
		}
	}
	t.Fatalf("no account called %s", name)
	return ""
}

// accountName returns the name of the live account with id, "" if none.
func accountName(t *testing.T, e *testEnv, id string) string {
	t.Helper()
	a, ok := e.sf.Get("Account", id)
	if !ok {
		return ""
	}
	name, _ := a["Name"].(string)
	return name
}
