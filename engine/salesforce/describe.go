package salesforce

import (
	"context"
	"net/http"
	"strings"
	"sync"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
	"github.com/liaison-sync/liaison/engine/schema"
)

// describeCache keeps describe responses with the Last-Modified value that
// came with them, so that the next describe can send If-Modified-Since and
// take a 304 instead of the whole body.
type describeCache struct {
	mu      sync.Mutex
	entries map[string]describeEntry // by lower-case path
}

type describeEntry struct {
	lastModified string
	body         []byte
}

func (d *describeCache) get(key string) (describeEntry, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.entries[key]
	return e, ok
}

// clear drops every cached describe, after a schema change this client made.
func (d *describeCache) clear() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.entries = nil
}

func (d *describeCache) put(key string, e describeEntry) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.entries == nil {
		d.entries = make(map[string]describeEntry)
	}
	d.entries[key] = e
}

// describe fetches path, revalidating a cached response with
// If-Modified-Since.
func (c *Client) describe(ctx context.Context, cl call, out any) error {
	key := strings.ToLower(c.APIVersion() + cl.path)
	cached, haveCached := c.describes.get(key)
	if haveCached && cached.lastModified != "" {
		cl.header = http.Header{"If-Modified-Since": {cached.lastModified}}
		cl.accept = []int{http.StatusNotModified}
	}
	status, header, body, err := c.send(ctx, cl)
	if err != nil {
		return err
	}
	if status == http.StatusNotModified {
		return c.decode(cl, cached.body, out)
	}
	lastModified := header.Get("Last-Modified")
	if lastModified == "" {
		lastModified = header.Get("Date")
	}
	c.describes.put(key, describeEntry{lastModified: lastModified, body: body})
	return c.decode(cl, body, out)
}

// DescribeGlobal lists the org's objects (GET /sobjects).
func (c *Client) DescribeGlobal(ctx context.Context) (api.DescribeGlobal, error) {
	var out api.DescribeGlobal
	err := c.describe(ctx, call{op: "describe global", path: "/sobjects"}, &out)
	return out, err
}

// DescribeObject returns an object's describe (GET /sobjects/{name}/describe).
func (c *Client) DescribeObject(ctx context.Context, name string) (api.SObjectDescribe, error) {
	var out api.SObjectDescribe
	if err := CheckIdentifier(name); err != nil {
		return out, err
	}
	err := c.describe(ctx, call{op: "describe", object: name, path: "/sobjects/" + name + "/describe"}, &out)
	return out, err
}

// Object returns an object's describe in Liaison's type system.
func (c *Client) Object(ctx context.Context, name string) (schema.Object, error) {
	d, err := c.DescribeObject(ctx, name)
	if err != nil {
		return schema.Object{}, err
	}
	return ObjectSchema(d), nil
}

// ObjectSchema translates a describe into a schema.Object.
func ObjectSchema(d api.SObjectDescribe) schema.Object {
	o := schema.Object{
		Name:        d.Name,
		Label:       d.Label,
		Custom:      d.Custom,
		FeedEnabled: d.FeedEnabled,
		Createable:  d.Createable,
		Updateable:  d.Updateable,
		Deletable:   d.Deletable,
		Fields:      make([]schema.Field, 0, len(d.Fields)),
	}
	for _, f := range d.Fields {
		if f.DeprecatedAndHidden {
			continue
		}
		o.Fields = append(o.Fields, FieldSchema(f))
	}
	return o
}

// FieldSchema translates one field describe.
func FieldSchema(f api.Field) schema.Field {
	kind := FieldKind(f.Type)
	sf := schema.Field{
		Name:               f.Name,
		Label:              f.Label,
		Kind:               kind,
		NativeType:         f.Type,
		Createable:         f.Createable,
		Updateable:         f.Updateable,
		Nillable:           f.Nillable,
		Calculated:         f.Calculated || f.AutoNumber,
		Required:           f.Createable && !f.Nillable && !f.DefaultedOnCreate,
		ExternalID:         f.ExternalID,
		Unique:             f.Unique,
		Custom:             f.Custom,
		RestrictedPicklist: f.RestrictedPicklist,
		ReferenceTo:        f.ReferenceTo,
		NotFilterable:      f.Filterable != nil && !*f.Filterable,
	}
	switch kind {
	case schema.KindDouble, schema.KindCurrency, schema.KindPercent, schema.KindInteger:
		sf.Precision, sf.Scale = f.Precision, f.Scale
	}
	switch kind {
	case schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL,
		schema.KindPicklist, schema.KindMultiPicklist:
		sf.Length = f.Length
	}
	if f.RelationshipName != nil {
		sf.RelationshipName = *f.RelationshipName
	}
	for _, p := range f.PicklistValues {
		sf.Picklist = append(sf.Picklist, schema.PicklistValue{
			Value: p.Value, Label: p.Label, Active: p.Active, Default: p.DefaultValue,
		})
	}
	return sf
}

// fieldKinds maps Salesforce field types onto Liaison kinds. Types not
// listed (address, location, base64, time, anyType, combobox,
// encryptedstring, ...) become KindOther, which mappings do not offer.
var fieldKinds = map[string]schema.Kind{
	"id":            schema.KindID,
	"string":        schema.KindString,
	"textarea":      schema.KindTextArea,
	"email":         schema.KindEmail,
	"phone":         schema.KindPhone,
	"url":           schema.KindURL,
	"boolean":       schema.KindBoolean,
	"int":           schema.KindInteger,
	"long":          schema.KindInteger,
	"double":        schema.KindDouble,
	"percent":       schema.KindPercent,
	"currency":      schema.KindCurrency,
	"date":          schema.KindDate,
	"datetime":      schema.KindDateTime,
	"picklist":      schema.KindPicklist,
	"multipicklist": schema.KindMultiPicklist,
	"reference":     schema.KindReference,
}

// FieldKind returns the Liaison kind of a Salesforce field type.
func FieldKind(sfType string) schema.Kind {
	if k, ok := fieldKinds[strings.ToLower(sfType)]; ok {
		return k
	}
	return schema.KindOther
}
