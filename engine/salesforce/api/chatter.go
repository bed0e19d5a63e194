package api

// MessageBody is a Chatter body: plain text plus its segments.
type MessageBody struct {
	Text            string           `json:"text,omitempty"`
	MessageSegments []MessageSegment `json:"messageSegments"`
}

// MessageSegment is one segment of a body: Text, Mention, Link, ...
type MessageSegment struct {
	Type string `json:"type"`
	Text string `json:"text,omitempty"`
	// ID is the mentioned user or group for a Mention segment.
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Reference is a {id, type, url} reference to another Chatter resource.
type Reference struct {
	ID   string `json:"id"`
	Type string `json:"type,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Actor is the user (or other entity) behind a post or comment.
type Actor struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	Type        string `json:"type,omitempty"`
}

// FeedElementPage is GET /chatter/feeds/record/{id}/feed-elements.
type FeedElementPage struct {
	Elements         []FeedElement `json:"elements"`
	CurrentPageURL   string        `json:"currentPageUrl,omitempty"`
	CurrentPageToken string        `json:"currentPageToken,omitempty"`
	NextPageURL      string        `json:"nextPageUrl,omitempty"`
	NextPageToken    string        `json:"nextPageToken,omitempty"`
}

// FeedElement is a feed item (a post).
type FeedElement struct {
	ID              string                  `json:"id"`
	Type            string                  `json:"type,omitempty"`
	FeedElementType string                  `json:"feedElementType,omitempty"`
	URL             string                  `json:"url,omitempty"`
	Body            MessageBody             `json:"body"`
	Actor           *Actor                  `json:"actor,omitempty"`
	Parent          *Reference              `json:"parent,omitempty"`
	CreatedDate     string                  `json:"createdDate"`
	ModifiedDate    string                  `json:"modifiedDate,omitempty"`
	Capabilities    FeedElementCapabilities `json:"capabilities"`
}

// FeedElementCapabilities holds the capabilities Liaison reads.
type FeedElementCapabilities struct {
	Comments *CommentsCapability `json:"comments,omitempty"`
}

// CommentsCapability carries the first page of comments of a post.
type CommentsCapability struct {
	Page CommentPage `json:"page"`
}

// CommentPage is a page of comments.
type CommentPage struct {
	Items            []Comment `json:"items"`
	Total            int       `json:"total"`
	CurrentPageURL   string    `json:"currentPageUrl,omitempty"`
	CurrentPageToken string    `json:"currentPageToken,omitempty"`
	NextPageURL      string    `json:"nextPageUrl,omitempty"`
	NextPageToken    string    `json:"nextPageToken,omitempty"`
}

// Comment is one comment on a post.
type Comment struct {
	ID          string      `json:"id"`
	Body        MessageBody `json:"body"`
	User        *Actor      `json:"user,omitempty"`
	FeedElement *Reference  `json:"feedElement,omitempty"`
	CreatedDate string      `json:"createdDate"`
	URL         string      `json:"url,omitempty"`
}

// FeedItemInput is the body of POST /chatter/feed-elements.
type FeedItemInput struct {
	Body            MessageBody `json:"body"`
	FeedElementType string      `json:"feedElementType"`
	SubjectID       string      `json:"subjectId"`
}

// CommentInput is the body of a POST to a post's comments.
type CommentInput struct {
	Body MessageBody `json:"body"`
}
