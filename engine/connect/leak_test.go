package connect_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
)

// TestManager_NoSecretLeaks runs every flow that handles a secret. Then it
// looks for each value the keychain ever held, and each password and API
// key typed in, in the raw SQLite files, the log output, the events and the
// errors returned on the way.
func TestManager_NoSecretLeaks(t *testing.T) {
	e := newEnv(t, envConfig{sfOptions: sfsim.Options{RotateRefreshTokens: true, Sandbox: true}})
	var errTexts []string
	keep := func(err error) {
		if err != nil {
			errTexts = append(errTexts, err.Error(), codeOf(err))
		}
	}

	// Logins: Salesforce through the browser, clarizen1 with a password,
	// clarizen2 with an API key; a forged callback and a wrong password.
	e.browser.editCallback = func(cb string) string { return setQuery(cb, "state", "forged") }
	_, err := e.m.ConnectSalesforce(e.ctx, connect.SalesforceLogin{Environment: connect.EnvSandbox})
	keep(err)
	e.browser.editCallback = nil
	e.connectSalesforce(connect.EnvSandbox)
	_, err = e.m.ConnectClarizen(e.ctx, connect.ClarizenLogin{ConnectionID: connect.Clarizen1,
		Environment: connect.EnvProduction, UserName: czUser, Password: "a-wrong-password-31337"})
	keep(err)
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1, Environment: connect.EnvProduction,
		UserName: czUser, Password: czPassword})
	e.connectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen2, Environment: connect.EnvSandbox,
		APIKey: cz2APIKey})
	e.saveMappingOf("accounts", "Accounts", connect.Clarizen1, accountsMapping())
	if _, err := e.sf.Insert("Account", map[string]any{"Name": "Acme"}); err != nil {
		t.Fatal(err)
	}

	// Refresh with rotation, session renewal, health checks.
	sf, err := e.m.SalesforceClient(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.sf.ExpireAccessTokens()
	records, err := sf.QueryRecords(e.ctx, "SELECT Id, Name FROM Account", salesforceQueryOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		if _, err := e.db.SaveLink(e.ctx, linkFor(t, "accounts", r.ID(), "Acme")); err != nil {
			t.Fatal(err)
		}
	}
	cz, err := e.m.ClarizenClient(e.ctx, connect.Clarizen1)
	if err != nil {
		t.Fatal(err)
	}
	e.cz1.ExpireSessions()
	if _, err := cz.SessionInfo(e.ctx); err != nil {
		t.Fatal(err)
	}
	_, err = e.m.Check(e.ctx)
	keep(err)

	// A sandbox refresh: the check fails on the void tokens, a new login
	// re-matches the links.
	e.sf.RefreshSandbox()
	health, err := e.m.Check(e.ctx)
	keep(err)
	for _, st := range health {
		errTexts = append(errTexts, st.StateDetail)
	}
	_, err = sf.QueryRecords(e.ctx, "SELECT Id FROM Account", salesforceQueryOptions)
	keep(err)
	if _, err := e.m.ReauthenticateSalesforce(e.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.m.ResolveOrgChange(e.ctx, connect.DecisionRematch); err != nil {
		t.Fatal(err)
	}

	// Disconnects.
	keep(e.m.Disconnect(e.ctx, connect.Clarizen2))
	keep(e.m.Disconnect(e.ctx, connect.Salesforce))
	if err := e.m.Close(e.ctx); err != nil {
		t.Fatal(err)
	}

	values := e.secrets.everStored()
	values = append(values, czPassword, cz2APIKey, "a-wrong-password-31337", sfsim.DefaultPassword)
	if len(values) < 10 {
		t.Fatalf("only %d secret values were handled; the scenario did not run", len(values))
	}
	evs, _ := e.bus.Since(0)
	eventJSON, err := json.Marshal(evs)
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{
		"log output": e.logs.String(),
		"events":     string(eventJSON),
		"errors":     strings.Join(errTexts, "\n"),
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		data, err := os.ReadFile(e.dbPath + suffix)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sources["database file liaison.db"+suffix] = string(data)
	}

	// The scan reads the right bytes: the org id, a non-secret, is there.
	dbBytes := sources["database file liaison.db"] + sources["database file liaison.db-wal"]
	if !strings.Contains(dbBytes, e.sf.OrgID()) {
		t.Fatal("the database files do not contain the org id; the scan reads the wrong files")
	}
	if !strings.Contains(sources["log output"], "salesforce connected") || len(errTexts) < 3 {
		t.Fatalf("the log or the error list is missing (%d errors); the scan would prove nothing", len(errTexts))
	}
	for name, text := range sources {
		for _, v := range values {
			if strings.Contains(text, v) {
				t.Errorf("the %s contains a secret of %d characters starting %q", name, len(v), v[:min(4, len(v))])
			}
		}
	}
}

func linkFor(t *testing.T, mappingID, sfID, name string) store.Link {
	return store.Link{MappingID: mappingID, SFObject: "Account", SFID: sfID, CZConnection: connect.Clarizen1,
		CZType: "Customer", CZID: "/Customer/" + strings.ToLower(name), Base: baseWithName(t, name)}
}
