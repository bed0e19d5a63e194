package plan

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// SyncInput is a linked pair to compare.
type SyncInput struct {
	Mapping mapping.Mapping
	// SalesforceObject and ClarizenObject are the describes of the mapped
	// types, for field kinds, lengths and picklists.
	SalesforceObject schema.Object
	ClarizenObject   schema.Object
	// Base is the link's last synced state, nil for a link that has none
	// yet (then every mapped value counts as changed on both sides).
	Base       *Base
	Salesforce Record
	Clarizen   Record
	// Currency is the ISO code of the Salesforce record's amounts: its
	// CurrencyIsoCode, or the org's currency.
	Currency string
	// Resolver resolves reference fields (see mapping.Resolver).
	Resolver mapping.Resolver
}

// SyncPlan is the outcome of comparing a linked pair.
type SyncPlan struct {
	MappingID string `json:"mappingId"`
	// Salesforce and Clarizen are the updates to make, nil when a side has
	// nothing to change.
	Salesforce *Update     `json:"salesforce,omitempty"`
	Clarizen   *Update     `json:"clarizen,omitempty"`
	Conflicts  []Conflict  `json:"conflicts,omitempty"`
	Pending    []Pending   `json:"pending,omitempty"`
	Errors     []MapError  `json:"errors,omitempty"`
	Warnings   []MapNotice `json:"warnings,omitempty"`
	// Base is the base to store once every update above succeeded, with the
	// stamps of the written sides left zero: fill them in with CommitBase.
	// When an update fails, keep the old base, so that the next run finds
	// the same changes again.
	Base Base `json:"base"`
	// RetrySides lists the sides with a changed field that did not move
	// (an error or a pending reference). Their fields keep the old base
	// value and their stamp stays zero, so that the next run compares
	// values and tries again.
	RetrySides []schema.Side `json:"retrySides,omitempty"`
}

// Update is a write to one record.
type Update struct {
	Side    schema.Side   `json:"side"`
	Object  string        `json:"object"`
	ID      string        `json:"id"`
	Changes []FieldChange `json:"changes"`
}

// FieldChange is one field's write, with the target's value before it.
type FieldChange struct {
	Field       string `json:"field"`
	FieldMapID  string `json:"fieldMapId"`
	SourceField string `json:"sourceField"`
	Before      any    `json:"before"`
	After       any    `json:"after"`
	// Currency is the ISO code of an amount written into a Salesforce
	// currency field from a Clarizen Money.
	Currency string `json:"currency,omitempty"`
}

// Conflict is a field mapped both ways that changed on both sides.
type Conflict struct {
	SalesforceField string               `json:"salesforceField"`
	ClarizenField   string               `json:"clarizenField"`
	SalesforceValue any                  `json:"salesforceValue"`
	ClarizenValue   any                  `json:"clarizenValue"`
	SalesforceStamp time.Time            `json:"salesforceStamp"`
	ClarizenStamp   time.Time            `json:"clarizenStamp"`
	Winner          schema.Side          `json:"winner"`
	Rule            mapping.ConflictRule `json:"rule"`
}

// Pending is a reference whose counterpart must be created before the
// field can be written. The engine creates it and plans the pair again.
type Pending struct {
	FieldMapID string            `json:"fieldMapId"`
	Field      string            `json:"field"`
	Reference  mapping.Reference `json:"reference"`
}

// MapError is a field map whose value could not be converted. The other
// fields of the record still move.
type MapError struct {
	FieldMapID string `json:"fieldMapId"`
	Err        error  `json:"-"`
	Message    string `json:"message"`
}

// MapNotice is a warning from one field map, such as a reference left
// empty.
type MapNotice struct {
	FieldMapID string `json:"fieldMapId"`
	Message    string `json:"message"`
}

// CommitBase returns the base to store after the plan's updates all
// succeeded, with the stamps recorded right after each write. A zero stamp
// keeps the plan's stamp for that side, and so does a side in RetrySides.
func (p SyncPlan) CommitBase(salesforceStamp, clarizenStamp time.Time) Base {
	b := p.Base
	if !salesforceStamp.IsZero() && !slices.Contains(p.RetrySides, schema.Salesforce) {
		b.SalesforceStamp = salesforceStamp
	}
	if !clarizenStamp.IsZero() && !slices.Contains(p.RetrySides, schema.Clarizen) {
		b.ClarizenStamp = clarizenStamp
	}
	return b
}

// PlanSync compares a linked pair with its base and decides, per sync map,
// what to write where. See the package documentation for the rules.
func PlanSync(in SyncInput) (SyncPlan, error) {
	if in.Mapping.ID == "" {
		return SyncPlan{}, errors.New("plan sync: the mapping has no id")
	}
	s := &syncState{in: in, plan: SyncPlan{MappingID: in.Mapping.ID}, done: map[string]bool{}, unsettled: map[schema.Side][]string{}}
	s.sfQuiet = quietSince(in.Base, schema.Salesforce, in.Salesforce.Stamp)
	s.czQuiet = quietSince(in.Base, schema.Clarizen, in.Clarizen.Stamp)
	for _, fm := range in.Mapping.FieldMaps {
		if !fm.AppliesOnSync() {
			continue
		}
		if err := s.fieldMap(fm); err != nil {
			return SyncPlan{}, fmt.Errorf("plan sync of %s %s and %s %s under mapping %s: %w",
				in.Mapping.SalesforceObject, in.Salesforce.ID, in.Mapping.ClarizenEntity, in.Clarizen.ID, in.Mapping.ID, err)
		}
	}
	s.plan.Base = s.nextBase()
	return s.plan, nil
}

// quietSince reports whether a side has not changed since Liaison's last
// write to it: its current stamp is not later than the recorded one.
func quietSince(b *Base, side schema.Side, current time.Time) bool {
	if b == nil || current.IsZero() {
		return false
	}
	recorded := b.SalesforceStamp
	if side == schema.Clarizen {
		recorded = b.ClarizenStamp
	}
	return !recorded.IsZero() && !current.After(recorded)
}

type syncState struct {
	in      SyncInput
	plan    SyncPlan
	sfQuiet bool
	czQuiet bool
	// done holds the target fields already written, "side/field", so that
	// the first map to a field wins and a two-way pair decides once.
	done map[string]bool
	// unsettled holds the source fields whose change did not move, by side.
	unsettled map[schema.Side][]string
}

func (s *syncState) record(side schema.Side) Record {
	if side == schema.Clarizen {
		return s.in.Clarizen
	}
	return s.in.Salesforce
}

func (s *syncState) object(side schema.Side) schema.Object {
	if side == schema.Clarizen {
		return s.in.ClarizenObject
	}
	return s.in.SalesforceObject
}

// changed reports whether a side's field differs from its base value.
func (s *syncState) changed(side schema.Side, field string) bool {
	b := s.in.Base
	if b == nil {
		return true
	}
	if (side == schema.Salesforce && s.sfQuiet) || (side == schema.Clarizen && s.czQuiet) {
		return false
	}
	baseValues := b.Salesforce
	if side == schema.Clarizen {
		baseValues = b.Clarizen
	}
	old, ok := lookupOK(baseValues, field)
	if !ok {
		return true
	}
	return !mapping.Equal(s.kind(side, field), lookup(s.record(side).Values, field), old)
}

func (s *syncState) kind(side schema.Side, field string) schema.Kind {
	if f, ok := s.object(side).Field(field); ok {
		return f.Kind
	}
	return schema.KindOther
}

// reverse returns the sync map in the opposite direction between the same
// two fields, if the mapping has one.
func (s *syncState) reverse(fm mapping.FieldMap) (mapping.FieldMap, bool) {
	for _, other := range s.in.Mapping.FieldMaps {
		if other.AppliesOnSync() && other.Direction != fm.Direction &&
			strings.EqualFold(other.ClarizenField, fm.ClarizenField) &&
			strings.EqualFold(other.SalesforceField, fm.SalesforceField) {
			return other, true
		}
	}
	return mapping.FieldMap{}, false
}

func doneKey(side schema.Side, field string) string {
	return string(side) + "/" + strings.ToLower(field)
}
