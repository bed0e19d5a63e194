package salesforce_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestClient_RecordFeed(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	account := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Chatty"})
	const posts = 25
	var ids []string
	for i := range posts {
		o.clock.Advance(time.Minute)
		item, err := o.client.PostToRecord(ctx, account, fmt.Sprintf("Post %02d", i))
		if err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
		if item.ParentID != account || item.Text != fmt.Sprintf("Post %02d", i) {
			t.Fatalf("post %d = %+v", i, item)
		}
		ids = append(ids, item.ID)
	}

	var sizes []int
	var order []string
	err := o.client.RecordFeed(ctx, account, 10, func(items []salesforce.FeedItem) error {
		sizes = append(sizes, len(items))
		for _, it := range items {
			order = append(order, it.ID)
			if it.ActorID != o.identity.UserID {
				t.Errorf("post %s actor = %q, want %q", it.ID, it.ActorID, o.identity.UserID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sizes) != "[10 10 5]" {
		t.Errorf("page sizes = %v, want [10 10 5]", sizes)
	}
	if len(order) != posts || order[0] != ids[posts-1] || order[posts-1] != ids[0] {
		t.Errorf("feed order = %v, want newest first", order)
	}

	t.Run("stop after the first page", func(t *testing.T) {
		pages := 0
		err := o.client.RecordFeed(ctx, account, 10, func([]salesforce.FeedItem) error {
			pages++
			return salesforce.ErrStopPaging
		})
		if err != nil || pages != 1 {
			t.Errorf("pages = %d err = %v, want 1 page and no error", pages, err)
		}
	})
}

func TestClient_Comments(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	account := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Commented"})
	post, err := o.client.PostToRecord(ctx, account, "Kick-off", o.identity.UserID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(post.Text, "Kick-off") || !hasMention(post, o.identity.UserID) {
		t.Errorf("post = %+v, want the text and a mention of %s", post, o.identity.UserID)
	}
	const total = 7
	for i := range total {
		o.clock.Advance(time.Minute)
		c, err := o.client.AddComment(ctx, post.ID, fmt.Sprintf("Reply %d", i))
		if err != nil {
			t.Fatalf("comment %d: %v", i, err)
		}
		if c.FeedItemID != post.ID || c.UserID != o.identity.UserID {
			t.Errorf("comment %d = %+v", i, c)
		}
	}

	var texts []string
	var sizes []int
	err = o.client.Comments(ctx, post.ID, 3, func(cs []salesforce.Comment) error {
		sizes = append(sizes, len(cs))
		for _, c := range cs {
			texts = append(texts, c.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sizes) != "[3 3 1]" {
		t.Errorf("page sizes = %v, want [3 3 1]", sizes)
	}
	if len(texts) != total || texts[0] != "Reply 0" || texts[total-1] != "Reply 6" {
		t.Errorf("comments = %v, want oldest first", texts)
	}

	err = o.client.RecordFeed(ctx, account, 0, func(items []salesforce.FeedItem) error {
		if len(items) != 1 || items[0].CommentTotal != total || len(items[0].FirstComments) == 0 {
			t.Errorf("feed = %+v, want one post with %d comments", items, total)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func hasMention(item salesforce.FeedItem, userID string) bool {
	for _, s := range item.Segments {
		if s.Type == "Mention" && s.ID == userID {
			return true
		}
	}
	return strings.Contains(item.Text, "@")
}

func TestClient_PostToRecord_errors(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	account := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Quiet"})
	before := o.transport.count("POST", "/chatter/")
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"over 10000 characters", strings.Repeat("é", salesforce.MaxChatterBody+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := o.client.PostToRecord(ctx, account, tt.text); err == nil {
				t.Error("PostToRecord succeeded")
			}
		})
	}
	if got := o.transport.count("POST", "/chatter/") - before; got != 0 {
		t.Errorf("%d requests sent for invalid bodies, want 0", got)
	}
	if _, err := o.client.PostToRecord(ctx, account, strings.Repeat("é", salesforce.MaxChatterBody)); err != nil {
		t.Errorf("a body of exactly the maximum failed: %v", err)
	}
	if _, err := o.client.PostToRecord(ctx, "001000000000000AAA", "to nowhere"); err == nil {
		t.Error("posting to a missing record succeeded")
	}
}
