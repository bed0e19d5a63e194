package demo

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestReport_Describe(t *testing.T) {
	tests := []struct {
		name string
		rep  Report
		want string
	}{
		{"nothing", Report{}, "sync: nothing written; 0 failed"},
		{
			name: "run totals over mappings",
			rep: Report{Run: syncer.Summary{Mappings: []syncer.MappingSummary{
				{Created: 300, Updated: 20, Linked: 4, Failed: 1},
				{Created: 70, Deleted: 3, Matched: 9},
			}}},
			want: "sync: 370 created, 20 updated, 3 deleted and 4 linked; 1 failed",
		},
		{
			name: "one created",
			rep:  Report{Run: syncer.Summary{Mappings: []syncer.MappingSummary{{Created: 1}}}},
			want: "sync: 1 created; 0 failed",
		},
		{
			// The run's lines hold the users it created and failed to
			// create, so the user results add only the pairs matched.
			name: "social apart, users in the run",
			rep: Report{
				Run: syncer.Summary{Mappings: []syncer.MappingSummary{{Created: 2, Updated: 1},
					{Name: "Clarizen User ⇄ Salesforce User", Created: 5, Matched: 5, Failed: 1}}},
				Social: social.Summary{Mappings: []social.MappingSummary{{PostsToClarizen: 20, CommentsToSalesforce: 9, Failed: 2}}},
				Users:  []bestpractice.UserResult{{Matched: 5, CreatedInClarizen: 3, CreatedInSalesforce: 2, Failed: 1}},
			},
			want: "sync: 7 created and 1 updated; social: 29 posts and comments copied; 5 users matched by e-mail; 3 failed",
		},
		{
			name: "two runs",
			rep:  Report{Runs: 2, Run: syncer.Summary{Mappings: []syncer.MappingSummary{{Created: 394, Linked: 90}}}},
			want: "sync (2 runs): 394 created and 90 linked; 0 failed",
		},
		{
			name: "one post",
			rep:  Report{Social: social.Summary{Mappings: []social.MappingSummary{{PostsToSalesforce: 1}}}},
			want: "sync: nothing written; social: 1 post or comment copied; 0 failed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rep.Describe(); got != tt.want {
				t.Errorf("Describe() = %q, want %q", got, tt.want)
			}
		})
	}
}

// A later run of the same demo sync adds its counts and calls and ends the
// report's status; a warning both runs gave appears once.
func TestAddRun(t *testing.T) {
	total := syncer.Summary{RunID: 1, Status: syncer.StatusSucceeded, Warnings: []string{"repeated"},
		Mappings: []syncer.MappingSummary{{MappingID: "projects", Created: 80, APICalls: 30}},
		APICalls: map[string]int{"salesforce": 20}}
	addRun(&total, syncer.Summary{RunID: 2, Status: syncer.StatusStopped, Pending: 4, Warnings: []string{"repeated", "new"},
		Mappings: []syncer.MappingSummary{{MappingID: "projects", Updated: 80, APICalls: 12}, {MappingID: "milestones", Created: 200}},
		APICalls: map[string]int{"salesforce": 9, "clarizen1": 3}})

	if len(total.Mappings) != 2 || total.Mappings[0].Created != 80 || total.Mappings[0].Updated != 80 || total.Mappings[0].APICalls != 42 {
		t.Errorf("mapping lines = %+v, want the projects line with both runs' counts and a milestones line", total.Mappings)
	}
	if total.APICalls["salesforce"] != 29 || total.APICalls["clarizen1"] != 3 {
		t.Errorf("calls = %v, want salesforce 29 and clarizen1 3", total.APICalls)
	}
	if strings.Join(total.Warnings, "|") != "repeated|new" {
		t.Errorf("warnings = %q, want each once", total.Warnings)
	}
	if total.RunID != 2 || total.Status != syncer.StatusStopped || total.Pending != 4 {
		t.Errorf("run %d %s with %d pending, want the last run's 2 stopped with 4", total.RunID, total.Status, total.Pending)
	}
}
