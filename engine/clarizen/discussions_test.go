package clarizen_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_Discussions(t *testing.T) {
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) { o.PageSize = 2 })
	ctx := testContext(t)
	project := mustCreate(t, e.client, "Project", "disc-p", clarizen.Values{"Name": "Social"})
	customer := mustCreate(t, e.client, "Customer", "disc-c", clarizen.Values{"Name": "Acme"})

	var posts []clarizen.EntityID
	for i := range 5 {
		d := clarizen.Discussion{Container: project, Body: fmt.Sprintf("Post %d", i)}
		if i == 0 {
			d.ExternalID = "chatter-0D5A1"
			d.RelatedEntities = []clarizen.EntityID{customer}
		}
		res, err := e.client.CreateDiscussion(ctx, d)
		if err != nil {
			t.Fatalf("CreateDiscussion(%d) error = %v", i, err)
		}
		if res.ID.Type() != "DiscussionPost" {
			t.Fatalf("post id = %s", res.ID)
		}
		posts = append(posts, res.ID)
	}
	if posts[0].Value() != "chatter-0D5A1" {
		t.Errorf("post with caller id = %s", posts[0])
	}

	t.Run("repeat with caller id is resolved", func(t *testing.T) {
		res, err := e.client.CreateDiscussion(ctx, clarizen.Discussion{Container: project, Body: "Post 0", ExternalID: "chatter-0D5A1"})
		if err != nil {
			t.Fatalf("CreateDiscussion() error = %v", err)
		}
		if !res.Existing || !res.ID.Equal(posts[0]) {
			t.Errorf("result = %+v, want Existing %s", res, posts[0])
		}
	})

	replies := []string{"First reply", "Second reply", "Third reply"}
	for i, body := range replies {
		res, err := e.client.CreateReply(ctx, clarizen.Reply{Post: posts[0], Container: project, Body: body, ExternalID: fmt.Sprintf("chatter-reply-%d", i)})
		if err != nil {
			t.Fatalf("CreateReply(%d) error = %v", i, err)
		}
		if res.ID.Type() != "DiscussionReply" {
			t.Errorf("reply id = %s", res.ID)
		}
	}

	t.Run("entity feed over pages", func(t *testing.T) {
		var bodies []string
		pages := 0
		var first clarizen.FeedItem
		err := e.client.EntityFeed(ctx, project, []string{"Body", "CreatedOn", "Container"}, func(items []clarizen.FeedItem) error {
			pages++
			for _, it := range items {
				bodies = append(bodies, it.Message.Text("Body"))
				if it.Message.ID.Equal(posts[0]) {
					first = it
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("EntityFeed() error = %v", err)
		}
		slices.Sort(bodies)
		if !slices.Equal(bodies, []string{"Post 0", "Post 1", "Post 2", "Post 3", "Post 4"}) {
			t.Errorf("bodies = %v", bodies)
		}
		if pages != 3 {
			t.Errorf("pages = %d, want 3 with page size 2", pages)
		}
		if !first.Message.Reference("Container").Equal(project) {
			t.Errorf("first post Container = %s, want %s", first.Message.Reference("Container"), project)
		}
		if !slices.ContainsFunc(first.RelatedEntities, func(id clarizen.EntityID) bool { return id.Equal(customer) }) {
			t.Errorf("first post related entities = %v, want %s", first.RelatedEntities, customer)
		}
	})

	t.Run("replies", func(t *testing.T) {
		var bodies []string
		err := e.client.Replies(ctx, posts[0], []string{"Body", "Post"}, func(items []clarizen.FeedItem) error {
			for _, it := range items {
				bodies = append(bodies, it.Message.Text("Body"))
				if !it.Message.Reference("Post").Equal(posts[0]) {
					t.Errorf("reply %s Post = %s, want %s", it.Message.ID, it.Message.Reference("Post"), posts[0])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Replies() error = %v", err)
		}
		slices.Sort(bodies)
		want := slices.Clone(replies)
		slices.Sort(want)
		if !slices.Equal(bodies, want) {
			t.Errorf("replies = %v, want %v", bodies, want)
		}
	})

}
