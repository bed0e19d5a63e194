package social

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/failure"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// Registry objects of copies: posts and comments on each side.
const (
	sfPost    = "FeedItem"
	sfComment = "FeedComment"
	czPost    = "DiscussionPost"
	czReply   = "DiscussionReply"
)

// copyPrefix starts the ExternalID of every post and reply Liaison writes
// into Clarizen, so that they are never copied back.
const copyPrefix = "lzs-"

// feedPageSize is the page size of feed and comment reads (the Chatter
// maximum).
const feedPageSize = 100

// mappingRun is the state of one mapping's social run.
type mappingRun struct {
	s    *Syncer
	m    mapping.Mapping
	conn string
	sf   *salesforce.Client
	cz   *clarizen.Client
	sum  *MappingSummary

	// sfUser and czUser resolve authors through the user mapping's links:
	// a Salesforce user id to a Clarizen user id and back.
	sfUser map[string]string
	czUser map[string]string

	// pairs holds the copies made so far in both directions: a Salesforce
	// post or comment id to its Clarizen counterpart and back.
	sfToCZ map[string]string
	czToSF map[string]string
	// unsure holds the rows of Salesforce copies whose outcome is not
	// known, by the Clarizen id of the original.
	unsure map[string]store.RegistryRow
}

// loadUsers reads the links of the enabled user mapping of the same
// Clarizen instance, if there is one.
func (r *mappingRun) loadUsers(ctx context.Context) error {
	r.sfUser, r.czUser = map[string]string{}, map[string]string{}
	all, err := r.s.allMappings(ctx)
	if err != nil {
		return storeErr(err)
	}
	for _, sm := range all {
		um := sm.m
		if !um.Enabled || um.ClarizenInstance != r.m.ClarizenInstance ||
			!strings.EqualFold(um.SalesforceObject, "User") || !strings.EqualFold(um.ClarizenEntity, "User") {
			continue
		}
		links, err := r.s.db.Links(ctx, um.ID)
		if err != nil {
			return storeErr(err)
		}
		for _, l := range links {
			r.sfUser[l.SFID] = l.CZID
			r.czUser[lower(l.CZID)] = l.SFID
		}
	}
	return nil
}

// resetCopies clears the copies of the previous record, so that memory
// stays bounded by one record's feeds.
func (r *mappingRun) resetCopies() {
	r.sfToCZ, r.czToSF, r.unsure = map[string]string{}, map[string]string{}, map[string]store.RegistryRow{}
}

// loadCopies reads the registry rows of earlier copies of the given posts
// or comments: by Salesforce id (originals copied to Clarizen, and Chatter
// copies), and by the idempotency key of each Clarizen original's copy.
func (r *mappingRun) loadCopies(ctx context.Context, sfIDs []string, czIDs []string) error {
	keys := make([]string, len(czIDs))
	for i, id := range czIDs {
		keys[i] = r.salesforceCopyKey(id)
	}
	rows, err := r.s.db.PostRows(ctx, r.m.ID, sfIDs, keys)
	if err != nil {
		return storeErr(err)
	}
	// Oldest first, so that a later row of the same copy wins.
	for _, row := range rows {
		switch {
		case row.Target == "salesforce" && row.SFID == "":
			r.unsure[lower(row.CZID)] = row
		case row.Target == "clarizen" && row.State != store.Success:
			// The create is retried with the same ExternalID, which
			// finds the entity when it was made after all.
		default:
			r.pair(row.SFID, row.CZID)
		}
	}
	return nil
}

// clarizenCopyKey is the idempotency key of the Clarizen copy of a Chatter
// post or comment; its value part is the copy's ExternalID.
func clarizenCopyKey(sfID string) string {
	return "social:" + copyPrefix + syncer.SanitizeKeyPart(sfID)
}

// salesforceCopyKey is the idempotency key of the Chatter copy of a
// Clarizen post or reply.
func (r *mappingRun) salesforceCopyKey(czID string) string { return "social:" + r.m.ID + ":" + czID }

func (r *mappingRun) pair(sfID, czID string) {
	r.sfToCZ[sfID] = czID
	r.czToSF[lower(czID)] = sfID
	delete(r.unsure, lower(czID))
}

// salesforceFeed is one record's Chatter feed.
type salesforceFeed struct {
	posts []salesforce.FeedItem // oldest first
}

// syncRecord copies the posts and comments of one linked pair.
//
// NOTE: it reads both whole feeds of every linked record on each run (two
// calls or more per record), and copies new posts and comments only:
// edits and deletions of posts already copied do not follow.
func (r *mappingRun) syncRecord(ctx context.Context, l store.Link) error {
	r.resetCopies()
	sfFeed, err := r.readSalesforceFeed(ctx, l.SFID)
	if err != nil {
		return err
	}
	czFeed, err := r.readClarizenFeed(ctx, clarizen.EntityID(l.CZID))
	if err != nil {
		return err
	}
	if err := r.loadCopies(ctx, postIDs(sfFeed.posts), messageIDs(czFeed)); err != nil {
		return err
	}
	czByID := map[string]bool{}
	for _, p := range czFeed {
		czByID[lower(string(p.Message.ID))] = true
	}
	// Copies an interrupted run may have made are settled first, so that
	// the loop over Chatter posts does not take them for new posts.
	for _, p := range czFeed {
		if err := r.settleFound(ctx, p, feedTexts(sfFeed.posts)); err != nil {
			return err
		}
	}
	type postPair struct {
		sf salesforce.FeedItem
		cz clarizen.EntityID
	}

	var pairs []postPair
	for _, p := range sfFeed.posts {
		if czID, ok := r.sfToCZ[p.ID]; ok {
			if czByID[lower(czID)] {
				pairs = append(pairs, postPair{p, clarizen.EntityID(czID)})
			}
			continue
		}
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		czID, err := r.postToClarizen(ctx, l, p)
		if err != nil {
			return err
		}
		if czID != "" {
			pairs = append(pairs, postPair{p, czID})
		}
	}

	for _, p := range czFeed {
		id := string(p.Message.ID)
		if _, ok := r.czToSF[lower(id)]; ok || isCopy(id) || strings.TrimSpace(messageText(p.Message)) == "" {
			continue
		}
		post, err := r.postToSalesforce(ctx, l, p)
		if err != nil {
			return err
		}
		if post.ID != "" {
			pairs = append(pairs, postPair{post, p.Message.ID})
		}
	}

	for _, pp := range pairs {
		if err := r.syncComments(ctx, l, pp.sf, pp.cz); err != nil {
			return err
		}
	}
	return nil
}

// isCopy reports whether a Clarizen post or reply is one Liaison wrote.
func isCopy(id string) bool {
	return strings.HasPrefix(strings.ToLower(clarizen.EntityID(id).Value()), copyPrefix)
}

// messageText returns the plain text of a Clarizen post or reply.
func messageText(e clarizen.Entity) string {
	if t := e.Text("Text"); t != "" {
		return t
	}
	return e.Text("Body")
}

// authorName returns the display name of a Clarizen message's author.
func authorName(e clarizen.Entity) string {
	if u, ok := e.Related("CreatedBy"); ok {
		if n := u.Text("DisplayName"); n != "" {
			return n
		}
		return u.Text("Name")
	}
	return ""
}

var messageFields = []string{"Body", "Text", "CreatedBy", "CreatedBy.DisplayName", "CreatedOn", "Container"}

func (r *mappingRun) readSalesforceFeed(ctx context.Context, recordID string) (salesforceFeed, error) {
	var feed salesforceFeed
	err := r.sf.RecordFeed(ctx, recordID, feedPageSize, func(items []salesforce.FeedItem) error {
		r.called(salesforceTarget)
		feed.posts = append(feed.posts, items...)
		return nil
	})
	if err != nil {
		return feed, fmt.Errorf("read chatter feed of %s: %w", recordID, err)
	}
	// The feed comes newest first; copies go in the order they were made.
	slices.Reverse(feed.posts)
	return feed, nil
}

func (r *mappingRun) readClarizenFeed(ctx context.Context, id clarizen.EntityID) ([]clarizen.FeedItem, error) {
	var out []clarizen.FeedItem
	err := r.cz.EntityFeed(ctx, id, messageFields, func(items []clarizen.FeedItem) error {
		r.called(clarizenTarget)
		out = append(out, items...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read discussions of %s: %w", id, err)
	}
	slices.Reverse(out)
	return out, nil
}

// signature is the attribution line that ends every copy. In Salesforce
// the author, when the user mapping resolves them, follows as a mention.
func signature(system, author string) string {
	if author == "" {
		return "\n\n— from " + system
	}
	return "\n\n— from " + system + ", posted by " + author
}

// labelWords is how many words of a post or comment name its registry row.
const labelWords = 8

// postLabel names a copied post or comment in the registry by its first
// words, with an ellipsis when the text goes on.
func postLabel(text string) string {
	words := strings.Fields(text)
	if len(words) <= labelWords {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:labelWords], " ") + " …"
}

// postToClarizen copies a Chatter post into the Clarizen record's
// discussions and returns the new post's id ("" when it failed).
func (r *mappingRun) postToClarizen(ctx context.Context, l store.Link, p salesforce.FeedItem) (clarizen.EntityID, error) {
	body, notify := r.toClarizenText(p.Text, p.ActorID, p.ActorName)
	key := copyPrefix + syncer.SanitizeKeyPart(p.ID)
	row := store.RegistryRow{Label: postLabel(p.Text), MappingID: r.m.ID, Operation: "post", Target: "clarizen", SFObject: sfPost, SFID: p.ID,
		CZConnection: r.conn, CZType: czPost, CZID: string(clarizen.NewEntityID(czPost, key)), IdempotencyKey: clarizenCopyKey(p.ID),
		Fields: []store.FieldChange{{Field: "Body", After: body}}}
	id, err := r.write(ctx, row, func() (string, error) {
		res, err := r.cz.CreateDiscussion(ctx, clarizen.Discussion{Container: clarizen.EntityID(l.CZID), Body: body,
			ExternalID: key, Notify: notify})
		return string(res.ID), err
	}, &r.sum.PostsToClarizen)
	return clarizen.EntityID(id), err
}

// postToSalesforce copies a Clarizen post into the record's Chatter feed.
// A row of an interrupted copy that settleFound did not settle is reused.
func (r *mappingRun) postToSalesforce(ctx context.Context, l store.Link, p clarizen.FeedItem) (salesforce.FeedItem, error) {
	czID := string(p.Message.ID)
	text, mentions := r.toSalesforceText(messageText(p.Message), p.Message.Reference("CreatedBy"), authorName(p.Message))
	row, unsure := r.unsure[lower(czID)]
	if !unsure {
		row = store.RegistryRow{Label: postLabel(messageText(p.Message)), MappingID: r.m.ID, Operation: "post", Target: "salesforce", SFObject: sfPost,
			CZConnection: r.conn, CZType: czPost, CZID: czID, IdempotencyKey: r.salesforceCopyKey(czID),
			Fields: []store.FieldChange{{Field: "Body", After: text}}}
	}
	var created salesforce.FeedItem
	_, err := r.write(ctx, row, func() (string, error) {
		var err error
		created, err = r.sf.PostToRecord(ctx, l.SFID, text, mentions...)
		return created.ID, err
	}, &r.sum.PostsToSalesforce)
	return created, err
}

// syncComments copies the comments of a pair of posts both ways.
func (r *mappingRun) syncComments(ctx context.Context, l store.Link, sfItem salesforce.FeedItem, czPostID clarizen.EntityID) error {
	comments, err := r.readComments(ctx, sfItem)
	if err != nil {
		return err
	}
	replies, err := r.readReplies(ctx, czPostID)
	if err != nil {
		return err
	}
	texts := map[string]string{}
	commentIDs := make([]string, len(comments))
	for i, c := range comments {
		texts[c.ID] = c.Text
		commentIDs[i] = c.ID
	}
	if err := r.loadCopies(ctx, commentIDs, messageIDs(replies)); err != nil {
		return err
	}
	for _, reply := range replies {
		if err := r.settleFound(ctx, reply, texts); err != nil {
			return err
		}
	}
	for _, c := range comments {
		if _, ok := r.sfToCZ[c.ID]; ok || strings.TrimSpace(c.Text) == "" {
			continue
		}
		if err := r.commentToClarizen(ctx, l, c, czPostID); err != nil {
			return err
		}
	}
	for _, reply := range replies {
		id := string(reply.Message.ID)
		if _, ok := r.czToSF[lower(id)]; ok || isCopy(id) || strings.TrimSpace(messageText(reply.Message)) == "" {
			continue
		}
		if err := r.commentToSalesforce(ctx, sfItem.ID, reply); err != nil {
			return err
		}
	}
	return nil
}

func (r *mappingRun) readComments(ctx context.Context, item salesforce.FeedItem) ([]salesforce.Comment, error) {
	if item.CommentTotal <= len(item.FirstComments) {
		return item.FirstComments, nil
	}
	var out []salesforce.Comment
	err := r.sf.Comments(ctx, item.ID, feedPageSize, func(page []salesforce.Comment) error {
		r.called(salesforceTarget)
		out = append(out, page...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read comments of %s: %w", item.ID, err)
	}
	return out, nil
}

func (r *mappingRun) readReplies(ctx context.Context, post clarizen.EntityID) ([]clarizen.FeedItem, error) {
	var out []clarizen.FeedItem
	err := r.cz.Replies(ctx, post, messageFields, func(items []clarizen.FeedItem) error {
		r.called(clarizenTarget)
		out = append(out, items...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read replies of %s: %w", post, err)
	}
	// Sorting by creation time keeps the order the replies were written
	// in, whatever order the service returns them in.
	slices.SortStableFunc(out, func(a, b clarizen.FeedItem) int {
		ta, _ := a.Message.Time("CreatedOn")
		tb, _ := b.Message.Time("CreatedOn")
		return ta.Compare(tb)
	})
	return out, nil
}

func (r *mappingRun) commentToClarizen(ctx context.Context, l store.Link, c salesforce.Comment, post clarizen.EntityID) error {
	body, _ := r.toClarizenText(c.Text, c.UserID, c.UserName)
	key := copyPrefix + syncer.SanitizeKeyPart(c.ID)
	row := store.RegistryRow{Label: postLabel(c.Text), MappingID: r.m.ID, Operation: "post", Target: "clarizen", SFObject: sfComment, SFID: c.ID,
		CZConnection: r.conn, CZType: czReply, CZID: string(clarizen.NewEntityID(czReply, key)), IdempotencyKey: clarizenCopyKey(c.ID),
		Fields: []store.FieldChange{{Field: "Body", After: body}}}
	_, err := r.write(ctx, row, func() (string, error) {
		res, err := r.cz.CreateReply(ctx, clarizen.Reply{Post: post, Container: clarizen.EntityID(l.CZID), Body: body, ExternalID: key})
		return string(res.ID), err
	}, &r.sum.CommentsToClarizen)
	return err
}

func (r *mappingRun) commentToSalesforce(ctx context.Context, feedItemID string, reply clarizen.FeedItem) error {
	czID := string(reply.Message.ID)
	text, mentions := r.toSalesforceText(messageText(reply.Message), reply.Message.Reference("CreatedBy"), authorName(reply.Message))
	row, unsure := r.unsure[lower(czID)]
	if !unsure {
		row = store.RegistryRow{Label: postLabel(messageText(reply.Message)), MappingID: r.m.ID, Operation: "post", Target: "salesforce", SFObject: sfComment,
			CZConnection: r.conn, CZType: czReply, CZID: czID, IdempotencyKey: r.salesforceCopyKey(czID),
			Fields: []store.FieldChange{{Field: "Body", After: text}}}
	}
	_, err := r.write(ctx, row, func() (string, error) {
		c, err := r.sf.AddComment(ctx, feedItemID, text, mentions...)
		return c.ID, err
	}, &r.sum.CommentsToSalesforce)
	return err
}

// toClarizenText returns the body of a copy in Clarizen and the Clarizen
// user to notify: the author's counterpart through the user mapping.
func (r *mappingRun) toClarizenText(text, sfUserID, sfUserName string) (string, []clarizen.EntityID) {
	var notify []clarizen.EntityID
	if czID, ok := r.sfUser[sfUserID]; ok {
		notify = append(notify, clarizen.EntityID(czID))
	}
	return text + signature("Salesforce", sfUserName), notify
}

// toSalesforceText returns the text of a copy in Chatter and the user to
// mention: the author's counterpart through the user mapping. Without a
// counterpart the author's Clarizen name ends the text instead.
func (r *mappingRun) toSalesforceText(text string, czUserID clarizen.EntityID, czUserName string) (string, []string) {
	if sfID, ok := r.czUser[lower(string(czUserID))]; ok && czUserID != "" {
		return text + signature("Clarizen", "") + ", posted by", []string{sfID}
	}
	return text + signature("Clarizen", czUserName), nil
}

// write records row as Pending, runs the remote call, and records its
// outcome: Success with the copy's id, or Failed with a class, a hint and a
// redacted message. A row an earlier attempt left Pending or Failed with the
// same idempotency key is reused. A failed call counts in the summary and
// returns "" with a nil error, so that the run goes on and the next run
// tries again.
func (r *mappingRun) write(ctx context.Context, row store.RegistryRow, call func() (string, error), count *int) (string, error) {
	rowID, err := r.s.db.PendingOnce(ctx, row)
	if err != nil {
		return "", storeErr(err)
	}
	id, err := call()
	r.called(row.Target)
	if err != nil {
		if isFatal(err) {
			return "", err
		}
		r.sum.Failed++
		f := failure.Classify(r.failureTarget(row), err)
		r.s.log.Warn("copy of a post failed", logging.KeyMapping, r.m.ID, "registry_id", rowID, "target", row.Target,
			"class", f.Class, logging.KeyError, f.Message)
		result := store.Result{ID: rowID, State: store.Failed, ErrorCode: f.Code, ErrorMessage: f.Message,
			ErrorClass: f.Class, Hint: f.Hint}
		return "", storeErr(r.s.db.CommitBatch(ctx, []store.Result{result}, nil, nil, nil))
	}
	result := store.Result{ID: rowID, State: store.Success}
	if row.Target == "clarizen" {
		result.CZID = id
		r.pair(row.SFID, id)
	} else {
		result.SFID = id
		r.pair(id, row.CZID)
	}
	if err := r.s.db.CommitBatch(ctx, []store.Result{result}, nil, nil, nil); err != nil {
		return "", storeErr(err)
	}
	*count++
	return id, nil
}

// failureTarget describes where a copy was written, for its hint.
func (r *mappingRun) failureTarget(row store.RegistryRow) failure.Target {
	object := row.SFObject
	if row.Target == "clarizen" {
		object = row.CZType
	}
	return failure.Target{System: row.Target, Connection: r.conn, Object: object, Mapping: r.m.Name, RetriedEachRun: true}
}

// postIDs returns the ids of Chatter posts.
func postIDs(posts []salesforce.FeedItem) []string {
	out := make([]string, len(posts))
	for i, p := range posts {
		out[i] = p.ID
	}
	return out
}

// messageIDs returns the ids of Clarizen posts or replies.
func messageIDs(items []clarizen.FeedItem) []string {
	out := make([]string, len(items))
	for i, p := range items {
		out[i] = string(p.Message.ID)
	}
	return out
}

// feedTexts returns the text of each Chatter post by id.
func feedTexts(posts []salesforce.FeedItem) map[string]string {
	out := make(map[string]string, len(posts))
	for _, p := range posts {
		out[p.ID] = p.Text
	}
	return out
}

// settleFound looks for the Chatter copy of a Clarizen post or reply whose
// copy has an unknown outcome, among the texts of the Chatter posts or
// comments by id, and records it when found.
func (r *mappingRun) settleFound(ctx context.Context, p clarizen.FeedItem, texts map[string]string) error {
	row, unsure := r.unsure[lower(string(p.Message.ID))]
	if !unsure {
		return nil
	}
	text, _ := r.toSalesforceText(messageText(p.Message), p.Message.Reference("CreatedBy"), authorName(p.Message))
	for id, t := range texts {
		if _, taken := r.sfToCZ[id]; !taken && strings.HasPrefix(t, text) {
			return r.settle(ctx, row, id)
		}
	}
	return nil
}

// settle records that a copy whose outcome was unknown exists after all.
func (r *mappingRun) settle(ctx context.Context, row store.RegistryRow, sfID string) error {
	r.pair(sfID, row.CZID)
	result := store.Result{ID: row.ID, State: store.Success, SFID: sfID}
	return storeErr(r.s.db.CommitBatch(ctx, []store.Result{result}, nil, nil, nil))
}

// Registry targets of a copy, which are also the systems a call goes to.
const (
	salesforceTarget = "salesforce"
	clarizenTarget   = "clarizen"
)

// called counts one request to system (salesforceTarget or
// clarizenTarget) in the mapping's line.
func (r *mappingRun) called(system string) {
	r.sum.APICalls++
	if system == salesforceTarget {
		r.sum.SalesforceCalls++
	} else {
		r.sum.ClarizenCalls++
	}
}
