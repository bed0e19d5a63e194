package api

import "encoding/json"

// Entity is one entity as the service sends it: "id" plus the requested
// fields, each still raw JSON.
type Entity map[string]json.RawMessage

// CreateResult is the response of PUT data/objects and of createFromTemplate
// and createDiscussion.
type CreateResult struct {
	ID       string   `json:"id"`
	Warnings []string `json:"warnings,omitempty"`
}

// UpsertResult is the response of data/upsert: HTTP 201 with the id when it
// inserted, HTTP 200 with an empty object when it updated. The documentation
// spells the key "Id"; decoding is case-insensitive.
type UpsertResult struct {
	ID string `json:"id"`
}

// UpsertRequest is the body of data/upsert. Both entities carry "Id" with
// the full entity id, whose value part is the ExternalID.
type UpsertRequest struct {
	InsertEntity map[string]any `json:"insertEntity"`
	UpdateEntity map[string]any `json:"updateEntity,omitempty"`
}

// CreateAndRetrieveRequest is the body of data/createAndRetrieve. The
// entity's "Id" is "/Type" to let the server pick the value, or
// "/Type/value" to supply it.
type CreateAndRetrieveRequest struct {
	Entity map[string]any `json:"entity"`
	Fields []string       `json:"fields"`
}

// CreateAndRetrieveResult is the response of data/createAndRetrieve.
type CreateAndRetrieveResult struct {
	Entity Entity `json:"entity"`
}

// RetrieveMultipleRequest is the body of data/retrieveMultiple.
type RetrieveMultipleRequest struct {
	Fields []string `json:"fields"`
	IDs    []string `json:"ids"`
}

// RetrieveMultipleResult is the response of data/retrieveMultiple, one item
// per requested id.
type RetrieveMultipleResult struct {
	Results []json.RawMessage `json:"results"`
}

// ChangeStateRequest is the body of data/changeState.
type ChangeStateRequest struct {
	IDs   []string `json:"ids"`
	State string   `json:"state"`
}

// CreateFromTemplateRequest is the body of data/createFromTemplate.
type CreateFromTemplateRequest struct {
	Entity       map[string]any `json:"entity"`
	TemplateName string         `json:"templateName"`
	ParentID     string         `json:"parentId,omitempty"`
}

// TemplateDescriptions is the response of data/getTemplateDescriptions.
type TemplateDescriptions struct {
	Templates []string `json:"templates"`
}

// CreateDiscussionRequest is the body of data/createDiscussion. Entity
// carries "id" ("/DiscussionPost"), "Body" and "Container".
type CreateDiscussionRequest struct {
	Entity          map[string]any `json:"entity"`
	RelatedEntities []string       `json:"relatedEntities,omitempty"`
	Notify          []string       `json:"notify,omitempty"`
	Topics          []string       `json:"topics,omitempty"`
}
