package connect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/workspace/definition"
)

// LinkKey is the query that finds a link's Salesforce record again after
// the org changed.
type LinkKey struct {
	// SFObject and Field name the Salesforce object and the mapping's
	// Salesforce key field.
	SFObject string
	Field    string
	// Value is the key field's value as last synced, from the link base.
	Value string
	// ClarizenField names a field of the link's Clarizen entity that holds
	// the value, such as SfExternalId. It is read only when Value is empty.
	ClarizenField string
}

// LinkKeyFunc returns the key of a link under its mapping. ok is false
// when the mapping has no Salesforce key field or the link has no value
// for it, so the link cannot be re-matched and is dropped.
type LinkKeyFunc func(mapping store.Definition, link store.Link) (key LinkKey, ok bool, err error)

// MappingLinkKeys is the default LinkKeyFunc. A mapping's two key fields
// hold the same value on linked records (both Email, or a Salesforce
// Clarizen_Id__c holding the Clarizen ExternalID), so the value comes from
// the Salesforce key field in the link base, else from the Clarizen key
// field: the base, the entity id for ExternalID, or the entity itself. A
// mapping keyed by the Salesforce Id has no usable key, because a sandbox
// refresh gives every record a new id.
func MappingLinkKeys(d store.Definition, l store.Link) (LinkKey, bool, error) {
	m, err := definition.DecodeMapping(d)
	if err != nil {
		return LinkKey{}, false, err
	}
	sfKey := m.SalesforceKeyField
	if sfKey == "" || strings.EqualFold(sfKey, "Id") {
		return LinkKey{}, false, nil
	}

	object := l.SFObject
	if object == "" {
		object = m.SalesforceObject
	}
	key := LinkKey{SFObject: object, Field: sfKey}
	base, err := plan.DecodeBase(l.Base)
	if err != nil {
		return LinkKey{}, false, fmt.Errorf("decode base of link %d: %w", l.ID, err)
	}

	czKey := m.ClarizenKeyField
	switch {
	case base != nil && valueText(lookupValue(base.Salesforce, sfKey)) != "":
		key.Value = valueText(lookupValue(base.Salesforce, sfKey))
	case czKey == "":
		return LinkKey{}, false, nil
	case strings.EqualFold(czKey, "ExternalID"):
		key.Value = clarizen.EntityID(l.CZID).Value()
		if !strings.HasPrefix(l.CZID, "/") {
			key.Value = l.CZID
		}
	case base != nil && valueText(lookupValue(base.Clarizen, czKey)) != "":
		key.Value = valueText(lookupValue(base.Clarizen, czKey))
	default:
		key.ClarizenField = czKey
	}
	return key, true, nil
}

// lookupBatch is the number of key values per SOQL query, which keeps the
// statement far below the 100,000-character limit of a SOQL query.
const lookupBatch = 200

type keyField struct{ object, field string }

// plannedLink is one link with its key while a re-match reads.
type plannedLink struct {
	link   store.Link
	key    LinkKey
	keyed  bool
	newID  string
	reason string // "", "not_found", "ambiguous", "unkeyed"
}

// rematch finds every link's Salesforce record again by its key and then
// rewrites the links: found ones point at the new record id, the others
// are deleted.
func (m *Manager) rematch(ctx context.Context) (RematchResult, error) {
	client, err := m.salesforceClient(ctx)
	if err != nil {
		return RematchResult{}, err
	}
	mappings, err := m.db.Mappings(ctx)
	if err != nil {
		return RematchResult{}, err
	}

	plans := make([][]plannedLink, len(mappings))
	wanted := map[keyField]map[string]bool{}
	for i, mp := range mappings {
		links, err := m.db.Links(ctx, mp.ID)
		if err != nil {
			return RematchResult{}, err
		}
		for _, l := range links {
			p, err := m.planLink(ctx, mp, l)
			if err != nil {
				return RematchResult{}, err
			}
			if p.keyed {
				kf := keyField{p.key.SFObject, p.key.Field}
				if wanted[kf] == nil {
					wanted[kf] = map[string]bool{}
				}
				wanted[kf][p.key.Value] = true
			}
			plans[i] = append(plans[i], p)
		}
	}

	found := map[keyField]map[string][]string{}
	for kf, values := range wanted {
		ids, err := findByKey(ctx, client, kf, values)
		if err != nil {
			return RematchResult{}, err
		}
		found[kf] = ids
	}

	result := RematchResult{Decision: DecisionRematch}
	for i, mp := range mappings {
		if len(plans[i]) == 0 {
			continue
		}
		mr := decide(mp, plans[i], found)
		if err := m.rewriteLinks(ctx, mp.ID, plans[i]); err != nil {
			return result, err
		}
		result.Kept += mr.Kept
		result.Dropped += mr.NotFound + mr.Ambiguous + mr.Unkeyed
		result.Mappings = append(result.Mappings, mr)
	}
	return result, nil
}

// planLink reads a link's key, from the Clarizen entity when the base
// holds no value.
func (m *Manager) planLink(ctx context.Context, mp store.Definition, l store.Link) (plannedLink, error) {
	key, ok, err := m.opts.LinkKeys(mp, l)
	if err != nil {
		return plannedLink{}, fmt.Errorf("read key of link %d under mapping %s: %w", l.ID, mp.ID, err)
	}
	if ok && key.Value == "" && key.ClarizenField != "" {
		key.Value, err = m.clarizenKey(ctx, l, key.ClarizenField)
		if err != nil {
			return plannedLink{}, err
		}
	}
	keyed := ok && key.Value != "" && key.SFObject != "" && key.Field != ""
	return plannedLink{link: l, key: key, keyed: keyed}, nil
}

// clarizenKey reads field of the link's Clarizen entity; "" when the
// entity no longer exists.
func (m *Manager) clarizenKey(ctx context.Context, l store.Link, field string) (string, error) {
	client, err := m.ClarizenClient(ctx, l.CZConnection)
	if err != nil {
		return "", err
	}
	id := clarizen.EntityID(l.CZID)
	if !strings.HasPrefix(l.CZID, "/") {
		id = clarizen.NewEntityID(l.CZType, l.CZID)
	}
	e, err := client.Get(ctx, id, field)
	if errors.Is(err, clarizen.ErrEntityNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s of %s: %w", field, id, err)
	}
	if text := e.Text(field); text != "" {
		return text, nil
	}
	return string(e.Reference(field)), nil
}

// findByKey queries the records whose key field has one of values and
// returns their ids by lower-cased value, because SOQL compares text
// without regard to case.
func findByKey(ctx context.Context, client *salesforce.Client, kf keyField, values map[string]bool) (map[string][]string, error) {
	list := make([]string, 0, len(values))
	for v := range values {
		list = append(list, v)
	}
	out := map[string][]string{}
	for start := 0; start < len(list); start += lookupBatch {
		batch := list[start:min(start+lookupBatch, len(list))]
		// NOTE: key values are sent as text literals; a numeric or date
		// key field would need typed literals.
		q, err := salesforce.SOQL{Fields: []string{"Id", kf.field}, From: kf.object, Where: salesforce.In(kf.field, batch)}.Build()
		if err != nil {
			return nil, err
		}
		records, err := client.QueryRecords(ctx, q, salesforce.QueryOptions{})
		if err != nil {
			return nil, fmt.Errorf("find %s records by %s: %w", kf.object, kf.field, err)
		}
		for _, r := range records {
			v, _ := r.Get(kf.field)
			key := strings.ToLower(valueText(v))
			out[key] = append(out[key], r.ID())
		}
	}
	return out, nil
}

// decide sets each planned link's new id or the reason it is dropped. Two
// links of one mapping that find the same record are both dropped, because
// a record can have one link per mapping.
func decide(mp store.Definition, plans []plannedLink, found map[keyField]map[string][]string) MappingRematch {
	claims := map[string]int{}
	for i := range plans {
		p := &plans[i]
		if !p.keyed {
			p.reason = "unkeyed"
			continue
		}
		ids := found[keyField{p.key.SFObject, p.key.Field}][strings.ToLower(p.key.Value)]
		switch len(ids) {
		case 0:
			p.reason = "not_found"
		case 1:
			p.newID = ids[0]
			claims[p.newID]++
		default:
			p.reason = "ambiguous"
		}
	}
	mr := MappingRematch{MappingID: mp.ID, Name: mp.Name}
	for i := range plans {
		p := &plans[i]
		if p.newID != "" && claims[p.newID] > 1 {
			p.newID, p.reason = "", "ambiguous"
		}
		switch p.reason {
		case "":
			mr.Kept++
		case "not_found":
			mr.NotFound++
		case "ambiguous":
			mr.Ambiguous++
		case "unkeyed":
			mr.Unkeyed++
		}
	}
	return mr
}

// rewriteLinks points each kept link of one mapping at its new Salesforce
// id and drops the others, in one store transaction, so a failure leaves
// every link as it was.
func (m *Manager) rewriteLinks(ctx context.Context, mappingID string, plans []plannedLink) error {
	changes := map[int64]string{}
	var drop []int64
	for _, p := range plans {
		switch {
		case p.reason != "":
			drop = append(drop, p.link.ID)
		case p.newID != p.link.SFID:
			changes[p.link.ID] = p.newID
		}
	}
	if len(changes) == 0 && len(drop) == 0 {
		return nil
	}
	return m.db.RelinkSalesforce(ctx, mappingID, changes, drop)
}

// valueText formats a field value the way a key is compared.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case map[string]any:
		// A Clarizen reference as the API returns it.
		if id, ok := x["id"].(string); ok {
			return id
		}
	}
	return fmt.Sprint(v)
}

// lookupValue returns the value of a field in a link base, matching the
// name case-insensitively as both APIs do; nil when it is absent.
func lookupValue(values map[string]any, name string) any {
	v, _ := plan.Lookup(values, name)
	return v
}
