package workspace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/workspace/definition"
)

// ErrInUse is returned when a mapping that other definitions refer to is
// deleted.
var ErrInUse = errors.New("definition in use")

// ProblemsError is returned when validation found problems that block a
// save or an enable. Problems holds all of them, warnings included.
type ProblemsError struct {
	Owner    string // "mapping" or "event"
	ID, Name string
	Problems []mapping.Problem
}

// Codes of ProblemsError, for callers that branch on ErrorCode.
const (
	CodeValidationFailed = "validation_failed"
)

// ErrorCode returns CodeValidationFailed.
func (e *ProblemsError) ErrorCode() string { return CodeValidationFailed }

// ErrorHint returns the fix of the first blocking problem.
func (e *ProblemsError) ErrorHint() string {
	for _, p := range e.Problems {
		if p.Severity == mapping.SeverityError {
			return p.Fix
		}
	}
	return ""
}

func (e *ProblemsError) Error() string {
	var errs []string
	for _, p := range e.Problems {
		if p.Severity == mapping.SeverityError {
			errs = append(errs, p.String())
		}
	}
	noun := "problems"
	if len(errs) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("validate %s %q: %d %s: %s", e.Owner, e.Name, len(errs), noun, strings.Join(errs, " "))
}

// Options configure a Workspace.
type Options struct {
	Store *store.DB
	// Clients reads live describes and counts matching records; the
	// engine passes the same clients as to the sync runner.
	Clients syncer.Clients
	// Bus receives config.changed; nil publishes nothing.
	Bus    *events.Bus
	Logger *slog.Logger
	Now    func() time.Time
}

// Workspace is the admin's set of mappings and events.
type Workspace struct {
	db      *store.DB
	clients syncer.Clients
	bus     *events.Bus
	log     *slog.Logger
	now     func() time.Time
}

// New returns a Workspace.
func New(opts Options) (*Workspace, error) {
	if opts.Store == nil {
		return nil, errors.New("new workspace: missing store")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Workspace{db: opts.Store, clients: opts.Clients, bus: opts.Bus, now: opts.Now,
		log: opts.Logger.With(logging.KeyComponent, "workspace")}, nil
}

// MappingInfo is a stored mapping with its run state.
type MappingInfo struct {
	Mapping mapping.Mapping `json:"mapping"`
	// State is store.MappingOK, or store.MappingNeedsReauth while a
	// connection of the mapping needs re-authentication.
	State       string    `json:"state"`
	LastResult  string    `json:"lastResult"`
	PackageItem string    `json:"packageItem,omitempty"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// EventInfo is a stored event with its run state.
type EventInfo struct {
	Event       mapping.Event `json:"event"`
	EnabledAt   time.Time     `json:"enabledAt,omitzero"`
	LastResult  string        `json:"lastResult"`
	PackageItem string        `json:"packageItem,omitempty"`
	UpdatedAt   time.Time     `json:"updatedAt"`
}

// Mappings returns every mapping ordered by name.
func (w *Workspace) Mappings(ctx context.Context) ([]MappingInfo, error) {
	defs, err := w.db.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MappingInfo, 0, len(defs))
	for _, d := range defs {
		info, err := mappingInfo(d)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

// Mapping returns one mapping, or an error wrapping store.ErrNotFound.
func (w *Workspace) Mapping(ctx context.Context, id string) (MappingInfo, error) {
	d, err := w.db.Mapping(ctx, id)
	if err != nil {
		return MappingInfo{}, err
	}
	return mappingInfo(d)
}

func mappingInfo(d store.Definition) (MappingInfo, error) {
	m, err := definition.DecodeMapping(d)
	if err != nil {
		return MappingInfo{}, err
	}
	return MappingInfo{Mapping: m, State: d.State, LastResult: d.LastResult, PackageItem: d.PackageItem, UpdatedAt: d.UpdatedAt}, nil
}

// Events returns every event ordered by name.
func (w *Workspace) Events(ctx context.Context) ([]EventInfo, error) {
	defs, err := w.db.Events(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]EventInfo, 0, len(defs))
	for _, d := range defs {
		info, err := eventInfo(d)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

// Event returns one event, or an error wrapping store.ErrNotFound.
func (w *Workspace) Event(ctx context.Context, id string) (EventInfo, error) {
	d, err := w.db.Event(ctx, id)
	if err != nil {
		return EventInfo{}, err
	}
	return eventInfo(d)
}

func eventInfo(d store.Definition) (EventInfo, error) {
	e, err := definition.DecodeEvent(d)
	if err != nil {
		return EventInfo{}, err
	}
	return EventInfo{Event: e, EnabledAt: d.EnabledAt, LastResult: d.LastResult, PackageItem: d.PackageItem, UpdatedAt: d.UpdatedAt}, nil
}

// SaveMapping stores a new or changed mapping and returns it as stored. A
// mapping without an id gets one. Saving keeps the stored enabled state,
// which only EnableMapping and DisableMapping change. An enabled mapping is
// validated against the live describes first and is not saved when that
// finds errors.
func (w *Workspace) SaveMapping(ctx context.Context, m mapping.Mapping) (mapping.Mapping, error) {
	if strings.TrimSpace(m.ID) == "" {
		m.ID = uuid.NewString()
	}
	m.Enabled = false
	var def store.Definition
	old, err := w.db.Mapping(ctx, m.ID)
	switch {
	case err == nil:
		def = old
		m.Enabled = old.Enabled
	case !errors.Is(err, store.ErrNotFound):
		return m, err
	}
	if m.Enabled {
		if _, err := w.checkMapping(ctx, m); err != nil {
			return m, err
		}
	}
	if err := w.putMapping(ctx, def, m); err != nil {
		return m, err
	}
	return m, nil
}

// putMapping writes m over the stored definition def (zero for a new one).
func (w *Workspace) putMapping(ctx context.Context, def store.Definition, m mapping.Mapping) error {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode mapping %s: %w", m.ID, err)
	}
	def.ID, def.Name, def.ClarizenConnection, def.JSON, def.Enabled = m.ID, m.Name, m.ClarizenConnection(), data, m.Enabled
	if err := w.db.SaveMapping(ctx, def); err != nil {
		return err
	}
	w.changed("mapping", m.ID)
	return nil
}

// SaveEvent stores a new or changed event and returns it as stored. The
// side that triggers a saved event cannot change. Saving keeps the stored
// enabled state, enable time and fire-existing choice; an enabled event is
// validated first.
func (w *Workspace) SaveEvent(ctx context.Context, e mapping.Event) (mapping.Event, error) {
	if strings.TrimSpace(e.ID) == "" {
		e.ID = uuid.NewString()
	}
	e.Enabled = false
	var def store.Definition
	old, err := w.db.Event(ctx, e.ID)
	switch {
	case err == nil:
		oldInfo, err := eventInfo(old)
		if err != nil {
			return e, err
		}
		if err := mapping.CheckEventUpdate(oldInfo.Event, e); err != nil {
			return e, err
		}
		def = old
		e.Enabled, e.FireExisting = old.Enabled, old.FireExisting
	case !errors.Is(err, store.ErrNotFound):
		return e, err
	}
	if e.Enabled {
		if _, err := w.checkEvent(ctx, e); err != nil {
			return e, err
		}
	}
	if err := w.putEvent(ctx, def, e); err != nil {
		return e, err
	}
	return e, nil
}

func (w *Workspace) putEvent(ctx context.Context, def store.Definition, e mapping.Event) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode event %s: %w", e.ID, err)
	}
	def.ID, def.Name, def.TriggeredBy, def.ClarizenConnection = e.ID, e.Name, string(e.TriggeredBy), e.ClarizenConnection()
	def.JSON, def.Enabled, def.FireExisting = data, e.Enabled, e.FireExisting
	if err := w.db.SaveEvent(ctx, def); err != nil {
		return err
	}
	w.changed("event", e.ID)
	return nil
}

// DeleteMapping removes a mapping and its links. A mapping that an event
// or another mapping refers to is not deleted (ErrInUse).
func (w *Workspace) DeleteMapping(ctx context.Context, id string) error {
	users, err := w.users(ctx, id)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return fmt.Errorf("delete mapping %s: %s refer to it; change or delete them first: %w", id, strings.Join(users, ", "), ErrInUse)
	}
	if err := w.db.DeleteMapping(ctx, id); err != nil {
		return err
	}
	w.changed("mapping", id)
	return nil
}

// DeleteEvent removes an event and its firing history.
func (w *Workspace) DeleteEvent(ctx context.Context, id string) error {
	if err := w.db.DeleteEvent(ctx, id); err != nil {
		return err
	}
	w.changed("event", id)
	return nil
}

// users names the definitions that refer to mapping id.
func (w *Workspace) users(ctx context.Context, id string) ([]string, error) {
	var out []string
	ms, err := w.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	for _, info := range ms {
		m := info.Mapping
		if m.ID == id {
			continue
		}
		refers := false
		for _, l := range m.Links {
			refers = refers || l.MappingID == id
		}
		for _, r := range m.RelatedObjects {
			refers = refers || r.MappingID == id
		}
		if refers {
			out = append(out, fmt.Sprintf("mapping %q", m.Name))
		}
	}
	evs, err := w.Events(ctx)
	if err != nil {
		return nil, err
	}
	for _, info := range evs {
		e := info.Event
		refers := e.Target.MappingID == id || (e.Target.NewObject != nil && e.Target.NewObject.MappingID == id)
		for _, r := range e.RelatedObjects {
			refers = refers || r.MappingID == id
		}
		if refers {
			out = append(out, fmt.Sprintf("event %q", e.Name))
		}
	}
	return out, nil
}

func (w *Workspace) changed(kind, id string) {
	if w.bus != nil {
		w.bus.Emit(events.ConfigChanged, map[string]any{"kind": kind, "id": id})
	}
}
