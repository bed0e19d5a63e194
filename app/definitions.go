package app

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/workspace"
)

// Kinds of definition in the Mappings & Events list.
const (
	KindMapping = "mapping"
	KindEvent   = "event"
)

// DefinitionRow is one line of the Mappings & Events list.
type DefinitionRow struct {
	// Kind is "mapping" or "event".
	Kind        string `json:"kind"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// ClarizenInstance is 1 or 2.
	ClarizenInstance int `json:"clarizenInstance"`
	// SalesforceObject and ClarizenEntity are the two object types: a
	// mapping's pair, or an event's triggering object and the object its
	// target mapping creates on the other side.
	SalesforceObject string `json:"salesforceObject"`
	ClarizenEntity   string `json:"clarizenEntity"`
	// TriggeredBy is set for events: salesforce or clarizen.
	TriggeredBy string `json:"triggeredBy,omitempty"`
	Enabled     bool   `json:"enabled"`
	// State is "ok", or "needs_reauth" while a connection of the mapping
	// needs the admin; empty for events.
	State       string `json:"state,omitempty"`
	LastResult  string `json:"lastResult"`
	PackageItem string `json:"packageItem,omitempty"`
	// UpdatedAt is RFC 3339.
	UpdatedAt string `json:"updatedAt"`
}

// EnableOutcome is the result of enabling a mapping or an event. A
// definition that validation blocks stays disabled and comes back with
// Enabled false and the problems to show next to the fields.
type EnableOutcome struct {
	Enabled  bool              `json:"enabled"`
	Problems []mapping.Problem `json:"problems"`
	// Matching and FireExisting are set for events: the records that
	// matched when the event was enabled, and whether they fire.
	Matching     int  `json:"matching"`
	FireExisting bool `json:"fireExisting"`
}

// TransferResult is the outcome of an export or import through a file
// dialog. Path is empty when the user cancelled the dialog.
type TransferResult struct {
	Path     string `json:"path"`
	Mappings int    `json:"mappings"`
	Events   int    `json:"events"`
}

// DefinitionsService backs the Mappings & Events screen and its editors.
type DefinitionsService struct{ svc *service }

// List returns every mapping and event, mappings first, each by name.
func (s *DefinitionsService) List() ([]DefinitionRow, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	ctx := s.svc.context()
	mappings, err := eng.Workspace.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	evs, err := eng.Workspace.Events(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]mapping.Mapping{}
	rows := make([]DefinitionRow, 0, len(mappings)+len(evs))
	for _, info := range mappings {
		m := info.Mapping
		byID[m.ID] = m
		rows = append(rows, DefinitionRow{Kind: KindMapping, ID: m.ID, Name: m.Name, Description: m.Description,
			ClarizenInstance: m.ClarizenInstance, SalesforceObject: m.SalesforceObject, ClarizenEntity: m.ClarizenEntity,
			Enabled: m.Enabled, State: info.State, LastResult: info.LastResult, PackageItem: info.PackageItem,
			UpdatedAt: rfc3339(info.UpdatedAt)})
	}
	for _, info := range evs {
		e := info.Event
		row := DefinitionRow{Kind: KindEvent, ID: e.ID, Name: e.Name, Description: e.Description,
			ClarizenInstance: e.ClarizenInstance, TriggeredBy: string(e.TriggeredBy), Enabled: e.Enabled,
			LastResult: info.LastResult, PackageItem: info.PackageItem, UpdatedAt: rfc3339(info.UpdatedAt)}
		target := byID[eventTargetMapping(e)]
		if e.TriggeredBy == schema.Clarizen {
			row.ClarizenEntity, row.SalesforceObject = e.TriggeringObject, target.SalesforceObject
		} else {
			row.SalesforceObject, row.ClarizenEntity = e.TriggeringObject, target.ClarizenEntity
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Kind != rows[j].Kind {
			return rows[i].Kind == KindMapping
		}
		return strings.ToLower(rows[i].Name) < strings.ToLower(rows[j].Name)
	})
	return rows, nil
}

// eventTargetMapping returns the mapping an event's target syncs through.
func eventTargetMapping(e mapping.Event) string {
	if e.Target.NewObject != nil && e.Target.NewObject.MappingID != "" {
		return e.Target.NewObject.MappingID
	}
	return e.Target.MappingID
}

// Mapping returns one stored mapping for the editor.
func (s *DefinitionsService) Mapping(id string) (mapping.Mapping, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return mapping.Mapping{}, err
	}
	info, err := eng.Workspace.Mapping(s.svc.context(), id)
	return info.Mapping, err
}

// Event returns one stored event for the editor.
func (s *DefinitionsService) Event(id string) (mapping.Event, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return mapping.Event{}, err
	}
	info, err := eng.Workspace.Event(s.svc.context(), id)
	return info.Event, err
}

// NewMapping returns a mapping with the defaults a new one starts from:
// the conflict rule of the settings, create and retain policies, disabled.
func (s *DefinitionsService) NewMapping(instance int) (mapping.Mapping, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return mapping.Mapping{}, err
	}
	if instance != 1 && instance != 2 {
		instance = 1
	}
	return mapping.Mapping{
		ClarizenInstance: instance,
		CreatePolicy:     mapping.CreateMissing,
		DeletePolicy:     mapping.RetainCounterpart,
		ConflictRule:     mapping.ConflictRule(eng.Settings(s.svc.context()).ConflictRule),
	}, nil
}

// SaveMapping stores a new or changed mapping and returns it as stored.
func (s *DefinitionsService) SaveMapping(m mapping.Mapping) (mapping.Mapping, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return m, err
	}
	return eng.Workspace.SaveMapping(s.svc.context(), m)
}

// SaveEvent stores a new or changed event and returns it as stored. The
// side that triggers a saved event cannot change.
func (s *DefinitionsService) SaveEvent(e mapping.Event) (mapping.Event, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return e, err
	}
	return eng.Workspace.SaveEvent(s.svc.context(), e)
}

// ValidateMapping checks a mapping, saved or not, against the live
// describes of both systems and the other mappings.
func (s *DefinitionsService) ValidateMapping(m mapping.Mapping) ([]mapping.Problem, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	problems, err := eng.Workspace.ValidateMapping(s.svc.context(), m)
	return nonNilProblems(problems), err
}

// ValidateEvent checks an event, saved or not, against the live describes
// and the saved mappings.
func (s *DefinitionsService) ValidateEvent(e mapping.Event) ([]mapping.Problem, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	problems, err := eng.Workspace.ValidateEvent(s.svc.context(), e)
	return nonNilProblems(problems), err
}

// EnableMapping validates a stored mapping and enables it unless a
// problem blocks it.
func (s *DefinitionsService) EnableMapping(id string) (EnableOutcome, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return EnableOutcome{}, err
	}
	problems, err := eng.Workspace.EnableMapping(s.svc.context(), id)
	return enableOutcome(problems, err)
}

// DisableMapping stops a mapping from syncing; its links stay.
func (s *DefinitionsService) DisableMapping(id string) error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	return eng.Workspace.DisableMapping(s.svc.context(), id)
}

// CountMatching returns how many records of an event's triggering object
// match its condition now, to show before the admin enables it.
func (s *DefinitionsService) CountMatching(id string) (int, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return 0, err
	}
	return eng.Workspace.CountMatching(s.svc.context(), id)
}

// EnableEvent validates and enables an event. With fireExisting the
// records that match now fire on the next run; without it only records
// that start to match later do.
func (s *DefinitionsService) EnableEvent(id string, fireExisting bool) (EnableOutcome, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return EnableOutcome{}, err
	}
	res, err := eng.Workspace.EnableEvent(s.svc.context(), id, fireExisting)
	out, err := enableOutcome(res.Problems, err)
	out.Matching, out.FireExisting = res.Matching, res.FireExisting
	return out, err
}

// DisableEvent stops an event from firing; its firing history stays.
func (s *DefinitionsService) DisableEvent(id string) error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	return eng.Workspace.DisableEvent(s.svc.context(), id)
}

// Delete removes a mapping (with its links) or an event.
func (s *DefinitionsService) Delete(kind, id string) error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	switch kind {
	case KindMapping:
		return eng.Workspace.DeleteMapping(s.svc.context(), id)
	case KindEvent:
		return eng.Workspace.DeleteEvent(s.svc.context(), id)
	}
	return invalidInput(fmt.Sprintf("invalid definition kind %q: use mapping or event", kind), nil)
}

// definitionsFilter is the file type of export files.
var definitionsFilter = FileFilter{Name: "Liaison definitions (*.json)", Pattern: "*.json"}

// Export writes every mapping and event to a file the user picks, in the
// engine's versioned JSON format without connection settings or secrets.
func (s *DefinitionsService) Export() (TransferResult, error) {
	if _, err := s.svc.engine(); err != nil {
		return TransferResult{}, err
	}
	ctx := s.svc.context()
	name := "liaison-definitions-" + time.Now().Format("2006-01-02") + ".json"
	path, err := s.svc.shell.SaveFile(ctx, "Export mappings and events", name, definitionsFilter)
	if err != nil || path == "" {
		return TransferResult{}, err
	}
	return s.exportTo(path)
}

func (s *DefinitionsService) exportTo(path string) (TransferResult, error) {
	ctx := s.svc.context()
	data, err := s.svc.eng.Workspace.Export(ctx)
	if err != nil {
		return TransferResult{}, err
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return TransferResult{}, fmt.Errorf("write export file %s: %w", path, err)
	}
	mappings, events, err := mapping.Import(data)
	if err != nil {
		return TransferResult{}, err
	}
	s.svc.log.Info("definitions exported", "path", path, "mappings", len(mappings), "events", len(events))
	return TransferResult{Path: path, Mappings: len(mappings), Events: len(events)}, nil
}

// Import reads a file the user picks and saves its definitions, disabled.
// With replace, definitions with the same id are overwritten; without it
// they are a conflict and nothing is saved.
func (s *DefinitionsService) Import(replace bool) (TransferResult, error) {
	if _, err := s.svc.engine(); err != nil {
		return TransferResult{}, err
	}
	path, err := s.svc.shell.OpenFile(s.svc.context(), "Import mappings and events", definitionsFilter)
	if err != nil || path == "" {
		return TransferResult{}, err
	}
	return s.importFrom(path, replace)
}

func (s *DefinitionsService) importFrom(path string, replace bool) (TransferResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return TransferResult{}, fmt.Errorf("read import file %s: %w", path, err)
	}
	res, err := s.svc.eng.Workspace.Import(s.svc.context(), data, workspace.ImportOptions{Replace: replace})
	if err != nil {
		return TransferResult{Path: path}, err
	}
	return TransferResult{Path: path, Mappings: res.Mappings, Events: res.Events}, nil
}

// enableOutcome turns validation problems that block an enable into an
// outcome the window shows, and passes every other error on.
func enableOutcome(problems []mapping.Problem, err error) (EnableOutcome, error) {
	var blocked *workspace.ProblemsError
	if errors.As(err, &blocked) {
		return EnableOutcome{Enabled: false, Problems: nonNilProblems(blocked.Problems)}, nil
	}
	if err != nil {
		return EnableOutcome{Problems: nonNilProblems(problems)}, err
	}
	return EnableOutcome{Enabled: true, Problems: nonNilProblems(problems)}, nil
}

func nonNilProblems(p []mapping.Problem) []mapping.Problem {
	if p == nil {
		return []mapping.Problem{}
	}
	return p
}

// rfc3339 formats t in UTC, or returns "" for the zero time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
