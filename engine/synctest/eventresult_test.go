package synctest

import (
	"context"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// An event's last result gives how many records fired it in the latest
// run, and that none did in a run without new matches.
func TestRun_EventLastResult(t *testing.T) {
	tests := []struct {
		name       string
		titleEvent mapping.EventType
		cases      int
		want       string
	}{
		{"one record", mapping.CreateAndSync, 1, "fired for 1 record"},
		{"two records", mapping.CreateAndSync, 2, "fired for 2 records"},
		{"failed creates", mapping.SyncOnly, 2, "fired for 2 records, 2 failed"},
		{"no match", mapping.CreateAndSync, 0, "no new records matched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			ctx := context.Background()
			env.SaveMapping(t, caseIssue(tt.titleEvent))
			env.SaveEvent(t, EntityEvent("cases", 1, "Case", "Priority = 'High'", "case-issue", true), env.Clock.Now())
			for range tt.cases {
				env.Insert(t, "Case", map[string]any{"Subject": "Charger overheating", "Priority": "High"})
			}
			env.Insert(t, "Case", map[string]any{"Subject": "Quiet hum", "Priority": "Low"})
			runner := env.Runner(t, syncer.Options{})

			lastResult := func() string {
				t.Helper()
				d, err := env.DB.Event(ctx, "cases")
				if err != nil {
					t.Fatal(err)
				}
				return d.LastResult
			}
			Run(t, runner, syncer.RunOptions{})
			first := lastResult()
			if !strings.HasSuffix(first, ": "+tt.want) {
				t.Errorf("last result after the first run = %q, want it to end with %q", first, tt.want)
			}
			if len(first) < 20 || first[4] != '-' || first[10] != 'T' {
				t.Errorf("last result %q does not start with the time of the run", first)
			}

			if tt.titleEvent == mapping.SyncOnly {
				return
			}
			Run(t, runner, syncer.RunOptions{})
			if second := lastResult(); !strings.HasSuffix(second, ": no new records matched") {
				t.Errorf("last result after a run without new matches = %q", second)
			}
		})
	}
}
