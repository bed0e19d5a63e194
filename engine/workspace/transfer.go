package workspace

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
)

// ErrImportConflict is returned when an import file holds a definition
// whose id or name is already taken and replacing was not asked for.
var ErrImportConflict = errors.New("import conflicts with saved definitions")

// Export writes every mapping and event in the export file format of
// engine/mapping (versioned JSON without any connection settings or
// secrets).
func (w *Workspace) Export(ctx context.Context) ([]byte, error) {
	ms, err := w.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	evs, err := w.Events(ctx)
	if err != nil {
		return nil, err
	}
	mappings := make([]mapping.Mapping, len(ms))
	for i, info := range ms {
		mappings[i] = info.Mapping
	}
	events := make([]mapping.Event, len(evs))
	for i, info := range evs {
		events[i] = info.Event
	}
	return mapping.Export(mappings, events)
}

// ImportOptions shape an import.
type ImportOptions struct {
	// Replace overwrites saved definitions with the same id. Without it,
	// a taken id is a conflict.
	Replace bool
}

// ImportResult counts what an import stored.
type ImportResult struct {
	Mappings int `json:"mappings"`
	Events   int `json:"events"`
}

// Import reads an export file and saves its definitions, disabled: each
// must pass validation against the live describes before it is enabled.
// Conflicts (a taken id without Replace, or a name another definition
// uses) are all reported before anything is saved. Triggered-by stays
// fixed for an event that replaces a saved one.
func (w *Workspace) Import(ctx context.Context, data []byte, opts ImportOptions) (ImportResult, error) {
	mappings, evs, err := mapping.Import(data)
	if err != nil {
		return ImportResult{}, err
	}
	if err := w.importConflicts(ctx, mappings, evs, opts); err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	for _, m := range mappings {
		def, err := w.db.Mapping(ctx, m.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return res, err
		}
		m.Enabled = false
		if err := w.putMapping(ctx, def, m); err != nil {
			return res, err
		}
		res.Mappings++
	}
	for _, e := range evs {
		def, err := w.db.Event(ctx, e.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return res, err
		}
		e.Enabled = false
		if err := w.putEvent(ctx, def, e); err != nil {
			return res, err
		}
		res.Events++
	}
	w.log.Info("definitions imported", "mappings", res.Mappings, "events", res.Events, "replace", opts.Replace)
	return res, nil
}

// importConflicts lists every id and name clash of an import.
func (w *Workspace) importConflicts(ctx context.Context, mappings []mapping.Mapping, evs []mapping.Event, opts ImportOptions) error {
	savedMappings, err := w.Mappings(ctx)
	if err != nil {
		return err
	}
	savedEvents, err := w.Events(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{} // lower-case name -> id of the saved definition
	ids := map[string]bool{}
	for _, info := range savedMappings {
		names[strings.ToLower(info.Mapping.Name)] = info.Mapping.ID
		ids[info.Mapping.ID] = true
	}

	savedTriggers := map[string]mapping.Event{}
	for _, info := range savedEvents {
		names[strings.ToLower(info.Event.Name)] = info.Event.ID
		ids[info.Event.ID] = true
		savedTriggers[info.Event.ID] = info.Event
	}

	var problems []string
	check := func(kind, id, name string) {
		if ids[id] && !opts.Replace {
			problems = append(problems, fmt.Sprintf("%s %q: id %s is already saved (import with replace to overwrite it)", kind, name, id))
		}
		if other, ok := names[strings.ToLower(name)]; ok && other != id {
			problems = append(problems, fmt.Sprintf("%s %q: another definition already has this name; rename one of them", kind, name))
		}
	}
	for _, m := range mappings {
		check("mapping", m.ID, m.Name)
	}
	for _, e := range evs {
		check("event", e.ID, e.Name)
		if old, ok := savedTriggers[e.ID]; ok && opts.Replace {
			if err := mapping.CheckEventUpdate(old, e); err != nil {
				problems = append(problems, err.Error())
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("import definitions: %s: %w", strings.Join(problems, "; "), ErrImportConflict)
	}
	return nil
}
