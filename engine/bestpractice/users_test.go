package bestpractice_test

import (
	"context"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/store"
)

func TestInstaller_MatchUsers(t *testing.T) {
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
	sf, cz := ws.Salesforce, ws.Clarizen["clarizen1"]

	// What the two orgs hold before: active users by lower-case e-mail.
	sfByEmail, czByEmail := map[string]string{}, map[string]string{}
	for _, u := range sf.All("User") {
		if u["IsActive"] == true {
			sfByEmail[strings.ToLower(text(u["Email"]))] = text(u["Id"])
		}
	}
	for _, u := range cz.All("User") {
		czByEmail[strings.ToLower(text(u["Email"]))] = text(u["id"])
	}
	both := 0
	for email := range sfByEmail {
		if czByEmail[email] != "" {
			both++
		}
	}
	if both == 0 || both == len(sfByEmail) || both == len(czByEmail) {
		t.Fatalf("the demo orgs share %d of %d and %d e-mail addresses; the test needs some shared and some not", both,
			len(sfByEmail), len(czByEmail))
	}
	var chatterFree string
	for _, p := range sf.All("Profile") {
		if p["Name"] == bestpractice.ChatterFreeProfile {
			chatterFree = text(p["Id"])
		}
	}

	res, err := ws.Installer.MatchUsers(ctx, users)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("counts", func(t *testing.T) {
		if res.Matched != both {
			t.Errorf("matched = %d, want the %d shared addresses", res.Matched, both)
		}
		if res.CreatedInClarizen != len(sfByEmail)-both {
			t.Errorf("created in Clarizen = %d, want %d", res.CreatedInClarizen, len(sfByEmail)-both)
		}
		if res.CreatedInSalesforce != len(czByEmail)-both {
			t.Errorf("created in Salesforce = %d, want %d", res.CreatedInSalesforce, len(czByEmail)-both)
		}
		if res.Failed != 0 || len(res.Warnings) != 0 {
			t.Errorf("failed %d, warnings %v; want none", res.Failed, res.Warnings)
		}
	})
	links, err := ws.Engine.DB.Links(ctx, users.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("pairs share an e-mail address", func(t *testing.T) {
		if len(links) != len(sfByEmail)+len(czByEmail)-both {
			t.Errorf("links = %d, want one per person (%d)", len(links), len(sfByEmail)+len(czByEmail)-both)
		}
		for _, l := range links {
			s, _ := sf.Get("User", l.SFID)
			c, _ := cz.Get(l.CZID)
			if !strings.EqualFold(text(s["Email"]), text(c["Email"])) || text(s["Email"]) == "" {
				t.Errorf("link %s <-> %s pairs %v with %v", l.SFID, l.CZID, s["Email"], c["Email"])
			}
		}
	})
	t.Run("licences are fixed", func(t *testing.T) {
		for email, id := range sfByEmail {
			if czByEmail[email] != "" {
				continue
			}
			c := czUserByEmail(cz.All("User"), email)
			if c == nil {
				t.Errorf("no Clarizen user for Salesforce user %s", id)
				continue
			}
			if text(c["LicenseType"]) != bestpractice.EmailOnlyLicense {
				t.Errorf("Clarizen user for %s has licence %v, want Email Only", email, c["LicenseType"])
			}
		}
		for email := range czByEmail {
			if sfByEmail[email] != "" {
				continue
			}
			s := sfUserByEmail(sf.All("User"), email)
			if s == nil {
				t.Errorf("no Salesforce user for Clarizen user %s", email)
				continue
			}
			if text(s["ProfileId"]) != chatterFree || chatterFree == "" {
				t.Errorf("Salesforce user for %s has profile %v, want Chatter Free (%s)", email, s["ProfileId"], chatterFree)
			}
		}
	})
	t.Run("creates are registry rows", func(t *testing.T) {
		rows, _, err := ws.Engine.DB.Registry(ctx, store.RegistryFilter{MappingID: users.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != res.CreatedInClarizen+res.CreatedInSalesforce {
			t.Errorf("registry rows = %d, want one per created user", len(rows))
		}
		for _, row := range rows {
			if row.State != store.Success || row.SFID == "" || row.CZID == "" {
				t.Errorf("row %d is %s with ids %q, %q; want Success with both ids", row.ID, row.State, row.SFID, row.CZID)
			}
		}
	})
	t.Run("rerun changes nothing", func(t *testing.T) {
		sfCount, czCount := len(sf.All("User")), len(cz.All("User"))
		again, err := ws.Installer.MatchUsers(ctx, users)
		if err != nil {
			t.Fatal(err)
		}
		if again.Matched+again.CreatedInClarizen+again.CreatedInSalesforce != 0 || again.Linked != len(links) {
			t.Errorf("rerun = %+v, want only the %d links found", again, len(links))
		}
		if len(sf.All("User")) != sfCount || len(cz.All("User")) != czCount {
			t.Error("the rerun created users")
		}
	})
	t.Run("an ambiguous address is left alone", func(t *testing.T) {
		const email = "pat.shared@liaison-demo.example"
		if _, err := sf.Insert("User", map[string]any{"Username": email, "LastName": "Shared", "Email": email, "Alias": "pshared",
			"TimeZoneSidKey": "GMT", "LocaleSidKey": "en_US", "EmailEncodingKey": "UTF-8", "LanguageLocaleKey": "en_US",
			"ProfileId": chatterFree}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"pat.one", "pat.two"} {
			if _, err := cz.Create("User", map[string]any{"UserName": name, "Email": email, "LastName": "Shared"}); err != nil {
				t.Fatal(err)
			}
		}
		res, err := ws.Installer.MatchUsers(ctx, users)
		if err != nil {
			t.Fatal(err)
		}
		if res.Matched+res.CreatedInClarizen+res.CreatedInSalesforce != 0 {
			t.Errorf("result = %+v, want nothing matched or created", res)
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "2 Clarizen users") {
			t.Errorf("warnings = %q, want one about the two Clarizen users", res.Warnings)
		}
	})
}

func czUserByEmail(users []map[string]any, email string) map[string]any {
	for _, u := range users {
		if strings.EqualFold(text(u["Email"]), email) {
			return u
		}
	}
	return nil
}

func sfUserByEmail(users []map[string]any, email string) map[string]any {
	for _, u := range users {
		if strings.EqualFold(text(u["Email"]), email) {
			return u
		}
	}
	return nil
}
