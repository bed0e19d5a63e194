package sfsim

import (
	"net/http"
	"strings"
	"testing"
)

type feedPage struct {
	Elements []struct {
		ID           string                `json:"id"`
		Type         string                `json:"type"`
		Body         struct{ Text string } `json:"body"`
		Actor        struct{ ID string }   `json:"actor"`
		Capabilities struct {
			Comments struct {
				Page struct {
					Total int `json:"total"`
				} `json:"page"`
			} `json:"comments"`
		} `json:"capabilities"`
	} `json:"elements"`
	NextPageURL   *string `json:"nextPageUrl"`
	NextPageToken *string `json:"nextPageToken"`
}

func segments(text string) map[string]any {
	return map[string]any{"messageSegments": []map[string]any{{"type": "Text", "text": text}}}
}

func TestChatter_FeedsAndComments(t *testing.T) {
	s := mustServer(t, Options{Seed: 1})
	c := newAPIClient(t, s)
	opp, _ := s.Insert("Opportunity", map[string]any{"Name": "Feed", "StageName": "Prospecting", "CloseDate": "2025-01-01"})
	var ids []string
	for _, text := range []string{"first", "second", "third"} {
		res := c.do(http.MethodPost, "/chatter/feed-elements", map[string]any{"body": segments(text), "feedElementType": "FeedItem", "subjectId": opp})
		if res.status != http.StatusCreated {
			t.Fatalf("post %d %s", res.status, res.body)
		}
		var item struct{ ID string }
		res.decode(t, &item)
		ids = append(ids, item.ID)
	}
	t.Run("record feed pages", func(t *testing.T) {
		var p feedPage
		c.do(http.MethodGet, "/chatter/feeds/record/"+opp+"/feed-elements?pageSize=2", nil).decode(t, &p)
		if len(p.Elements) != 2 || p.NextPageURL == nil || p.Elements[0].Body.Text != "third" {
			t.Fatalf("first page %+v", p)
		}
		var p2 feedPage
		c.do(http.MethodGet, *p.NextPageURL, nil).decode(t, &p2)
		if len(p2.Elements) != 1 || p2.Elements[0].Body.Text != "first" || p2.NextPageURL != nil {
			t.Errorf("second page %+v", p2)
		}
	})
	t.Run("comments", func(t *testing.T) {
		path := "/chatter/feed-elements/" + ids[0] + "/capabilities/comments/items"
		for _, text := range []string{"c1", "c2"} {
			if res := c.do(http.MethodPost, path, map[string]any{"body": segments(text)}); res.status != http.StatusCreated {
				t.Fatalf("comment %d %s", res.status, res.body)
			}
		}
		var page struct {
			Items []struct {
				Body struct{ Text string }
				User struct{ ID string }
			}
			Total       int
			NextPageURL *string `json:"nextPageUrl"`
		}
		c.do(http.MethodGet, path+"?pageSize=1", nil).decode(t, &page)
		if page.Total != 2 || len(page.Items) != 1 || page.Items[0].Body.Text != "c1" || page.NextPageURL == nil {
			t.Errorf("comment page %+v", page)
		}
		item, _ := s.Get("FeedItem", ids[0])
		if item["CommentCount"] != int64(2) {
			t.Errorf("CommentCount %v", item["CommentCount"])
		}
	})
	t.Run("body over 10000 characters", func(t *testing.T) {
		res := c.do(http.MethodPost, "/chatter/feed-elements", map[string]any{"body": segments(strings.Repeat("x", 10001)), "feedElementType": "FeedItem", "subjectId": opp})
		if res.status != http.StatusBadRequest {
			t.Errorf("got %d %s", res.status, res.body)
		}
		if res := c.do(http.MethodPost, "/chatter/feed-elements", map[string]any{"body": segments(strings.Repeat("x", 10000)), "feedElementType": "FeedItem", "subjectId": opp}); res.status != http.StatusCreated {
			t.Errorf("10000 characters: %d", res.status)
		}
	})
	t.Run("edit and delete", func(t *testing.T) {
		if res := c.do(http.MethodPatch, "/chatter/feed-elements/"+ids[1], map[string]any{"body": segments("edited")}); res.status != http.StatusOK {
			t.Fatalf("edit %d %s", res.status, res.body)
		}
		got, _ := s.Get("FeedItem", ids[1])
		if got["Body"] != "edited" || got["LastEditDate"] == nil {
			t.Errorf("after edit %v %v", got["Body"], got["LastEditDate"])
		}
		if res := c.do(http.MethodDelete, "/chatter/feed-elements/"+ids[0], nil); res.status != http.StatusNoContent {
			t.Fatalf("delete %d", res.status)
		}
		for _, cm := range s.All("FeedComment") {
			if cm["FeedItemId"] == ids[0] {
				t.Errorf("comment %v survived its feed item", cm["Id"])
			}
		}
	})
	t.Run("unknown record", func(t *testing.T) {
		res := c.do(http.MethodGet, "/chatter/feeds/record/006000000000000AAA/feed-elements", nil)
		if res.status != http.StatusNotFound {
			t.Errorf("got %d", res.status)
		}
	})
}
