package salesforce

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// MaxChatterBody is the most characters a post or comment body takes.
const MaxChatterBody = 10000

// FeedItem is a Chatter post on a record.
type FeedItem struct {
	ID        string
	ParentID  string
	Type      string // TextPost, LinkPost, ...
	ActorID   string
	ActorName string
	Text      string
	Segments  []api.MessageSegment
	Created   time.Time
	// CommentTotal counts all comments; FirstComments holds the ones that
	// came with the post (the feed's recentCommentCount).
	CommentTotal  int
	FirstComments []Comment
}

// Comment is a comment on a post.
type Comment struct {
	ID         string
	FeedItemID string
	UserID     string
	UserName   string
	Text       string
	Segments   []api.MessageSegment
	Created    time.Time
}

// RecordFeed calls fn with each page of the record's feed, newest first,
// following nextPageUrl to the end. pageSize is 1 to 100 (0: 25).
func (c *Client) RecordFeed(ctx context.Context, recordID string, pageSize int, fn func([]FeedItem) error) error {
	q := url.Values{"sort": {"CreatedDateDesc"}}
	if pageSize > 0 {
		q.Set("pageSize", strconv.Itoa(min(pageSize, 100)))
	}
	next := call{op: "read feed", recordID: recordID,
		path: "/chatter/feeds/record/" + url.PathEscape(recordID) + "/feed-elements", query: q}
	for {
		var page api.FeedElementPage
		if err := c.getJSON(ctx, next, &page); err != nil {
			return err
		}
		items := make([]FeedItem, 0, len(page.Elements))
		for _, e := range page.Elements {
			item, err := feedItemFromWire(e)
			if err != nil {
				return &Error{Op: "read feed", RecordID: recordID, Err: err}
			}
			items = append(items, item)
		}
		if err := fn(items); err != nil {
			if err == ErrStopPaging {
				return nil
			}
			return err
		}
		if page.NextPageURL == "" {
			return nil
		}
		var err error
		if next, err = followURL(next, page.NextPageURL); err != nil {
			return err
		}
	}
}

// PostToRecord posts text to the record's feed, mentioning the given user
// ids after the text.
func (c *Client) PostToRecord(ctx context.Context, recordID, text string, mentionIDs ...string) (FeedItem, error) {
	if err := checkChatterBody(text); err != nil {
		return FeedItem{}, &Error{Op: "post to feed", RecordID: recordID, Err: err}
	}
	in := api.FeedItemInput{Body: messageBody(text, mentionIDs), FeedElementType: "FeedItem", SubjectID: recordID}
	var out api.FeedElement
	cl := call{op: "post to feed", recordID: recordID, method: http.MethodPost, path: "/chatter/feed-elements", body: in}
	if err := c.getJSON(ctx, cl, &out); err != nil {
		return FeedItem{}, err
	}
	return feedItemFromWire(out)
}

// Comments calls fn with each page of a post's comments, oldest first.
func (c *Client) Comments(ctx context.Context, feedItemID string, pageSize int, fn func([]Comment) error) error {
	q := url.Values{"sort": {"CreatedDateOldestAsc"}}
	if pageSize > 0 {
		q.Set("pageSize", strconv.Itoa(min(pageSize, 100)))
	}
	next := call{op: "read comments", recordID: feedItemID,
		path: "/chatter/feed-elements/" + url.PathEscape(feedItemID) + "/capabilities/comments/items", query: q}
	for {
		var page api.CommentPage
		if err := c.getJSON(ctx, next, &page); err != nil {
			return err
		}
		comments := make([]Comment, 0, len(page.Items))
		for _, w := range page.Items {
			cm, err := commentFromWire(w)
			if err != nil {
				return &Error{Op: "read comments", RecordID: feedItemID, Err: err}
			}
			comments = append(comments, cm)
		}
		if err := fn(comments); err != nil {
			if err == ErrStopPaging {
				return nil
			}
			return err
		}
		if page.NextPageURL == "" {
			return nil
		}
		var err error
		if next, err = followURL(next, page.NextPageURL); err != nil {
			return err
		}
	}
}

// AddComment comments on a post.
func (c *Client) AddComment(ctx context.Context, feedItemID, text string, mentionIDs ...string) (Comment, error) {
	if err := checkChatterBody(text); err != nil {
		return Comment{}, &Error{Op: "add comment", RecordID: feedItemID, Err: err}
	}
	var out api.Comment
	cl := call{op: "add comment", recordID: feedItemID, method: http.MethodPost,
		path: "/chatter/feed-elements/" + url.PathEscape(feedItemID) + "/capabilities/comments/items",
		body: api.CommentInput{Body: messageBody(text, mentionIDs)}}
	if err := c.getJSON(ctx, cl, &out); err != nil {
		return Comment{}, err
	}
	return commentFromWire(out)
}

func checkChatterBody(text string) error {
	if text == "" {
		return fmt.Errorf("empty body")
	}
	if n := len([]rune(text)); n > MaxChatterBody {
		return fmt.Errorf("body has %d characters, more than the %d Chatter allows", n, MaxChatterBody)
	}
	return nil
}

func messageBody(text string, mentionIDs []string) api.MessageBody {
	segs := []api.MessageSegment{{Type: "Text", Text: text}}
	for _, id := range mentionIDs {
		segs = append(segs, api.MessageSegment{Type: "Text", Text: " "}, api.MessageSegment{Type: "Mention", ID: id})
	}
	return api.MessageBody{MessageSegments: segs}
}

// followURL turns a next-page URL from the API into the next call.
func followURL(prev call, next string) (call, error) {
	u, err := url.Parse(next)
	if err != nil {
		return call{}, &Error{Op: prev.op, RecordID: prev.recordID, Err: fmt.Errorf("parse next page URL: %w", err)}
	}
	return call{op: prev.op, recordID: prev.recordID, path: u.Path, query: u.Query()}, nil
}

func feedItemFromWire(e api.FeedElement) (FeedItem, error) {
	item := FeedItem{ID: e.ID, Type: e.Type, Text: e.Body.Text, Segments: e.Body.MessageSegments}
	if e.Parent != nil {
		item.ParentID = e.Parent.ID
	}
	if e.Actor != nil {
		item.ActorID, item.ActorName = e.Actor.ID, firstNonEmpty(e.Actor.DisplayName, e.Actor.Name)
	}
	if item.Text == "" {
		item.Text = segmentsText(e.Body.MessageSegments)
	}
	if e.CreatedDate != "" {
		t, err := ParseDateTime(e.CreatedDate)
		if err != nil {
			return FeedItem{}, err
		}
		item.Created = t
	}
	if cm := e.Capabilities.Comments; cm != nil {
		item.CommentTotal = cm.Page.Total
		for _, w := range cm.Page.Items {
			c, err := commentFromWire(w)
			if err != nil {
				return FeedItem{}, err
			}
			item.FirstComments = append(item.FirstComments, c)
		}
	}
	return item, nil
}

func commentFromWire(w api.Comment) (Comment, error) {
	c := Comment{ID: w.ID, Text: w.Body.Text, Segments: w.Body.MessageSegments}
	if w.FeedElement != nil {
		c.FeedItemID = w.FeedElement.ID
	}
	if w.User != nil {
		c.UserID, c.UserName = w.User.ID, firstNonEmpty(w.User.DisplayName, w.User.Name)
	}
	if c.Text == "" {
		c.Text = segmentsText(w.Body.MessageSegments)
	}
	if w.CreatedDate != "" {
		t, err := ParseDateTime(w.CreatedDate)
		if err != nil {
			return Comment{}, err
		}
		c.Created = t
	}
	return c, nil
}

func segmentsText(segs []api.MessageSegment) string {
	var s string
	for _, seg := range segs {
		s += seg.Text
	}
	return s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
