package connect

import (
	"context"
	"fmt"
)

// Kinds of Dependent.
const (
	DependentMapping = "mapping"
	DependentEvent   = "event"
)

// Dependent is a mapping or event that uses a connection. The disconnect
// dialog lists them, because a disconnect pauses each one.
type Dependent struct {
	// Kind is DependentMapping or DependentEvent.
	Kind    string
	ID      string
	Name    string
	Enabled bool
}

// Dependents lists the mappings and then the events that use connection
// id, each group ordered by name. Every mapping and event uses Salesforce,
// and each uses one Clarizen instance.
func (m *Manager) Dependents(ctx context.Context, id string) ([]Dependent, error) {
	const op = "list dependents of"
	if err := checkConnectionID(id); err != nil {
		return nil, wrap(op, id, err)
	}
	mappings, err := m.db.Mappings(ctx)
	if err != nil {
		return nil, wrap(op, id, fmt.Errorf("read mappings: %w", err))
	}
	events, err := m.db.Events(ctx)
	if err != nil {
		return nil, wrap(op, id, fmt.Errorf("read events: %w", err))
	}

	var out []Dependent
	for _, d := range mappings {
		if id == Salesforce || d.ClarizenConnection == id {
			out = append(out, Dependent{Kind: DependentMapping, ID: d.ID, Name: d.Name, Enabled: d.Enabled})
		}
	}
	for _, d := range events {
		if id == Salesforce || d.ClarizenConnection == id {
			out = append(out, Dependent{Kind: DependentEvent, ID: d.ID, Name: d.Name, Enabled: d.Enabled})
		}
	}
	return out, nil
}
