package bestpractice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// Action is the step an upgrade takes for a definition or one of its
// values.
type Action string

// Actions of an upgrade, as Change.Action shows them.
const (
	// ActionAdd adds a definition or a list element (a field map, a link)
	// that is new in the package.
	ActionAdd Action = "add"
	// ActionUpdate takes the package's new value where the admin left the
	// installed value alone.
	ActionUpdate Action = "update"
	// ActionRemove drops a value or list element that the package dropped
	// and the admin left alone.
	ActionRemove Action = "remove"
	// ActionKeep keeps the admin's value where the admin and the package
	// both changed it.
	ActionKeep Action = "keep"
	// ActionRetire keeps a definition that the package no longer ships;
	// the admin may delete it.
	ActionRetire Action = "retire"
)

// Change is one line of an upgrade's diff. Installed, Current and New are
// JSON values (nil when absent) of the version installed, the admin's
// current definition and the new package version.
type Change struct {
	Kind string `json:"kind"` // mapping or event
	ID   string `json:"id"`
	Name string `json:"name"`
	// Path names the value inside the definition, e.g.
	// fieldMaps[state].eventType; empty for the whole definition.
	Path      string `json:"path,omitempty"`
	Action    Action `json:"action"`
	Installed any    `json:"installed,omitempty"`
	Current   any    `json:"current,omitempty"`
	New       any    `json:"new,omitempty"`
	Note      string `json:"note,omitempty"`
}

// String formats the change as one line of the diff.
func (c Change) String() string {
	where := fmt.Sprintf("%s %q", c.Kind, c.Name)
	if c.Path != "" {
		where += " " + c.Path
	}
	line := ""
	switch c.Action {
	case ActionAdd:
		line = fmt.Sprintf("+ %s: added", where)
		if c.Path != "" {
			line += " " + compact(c.New)
		}
	case ActionUpdate:
		line = fmt.Sprintf("~ %s: %s -> %s", where, compact(c.Current), compact(c.New))
	case ActionRemove:
		line = fmt.Sprintf("- %s: removed %s", where, compact(c.Current))
	case ActionKeep:
		line = fmt.Sprintf("= %s: kept your %s (installed %s, new version %s)", where, compact(c.Current), compact(c.Installed), compact(c.New))
	case ActionRetire:
		line = fmt.Sprintf("! %s: no longer in the package; kept", where)
	}
	if c.Note != "" {
		line += "; " + c.Note
	}
	return line
}

// compact writes a JSON value on one line, shortened for the diff.
func compact(v any) string {
	if v == nil {
		return "(none)"
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	b := bytes.TrimSpace(buf.Bytes())
	const maxLen = 120
	if len(b) > maxLen {
		return string(b[:maxLen]) + "..."
	}
	return string(b)
}

// value is a JSON value that may be absent, which differs from null.
type value struct {
	v  any
	ok bool
}

func present(v any) value { return value{v: v, ok: true} }

var absent = value{}

func (a value) equal(b value) bool {
	if a.ok != b.ok {
		return false
	}
	return reflect.DeepEqual(a.v, b.v)
}

// merger collects the changes of one definition's three-way merge.
type merger struct {
	kind, id, name string
	changes        []Change
}

func (m *merger) add(path string, action Action, b, c, n value, note string) {
	m.changes = append(m.changes, Change{Kind: m.kind, ID: m.id, Name: m.name, Path: path, Action: action,
		Installed: b.v, Current: c.v, New: n.v, Note: note})
}

// merge3 merges one value of the version installed (b), the admin's
// current definition (c) and the new version (n). A side that did not
// change the value since b gives way to the side that did. When both
// changed it to different values, maps and keyed lists merge key by key,
// and anything else keeps the admin's value.
func (m *merger) merge3(path string, b, c, n value) value {
	switch {
	case c.equal(n):
		return c
	case b.equal(n):
		return c
	case b.equal(c):
		before := len(m.changes)
		if m.describeChanges(path, b, c, n) && len(m.changes) > before {
			return n
		}
		// Nothing inside differs but the order of a list, or the value
		// is not a map or list: one line for the whole value.
		switch {
		case !n.ok:
			m.add(path, ActionRemove, b, c, n, "")
		case !c.ok:
			m.add(path, ActionAdd, b, c, n, "")
		default:
			m.add(path, ActionUpdate, b, c, n, "")
		}
		return n
	}
	if cm, ok := c.v.(map[string]any); ok && c.ok && n.ok {
		if nm, ok := n.v.(map[string]any); ok {
			bm, _ := b.v.(map[string]any)
			return present(m.mergeMaps(path, bm, cm, nm))
		}
	}
	if cl, ok := c.v.([]any); ok && c.ok && n.ok {
		if nl, ok := n.v.([]any); ok {
			bl, _ := b.v.([]any)
			if key := listKey(bl, cl, nl); key != "" {
				return present(m.mergeLists(path, key, bl, cl, nl))
			}
		}
	}
	note := "you changed it and so did the new version"
	if !c.ok {
		note = "you removed it and the new version changed it; it stays removed"
	} else if !n.ok {
		note = "the new version removed it but you changed it"
	}
	m.add(path, ActionKeep, b, c, n, note)
	return c
}

// describeChanges lists, for a value only the package changed, the
// changes inside it key by key rather than as one replaced value, when c
// and n are both maps or both keyed lists. It reports whether it did. The
// caller takes n either way, so the package's order of list elements is
// kept.
func (m *merger) describeChanges(path string, b, c, n value) bool {
	if !c.ok || !n.ok {
		return false
	}
	if cm, ok := c.v.(map[string]any); ok {
		if nm, ok := n.v.(map[string]any); ok {
			bm, _ := b.v.(map[string]any)
			m.mergeMaps(path, bm, cm, nm)
			return true
		}
	}
	if cl, ok := c.v.([]any); ok {
		if nl, ok := n.v.([]any); ok {
			bl, _ := b.v.([]any)
			if key := listKey(bl, cl, nl); key != "" {
				m.mergeLists(path, key, bl, cl, nl)
				return true
			}
		}
	}
	return false
}

func (m *merger) mergeMaps(path string, b, c, n map[string]any) map[string]any {
	keys := map[string]bool{}
	for _, mm := range []map[string]any{b, c, n} {
		for k := range mm {
			keys[k] = true
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	out := map[string]any{}
	for _, k := range sorted {
		r := m.merge3(joinPath(path, k), lookup(b, k), lookup(c, k), lookup(n, k))
		if r.ok {
			out[k] = r.v
		}
	}
	return out
}

// mergeLists merges lists of objects element by element, matching
// elements by key. The result keeps the admin's order and appends the
// package's new elements in the package's order.
func (m *merger) mergeLists(path, key string, b, c, n []any) []any {
	bi, ci, ni := indexList(b, key), indexList(c, key), indexList(n, key)
	var out []any
	for _, el := range c {
		k := elementKey(el, key)
		r := m.merge3(elementPath(path, k), lookupList(bi, k), present(el), lookupList(ni, k))
		if r.ok {
			out = append(out, r.v)
		}
	}
	for _, el := range n {
		k := elementKey(el, key)
		if _, ok := ci[k]; ok {
			continue
		}
		r := m.merge3(elementPath(path, k), lookupList(bi, k), absent, present(el))
		if r.ok {
			out = append(out, r.v)
		}
	}
	if out == nil {
		out = []any{}
	}
	return out
}

// listKey returns the field that identifies the elements of three lists
// of objects (id, template or field), or "" when the lists are not lists
// of uniquely keyed objects.
func listKey(lists ...[]any) string {
	for _, key := range []string{"id", "template", "field"} {
		if keyedBy(key, lists...) {
			return key
		}
	}
	return ""
}

func keyedBy(key string, lists ...[]any) bool {
	for _, l := range lists {
		seen := map[string]bool{}
		for _, el := range l {
			k := elementKey(el, key)
			if k == "" || seen[k] {
				return false
			}
			seen[k] = true
		}
	}
	return true
}

func elementKey(el any, key string) string {
	obj, ok := el.(map[string]any)
	if !ok {
		return ""
	}
	s, _ := obj[key].(string)
	return s
}

func indexList(l []any, key string) map[string]any {
	out := make(map[string]any, len(l))
	for _, el := range l {
		out[elementKey(el, key)] = el
	}
	return out
}

func lookup(m map[string]any, k string) value {
	v, ok := m[k]
	if !ok {
		return absent
	}
	return present(v)
}

func lookupList(m map[string]any, k string) value { return lookup(m, k) }

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func elementPath(path, key string) string { return path + "[" + key + "]" }

// toTree turns a definition into its JSON tree without the keys that are
// the admin's run state rather than part of the definition.
func toTree(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var tree map[string]any
	if err := json.Unmarshal(b, &tree); err != nil {
		return nil, err
	}
	for _, k := range stateKeys {
		delete(tree, k)
	}
	return tree, nil
}

// stateKeys are left out of the merge: whether a definition is enabled
// and whether an event fired for existing records belong to the admin.
var stateKeys = []string{"enabled", "fireExisting"}

// fromTree decodes a merged tree into dst.
func fromTree(tree map[string]any, dst any) error {
	b, err := json.Marshal(tree)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

// mustRoundTrip copies src into dst through JSON. The mapping model has
// only strings, numbers, booleans, slices and maps of them, which always
// encode, so a failure is a programming error and panics.
func mustRoundTrip(src, dst any) {
	b, err := json.Marshal(src)
	if err == nil {
		err = json.Unmarshal(b, dst)
	}
	if err != nil {
		panic(fmt.Sprintf("copy definition: %v", err))
	}
}
