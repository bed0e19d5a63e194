package clarizen

import (
	"context"
	"errors"
	"net/http"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// Discussion is a new discussion post on a container entity (a project,
// customer, case or user).
type Discussion struct {
	Container EntityID
	Body      string
	// ExternalID, when set, becomes the post's id value and makes the call
	// safe to retry, as with Create.
	ExternalID      string
	RelatedEntities []EntityID
	Notify          []EntityID
	Topics          []EntityID
}

// CreateDiscussion creates a discussion post (data/createDiscussion).
func (c *Client) CreateDiscussion(ctx context.Context, d Discussion) (CreateResult, error) {
	id := EntityID("/DiscussionPost")
	if d.ExternalID != "" {
		id = NewEntityID("DiscussionPost", d.ExternalID)
	}
	body := api.CreateDiscussionRequest{
		Entity:          map[string]any{"id": string(id), "Body": d.Body, "Container": string(d.Container)},
		RelatedEntities: idStrings(d.RelatedEntities),
		Notify:          idStrings(d.Notify),
		Topics:          idStrings(d.Topics),
	}
	var result api.CreateResult
	r := &request{op: "create discussion", entityID: string(d.Container), method: http.MethodPost,
		path: "data/createDiscussion", idempotent: d.ExternalID != ""}
	if _, err := c.do(ctx, r, body, &result); err != nil {
		if d.ExternalID != "" && errors.Is(err, ErrDuplicateKey) {
			return c.existing(ctx, id, err)
		}
		return CreateResult{}, err
	}
	return CreateResult{ID: EntityID(result.ID)}, nil
}

// Reply is a new reply to a discussion post.
type Reply struct {
	Post EntityID
	// Container is the entity the post lives on; replies carry it too.
	Container  EntityID
	Body       string
	ExternalID string
}

// CreateReply creates a DiscussionReply entity under a post.
//
// NOTE: the public sources show no reply endpoint; creating the
// DiscussionReply entity with Post and Container is an inference.
func (c *Client) CreateReply(ctx context.Context, r Reply) (CreateResult, error) {
	values := Values{"Body": r.Body, "Post": r.Post, "Container": r.Container}
	return c.Create(ctx, "DiscussionReply", r.ExternalID, values)
}

// FeedItem is one post or reply of a feed. Message holds the requested
// fields of the DiscussionPost or DiscussionReply.
type FeedItem struct {
	Message         Entity
	BodyMarkup      string
	Summary         string
	Pinned          bool
	LikedByMe       bool
	RelatedEntities []EntityID
	Notify          []EntityID
	Topics          []EntityID
	LatestReplies   []FeedItem
}

// FeedFunc receives one page of a feed; ErrStopPaging ends it early.
type FeedFunc func(items []FeedItem) error

// EntityFeed reads the discussion posts on an entity (data/entityFeedQuery)
// page by page.
func (c *Client) EntityFeed(ctx context.Context, entity EntityID, fields []string, fn FeedFunc) error {
	body := func(p *api.Paging) any {
		return api.FeedQuery{EntityID: string(entity), Fields: fields, Paging: p}
	}
	return c.feedPages(ctx, "entity feed query", string(entity), "data/entityFeedQuery", body, fn)
}

// Replies reads the replies to a post (data/repliesQuery) page by page.
func (c *Client) Replies(ctx context.Context, post EntityID, fields []string, fn FeedFunc) error {
	body := func(p *api.Paging) any {
		return api.FeedQuery{PostID: string(post), Fields: fields, Paging: p}
	}
	return c.feedPages(ctx, "replies query", string(post), "data/repliesQuery", body, fn)
}

func (c *Client) feedPages(ctx context.Context, op, label, path string, body func(*api.Paging) any, fn FeedFunc) error {
	handle := func(result *api.FeedResult) error {
		items := make([]FeedItem, len(result.Items))
		for i, w := range result.Items {
			items[i] = feedItemFromWire(w)
		}
		return fn(items)
	}
	pagingOf := func(result *api.FeedResult) api.Paging { return result.Paging }
	return paginate(ctx, c, op, label, path, body, pagingOf, handle)
}

func feedItemFromWire(w api.FeedItem) FeedItem {
	item := FeedItem{
		Message:    entityFromWire(w.Message),
		BodyMarkup: w.BodyMarkup,
		Summary:    w.Summary,
		Pinned:     w.Pinned,
		LikedByMe:  w.LikedByMe,
	}
	for _, raw := range w.RelatedEntities {
		item.RelatedEntities = append(item.RelatedEntities, referenceID(raw))
	}
	for _, raw := range w.Notify {
		item.Notify = append(item.Notify, referenceID(raw))
	}
	for _, raw := range w.Topics {
		item.Topics = append(item.Topics, referenceID(raw))
	}
	for _, reply := range w.LatestReplies {
		item.LatestReplies = append(item.LatestReplies, feedItemFromWire(reply))
	}
	return item
}

func idStrings(ids []EntityID) []string {
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}
