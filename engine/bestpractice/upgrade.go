package bestpractice

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
)

// settingInstalled is the prefix of the setting that holds, per Clarizen
// instance, the package version installed last and its definitions: the
// base of the next upgrade's three-way merge.
const settingInstalled = "bestpractice.installed."

// ErrPlanStale is returned by ApplyUpgrade when a definition changed after
// the plan was made; plan again and show the new diff.
var ErrPlanStale = errors.New("the definitions changed since the upgrade was planned")

// installed is the stored base: a package version and its definitions in
// the export file format.
type installed struct {
	Version int             `json:"version"`
	File    json.RawMessage `json:"file"`
}

// UpgradePlan is the set of changes that installing or upgrading the
// package would make. Nothing is written until ApplyUpgrade.
type UpgradePlan struct {
	Instance int `json:"instance"`
	// FromVersion is the version installed, 0 when none is.
	FromVersion int      `json:"fromVersion"`
	ToVersion   int      `json:"toVersion"`
	Changes     []Change `json:"changes"`
	// Mappings and Events are the merged definitions to write: new ones
	// and those whose content changes.
	Mappings []mapping.Mapping `json:"mappings"`
	Events   []mapping.Event   `json:"events"`

	next     Package
	snapshot map[string][]byte // definition id -> stored JSON when planned
}

// Empty reports whether applying the plan would change nothing but the
// recorded version.
func (p UpgradePlan) Empty() bool { return len(p.Mappings) == 0 && len(p.Events) == 0 }

// WriteText prints the plan as a diff, one change a line.
func (p UpgradePlan) WriteText(w io.Writer) error {
	from := "not installed"
	if p.FromVersion > 0 {
		from = "version " + strconv.Itoa(p.FromVersion)
	}
	if _, err := fmt.Fprintf(w, "Best-practices package for Clarizen %d: %s -> version %d\n", p.Instance, from, p.ToVersion); err != nil {
		return err
	}
	if len(p.Changes) == 0 {
		_, err := fmt.Fprintln(w, "  no changes")
		return err
	}
	for _, c := range p.Changes {
		if _, err := fmt.Fprintf(w, "  %s\n", c); err != nil {
			return err
		}
	}
	return nil
}

// PlanUpgrade compares the version installed for pkg's Clarizen instance,
// the admin's current definitions and pkg, and returns the changes of a
// three-way merge. A value the admin did not change takes pkg's value,
// and a value pkg did not change stays as the admin has it. Where both
// changed it, the admin's value stays (ActionKeep). A first install adds
// every definition.
func (in *Installer) PlanUpgrade(ctx context.Context, pkg Package) (UpgradePlan, error) {
	base, fromVersion, err := in.installedBase(ctx, pkg.Instance)
	if err != nil {
		return UpgradePlan{}, err
	}
	plan := UpgradePlan{Instance: pkg.Instance, FromVersion: fromVersion, ToVersion: pkg.Version, next: pkg,
		snapshot: map[string][]byte{}}
	names, err := in.takenNames(ctx)
	if err != nil {
		return UpgradePlan{}, err
	}
	for _, next := range pkg.Mappings {
		m, changed, err := in.planMapping(ctx, &plan, base, next, names)
		if err != nil {
			return UpgradePlan{}, err
		}
		if changed {
			plan.Mappings = append(plan.Mappings, m)
		}
	}
	for _, next := range pkg.Events {
		e, changed, err := in.planEvent(ctx, &plan, base, next, names)
		if err != nil {
			return UpgradePlan{}, err
		}
		if changed {
			plan.Events = append(plan.Events, e)
		}
	}
	in.planRetired(ctx, &plan, base, pkg)
	return plan, nil
}

// planMapping merges one mapping and reports whether the result differs
// from what is stored.
func (in *Installer) planMapping(ctx context.Context, plan *UpgradePlan, base Package, next mapping.Mapping, names map[string]string) (mapping.Mapping, bool, error) {
	def, err := in.db.Mapping(ctx, next.ID)
	stored := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return mapping.Mapping{}, false, err
	}

	old, inBase := base.Mapping(next.ID)
	var cur mapping.Mapping
	if stored {
		plan.snapshot[next.ID] = def.JSON
		if err := json.Unmarshal(def.JSON, &cur); err != nil {
			return mapping.Mapping{}, false, fmt.Errorf("decode mapping %s: %w", def.ID, err)
		}
		cur.ID, cur.Name, cur.Enabled = def.ID, def.Name, def.Enabled
	}
	mg := &merger{kind: "mapping", id: next.ID, name: next.Name}
	switch {
	case !stored && !inBase:
		next.Name = freeName(names, "mapping", next.ID, next.Name, mg)
		mg.add("", ActionAdd, absent, absent, present(next.Name), "")
		plan.Changes = append(plan.Changes, mg.changes...)
		return next, true, nil
	case !stored:
		in.noteDeleted(plan, mg, old, next)
		return mapping.Mapping{}, false, nil
	}

	mg.name = cur.Name
	merged, err := mergeDefinition(mg, old, inBase, cur, next)
	if err != nil {
		return mapping.Mapping{}, false, err
	}
	var out mapping.Mapping
	if err := fromTree(merged, &out); err != nil {
		return mapping.Mapping{}, false, fmt.Errorf("decode merged mapping %s: %w", next.ID, err)
	}
	out.ID, out.Enabled = cur.ID, cur.Enabled
	out.Name = renameFree(names, mg, cur.Name, out.Name)
	plan.Changes = append(plan.Changes, mg.changes...)
	return out, !reflect.DeepEqual(jsonOf(out), jsonOf(cur)), nil
}

// renameFree returns the merged name of a stored definition. When the
// merge takes a new name that another definition of the kind already has,
// it returns a free variant (see freeName) and shows it in the name's
// change, so the upgrade does not fail on the unique name.
func renameFree(names map[string]string, mg *merger, current, merged string) string {
	if merged == current {
		return merged
	}
	free := freeName(names, mg.kind, mg.id, merged, mg)
	if free == merged {
		return merged
	}
	for i := range mg.changes {
		if mg.changes[i].Path == "name" {
			mg.changes[i].New = free
			mg.changes[i].Note = fmt.Sprintf("another %s is called %q", mg.kind, merged)
		}
	}
	return free
}

// planEvent merges one event like planMapping.
func (in *Installer) planEvent(ctx context.Context, plan *UpgradePlan, base Package, next mapping.Event, names map[string]string) (mapping.Event, bool, error) {
	def, err := in.db.Event(ctx, next.ID)
	stored := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return mapping.Event{}, false, err
	}

	old, inBase := base.Event(next.ID)
	var cur mapping.Event
	if stored {
		plan.snapshot[next.ID] = def.JSON
		if err := json.Unmarshal(def.JSON, &cur); err != nil {
			return mapping.Event{}, false, fmt.Errorf("decode event %s: %w", def.ID, err)
		}
		cur.ID, cur.Name, cur.Enabled, cur.FireExisting = def.ID, def.Name, def.Enabled, def.FireExisting
	}
	mg := &merger{kind: "event", id: next.ID, name: next.Name}
	switch {
	case !stored && !inBase:
		next.Name = freeName(names, "event", next.ID, next.Name, mg)
		mg.add("", ActionAdd, absent, absent, present(next.Name), "installed disabled")
		plan.Changes = append(plan.Changes, mg.changes...)
		next.Enabled = false
		return next, true, nil
	case !stored:
		in.noteDeleted(plan, mg, old, next)
		return mapping.Event{}, false, nil
	}

	mg.name = cur.Name
	merged, err := mergeDefinition(mg, old, inBase, cur, next)
	if err != nil {
		return mapping.Event{}, false, err
	}
	var out mapping.Event
	if err := fromTree(merged, &out); err != nil {
		return mapping.Event{}, false, fmt.Errorf("decode merged event %s: %w", next.ID, err)
	}
	if out.TriggeredBy != cur.TriggeredBy {
		// A saved event's side is fixed; the admin's stays.
		mg.add("triggeredBy", ActionKeep, present(string(old.TriggeredBy)), present(string(cur.TriggeredBy)),
			present(string(next.TriggeredBy)), "an event's triggering side cannot change once saved")
		out.TriggeredBy = cur.TriggeredBy
	}
	out.ID, out.Enabled, out.FireExisting = cur.ID, cur.Enabled, cur.FireExisting
	out.Name = renameFree(names, mg, cur.Name, out.Name)
	plan.Changes = append(plan.Changes, mg.changes...)
	return out, !reflect.DeepEqual(jsonOf(out), jsonOf(cur)), nil
}

// mergeDefinition runs the three-way merge of one stored definition.
func mergeDefinition(mg *merger, old any, inBase bool, cur, next any) (map[string]any, error) {
	c, err := toTree(cur)
	if err != nil {
		return nil, err
	}
	n, err := toTree(next)
	if err != nil {
		return nil, err
	}
	var b map[string]any
	if inBase {
		if b, err = toTree(old); err != nil {
			return nil, err
		}
	}
	return mg.mergeMaps("", b, c, n), nil
}

// noteDeleted records a package definition the admin deleted. It stays
// deleted, and the diff notes that when the new version changed it.
func (in *Installer) noteDeleted(plan *UpgradePlan, mg *merger, old, next any) {
	if reflect.DeepEqual(jsonOf(old), jsonOf(next)) {
		return
	}
	mg.add("", ActionKeep, present(mg.name), absent, present(mg.name),
		"you deleted it and the new version changed it; it stays deleted")
	plan.Changes = append(plan.Changes, mg.changes...)
}

// planRetired lists the definitions of the installed version that pkg no
// longer ships and the admin still has.
func (in *Installer) planRetired(ctx context.Context, plan *UpgradePlan, base, pkg Package) {
	for _, m := range base.Mappings {
		if _, ok := pkg.Mapping(m.ID); ok {
			continue
		}
		if def, err := in.db.Mapping(ctx, m.ID); err == nil {
			plan.Changes = append(plan.Changes, Change{Kind: "mapping", ID: m.ID, Name: def.Name, Action: ActionRetire,
				Note: "delete it yourself once nothing refers to it"})
		}
	}
	for _, e := range base.Events {
		if _, ok := pkg.Event(e.ID); ok {
			continue
		}
		if def, err := in.db.Event(ctx, e.ID); err == nil {
			plan.Changes = append(plan.Changes, Change{Kind: "event", ID: e.ID, Name: def.Name, Action: ActionRetire,
				Note: "disable or delete it yourself"})
		}
	}
}

// takenNames returns the names of stored definitions, by kind and name,
// with the id that holds each.
func (in *Installer) takenNames(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	ms, err := in.db.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range ms {
		out["mapping:"+d.Name] = d.ID
	}
	evs, err := in.db.Events(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range evs {
		out["event:"+d.Name] = d.ID
	}
	return out, nil
}

// freeName returns name, or name with a suffix when another definition of
// the same kind already uses it (names are unique per kind).
func freeName(names map[string]string, kind, id, name string, mg *merger) string {
	candidate := name
	for i := 1; ; i++ {
		holder, taken := names[kind+":"+candidate]
		if !taken || holder == id {
			break
		}
		candidate = fmt.Sprintf("%s (best practices %d)", name, i)
	}
	if candidate != name {
		mg.name = candidate
	}
	names[kind+":"+candidate] = id
	return candidate
}

// ApplyUpgrade writes a plan: the merged definitions (keeping each stored
// definition's enabled state and history) and the new version as the base
// of the next upgrade, in one store transaction, so that a failure leaves
// the old version whole. An enabled mapping or event that no longer passes
// validation is then disabled and listed in the result. It fails with
// ErrPlanStale when a definition changed after planning.
func (in *Installer) ApplyUpgrade(ctx context.Context, plan UpgradePlan) (UpgradeResult, error) {
	res := UpgradeResult{FromVersion: plan.FromVersion, ToVersion: plan.ToVersion}
	if err := in.checkSnapshot(ctx, plan); err != nil {
		return res, err
	}

	var write store.PackageWrite
	for _, m := range plan.Mappings {
		def, err := in.mappingDefinition(ctx, m)
		if err != nil {
			return res, err
		}
		write.Mappings = append(write.Mappings, def)
	}
	for _, e := range plan.Events {
		def, err := in.eventDefinition(ctx, e)
		if err != nil {
			return res, err
		}
		write.Events = append(write.Events, def)
	}
	key, value, err := baseSetting(plan.next)
	if err != nil {
		return res, err
	}
	write.Settings = map[string]string{key: value}
	if err := in.db.SavePackage(ctx, write); err != nil {
		return res, fmt.Errorf("apply best-practices package version %d: %w", plan.ToVersion, err)
	}

	for _, m := range plan.Mappings {
		res.Mappings = append(res.Mappings, m.ID)
	}
	for _, e := range plan.Events {
		res.Events = append(res.Events, e.ID)
	}
	disabled, err := in.disableInvalid(ctx, plan)
	res.Disabled = disabled
	if err != nil {
		return res, err
	}
	if in.bus != nil {
		in.bus.Emit(events.ConfigChanged, map[string]any{"kind": "package", "version": plan.ToVersion,
			"instance": plan.Instance})
	}
	in.log.Info("best-practices package applied", "instance", plan.Instance, "from_version", plan.FromVersion,
		"to_version", plan.ToVersion, "mappings", len(res.Mappings), "events", len(res.Events), "disabled", len(res.Disabled))
	return res, nil
}

// UpgradeResult lists what ApplyUpgrade wrote.
type UpgradeResult struct {
	FromVersion int      `json:"fromVersion"`
	ToVersion   int      `json:"toVersion"`
	Mappings    []string `json:"mappings"`
	Events      []string `json:"events"`
	// Disabled lists definitions that were enabled but failed validation
	// after the upgrade, with the problems found.
	Disabled []Disabled `json:"disabled,omitempty"`
}

// Disabled is a definition the upgrade disabled and why.
type Disabled struct {
	Kind     string            `json:"kind"`
	ID       string            `json:"id"`
	Problems []mapping.Problem `json:"problems"`
}

func (in *Installer) checkSnapshot(ctx context.Context, plan UpgradePlan) error {
	for id, was := range plan.snapshot {
		var now []byte
		if d, err := in.db.Mapping(ctx, id); err == nil {
			now = d.JSON
		} else if d, err := in.db.Event(ctx, id); err == nil {
			now = d.JSON
		}
		if string(now) != string(was) {
			return fmt.Errorf("apply best-practices package: definition %s: %w; plan the upgrade again", id, ErrPlanStale)
		}
	}
	return nil
}

// mappingDefinition returns m as the store keeps it, with the stored
// definition's columns (creation time, state, last result) kept.
func (in *Installer) mappingDefinition(ctx context.Context, m mapping.Mapping) (store.Definition, error) {
	def, err := in.db.Mapping(ctx, m.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return def, err
	}
	data, err := json.Marshal(m)
	if err != nil {
		return def, fmt.Errorf("encode mapping %s: %w", m.ID, err)
	}
	def.ID, def.Name, def.ClarizenConnection, def.JSON, def.Enabled = m.ID, m.Name, m.ClarizenConnection(), data, m.Enabled
	def.PackageItem = m.ID
	return def, nil
}

// eventDefinition returns e as the store keeps it, with the stored
// definition's columns kept.
func (in *Installer) eventDefinition(ctx context.Context, e mapping.Event) (store.Definition, error) {
	def, err := in.db.Event(ctx, e.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return def, err
	}
	data, err := json.Marshal(e)
	if err != nil {
		return def, fmt.Errorf("encode event %s: %w", e.ID, err)
	}
	def.ID, def.Name, def.TriggeredBy, def.ClarizenConnection = e.ID, e.Name, string(e.TriggeredBy), e.ClarizenConnection()
	def.JSON, def.Enabled, def.FireExisting, def.PackageItem = data, e.Enabled, e.FireExisting, e.ID
	return def, nil
}

// disableInvalid validates the enabled definitions the plan wrote and
// disables those with blocking problems.
func (in *Installer) disableInvalid(ctx context.Context, plan UpgradePlan) ([]Disabled, error) {
	var out []Disabled
	for _, m := range plan.Mappings {
		if !m.Enabled {
			continue
		}
		problems, err := in.ws.ValidateMapping(ctx, m)
		if err != nil {
			return out, fmt.Errorf("validate mapping %s: %w", m.ID, err)
		}
		if mapping.HasErrors(problems) {
			if err := in.ws.DisableMapping(ctx, m.ID); err != nil {
				return out, err
			}
			out = append(out, Disabled{Kind: "mapping", ID: m.ID, Problems: problems})
		}
	}
	for _, e := range plan.Events {
		if !e.Enabled {
			continue
		}
		problems, err := in.ws.ValidateEvent(ctx, e)
		if err != nil {
			return out, fmt.Errorf("validate event %s: %w", e.ID, err)
		}
		if mapping.HasErrors(problems) {
			if err := in.ws.DisableEvent(ctx, e.ID); err != nil {
				return out, err
			}
			out = append(out, Disabled{Kind: "event", ID: e.ID, Problems: problems})
		}
	}
	return out, nil
}

// installedBase reads the version installed for a Clarizen instance; an
// empty package and version 0 when none is.
func (in *Installer) installedBase(ctx context.Context, instance int) (Package, int, error) {
	raw, ok, err := in.db.Setting(ctx, settingInstalled+strconv.Itoa(instance))
	if err != nil || !ok {
		return Package{Instance: instance}, 0, err
	}
	var rec installed
	if err := json.Unmarshal([]byte(raw), &rec); err != nil {
		return Package{}, 0, fmt.Errorf("read installed best-practices package: %w", err)
	}
	mappings, evs, err := mapping.Import(rec.File)
	if err != nil {
		return Package{}, 0, fmt.Errorf("read installed best-practices package: %w", err)
	}
	return Package{Version: rec.Version, Instance: instance, Mappings: mappings, Events: evs}, rec.Version, nil
}

// InstalledVersion returns the package version installed for a Clarizen
// instance, 0 when none is.
func (in *Installer) InstalledVersion(ctx context.Context, instance int) (int, error) {
	_, v, err := in.installedBase(ctx, instance)
	return v, err
}

// baseSetting returns the setting that records pkg as the installed
// version of its Clarizen instance, the base of the next upgrade.
func baseSetting(pkg Package) (key, value string, err error) {
	file, err := mapping.Export(pkg.Mappings, pkg.Events)
	if err != nil {
		return "", "", err
	}
	data, err := json.Marshal(installed{Version: pkg.Version, File: file})
	if err != nil {
		return "", "", fmt.Errorf("encode installed best-practices package: %w", err)
	}
	return settingInstalled + strconv.Itoa(pkg.Instance), string(data), nil
}

// jsonOf returns a definition's JSON tree without its run state, for
// comparisons.
func jsonOf(v any) map[string]any {
	tree, err := toTree(v)
	if err != nil {
		return nil
	}
	return tree
}
