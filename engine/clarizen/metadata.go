package clarizen

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
	"github.com/liaison-sync/liaison/engine/schema"
)

// metadataCache keeps describe responses for the life of a run; keys are
// lower-case type names, because the service matches them that way.
type metadataCache struct {
	mu           sync.Mutex
	typeNames    []string
	descriptions map[string]api.EntityDescription // describeMetadata with fields and relations
	relations    map[string][]api.RelationDescription
	objects      map[string]schema.Object
}

func newMetadataCache() *metadataCache {
	return &metadataCache{
		descriptions: map[string]api.EntityDescription{},
		relations:    map[string][]api.RelationDescription{},
		objects:      map[string]schema.Object{},
	}
}

// ResetMetadataCache drops every cached describe response, for example after
// the admin changed fields in Clarizen.
func (c *Client) ResetMetadataCache() {
	m := c.metadata
	m.mu.Lock()
	defer m.mu.Unlock()
	m.typeNames = nil
	m.descriptions = map[string]api.EntityDescription{}
	m.relations = map[string][]api.RelationDescription{}
	m.objects = map[string]schema.Object{}
}

// ListEntities returns the names of all entity types (metadata/listEntities).
func (c *Client) ListEntities(ctx context.Context) ([]string, error) {
	m := c.metadata
	m.mu.Lock()
	cached := m.typeNames
	m.mu.Unlock()
	if cached != nil {
		return append([]string(nil), cached...), nil
	}
	var result api.ListEntitiesResult
	if err := c.get(ctx, "list entities", "", "metadata/listEntities", nil, &result); err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.typeNames = append([]string{}, result.TypeNames...)
	m.mu.Unlock()
	return result.TypeNames, nil
}

// DescribeEntities returns the field descriptions of the given types
// (metadata/describeEntities). It is not cached; Describe is.
func (c *Client) DescribeEntities(ctx context.Context, typeNames ...string) ([]api.EntityDescription, error) {
	return c.describe(ctx, "describe entities", "metadata/describeEntities", typeNames, "")
}

// DescribeMetadata returns descriptions with the requested flags
// (metadata/describeMetadata), such as "fields", "relations"; on a picklist
// type the response lists its values in Pickups. It is not cached; Describe
// and PicklistValues are.
func (c *Client) DescribeMetadata(ctx context.Context, typeNames []string, flags ...string) ([]api.EntityDescription, error) {
	return c.describe(ctx, "describe metadata", "metadata/describeMetadata", typeNames, strings.Join(flags, ","))
}

// maxTypeNamesLength keeps the typeNames parameter short: the service cuts
// off long lists near 2,000 URL characters.
const maxTypeNamesLength = 1500

func (c *Client) describe(ctx context.Context, op, path string, typeNames []string, flags string) ([]api.EntityDescription, error) {
	var all []api.EntityDescription
	for _, chunk := range chunkNames(typeNames, maxTypeNamesLength) {
		query := url.Values{"typeNames": {strings.Join(chunk, ",")}}
		if flags != "" {
			query.Set("flags", flags)
		}
		var result api.DescribeResult
		if err := c.get(ctx, op, strings.Join(chunk, ","), path, query, &result); err != nil {
			return nil, err
		}
		all = append(all, result.EntityDescriptions...)
	}
	return all, nil
}

// chunkNames splits names into groups whose comma-joined length stays under
// limit.
func chunkNames(names []string, limit int) [][]string {
	var chunks [][]string
	var current []string
	length := 0
	for _, name := range names {
		if len(current) > 0 && length+1+len(name) > limit {
			chunks = append(chunks, current)
			current, length = nil, 0
		}
		if len(current) > 0 {
			length++
		}
		current = append(current, name)
		length += len(name)
	}
	if len(current) > 0 {
		chunks = append(chunks, current)
	}
	return chunks
}

// Describe returns the description of one type with its fields and
// relations, cached for the run.
func (c *Client) Describe(ctx context.Context, typeName string) (api.EntityDescription, error) {
	key := strings.ToLower(typeName)
	m := c.metadata
	m.mu.Lock()
	desc, ok := m.descriptions[key]
	m.mu.Unlock()
	if ok {
		return desc, nil
	}
	descs, err := c.DescribeMetadata(ctx, []string{typeName}, "fields", "relations")
	if err != nil {
		return api.EntityDescription{}, err
	}
	found := false
	for _, d := range descs {
		if strings.EqualFold(d.TypeName, typeName) {
			desc, found = d, true
		}
	}
	if !found {
		return api.EntityDescription{}, &Error{Op: "describe metadata", EntityID: typeName, Code: CodeInvalidType,
			Message: "the response has no description of this type"}
	}
	m.mu.Lock()
	m.descriptions[key] = desc
	m.mu.Unlock()
	return desc, nil
}

// PicklistValues returns the values of picklist types, cached for the run;
// the key of the result is the type name as requested.
func (c *Client) PicklistValues(ctx context.Context, picklistTypes ...string) (map[string][]api.PickupDescription, error) {
	out := make(map[string][]api.PickupDescription, len(picklistTypes))
	var missing []string
	m := c.metadata
	m.mu.Lock()
	for _, t := range picklistTypes {
		if desc, ok := m.descriptions[strings.ToLower(t)]; ok {
			out[t] = desc.Pickups
		} else {
			missing = append(missing, t)
		}
	}
	m.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}

	descs, err := c.DescribeMetadata(ctx, missing, "fields", "relations")
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range descs {
		m.descriptions[strings.ToLower(d.TypeName)] = d
		for _, t := range missing {
			if strings.EqualFold(t, d.TypeName) {
				out[t] = d.Pickups
			}
		}
	}
	return out, nil
}

// DescribeEntityRelations returns the relations of the given types
// (metadata/describeEntityRelations), cached for the run.
func (c *Client) DescribeEntityRelations(ctx context.Context, typeNames ...string) ([]api.EntityRelations, error) {
	m := c.metadata
	var out []api.EntityRelations
	var missing []string
	m.mu.Lock()
	for _, t := range typeNames {
		if rels, ok := m.relations[strings.ToLower(t)]; ok {
			out = append(out, api.EntityRelations{TypeName: t, Relations: rels})
		} else {
			missing = append(missing, t)
		}
	}
	m.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	var result api.DescribeRelationsResult
	body := api.DescribeRelationsRequest{TypeNames: missing}
	r := &request{op: "describe entity relations", entityID: strings.Join(missing, ","),
		method: http.MethodPost, path: "metadata/describeEntityRelations", idempotent: true}
	if _, err := c.do(ctx, r, body, &result); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, er := range result.EntityRelations {
		m.relations[strings.ToLower(er.TypeName)] = er.Relations
		out = append(out, er)
	}
	return out, nil
}

// Object returns a type translated into Liaison's schema, with picklist
// values filled in, cached for the run.
func (c *Client) Object(ctx context.Context, typeName string) (schema.Object, error) {
	key := strings.ToLower(typeName)
	m := c.metadata
	m.mu.Lock()
	obj, ok := m.objects[key]
	m.mu.Unlock()
	if ok {
		return obj, nil
	}
	desc, err := c.Describe(ctx, typeName)
	if err != nil {
		return schema.Object{}, err
	}
	picklists, err := c.PicklistValues(ctx, picklistTypes(desc)...)
	if err != nil {
		return schema.Object{}, fmt.Errorf("read picklist values of %s: %w", typeName, err)
	}
	obj = translateObject(desc, picklists)
	m.mu.Lock()
	m.objects[key] = obj
	m.mu.Unlock()
	return obj, nil
}

// picklistTypes returns the picklist types the fields of desc refer to,
// each once.
func picklistTypes(desc api.EntityDescription) []string {
	seen := map[string]bool{}
	var types []string
	for _, f := range desc.Fields {
		kind := fieldKind(f)
		if kind != schema.KindPicklist && kind != schema.KindMultiPicklist {
			continue
		}
		for _, t := range f.ReferencedEntities {
			if !seen[strings.ToLower(t)] {
				seen[strings.ToLower(t)] = true
				types = append(types, t)
			}
		}
	}
	return types
}
