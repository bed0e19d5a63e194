package synctest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// Transcript records a scenario as text that stays the same from one
// test run to the next: each run's summary and registry rows, then the
// records of both simulators. Record ids become names in order of first
// appearance (<sf1>, <Customer1>), dates become <date>, and only the
// fields a scenario lists are printed.
type Transcript struct {
	b      strings.Builder
	names  map[string]string
	counts map[string]int
	// rows holds each registry row's state and attempts as last printed.
	rows map[int64]string
}

// NewTranscript returns an empty transcript.
func NewTranscript() *Transcript {
	return &Transcript{names: map[string]string{}, counts: map[string]int{}, rows: map[int64]string{}}
}

var (
	sfIDPattern   = regexp.MustCompile(`\b[0-9a-zA-Z]{15}([0-9a-zA-Z]{3})?\b`)
	czIDPattern   = regexp.MustCompile(`/[A-Za-z_]+/[0-9A-Za-z_-]+`)
	datePattern   = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?\b`)
	liaisonKeyPat = regexp.MustCompile(`\blz[0-9a-f]{8}-[0-9A-Za-z_-]+`)
)

// name returns the stable name of an id.
func (t *Transcript) name(id, kind string) string {
	if n, ok := t.names[id]; ok {
		return n
	}
	t.counts[kind]++
	n := fmt.Sprintf("<%s%d>", kind, t.counts[kind])
	t.names[id] = n
	return n
}

// clean replaces ids, keys and dates in text.
func (t *Transcript) clean(text string) string {
	text = czIDPattern.ReplaceAllStringFunc(text, func(id string) string {
		parts := strings.Split(id, "/")
		return t.name(strings.ToLower(id), parts[1])
	})
	text = liaisonKeyPat.ReplaceAllStringFunc(text, func(k string) string { return t.name(k, "key") })
	text = datePattern.ReplaceAllString(text, "<date>")
	return sfIDPattern.ReplaceAllStringFunc(text, func(id string) string {
		if !strings.ContainsAny(id, "0123456789") {
			return id // a word, not an id
		}
		return t.name(id[:15], "sf")
	})
}

func (t *Transcript) printf(format string, args ...any) {
	t.b.WriteString(t.clean(fmt.Sprintf(format, args...)))
}

// Run records a run's summary and the registry rows it wrote or resumed.
func (t *Transcript) Run(tb testing.TB, env *Env, label string, sum syncer.Summary) {
	tb.Helper()
	tot := sum.Totals()
	t.printf("== %s: %s; created %d, updated %d, deleted %d, linked %d, unlinked %d, failed %d, conflicts %d, pending %d\n",
		label, sum.Status, tot.Created, tot.Updated, tot.Deleted, tot.Linked, tot.Unlinked, tot.Failed, tot.Conflicts, sum.Pending)
	for _, r := range env.Registry(tb) {
		state := fmt.Sprintf("%s/%d", r.State, r.Attempts)
		if t.rows[r.ID] == state {
			continue
		}
		t.rows[r.ID] = state
		t.printf("  %s\n", t.row(r))
	}
	warnings := append([]string(nil), sum.Warnings...)
	sort.Strings(warnings)
	for _, w := range warnings {
		t.printf("  warning: %s\n", w)
	}
}

func (t *Transcript) row(r store.RegistryRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", r.Operation, r.Target)
	if r.Target == "clarizen" {
		fmt.Fprintf(&b, " %s %s", r.CZConnection, r.CZType)
	} else {
		fmt.Fprintf(&b, " %s", r.SFObject)
	}
	if r.SFID != "" {
		fmt.Fprintf(&b, " sf=%s", r.SFID)
	}
	if r.CZID != "" {
		fmt.Fprintf(&b, " cz=%s", r.CZID)
	}
	fmt.Fprintf(&b, " [%s]", r.State)
	if r.ErrorCode != "" {
		fmt.Fprintf(&b, " %s (%s)", r.ErrorCode, r.ErrorClass)
	}

	fields := make([]string, 0, len(r.Fields))
	for _, f := range r.Fields {
		s := fmt.Sprintf("%s=%v", f.Field, f.After)
		if f.Conflict != nil {
			s += fmt.Sprintf(" (conflict %v)", f.Conflict)
		}
		fields = append(fields, s)
	}
	sort.Strings(fields)
	if len(fields) > 0 {
		fmt.Fprintf(&b, ": %s", strings.Join(fields, ", "))
	}
	return b.String()
}

// Records prints the listed fields of every record of a Salesforce object.
func (t *Transcript) Records(label string, records []map[string]any, fields ...string) {
	t.printf("-- %s (%d)\n", label, len(records))
	lines := make([]string, 0, len(records))
	for _, r := range records {
		var parts []string
		for _, f := range fields {
			v := r[f]
			if m, ok := v.(map[string]any); ok {
				v = m["id"]
			}
			parts = append(parts, fmt.Sprintf("%s=%v", f, v))
		}
		lines = append(lines, t.clean(strings.Join(parts, ", ")))
	}
	for _, l := range lines {
		t.b.WriteString("  " + l + "\n")
	}
}

// String returns the transcript.
func (t *Transcript) String() string { return t.b.String() }

// CheckGolden compares got with testdata/<name>.golden, or writes the file
// when update is set.
func CheckGolden(tb testing.TB, name, got string, update bool) {
	tb.Helper()
	path := filepath.Join("testdata", name+".golden")
	if update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden file (run the test with -update to write it): %v", err)
	}
	if string(want) != got {
		tb.Errorf("transcript differs from %s (rerun with -update after checking the change):\n%s", path, diffLines(string(want), got))
	}
}

// diffLines lists the lines that differ between want and got.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d\n  want: %s\n  got:  %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
