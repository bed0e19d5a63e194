package syncer

import (
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/schema"
)

func TestSummary_WriteText(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s := Summary{RunID: 7, Status: StatusSucceeded, StartedAt: start, FinishedAt: start.Add(time.Second),
		Mappings: []MappingSummary{
			{MappingID: "users", Name: "Users", Linked: 1, Matched: 2, APICalls: 3},
			{MappingID: "idle", Name: "Idle mapping"},
		},
		APICalls:   map[string]int{"salesforce": 9, "clarizen1": 4},
		AlsoSynced: []string{"Account to Customer"},
	}
	var b strings.Builder
	if err := s.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	checks := []struct{ name, want string }{
		{"linked column adds the matches", "Users                                           0        0        0        3        0         3"},
		{"idle mapping has a line", "Idle mapping"},
		{"calls per connection", "API calls per connection: Clarizen instance 1: 4, Salesforce: 9."},
		{"linked explained", "Clarizen link entities created (1) and pairs found by key fields, linked without a write (2)"},
		{"mappings synced for references", "also synced because records of the selected mappings refer to theirs: Account to Customer"},
	}
	for _, c := range checks {
		if !strings.Contains(out, c.want) {
			t.Errorf("%s: output lacks %q:\n%s", c.name, c.want, out)
		}
	}
}

func TestPlan_WriteTextSkipsEmptyFields(t *testing.T) {
	p := &Plan{Operations: []Operation{{ID: 0, Kind: OpCreate, Target: schema.Clarizen, Object: "Customer",
		RecordID: "/Customer/c1", Reason: "event fired",
		Fields: []FieldWrite{{Field: "Name", After: "Acme"}, {Field: "Description"}}}}}
	var b strings.Builder
	if err := p.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, `Name: null -> "Acme"`) {
		t.Errorf("output lacks the Name write:\n%s", out)
	}
	if strings.Contains(out, "Description") {
		t.Errorf("output shows a field written with nothing:\n%s", out)
	}
}

func TestSummary_WriteTextLongName(t *testing.T) {
	long := "Clarizen User ⇄ Salesforce User (Clarizen 2)"
	s := Summary{Mappings: []MappingSummary{{Name: "Short", Created: 1}, {Name: long, Created: 22}}}
	var b strings.Builder
	if err := s.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	// Every table line ends in the API calls column, so with the names
	// padded alike the lines have the same length in runes.
	var widths []int
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "  Mapping") || strings.HasPrefix(line, "  Short") ||
			strings.HasPrefix(line, "  "+long) || strings.HasPrefix(line, "  Total") {
			widths = append(widths, len([]rune(line)))
		}
	}
	if len(widths) != 4 {
		t.Fatalf("found %d table lines, want 4:\n%s", len(widths), b.String())
	}
	for _, w := range widths[1:] {
		if w != widths[0] {
			t.Errorf("table line widths = %v, want all equal:\n%s", widths, b.String())
			break
		}
	}
}
