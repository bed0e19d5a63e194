package czsim

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// handleCreateDiscussion serves data/createDiscussion:
// {"entity": {"id": "/DiscussionPost", "Body": ..., "Container": ...},
// "relatedEntities": [...], "notify": [...], "topics": [...]} returns
// {"id": "/DiscussionPost/msg-..."}. An entity id of /DiscussionReply with
// a Post creates a reply.
func handleCreateDiscussion(s *Server, c *call) (reply, error) {
	in, err := decodeObject(c.body)
	if err != nil {
		return reply{}, err
	}
	entity, err := in.obj("entity")
	if err != nil {
		return reply{}, err
	}
	if entity == nil {
		return reply{}, errorf(codeMissingArgument, "entity is required")
	}
	if !entity.has("id") {
		entity["id"] = "/DiscussionPost"
	}
	id, _ := bodyID(entity)
	if typeName, _, ok := parseEntityID(id); !ok || !(strings.EqualFold(typeName, "DiscussionPost") || strings.EqualFold(typeName, "DiscussionReply")) {
		return reply{}, errorf(codeInvalidArgument, "createDiscussion creates a DiscussionPost or DiscussionReply, not %s", id)
	}
	related, err := s.existingIDs(in, "relatedEntities")
	if err != nil {
		return reply{}, err
	}
	notify, err := s.existingIDs(in, "notify")
	if err != nil {
		return reply{}, err
	}
	topics, err := in.strs("topics")
	if err != nil {
		return reply{}, err
	}
	rec, err := s.createFromEntityObject(entity, c.user)
	if err != nil {
		return reply{}, err
	}
	rec.related, rec.notify, rec.topics = related, notify, topics
	return okReply(map[string]any{"id": rec.ref().String()})
}

// existingIDs reads a list of entity ids and checks that each exists. It
// returns the canonical ids.
func (s *Server) existingIDs(in jsonObject, key string) ([]string, error) {
	ids, err := in.strs(key)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		rec, err := s.lookupID(id)
		if err != nil {
			return nil, err
		}
		out = append(out, rec.ref().String())
	}
	return out, nil
}

// feedRequest is the common part of the feed queries.
type feedRequest struct {
	paths   [][]string
	options []string
	paging  paging
}

// readFeedRequest reads fields, feedItemOptions and paging, and checks the
// fields against typeName (DiscussionPost or DiscussionReply).
func (s *Server) readFeedRequest(in jsonObject, typeName string) (feedRequest, error) {
	var req feedRequest
	fields, err := in.strs("fields")
	if err != nil {
		return req, err
	}
	if len(fields) == 0 {
		fields = []string{"Body", "CreatedBy", "CreatedOn", "Container"}
	}
	req.paths = splitFields(fields)
	if req.options, err = in.strs("feedItemOptions"); err != nil {
		return req, err
	}
	if req.paging, err = parsePaging(in); err != nil {
		return req, err
	}
	t, _ := s.cat.lookup(typeName)
	return req, s.validatePaths(t, req.paths)
}

// handleEntityFeedQuery serves data/entityFeedQuery: the posts on an
// entity (as container or related entity), newest first.
func handleEntityFeedQuery(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	entityID, err := in.str("entityId")
	if err != nil {
		return reply{}, err
	}
	if entityID == "" {
		return reply{}, errorf(codeMissingArgument, "entityId is required")
	}
	rec, err := s.lookupID(entityID)
	if err != nil {
		return reply{}, err
	}
	req, err := s.readFeedRequest(in, "DiscussionPost")
	if err != nil {
		return reply{}, err
	}
	rel := &relationDef{Name: "Discussions", Related: "DiscussionPost", Source: "Container"}
	posts := newestFirst(s.related(rec, rel, false))
	return s.feedAnswer(posts, req, true)
}

// handleNewsFeedQuery serves data/newsFeedQuery: every post, newest first.
// NOTE: mode Following returns every post too; the simulator keeps no
// follow lists.
func handleNewsFeedQuery(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	req, err := s.readFeedRequest(in, "DiscussionPost")
	if err != nil {
		return reply{}, err
	}
	postType, _ := s.cat.lookup("DiscussionPost")
	return s.feedAnswer(newestFirst(s.st.scan(postType, false)), req, true)
}

// handleRepliesQuery serves data/repliesQuery: the replies of a post,
// oldest first.
func handleRepliesQuery(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	postID, err := in.str("postId")
	if err != nil {
		return reply{}, err
	}
	if postID == "" {
		return reply{}, errorf(codeMissingArgument, "postId is required")
	}
	post, err := s.lookupID(postID)
	if err != nil {
		return reply{}, err
	}
	req, err := s.readFeedRequest(in, "DiscussionReply")
	if err != nil {
		return reply{}, err
	}
	rel, _ := post.typ.relation("Replies")
	if rel == nil {
		return reply{}, errorf(codeInvalidArgument, "%s is not a discussion post", postID)
	}
	return s.feedAnswer(s.related(post, rel, false), req, false)
}

func newestFirst(recs []*record) []*record {
	out := slices.Clone(recs)
	slices.Reverse(out)
	return out
}

func (s *Server) feedAnswer(recs []*record, req feedRequest, posts bool) (reply, error) {
	r := s.newReader()
	page, pagingOut := pageOf(recs, req.paging)
	items := make([]any, 0, len(page))
	for _, rec := range page {
		item, err := s.feedItem(r, rec, req, posts)
		if err != nil {
			return reply{}, err
		}
		items = append(items, item)
	}
	return okReply(map[string]any{"items": items, "paging": pagingOut})
}

// feedItem renders a post or reply feed item. Posts also carry pinned and
// their two latest replies.
func (s *Server) feedItem(r *reader, rec *record, req feedRequest, post bool) (map[string]any, error) {
	message, err := r.encode(rec, req.paths)
	if err != nil {
		return nil, err
	}
	body, _ := rec.fields["Body"].(string)
	item := map[string]any{
		"message":         message,
		"bodyMarkup":      nil,
		"summary":         nil,
		"likedByMe":       false,
		"relatedEntities": idObjects(rec.related),
		"notify":          idObjects(rec.notify),
		"topics":          idObjects(rec.topics),
	}
	if containsFold(req.options, "BodyMarkup") {
		item["bodyMarkup"] = body
	}
	if containsFold(req.options, "Summary") {
		item["summary"] = summarize(htmlTag.ReplaceAllString(body, ""), 200)
	}
	if !post {
		return item, nil
	}
	item["pinned"] = false
	rel, _ := rec.typ.relation("Replies")
	replies := s.related(rec, rel, false)
	latest := make([]any, 0, 2)
	replyReq := req
	replyReq.paths = nil
	replyType, _ := s.cat.lookup("DiscussionReply")
	for _, path := range req.paths {
		if s.validatePaths(replyType, [][]string{path}) == nil {
			replyReq.paths = append(replyReq.paths, path)
		}
	}
	for _, reply := range replies[max(len(replies)-2, 0):] {
		ri, err := s.feedItem(r, reply, replyReq, false)
		if err != nil {
			return nil, err
		}
		latest = append(latest, ri)
	}
	item["latestReplies"] = latest
	return item, nil
}

func idObjects(ids []string) []any {
	out := make([]any, 0, len(ids))
	for _, id := range ids {
		out = append(out, map[string]any{"id": id})
	}
	return out
}

func summarize(text string, limit int) string {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) <= limit {
		return text
	}
	return string([]rune(text)[:limit]) + "…"
}
