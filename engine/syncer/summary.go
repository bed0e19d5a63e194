package syncer

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// RunStatus is the way a run ended.
type RunStatus string

// Run statuses, as stored in the runs table.
const (
	StatusSucceeded RunStatus = "succeeded" // every operation was sent; some may have failed
	StatusFailed    RunStatus = "failed"    // the run could not plan or apply
	// StatusStopped means the run stopped early and cleanly: the Salesforce
	// budget fell under the reserve or a connection needs
	// re-authentication. Unsent operations stay Pending for the next run.
	StatusStopped   RunStatus = "stopped"
	StatusCancelled RunStatus = "cancelled"
)

// Summary is a run's outcome: totals and one line per mapping. It is
// stored with the run and printed by the headless commands.
type Summary struct {
	RunID      int64     `json:"runId"`
	DryRun     bool      `json:"dryRun"`
	Status     RunStatus `json:"status"`
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt"`
	// StopReason is the cause a stopped, cancelled or failed run ended early.
	StopReason string           `json:"stopReason,omitempty"`
	Mappings   []MappingSummary `json:"mappings"`
	// APICalls counts the calls the run made per connection (reads and
	// writes; retries inside the clients are not counted).
	APICalls map[string]int `json:"apiCalls"`
	// Pending counts operations left for the next run.
	Pending int `json:"pending"`
	// SalesforceBudget is the org's daily API usage after the run, when a
	// response reported it.
	SalesforceBudget *Budget  `json:"salesforceBudget,omitempty"`
	Warnings         []string `json:"warnings,omitempty"`
	// Skipped lists the mappings and events left out because they failed
	// to plan; the run synced the others.
	Skipped []SkippedDefinition `json:"skipped,omitempty"`
	// HeldDeletes lists the mappings whose deletions the delete guard held
	// back; Runner.ConfirmDeletes lets the next run delete them.
	HeldDeletes []HeldDeletes `json:"heldDeletes,omitempty"`
	// AlsoSynced names the mappings outside the run's selection that it
	// wrote through for references (see Plan.AlsoSynced).
	AlsoSynced []string `json:"alsoSynced,omitempty"`
}

// Budget is a daily API usage reading.
type Budget struct {
	Used int `json:"used"`
	Max  int `json:"max"`
}

// MappingSummary is one mapping's line of a Summary.
type MappingSummary struct {
	MappingID string `json:"mappingId"`
	Name      string `json:"name"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Deleted   int    `json:"deleted"`
	Linked    int    `json:"linked"`
	// Unlinked counts links dropped without a remote write (delete
	// policy retain, or both records gone).
	Unlinked int `json:"unlinked"`
	// Matched counts pairs found by key fields and linked without a
	// remote write.
	Matched   int `json:"matched"`
	Failed    int `json:"failed"`
	Conflicts int `json:"conflicts"`
	APICalls  int `json:"apiCalls"`
}

// Totals adds up the mapping lines.
func (s Summary) Totals() MappingSummary {
	var t MappingSummary
	for _, m := range s.Mappings {
		t.addCounts(m)
	}
	return t
}

// Writes counts the records the run created, updated, deleted or linked.
func (s Summary) Writes() int {
	t := s.Totals()
	return t.Created + t.Updated + t.Deleted + t.Linked
}

// WriteText prints the summary as a table, one line per mapping.
func (s Summary) WriteText(w io.Writer) error {
	status := string(s.Status)
	if s.DryRun {
		status += " (dry run)"
	}
	if _, err := fmt.Fprintf(w, "Run %d %s in %s\n", s.RunID, status, s.FinishedAt.Sub(s.StartedAt).Round(time.Millisecond)); err != nil {
		return err
	}
	if s.StopReason != "" {
		fmt.Fprintf(w, "  %s\n", s.StopReason)
	}
	// The linked column adds the pairs found by key fields to the Clarizen
	// link entities created, as the plan's links count does.
	// The name column widens to the longest name, so the numbers line up.
	width := 40
	for _, m := range s.Mappings {
		width = max(width, utf8.RuneCountInString(m.Name))
	}
	fmt.Fprintf(w, "  %-*s %8s %8s %8s %8s %8s %9s\n", width, "Mapping", "created", "updated", "deleted", "linked", "failed", "API calls")
	for _, m := range s.Mappings {
		fmt.Fprintf(w, "  %-*s %8d %8d %8d %8d %8d %9d\n", width, m.Name, m.Created, m.Updated, m.Deleted, m.Linked+m.Matched,
			m.Failed, m.APICalls)
	}
	t := s.Totals()
	fmt.Fprintf(w, "  %-*s %8d %8d %8d %8d %8d %9d\n", width, "Total", t.Created, t.Updated, t.Deleted, t.Linked+t.Matched,
		t.Failed, t.APICalls)
	fmt.Fprintf(w, "  linked: Clarizen link entities created (%d) and pairs found by key fields, linked without a write (%d)\n",
		t.Linked, t.Matched)
	if len(s.APICalls) > 0 {
		fmt.Fprintf(w, "  API calls per connection: %s. Calls made before the work is split by mapping (describes, logins) count only here.\n",
			formatCalls(s.APICalls))
	}
	if len(s.AlsoSynced) > 0 {
		fmt.Fprintf(w, "  also synced because records of the selected mappings refer to theirs: %s (their records count under them)\n",
			strings.Join(s.AlsoSynced, ", "))
	}
	if s.Pending > 0 {
		fmt.Fprintf(w, "  %s Pending for the next run\n", pluralVerb(s.Pending, "operation", "stays", "stay"))
	}
	for _, warning := range s.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", warning)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// tally collects a run's counts while it applies.
type tally struct {
	order    []string
	names    map[string]string
	mappings map[string]*MappingSummary
	calls    map[string]int
}

func newTally() *tally {
	return &tally{names: map[string]string{}, mappings: map[string]*MappingSummary{}, calls: map[string]int{}}
}

// mapping returns the line of a mapping, adding it on first use.
func (t *tally) mapping(id, name string) *MappingSummary {
	m, ok := t.mappings[id]
	if !ok {
		m = &MappingSummary{MappingID: id, Name: name}
		t.mappings[id] = m
		t.order = append(t.order, id)
	}
	if m.Name == "" {
		m.Name = name
	}
	return m
}

// call counts one API call on connection for a mapping.
func (t *tally) call(connection, mappingID, mappingName string) {
	t.calls[connection]++
	if mappingID != "" {
		t.mapping(mappingID, mappingName).APICalls++
	}
}

func (t *tally) lines() []MappingSummary {
	out := make([]MappingSummary, 0, len(t.order))
	for _, id := range t.order {
		out = append(out, *t.mappings[id])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// add counts the lines and calls of other in the tally: the work a run's
// BeforeRun did.
func (t *tally) add(other Summary) {
	for _, l := range other.Mappings {
		m := t.mapping(l.MappingID, l.Name)
		m.addCounts(l)
	}
	for conn, n := range other.APICalls {
		t.calls[conn] += n
	}
}

// addCounts adds the counts of another line of the same mapping.
func (m *MappingSummary) addCounts(l MappingSummary) {
	m.Created += l.Created
	m.Updated += l.Updated
	m.Deleted += l.Deleted
	m.Linked += l.Linked
	m.Unlinked += l.Unlinked
	m.Matched += l.Matched
	m.Failed += l.Failed
	m.Conflicts += l.Conflicts
	m.APICalls += l.APICalls
}

// Add counts work done beside a run, such as the post and comment copy
// after a manual run, in the run's summary. Its mapping lines add to the
// lines of the same mappings, or are appended when new. Its API calls add
// to the calls per connection, and its warnings follow the run's.
func (s *Summary) Add(other Summary) {
	for _, l := range other.Mappings {
		i := slices.IndexFunc(s.Mappings, func(m MappingSummary) bool { return m.MappingID == l.MappingID })
		if i < 0 {
			s.Mappings = append(s.Mappings, l)
			continue
		}
		s.Mappings[i].addCounts(l)
	}
	if len(other.APICalls) > 0 && s.APICalls == nil {
		s.APICalls = map[string]int{}
	}
	for conn, n := range other.APICalls {
		s.APICalls[conn] += n
	}
	s.Warnings = append(s.Warnings, other.Warnings...)
}
