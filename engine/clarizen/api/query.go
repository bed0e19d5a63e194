package api

import "encoding/json"

// Paging is sent with a query and returned with each page. To read the next
// page a client sends the returned object back unchanged; the server has
// already moved From to the next offset.
type Paging struct {
	From    int  `json:"from"`
	Limit   int  `json:"limit"`
	HasMore bool `json:"hasMore"`
}

// QueryRequest is the body of data/query (CZQL).
type QueryRequest struct {
	Q          string         `json:"q"`
	Parameters map[string]any `json:"parameters,omitempty"`
	Paging     *Paging        `json:"paging,omitempty"`
}

// QueryResult is the response of data/query, entityQuery and relationQuery.
type QueryResult struct {
	Entities []Entity `json:"entities"`
	Paging   Paging   `json:"paging"`
}

// OrderBy is one sort key of an entityQuery or relationQuery. Order is
// "Ascending" or "Descending".
type OrderBy struct {
	FieldName string `json:"fieldName"`
	Order     string `json:"order"`
}

// Condition is one node of an entityQuery "where" tree. Type is the "_type"
// discriminator ("compare", "and", "or", "not", "cZQLCondition"); the other
// fields are set according to it.
type Condition struct {
	Type            string         `json:"_type"`
	LeftExpression  *Expression    `json:"leftExpression,omitempty"`
	Operator        string         `json:"operator,omitempty"`
	RightExpression *Expression    `json:"rightExpression,omitempty"`
	And             []Condition    `json:"and,omitempty"`
	Or              []Condition    `json:"or,omitempty"`
	Not             *Condition     `json:"not,omitempty"`
	Text            string         `json:"text,omitempty"`
	Parameters      map[string]any `json:"parameters,omitempty"`
}

// Expression types of a compare condition.
const (
	FieldExpression        = "fieldExpression"
	ConstantExpression     = "constantExpression"
	ConstantListExpression = "constantListExpression"
)

// Expression is one side of a compare condition. Type is FieldExpression
// (FieldName set), ConstantExpression or ConstantListExpression (Value set,
// a list for the latter).
type Expression struct {
	Type      string `json:"_type"`
	FieldName string `json:"fieldName,omitempty"`
	Value     any    `json:"value"`
}

// MarshalJSON writes "fieldName" for a field expression and "value" for a
// constant, so that a constant false, 0 or "" is still sent.
func (e Expression) MarshalJSON() ([]byte, error) {
	if e.Type == FieldExpression {
		return json.Marshal(struct {
			Type      string `json:"_type"`
			FieldName string `json:"fieldName"`
		}{e.Type, e.FieldName})
	}
	return json.Marshal(struct {
		Type  string `json:"_type"`
		Value any    `json:"value"`
	}{e.Type, e.Value})
}

// Relation asks an entityQuery or relationQuery to return related entities
// nested under each result.
type Relation struct {
	Name     string     `json:"name"`
	Fields   []string   `json:"fields,omitempty"`
	Where    *Condition `json:"where,omitempty"`
	Orders   []OrderBy  `json:"orders,omitempty"`
	FromLink bool       `json:"fromLink,omitempty"`
}

// EntityQuery is the body of data/entityQuery. Deleted true runs the query
// against deleted entities.
type EntityQuery struct {
	TypeName  string     `json:"typeName"`
	Fields    []string   `json:"fields,omitempty"`
	Orders    []OrderBy  `json:"orders,omitempty"`
	Where     *Condition `json:"where,omitempty"`
	Relations []Relation `json:"relations,omitempty"`
	Deleted   bool       `json:"deleted,omitempty"`
	Paging    *Paging    `json:"paging,omitempty"`
}

// RelationQuery is the body of data/relationQuery. With FromLink true the
// result holds the link entities (CustomerLink) instead of the far side.
type RelationQuery struct {
	EntityID     string     `json:"entityId"`
	RelationName string     `json:"relationName"`
	Fields       []string   `json:"fields,omitempty"`
	Orders       []OrderBy  `json:"orders,omitempty"`
	Where        *Condition `json:"where,omitempty"`
	FromLink     bool       `json:"fromLink,omitempty"`
	Paging       *Paging    `json:"paging,omitempty"`
}

// FeedQuery is the body of data/entityFeedQuery (EntityID set) and
// data/repliesQuery (PostID set).
type FeedQuery struct {
	EntityID        string   `json:"entityId,omitempty"`
	PostID          string   `json:"postId,omitempty"`
	Fields          []string `json:"fields,omitempty"`
	FeedItemOptions []string `json:"feedItemOptions,omitempty"`
	Paging          *Paging  `json:"paging,omitempty"`
}

// FeedItem is one post or reply of a feed. Message is the discussion
// message with the requested fields and its id; LatestReplies and Pinned
// are sent for posts only.
type FeedItem struct {
	Message         Entity            `json:"message"`
	BodyMarkup      string            `json:"bodyMarkup,omitempty"`
	Summary         string            `json:"summary,omitempty"`
	Pinned          bool              `json:"pinned,omitempty"`
	LikedByMe       bool              `json:"likedByMe,omitempty"`
	RelatedEntities []json.RawMessage `json:"relatedEntities,omitempty"`
	Notify          []json.RawMessage `json:"notify,omitempty"`
	Topics          []json.RawMessage `json:"topics,omitempty"`
	LatestReplies   []FeedItem        `json:"latestReplies,omitempty"`
}

// FeedResult is the response of entityFeedQuery and repliesQuery.
type FeedResult struct {
	Items  []FeedItem `json:"items"`
	Paging Paging     `json:"paging"`
}
