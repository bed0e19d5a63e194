package salesforce

import (
	"context"
	"net/http"
	"strings"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// CreateCustomObject creates a custom object through the Tooling API and
// returns its id. FullName must end in __c. Creating an object that
// exists fails with DUPLICATE_DEVELOPER_NAME; check with CheckSchema first.
func (c *Client) CreateCustomObject(ctx context.Context, in api.CustomObjectInput) (string, error) {
	return c.toolingCreate(ctx, "CustomObject", in.FullName, in)
}

// CreateCustomField creates a custom field (FullName "Object__c.Field__c")
// through the Tooling API and returns its id.
func (c *Client) CreateCustomField(ctx context.Context, in api.CustomFieldInput) (string, error) {
	return c.toolingCreate(ctx, "CustomField", in.FullName, in)
}

func (c *Client) toolingCreate(ctx context.Context, kind, fullName string, body any) (string, error) {
	op := "create " + kind
	if !strings.HasSuffix(fullName, "__c") {
		return "", &Error{Op: op, Object: fullName, Message: "the full name must end in __c"}
	}
	var res api.SaveResult
	cl := call{op: op, object: fullName, method: http.MethodPost, path: "/tooling/sobjects/" + kind, body: body}
	err := c.getJSON(ctx, cl, &res)
	// The schema may have changed even when the response was lost, and a
	// revalidation within the same second of Last-Modified would still get
	// 304, so the cached describes go.
	c.describes.clear()
	if err != nil {
		return "", err
	}
	if !res.Success {
		return "", recordError(op, fullName, res.ID, res.Errors)
	}
	return res.ID, nil
}

// SchemaGap is the list of wanted fields an object lacks, or the whole
// object when it is missing.
type SchemaGap struct {
	Object        string
	ObjectMissing bool
	// Fields lists the missing fields (all wanted fields when the object
	// itself is missing).
	Fields []string
}

// CheckSchema compares the wanted objects and fields with the org's
// describes and returns the gaps, in the order of want's objects. Names
// compare case-insensitively.
func (c *Client) CheckSchema(ctx context.Context, want []ObjectFields) ([]SchemaGap, error) {
	global, err := c.DescribeGlobal(ctx)
	if err != nil {
		return nil, err
	}
	present := make(map[string]bool, len(global.SObjects))
	for _, o := range global.SObjects {
		present[strings.ToLower(o.Name)] = true
	}
	var gaps []SchemaGap
	for _, w := range want {
		if !present[strings.ToLower(w.Object)] {
			gaps = append(gaps, SchemaGap{Object: w.Object, ObjectMissing: true, Fields: w.Fields})
			continue
		}
		obj, err := c.Object(ctx, w.Object)
		if err != nil {
			return nil, err
		}
		var missing []string
		for _, f := range w.Fields {
			if _, ok := obj.Field(f); !ok {
				missing = append(missing, f)
			}
		}
		if len(missing) > 0 {
			gaps = append(gaps, SchemaGap{Object: w.Object, Fields: missing})
		}
	}
	return gaps, nil
}

// ObjectFields names an object and fields a caller needs.
type ObjectFields struct {
	Object string
	Fields []string
}
