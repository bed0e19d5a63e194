package sfsim

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Chatter (Connect REST API) record feeds, posts and comments, backed by the
// FeedItem and FeedComment objects.

// maxChatterBody is the longest feed item or comment body Chatter accepts.
const maxChatterBody = 10000

const (
	defaultFeedPageSize    = 25
	defaultCommentPageSize = 25
	recentCommentCount     = 3
)

// connectDate converts a stored dateTime to the ISO form Connect uses.
func connectDate(v any) any {
	str, ok := v.(string)
	if !ok {
		return nil
	}
	t, ok := parseDateTime(str)
	if !ok {
		return str
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

func (s *Server) userSummary(id, version string) map[string]any {
	u, ok := s.data.get(id)
	if !ok {
		return nil
	}
	userType := "Internal"
	if u.vals["UserType"] == "CsnOnly" {
		userType = "ChatterOnly"
	}
	return map[string]any{
		"additionalLabel": nil, "communityNickname": u.vals["CommunityNickname"], "companyName": u.vals["CompanyName"],
		"displayName": u.vals["Name"], "firstName": u.vals["FirstName"], "id": id, "isActive": u.vals["IsActive"],
		"isInThisCommunity": true, "lastName": u.vals["LastName"], "name": u.vals["Name"],
		"photo": map[string]any{"fullEmailPhotoUrl": s.URL() + "/img/userprofile/default_profile_200_v2.png", "photoVersionId": nil},
		"title": u.vals["Title"], "type": "User", "url": "/services/data/v" + version + "/chatter/users/" + id, "userType": userType,
	}
}

func messageBody(text any) map[string]any {
	str, _ := text.(string)
	return map[string]any{"isRichText": false, "messageSegments": []map[string]any{{"text": str, "type": "Text"}}, "text": str}
}

func pageToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(offset)))
}

func parsePageToken(tok string) (int, bool) {
	if tok == "" {
		return 0, true
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(b))
	return n, err == nil && n >= 0
}

func pageSize(r *request, def int) (int, *response) {
	raw := r.URL.Query().Get("pageSize")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > 100 {
		resp := errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Invalid parameter value for pageSize: %s. Value must be between 1 and 100.", raw)
		return 0, &resp
	}
	return n, nil
}

func (s *Server) commentJSON(c *record, version string) map[string]any {
	item := c.vals["FeedItemId"].(string)
	return map[string]any{
		"body": messageBody(c.vals["CommentBody"]), "capabilities": map[string]any{}, "clientInfo": nil,
		"createdDate": connectDate(c.vals["CreatedDate"]),
		"feedElement": map[string]any{"id": item, "url": "/services/data/v" + version + "/chatter/feed-elements/" + item},
		"id":          c.id(), "isDeleteRestricted": false,
		"parent": map[string]any{"id": item, "url": "/services/data/v" + version + "/chatter/feed-elements/" + item},
		"type":   "TextComment", "url": "/services/data/v" + version + "/chatter/comments/" + c.id(),
		"user": s.userSummary(stringOf(c.vals["CreatedById"]), version),
	}
}

func (s *Server) commentsOf(itemID string) []*record {
	var out []*record
	for _, c := range s.data.rows(mustObject(s.org, "FeedComment"), false) {
		if c.vals["FeedItemId"] == itemID {
			out = append(out, c)
		}
	}
	return out
}

// commentPage renders one page of an item's comments, oldest first.
func (s *Server) commentPage(itemID string, offset, size int, version string) map[string]any {
	all := s.commentsOf(itemID)
	base := "/services/data/v" + version + "/chatter/feed-elements/" + itemID + "/capabilities/comments/items"
	end := min(offset+size, len(all))
	items := []map[string]any{}
	for _, c := range all[min(offset, len(all)):end] {
		items = append(items, s.commentJSON(c, version))
	}
	page := map[string]any{
		"currentPageToken": nil, "currentPageUrl": base + "?pageSize=" + strconv.Itoa(size),
		"items": items, "nextPageToken": nil, "nextPageUrl": nil, "previousPageToken": nil, "previousPageUrl": nil,
		"total": len(all),
	}
	if offset > 0 {
		page["currentPageToken"] = pageToken(offset)
		page["currentPageUrl"] = base + "?page=" + pageToken(offset) + "&pageSize=" + strconv.Itoa(size)
	}
	if end < len(all) {
		page["nextPageToken"] = pageToken(end)
		page["nextPageUrl"] = base + "?page=" + pageToken(end) + "&pageSize=" + strconv.Itoa(size)
	}
	return page
}

func (s *Server) feedItemJSON(item *record, version string) map[string]any {
	parentID := stringOf(item.vals["ParentId"])
	parent := map[string]any{"id": parentID}
	if p, ok := s.data.get(parentID); ok {
		parent["type"] = p.obj.Name
		parent["url"] = "/services/data/v" + version + "/chatter/records/" + parentID
		if nf := p.obj.nameField(); nf != nil {
			parent["name"] = p.vals[nf.Name]
		}
	}
	actorID := stringOf(item.vals["CreatedById"])
	actor := s.userSummary(actorID, version)
	header := messageBody(nil)
	if actor != nil {
		header = messageBody(actor["displayName"])
	}
	comments := s.commentPage(item.id(), 0, recentCommentCount, version)
	return map[string]any{
		"actor": actor, "body": messageBody(item.vals["Body"]),
		"capabilities": map[string]any{
			"comments":     map[string]any{"page": comments},
			"chatterLikes": map[string]any{"isLikedByCurrentUser": false, "page": map[string]any{"items": []any{}, "total": 0}},
			"edit":         map[string]any{"isEditRestricted": false, "lastEditedBy": nil, "lastEditedDate": connectDate(item.vals["LastEditDate"])},
		},
		"createdDate": connectDate(item.vals["CreatedDate"]), "feedElementType": "FeedItem", "header": header,
		"id": item.id(), "isDeleteRestricted": false, "modifiedDate": connectDate(item.vals["LastModifiedDate"]),
		"parent": parent, "type": item.vals["Type"], "url": "/services/data/v" + version + "/chatter/feed-elements/" + item.id(),
		"visibility": "InternalUsers",
	}
}

// handleFeedElements serves GET /chatter/feeds/record/{id}/feed-elements.
func (s *Server) handleFeedElements(r *request) response {
	id, ok := normalizeID(r.param("id"))
	if !ok {
		return errNotFound()
	}
	if _, found := s.data.get(id); !found {
		return errNotFound()
	}
	size, errResp := pageSize(r, defaultFeedPageSize)
	if errResp != nil {
		return *errResp
	}
	q := r.URL.Query()
	offset, ok := parsePageToken(q.Get("page"))
	if !ok {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Invalid page token: %s", q.Get("page"))
	}
	sortOrder := q.Get("sort")
	if sortOrder == "" {
		sortOrder = "CreatedDateDesc"
	}
	key := "CreatedDate"
	switch sortOrder {
	case "CreatedDateDesc":
	case "LastModifiedDateDesc":
		key = "LastModifiedDate"
	default:
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Invalid parameter value for sort: %s", sortOrder)
	}

	var items []*record
	for _, it := range s.data.rows(mustObject(s.org, "FeedItem"), false) {
		if it.vals["ParentId"] == id {
			items = append(items, it)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := stringOf(items[i].vals[key]), stringOf(items[j].vals[key])
		if a != b {
			return a > b
		}
		return items[i].seq > items[j].seq
	})

	base := "/services/data/v" + r.version + "/chatter/feeds/record/" + id + "/feed-elements"
	params := func(tok string) string {
		v := url.Values{"pageSize": {strconv.Itoa(size)}, "sort": {sortOrder}}
		if tok != "" {
			v.Set("page", tok)
		}
		return base + "?" + v.Encode()
	}
	end := min(offset+size, len(items))
	elements := []map[string]any{}
	for _, it := range items[min(offset, len(items)):end] {
		elements = append(elements, s.feedItemJSON(it, r.version))
	}
	page := map[string]any{
		"currentPageToken": nil, "currentPageUrl": params(""), "elements": elements,
		"isModifiedToken": nil, "isModifiedUrl": nil, "nextPageToken": nil, "nextPageUrl": nil,
		"updatesToken": nil, "updatesUrl": nil,
	}
	if offset > 0 {
		page["currentPageToken"], page["currentPageUrl"] = pageToken(offset), params(pageToken(offset))
	}
	if end < len(items) {
		page["nextPageToken"], page["nextPageUrl"] = pageToken(end), params(pageToken(end))
	}
	return jsonResponse(http.StatusOK, page)
}

type messageInput struct {
	Body struct {
		MessageSegments []struct {
			Type string `json:"type"`
			Text string `json:"text"`
			ID   string `json:"id"`
		} `json:"messageSegments"`
	} `json:"body"`
	FeedElementType string `json:"feedElementType"`
	SubjectID       string `json:"subjectId"`
}

// text flattens message segments; a mention becomes @Name.
func (s *Server) text(in messageInput) string {
	var b strings.Builder
	for _, seg := range in.Body.MessageSegments {
		switch seg.Type {
		case "Mention":
			if u, ok := s.data.get(seg.ID); ok {
				fmt.Fprintf(&b, "@%v", u.vals["Name"])
			}
		default:
			b.WriteString(seg.Text)
		}
	}
	return b.String()
}

// bodyTooLong is the error for a post or comment over 10,000 characters.
// NOTE: the errorCode a real org sends for this case is not confirmed; the
// simulator uses STRING_TOO_LONG, as an sObject insert of FeedItem.Body does.
func bodyTooLong() response {
	return errorResponse(http.StatusBadRequest, "STRING_TOO_LONG", "The message body can't exceed %d characters.", maxChatterBody)
}

func (s *Server) readMessage(r *request) (messageInput, string, *response) {
	var in messageInput
	q := r.URL.Query()
	if len(r.body) > 0 {
		if errResp := r.decodeBody(&in); errResp != nil {
			return in, "", errResp
		}
	} else if q.Get("text") != "" {
		in.SubjectID, in.FeedElementType = q.Get("subjectId"), q.Get("feedElementType")
		in.Body.MessageSegments = append(in.Body.MessageSegments, struct {
			Type string `json:"type"`
			Text string `json:"text"`
			ID   string `json:"id"`
		}{Type: "Text", Text: q.Get("text")})
	}
	text := s.text(in)
	if strings.TrimSpace(text) == "" {
		resp := errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "The message body is required.")
		return in, "", &resp
	}
	if utf8.RuneCountInString(text) > maxChatterBody {
		resp := bodyTooLong()
		return in, "", &resp
	}
	return in, text, nil
}

func (s *Server) handlePostFeedElement(r *request) response {
	in, text, errResp := s.readMessage(r)
	if errResp != nil {
		return *errResp
	}
	if in.FeedElementType != "" && in.FeedElementType != "FeedItem" {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Unsupported feedElementType: %s", in.FeedElementType)
	}
	subject := in.SubjectID
	if subject == "me" {
		subject = r.session.userID
	}
	id, ok := normalizeID(subject)
	if !ok {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Invalid subjectId: %s", subject)
	}
	if _, found := s.data.get(id); !found {
		return errNotFound()
	}
	rec, rerr := s.insertRecord(mustObject(s.org, "FeedItem"), map[string]any{"ParentId": id, "Body": text, "Type": "TextPost"}, r.session.userID)
	if rerr != nil {
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	return jsonResponse(http.StatusCreated, s.feedItemJSON(rec, r.version))
}

func (s *Server) feedRecord(object, raw string) (*record, *response) {
	id, ok := normalizeID(raw)
	if ok {
		if rec, found := s.data.get(id); found && !rec.deleted && rec.obj.Name == object {
			return rec, nil
		}
	}
	resp := errNotFound()
	return nil, &resp
}

func (s *Server) handleGetFeedElement(r *request) response {
	item, errResp := s.feedRecord("FeedItem", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	return jsonResponse(http.StatusOK, s.feedItemJSON(item, r.version))
}

func (s *Server) handleEditFeedElement(r *request) response {
	item, errResp := s.feedRecord("FeedItem", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	_, text, errResp := s.readMessage(r)
	if errResp != nil {
		return *errResp
	}
	s.touch(item, map[string]any{"Body": text, "LastEditDate": formatDateTime(s.now()), "LastEditById": r.session.userID})
	return jsonResponse(http.StatusOK, s.feedItemJSON(item, r.version))
}

func (s *Server) handleDeleteFeedElement(r *request) response {
	item, errResp := s.feedRecord("FeedItem", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	if rerr := s.deleteRecord(item); rerr != nil {
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	return noContent()
}

func (s *Server) handleComments(r *request) response {
	item, errResp := s.feedRecord("FeedItem", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	size, errResp := pageSize(r, defaultCommentPageSize)
	if errResp != nil {
		return *errResp
	}
	offset, ok := parsePageToken(r.URL.Query().Get("page"))
	if !ok {
		return errorResponse(http.StatusBadRequest, "INVALID_API_INPUT", "Invalid page token: %s", r.URL.Query().Get("page"))
	}
	return jsonResponse(http.StatusOK, s.commentPage(item.id(), offset, size, r.version))
}

func (s *Server) handlePostComment(r *request) response {
	item, errResp := s.feedRecord("FeedItem", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	_, text, errResp := s.readMessage(r)
	if errResp != nil {
		return *errResp
	}
	rec, rerr := s.insertRecord(mustObject(s.org, "FeedComment"), map[string]any{"FeedItemId": item.id(), "CommentBody": text}, r.session.userID)
	if rerr != nil {
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	return jsonResponse(http.StatusCreated, s.commentJSON(rec, r.version))
}

func (s *Server) handleGetComment(r *request) response {
	c, errResp := s.feedRecord("FeedComment", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	return jsonResponse(http.StatusOK, s.commentJSON(c, r.version))
}

func (s *Server) handleEditComment(r *request) response {
	c, errResp := s.feedRecord("FeedComment", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	_, text, errResp := s.readMessage(r)
	if errResp != nil {
		return *errResp
	}
	s.touch(c, map[string]any{"CommentBody": text, "LastEditDate": formatDateTime(s.now()), "LastEditById": r.session.userID})
	return jsonResponse(http.StatusOK, s.commentJSON(c, r.version))
}

func (s *Server) handleDeleteComment(r *request) response {
	c, errResp := s.feedRecord("FeedComment", r.param("id"))
	if errResp != nil {
		return *errResp
	}
	if rerr := s.deleteRecord(c); rerr != nil {
		return fieldErrorResponse(statusForRecordError(rerr), *rerr)
	}
	return noContent()
}
