package plan

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// fieldMap decides one sync map. Only a changed source value moves. When
// the map has a reverse map and the target changed too, the pair is a
// conflict candidate.
func (s *syncState) fieldMap(fm mapping.FieldMap) error {
	src, dst := fm.Direction.Source(), fm.Direction.Target()
	if s.done[doneKey(dst, fm.TargetField())] {
		return nil
	}
	if !s.changed(src, fm.SourceField()) {
		return nil
	}
	if rev, ok := s.reverse(fm); ok && s.changed(dst, fm.TargetField()) {
		return s.bothChanged(fm, rev)
	}
	return s.propagate(fm)
}

// propagate writes the converted source value unless the target already
// holds it.
func (s *syncState) propagate(fm mapping.FieldMap) error {
	res, ok, err := s.convert(fm)
	if err != nil || !ok {
		return err
	}
	s.write(fm, res)
	return nil
}

// bothChanged resolves a field changed on both sides. Equal new values are
// no conflict. Otherwise the conflict rule picks the winner first, and only
// the winner's value is converted and written to the other side. When the
// winner's value cannot be written (a conversion error or a reference
// still to create), both fields keep their old base values, so that the
// next run finds both changes again and decides anew.
func (s *syncState) bothChanged(fm, rev mapping.FieldMap) error {
	toCZ, fromCZ := fm, rev
	if fm.Direction == mapping.FromClarizen {
		toCZ, fromCZ = rev, fm
	}
	s.done[doneKey(schema.Clarizen, toCZ.ClarizenField)] = true
	s.done[doneKey(schema.Salesforce, fromCZ.SalesforceField)] = true

	equal, err := s.equalNewValues(toCZ, fromCZ)
	if err != nil || equal {
		return err
	}
	winner := s.winner()
	s.plan.Conflicts = append(s.plan.Conflicts, Conflict{
		SalesforceField: toCZ.SalesforceField,
		ClarizenField:   toCZ.ClarizenField,
		SalesforceValue: lookup(s.in.Salesforce.Values, toCZ.SalesforceField),
		ClarizenValue:   lookup(s.in.Clarizen.Values, toCZ.ClarizenField),
		SalesforceStamp: s.in.Salesforce.Stamp,
		ClarizenStamp:   s.in.Clarizen.Stamp,
		Winner:          winner,
		Rule:            s.rule(),
	})
	win, lose := toCZ, fromCZ
	if winner == schema.Clarizen {
		win, lose = fromCZ, toCZ
	}
	res, ok, err := s.convert(win)
	if err != nil {
		return err
	}
	if !ok {
		s.unsettle(lose)
		return nil
	}
	s.write(win, res)
	return nil
}

// equalNewValues reports whether both sides hold the same new value, so
// that a change on both sides is no conflict. It compares through the
// Salesforce to Clarizen conversion, or through the other direction when
// that one cannot convert the value. Neither trial records an error or a
// pending reference: only the winner's conversion does.
func (s *syncState) equalNewValues(toCZ, fromCZ mapping.FieldMap) (bool, error) {
	for _, fm := range []mapping.FieldMap{toCZ, fromCZ} {
		out, err := s.tryConvert(fm)
		if err != nil {
			return false, err
		}
		if out.status == converted {
			return s.sameAsTarget(fm, out.res.Value), nil
		}
	}
	return false, nil
}

func (s *syncState) rule() mapping.ConflictRule {
	if s.in.Mapping.ConflictRule == "" {
		return mapping.NewestWins
	}
	return s.in.Mapping.ConflictRule
}

// winner applies the conflict rule. Newest wins compares the two records'
// change stamps, and Salesforce wins a tie.
func (s *syncState) winner() schema.Side {
	switch s.rule() {
	case mapping.SalesforceWins:
		return schema.Salesforce
	case mapping.ClarizenWins:
		return schema.Clarizen
	}
	if s.in.Clarizen.Stamp.After(s.in.Salesforce.Stamp) {
		return schema.Clarizen
	}
	return schema.Salesforce
}

// convert converts the map's current source value. ok is false when there
// is nothing to write: the value failed to convert (recorded in Errors), or
// its referenced record must be created first (recorded in Pending).
func (s *syncState) convert(fm mapping.FieldMap) (mapping.Result, bool, error) {
	out, err := s.tryConvert(fm)
	if err != nil {
		return mapping.Result{}, false, err
	}
	switch out.status {
	case notConverted:
		s.fail(fm, out.err)
		return mapping.Result{}, false, nil
	case pendingReference:
		s.plan.Pending = append(s.plan.Pending, Pending{FieldMapID: fm.ID, Field: fm.TargetField(), Reference: *out.res.Pending})
		s.unsettle(fm)
		return mapping.Result{}, false, nil
	}
	if out.res.Warning != "" {
		s.plan.Warnings = append(s.plan.Warnings, MapNotice{FieldMapID: fm.ID, Message: out.res.Warning})
	}
	return out.res, true, nil
}

// conversionStatus is the outcome of converting one source value.
type conversionStatus int

const (
	converted        conversionStatus = iota
	notConverted                      // the value does not fit the target field
	pendingReference                  // the referenced record must be created first
)

// conversion is the result of tryConvert.
type conversion struct {
	status conversionStatus
	res    mapping.Result
	// err is the reason of notConverted.
	err error
}

// tryConvert converts the map's current source value without recording
// anything in the plan. Only an error that is not about the value (a
// resolver failure) is returned as an error.
func (s *syncState) tryConvert(fm mapping.FieldMap) (conversion, error) {
	src, dst := fm.Direction.Source(), fm.Direction.Target()
	srcField, okSrc := s.object(src).Field(fm.SourceField())
	dstField, okDst := s.object(dst).Field(fm.TargetField())
	if !okSrc || !okDst {
		return conversion{status: notConverted,
			err: fmt.Errorf("field map %s: %s or %s is missing from the describe; validate the mapping", fm.ID, fm.SourceField(), fm.TargetField())}, nil
	}
	conv := mapping.Conversion{Map: fm, Source: srcField, Target: dstField, Currency: s.in.Currency, Resolver: s.in.Resolver}
	res, err := conv.Convert(lookup(s.record(src).Values, fm.SourceField()))
	var ce *mapping.ConversionError
	switch {
	case errors.As(err, &ce):
		return conversion{status: notConverted, err: err}, nil
	case err != nil:
		return conversion{}, err
	case res.Pending != nil:
		return conversion{status: pendingReference, res: res}, nil
	}
	return conversion{status: converted, res: res}, nil
}

func (s *syncState) fail(fm mapping.FieldMap, err error) {
	s.plan.Errors = append(s.plan.Errors, MapError{FieldMapID: fm.ID, Err: err, Message: err.Error()})
	s.unsettle(fm)
}

// unsettle keeps a map's source field at its old base value, so that the
// next run finds the change again.
func (s *syncState) unsettle(fm mapping.FieldMap) {
	src := fm.Direction.Source()
	s.unsettled[src] = append(s.unsettled[src], fm.SourceField())
}

// sameAsTarget reports whether the target field already holds v.
func (s *syncState) sameAsTarget(fm mapping.FieldMap, v any) bool {
	dst := fm.Direction.Target()
	current := lookup(s.record(dst).Values, fm.TargetField())
	return mapping.Equal(s.kind(dst, fm.TargetField()), current, v)
}

// write adds a field change unless the target already holds the value.
func (s *syncState) write(fm mapping.FieldMap, res mapping.Result) {
	dst := fm.Direction.Target()
	s.done[doneKey(dst, fm.TargetField())] = true
	if s.sameAsTarget(fm, res.Value) {
		return
	}
	u := s.update(dst)
	u.Changes = append(u.Changes, FieldChange{
		Field:       fm.TargetField(),
		FieldMapID:  fm.ID,
		SourceField: fm.SourceField(),
		Before:      lookup(s.record(dst).Values, fm.TargetField()),
		After:       res.Value,
		Currency:    res.Currency,
	})
}

func (s *syncState) update(side schema.Side) *Update {
	p := &s.plan.Salesforce
	if side == schema.Clarizen {
		p = &s.plan.Clarizen
	}
	if *p == nil {
		r := s.record(side)
		*p = &Update{Side: side, Object: s.object(side).Name, ID: r.ID}
	}
	return *p
}

// nextBase is every mapped field's current value on each side, with the
// planned writes applied. The stamp of a side without writes is its current
// stamp; a written side's stamp is left zero for CommitBase. Unsettled
// source fields keep their old base value, and their side's stamp is zero.
func (s *syncState) nextBase() Base {
	b := NewBase(s.in.Mapping, s.in.Salesforce, s.in.Clarizen)
	if u := s.plan.Salesforce; u != nil {
		for _, c := range u.Changes {
			b.Salesforce[c.Field] = c.After
		}
		b.SalesforceStamp = time.Time{}
	}
	if u := s.plan.Clarizen; u != nil {
		for _, c := range u.Changes {
			b.Clarizen[c.Field] = c.After
		}
		b.ClarizenStamp = time.Time{}
	}
	for _, side := range []schema.Side{schema.Salesforce, schema.Clarizen} {
		fields := s.unsettled[side]
		if len(fields) == 0 {
			continue
		}
		s.plan.RetrySides = append(s.plan.RetrySides, side)
		values, old := b.Salesforce, s.oldBase(schema.Salesforce)
		if side == schema.Clarizen {
			values, old = b.Clarizen, s.oldBase(schema.Clarizen)
			b.ClarizenStamp = time.Time{}
		} else {
			b.SalesforceStamp = time.Time{}
		}
		for _, f := range fields {
			key := baseKey(values, f)
			if v, ok := lookupOK(old, f); ok {
				values[key] = v
			} else {
				delete(values, key)
			}
		}
	}
	return b
}

func (s *syncState) oldBase(side schema.Side) map[string]any {
	if s.in.Base == nil {
		return nil
	}
	if side == schema.Clarizen {
		return s.in.Base.Clarizen
	}
	return s.in.Base.Salesforce
}

// baseKey returns the key under which values holds field, matched
// case-insensitively, or field itself.
func baseKey(values map[string]any, field string) string {
	if _, ok := values[field]; ok {
		return field
	}
	for k := range values {
		if strings.EqualFold(k, field) {
			return k
		}
	}
	return field
}
