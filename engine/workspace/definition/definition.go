// Package definition decodes the mappings and events engine/store keeps:
// the model's JSON, with the id, name and enabled state (and an event's
// fire-existing choice) that the store keeps in their own columns and
// that win over the JSON. Every package that reads stored definitions
// decodes them here, so that they all see the same values.
//
// It imports engine/store and engine/mapping and nothing else from
// engine/, so that the sync engine, the workspace, the social sync and the
// best-practices package can all use it.
package definition

import (
	"encoding/json"
	"fmt"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
)

// DecodeMapping returns the mapping a stored definition holds.
func DecodeMapping(d store.Definition) (mapping.Mapping, error) {
	var m mapping.Mapping
	if err := json.Unmarshal(d.JSON, &m); err != nil {
		return mapping.Mapping{}, fmt.Errorf("decode mapping %s: %w", d.ID, err)
	}
	m.ID, m.Name, m.Enabled = d.ID, d.Name, d.Enabled
	return m, nil
}

// DecodeEvent returns the event a stored definition holds.
func DecodeEvent(d store.Definition) (mapping.Event, error) {
	var e mapping.Event
	if err := json.Unmarshal(d.JSON, &e); err != nil {
		return mapping.Event{}, fmt.Errorf("decode event %s: %w", d.ID, err)
	}
	e.ID, e.Name, e.Enabled, e.FireExisting = d.ID, d.Name, d.Enabled, d.FireExisting
	return e, nil
}
