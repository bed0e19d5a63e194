package sfsim

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSeed_DemoOrg(t *testing.T) {
	clock := func() time.Time { return time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC) }
	a := mustServer(t, Options{Seed: 42, Demo: true, Clock: clock})
	b := mustServer(t, Options{Seed: 42, Demo: true, Clock: clock})

	t.Run("same seed gives the same org", func(t *testing.T) {
		for _, obj := range []string{"Account", "Opportunity", "OpportunityLineItem", "User", "FeedItem"} {
			if !reflect.DeepEqual(a.All(obj), b.All(obj)) {
				t.Errorf("%s differs between two servers with the same seed", obj)
			}
		}
		if a.OrgID() != b.OrgID() {
			t.Errorf("org ids %s %s", a.OrgID(), b.OrgID())
		}
	})
	t.Run("counts", func(t *testing.T) {
		want := map[string]int{"Account": 50, "Opportunity": 200, "OpportunityLineItem": 100, "Product2": 16, "FeedItem": 50, "FeedComment": 20, "Case": 10}
		for obj, min := range want {
			if n := len(a.All(obj)); n < min {
				t.Errorf("%d %s records, want at least %d", n, obj, min)
			}
		}
	})
	t.Run("stages and probabilities", func(t *testing.T) {
		stages := map[string]bool{}
		high := 0
		for _, o := range a.All("Opportunity") {
			stages[o["StageName"].(string)] = true
			i, ok := findStage(o["StageName"])
			if !ok {
				t.Fatalf("unknown stage %v", o["StageName"])
			}
			if o["Probability"] != opportunityStages[i].Probability {
				t.Errorf("%v at %v has probability %v", o["Name"], o["StageName"], o["Probability"])
			}
			if o["Probability"].(float64) >= 70 {
				high++
			}
		}
		if len(stages) != len(opportunityStages) || high < 50 {
			t.Errorf("%d stages, %d opportunities at 70%% or more", len(stages), high)
		}
	})
	t.Run("demo users", func(t *testing.T) {
		emails := map[string]bool{}
		for _, u := range a.All("User") {
			emails[u["Email"].(string)] = true
		}
		users := DemoUsers()
		if len(users) != 20 {
			t.Fatalf("%d demo users", len(users))
		}
		for _, u := range users {
			if !emails[u.Email] || !strings.HasSuffix(u.Email, "@"+DemoEmailDomain) {
				t.Errorf("demo user %s missing or off-domain", u.Email)
			}
		}
	})
	t.Run("no Liaison objects", func(t *testing.T) {
		for name := range a.org.objects {
			if strings.HasSuffix(name, "__c") {
				t.Errorf("demo org has custom object %s", name)
			}
		}
	})
}
