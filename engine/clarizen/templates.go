package clarizen

import (
	"context"
	"errors"
	"net/url"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
)

// TemplateNames returns the names of the templates of a templatable type
// (data/getTemplateDescriptions), such as Project or Milestone.
func (c *Client) TemplateNames(ctx context.Context, typeName string) ([]string, error) {
	var result api.TemplateDescriptions
	query := url.Values{"typeName": {typeName}}
	if err := c.get(ctx, "get template descriptions", typeName, "data/getTemplateDescriptions", query, &result); err != nil {
		return nil, err
	}
	return result.Templates, nil
}

// TemplateRequest describes an entity to create from a template.
type TemplateRequest struct {
	TypeName     string
	TemplateName string
	// ExternalID, when set, becomes the new entity's id value and makes the
	// call safe to retry, as with Create.
	ExternalID string
	Values     Values
	// ParentID optionally places the new entity under a parent work item.
	ParentID EntityID
}

// CreateFromTemplate creates an entity from a template
// (data/createFromTemplate). A DuplicateKey error on a request with an
// ExternalID is resolved as in Create.
func (c *Client) CreateFromTemplate(ctx context.Context, t TemplateRequest) (CreateResult, error) {
	id := EntityID("/" + t.TypeName)
	if t.ExternalID != "" {
		id = NewEntityID(t.TypeName, t.ExternalID)
	}
	entity := t.Values.wire()
	entity["id"] = string(id)
	body := api.CreateFromTemplateRequest{Entity: entity, TemplateName: t.TemplateName, ParentID: string(t.ParentID)}
	var result api.CreateResult
	_, err := c.post(ctx, "create from template", string(id), "data/createFromTemplate", t.ExternalID != "", body, &result)
	if err != nil {
		if t.ExternalID != "" && errors.Is(err, ErrDuplicateKey) {
			return c.existing(ctx, id, err)
		}
		return CreateResult{}, err
	}
	return CreateResult{ID: EntityID(result.ID)}, nil
}
