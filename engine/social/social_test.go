package social_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/store"
)

// env is the demo's simulated orgs with the package installed and one
// account linked to one customer, each with an empty feed.
type env struct {
	ws       *demo.Workspace
	account  string // Salesforce Account id
	customer string // Clarizen Customer id
	syncer   *social.Syncer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ws, err := demo.Start(ctx, demo.Options{DataDir: t.TempDir(), Secrets: secretstest.NewMemory(), Walkthrough: true,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("start the demo orgs: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	if err := ws.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	pkg, err := bestpractice.Current()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Installer.Install(ctx, pkg, bestpractice.InstallOptions{
		ConfirmSchema: func([]bestpractice.SchemaGap) bool { return true }}); err != nil {
		t.Fatal(err)
	}
	e := &env{ws: ws, syncer: ws.Social}
	if e.account, err = ws.Salesforce.Insert("Account", map[string]any{"Name": "Social Test Co"}); err != nil {
		t.Fatal(err)
	}
	if e.customer, err = ws.Clarizen["clarizen1"].Create("Customer", map[string]any{"Name": "Social Test Co"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Engine.DB.SaveLink(ctx, store.Link{MappingID: bestpractice.AccountsMapping, SFObject: "Account", SFID: e.account,
		CZConnection: "clarizen1", CZType: "Customer", CZID: e.customer}); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) run(t *testing.T) social.MappingSummary {
	t.Helper()
	sum, err := e.syncer.Run(context.Background())
	if err != nil {
		t.Fatalf("social run: %v", err)
	}
	if len(sum.Mappings) != 1 || sum.Mappings[0].MappingID != bestpractice.AccountsMapping {
		t.Fatalf("social run covered %+v, want the accounts mapping only", sum.Mappings)
	}
	line := sum.Mappings[0]
	if line.Failed != 0 || len(line.Warnings) != 0 {
		t.Errorf("social run failed %d, warnings %v", line.Failed, line.Warnings)
	}
	return line
}

// feed returns the Salesforce posts on the account and the Clarizen
// posts on the customer.
func (e *env) feed() (sfPosts, czPosts []map[string]any) {
	for _, p := range e.ws.Salesforce.All("FeedItem") {
		if p["ParentId"] == e.account {
			sfPosts = append(sfPosts, p)
		}
	}
	for _, p := range e.ws.Clarizen["clarizen1"].All("DiscussionPost") {
		if refID(p["Container"]) == e.customer {
			czPosts = append(czPosts, p)
		}
	}
	return sfPosts, czPosts
}

func refID(v any) string {
	if m, ok := v.(map[string]any); ok {
		s, _ := m["id"].(string)
		return s
	}
	s, _ := v.(string)
	return s
}

func bodies(posts []map[string]any) []string {
	var out []string
	for _, p := range posts {
		s, _ := p["Body"].(string)
		out = append(out, s)
	}
	return out
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestSyncer_Run(t *testing.T) {
	e := newEnv(t)
	sf, cz := e.ws.Salesforce, e.ws.Clarizen["clarizen1"]
	sfPost, err := sf.Insert("FeedItem", map[string]any{"ParentId": e.account, "Body": "Signed the framework agreement."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sf.Insert("FeedComment", map[string]any{"FeedItemId": sfPost, "CommentBody": "Great, starting the plan."}); err != nil {
		t.Fatal(err)
	}
	czPost, err := cz.Create("DiscussionPost", map[string]any{"Body": "Kick-off booked for Monday.", "Container": e.customer})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cz.Create("DiscussionReply", map[string]any{"Body": "I will bring the slides.", "Post": czPost,
		"Container": e.customer}); err != nil {
		t.Fatal(err)
	}

	t.Run("copies posts and comments both ways", func(t *testing.T) {
		line := e.run(t)
		if line.PostsToClarizen != 1 || line.PostsToSalesforce != 1 || line.CommentsToClarizen != 1 || line.CommentsToSalesforce != 1 {
			t.Errorf("copies = %+v, want one post and one comment each way", line)
		}
		sfPosts, czPosts := e.feed()
		if !containsPrefix(bodies(czPosts), "Signed the framework agreement.\n\n— from Salesforce") {
			t.Errorf("Clarizen posts = %q, want the Chatter post with its signature", bodies(czPosts))
		}
		if !containsPrefix(bodies(sfPosts), "Kick-off booked for Monday.\n\n— from Clarizen") {
			t.Errorf("Chatter posts = %q, want the Clarizen post with its signature", bodies(sfPosts))
		}
		var replies []string
		for _, r := range cz.All("DiscussionReply") {
			s, _ := r["Body"].(string)
			replies = append(replies, s)
		}
		if !containsPrefix(replies, "Great, starting the plan.\n\n— from Salesforce") {
			t.Errorf("Clarizen replies = %q, want the Chatter comment", replies)
		}
		var comments []string
		for _, c := range sf.All("FeedComment") {
			s, _ := c["CommentBody"].(string)
			comments = append(comments, s)
		}
		if !containsPrefix(comments, "I will bring the slides.\n\n— from Clarizen") {
			t.Errorf("Chatter comments = %q, want the Clarizen reply", comments)
		}
	})
	t.Run("rerun copies nothing", func(t *testing.T) {
		sfBefore, czBefore := e.feed()
		replies, comments := len(cz.All("DiscussionReply")), len(sf.All("FeedComment"))
		line := e.run(t)
		if line.Copies() != 0 {
			t.Errorf("copies = %d, want 0", line.Copies())
		}
		sfAfter, czAfter := e.feed()
		if len(sfAfter) != len(sfBefore) || len(czAfter) != len(czBefore) || len(cz.All("DiscussionReply")) != replies ||
			len(sf.All("FeedComment")) != comments {
			t.Error("the rerun wrote posts or comments")
		}
	})
	t.Run("a new comment on a copy goes back", func(t *testing.T) {
		// The Clarizen copy of the Chatter post gets a reply.
		_, czPosts := e.feed()
		var copyID string
		for _, p := range czPosts {
			if strings.HasPrefix(p["Body"].(string), "Signed the framework agreement.") {
				copyID, _ = p["id"].(string)
			}
		}
		if _, err := cz.Create("DiscussionReply", map[string]any{"Body": "Budget approved.", "Post": copyID,
			"Container": e.customer}); err != nil {
			t.Fatal(err)
		}
		line := e.run(t)
		if line.CommentsToSalesforce != 1 || line.Copies() != 1 {
			t.Errorf("copies = %+v, want the one reply as a Chatter comment", line)
		}
		found := false
		for _, c := range sf.All("FeedComment") {
			body, _ := c["CommentBody"].(string)
			found = found || (c["FeedItemId"] == sfPost && strings.HasPrefix(body, "Budget approved."))
		}
		if !found {
			t.Error("the reply is not a comment on the original Chatter post")
		}
	})
	t.Run("registry rows hold both ids", func(t *testing.T) {
		for _, object := range []string{"FeedItem", "FeedComment"} {
			rows, _, err := e.ws.Engine.DB.Registry(context.Background(), store.RegistryFilter{MappingID: bestpractice.AccountsMapping, Object: object})
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				if row.Operation != "post" || row.State != store.Success || row.SFID == "" || row.CZID == "" {
					t.Errorf("row %d = %s %s %q %q, want a successful post with both ids", row.ID, row.Operation, row.State, row.SFID, row.CZID)
				}
				if row.Label == "" || strings.Contains(row.Label, "— from") {
					t.Errorf("row %d label = %q, want the first words of the original text", row.ID, row.Label)
				}
			}
		}
	})
}

func TestSyncer_Authors(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sf, cz := e.ws.Salesforce, e.ws.Clarizen["clarizen1"]
	czAdmin := e.ws.Logins.ClarizenUser["clarizen1"]

	t.Run("without a user link the name is written", func(t *testing.T) {
		if _, err := cz.Create("DiscussionPost", map[string]any{"Body": "Before the users were paired.", "Container": e.customer}); err != nil {
			t.Fatal(err)
		}
		e.run(t)
		sfPosts, _ := e.feed()
		if !containsPrefix(bodies(sfPosts), "Before the users were paired.\n\n— from Clarizen, posted by Demo Admin 1") {
			t.Errorf("Chatter posts = %q, want the Clarizen author's name", bodies(sfPosts))
		}
	})
	users, err := e.ws.Installer.MatchAllUsers(ctx)
	if err != nil || len(users) != 1 {
		t.Fatalf("match users = %+v, %v", users, err)
	}
	t.Run("a linked author is mentioned", func(t *testing.T) {
		if _, err := cz.Create("DiscussionPost", map[string]any{"Body": "After the users were paired.", "Container": e.customer}); err != nil {
			t.Fatal(err)
		}
		e.run(t)
		var counterpart map[string]any
		for _, u := range sf.All("User") {
			if u["Email"] == czAdmin {
				counterpart = u
			}
		}
		if counterpart == nil {
			t.Fatal("the Clarizen admin has no Salesforce user after pairing")
		}
		sfPosts, _ := e.feed()
		want := "After the users were paired.\n\n— from Clarizen, posted by @" + counterpart["Name"].(string)
		if !containsPrefix(bodies(sfPosts), want) {
			t.Errorf("Chatter posts = %q, want %q", bodies(sfPosts), want)
		}
	})
	t.Run("a linked author is notified in Clarizen", func(t *testing.T) {
		if _, err := sf.Insert("FeedItem", map[string]any{"ParentId": e.account, "Body": "Posted by the Salesforce admin."}); err != nil {
			t.Fatal(err)
		}
		e.run(t)
		links, err := e.ws.Engine.DB.Links(ctx, bestpractice.UsersMapping)
		if err != nil {
			t.Fatal(err)
		}
		adminID := ""
		for _, u := range sf.All("User") {
			if u["Username"] == e.ws.Logins.SalesforceUser {
				adminID, _ = u["Id"].(string)
			}
		}
		want := ""
		for _, l := range links {
			if l.SFID == adminID {
				want = l.CZID
			}
		}
		if _, ok := cz.Get(copyOf(t, e, "Posted by the Salesforce admin.")); !ok || want == "" {
			t.Fatalf("no copy in Clarizen or no counterpart of the Salesforce admin (%q)", want)
		}
		feed := e.clarizenFeed(t)
		notified := feed["Posted by the Salesforce admin."]
		if len(notified) != 1 || !strings.EqualFold(notified[0], want) {
			t.Errorf("notified = %v, want the admin's Clarizen counterpart %s", notified, want)
		}
	})
}

// copyOf returns the id of the Clarizen post whose body starts with text.
func copyOf(t *testing.T, e *env, text string) string {
	t.Helper()
	_, czPosts := e.feed()
	for _, p := range czPosts {
		if strings.HasPrefix(p["Body"].(string), text) {
			id, _ := p["id"].(string)
			return id
		}
	}
	t.Fatalf("no Clarizen post starts with %q", text)
	return ""
}

// clarizenFeed reads the customer's feed through the API and returns the
// notified users of each post by the post's first line.
func (e *env) clarizenFeed(t *testing.T) map[string][]string {
	t.Helper()
	client, err := e.ws.Engine.Connections.ClarizenClient(context.Background(), "clarizen1")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	err = client.EntityFeed(context.Background(), clarizen.EntityID(e.customer), []string{"Body"}, func(items []clarizen.FeedItem) error {
		for _, it := range items {
			first := strings.SplitN(it.Message.Text("Body"), "\n", 2)[0]
			for _, n := range it.Notify {
				out[first] = append(out[first], string(n))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A copy whose remote call ended without a recorded outcome, after a crash
// or a lost response, leaves a Pending row. The next run must not copy it
// twice.
func TestSyncer_Resume(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sf, cz := e.ws.Salesforce, e.ws.Clarizen["clarizen1"]
	db := e.ws.Engine.DB

	t.Run("a Chatter copy is found by its text", func(t *testing.T) {
		czPost, err := cz.Create("DiscussionPost", map[string]any{"Body": "Lost answer.", "Container": e.customer})
		if err != nil {
			t.Fatal(err)
		}
		// The row is the one an interrupted copy leaves, with the key the
		// social sync gives every copy to Chatter.
		ids, err := db.AddPending(ctx, []store.RegistryRow{{MappingID: bestpractice.AccountsMapping, Operation: "post",
			Target: "salesforce", SFObject: "FeedItem", CZConnection: "clarizen1", CZType: "DiscussionPost", CZID: czPost,
			IdempotencyKey: "social:" + bestpractice.AccountsMapping + ":" + czPost}})
		if err != nil {
			t.Fatal(err)
		}
		made, err := sf.Insert("FeedItem", map[string]any{"ParentId": e.account,
			"Body": "Lost answer.\n\n— from Clarizen, posted by Demo Admin 1"})
		if err != nil {
			t.Fatal(err)
		}
		line := e.run(t)
		if line.Copies() != 0 {
			t.Errorf("copies = %+v, want none: the copy exists and is no new Chatter post", line)
		}
		sfPosts, czPosts := e.feed()
		if len(sfPosts) != 1 || len(czPosts) != 1 {
			t.Errorf("Chatter posts %q and Clarizen posts %q, want only the original and the copy made before",
				bodies(sfPosts), bodies(czPosts))
		}
		row, err := db.RegistryRow(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if row.State != store.Success || row.SFID != made {
			t.Errorf("row = %s with Salesforce id %q, want Success with %s", row.State, row.SFID, made)
		}
	})
	t.Run("a Clarizen copy is found by its ExternalID", func(t *testing.T) {
		sfPost, err := sf.Insert("FeedItem", map[string]any{"ParentId": e.account, "Body": "Created before the crash."})
		if err != nil {
			t.Fatal(err)
		}
		// The first attempt created the post but crashed before recording it.
		key := "lzs-" + sfPost
		if _, err := db.AddPending(ctx, []store.RegistryRow{{MappingID: bestpractice.AccountsMapping, Operation: "post",
			Target: "clarizen", SFObject: "FeedItem", SFID: sfPost, CZConnection: "clarizen1", CZType: "DiscussionPost",
			CZID: "/DiscussionPost/" + key, IdempotencyKey: "social:" + key}}); err != nil {
			t.Fatal(err)
		}
		if _, err := cz.Create("DiscussionPost", map[string]any{"id": key, "Body": "Created before the crash.\n\n— from Salesforce",
			"Container": e.customer}); err != nil {
			t.Fatal(err)
		}
		_, before := e.feed()
		e.run(t)
		_, after := e.feed()
		if len(after) != len(before) {
			t.Errorf("Clarizen posts went from %d to %d, want no second copy", len(before), len(after))
		}
		line := e.run(t)
		if line.Copies() != 0 {
			t.Errorf("third run copies = %d, want 0", line.Copies())
		}
	})
}

// A social run counts every request it sends, reads and writes, under the
// system it goes to, so that a run summary can add them per connection.
func TestSyncer_CountsCalls(t *testing.T) {
	e := newEnv(t)
	sf, cz := e.ws.Salesforce, e.ws.Clarizen["clarizen1"]
	if _, err := sf.Insert("FeedItem", map[string]any{"ParentId": e.account, "Body": "Kick-off is on Monday."}); err != nil {
		t.Fatal(err)
	}
	if _, err := cz.Create("DiscussionPost", map[string]any{"Body": "Scope agreed.", "Container": e.customer}); err != nil {
		t.Fatal(err)
	}
	sfBefore, czBefore := sf.APICalls(), cz.APICalls()

	line := e.run(t)

	if line.Copies() != 2 {
		t.Errorf("copies = %d, want the 2 new posts", line.Copies())
	}
	if served := sf.APICalls() - sfBefore; line.SalesforceCalls != served {
		t.Errorf("Salesforce calls counted = %d, want the %d the simulator served", line.SalesforceCalls, served)
	}
	if served := cz.APICalls() - czBefore; line.ClarizenCalls != served {
		t.Errorf("Clarizen calls counted = %d, want the %d the simulator served", line.ClarizenCalls, served)
	}
	if line.APICalls != line.SalesforceCalls+line.ClarizenCalls {
		t.Errorf("calls = %d, want Salesforce %d plus Clarizen %d", line.APICalls, line.SalesforceCalls, line.ClarizenCalls)
	}
	if line.Connection != "clarizen1" {
		t.Errorf("connection = %q, want clarizen1", line.Connection)
	}
}
