package demo

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// MaxSyncRuns bounds the runs of one demo sync. The first run creates
// the projects, and the milestones under them and the values Clarizen
// sets on a new project (status, progress, dates) come back on the next,
// because they exist only once the projects do. A third run finds nothing
// left in the seeded demo and ends the sync.
const MaxSyncRuns = 3

// Report is the outcome of one full demo sync.
type Report struct {
	Users []bestpractice.UserResult `json:"users"`
	// Run adds up the runs of the sync: the mapping lines, API calls and
	// warnings of every run, with the id, status and pending operations
	// of the last.
	Run syncer.Summary `json:"run"`
	// Runs counts the runs the sync made, at most MaxSyncRuns.
	Runs int `json:"runs"`
	// FirstRunID is the id of the sync's first run.
	FirstRunID int64          `json:"firstRunId"`
	Social     social.Summary `json:"social"`
}

// Writes counts the records the run and the social sync wrote. The run
// counts the users it created under the user mappings.
func (r Report) Writes() int {
	return r.Run.Writes() + r.Social.Writes()
}

// Describe sums the report up in one line whose counts are labelled as
// the run summary labels them, so that "370 created" here is the
// summary's Created, users created included. Posts are counted apart
// because the run summary leaves them out.
func (r Report) Describe() string {
	t := r.Run.Totals()
	var run []string
	for _, c := range []struct {
		n    int
		verb string
	}{{t.Created, "created"}, {t.Updated, "updated"}, {t.Deleted, "deleted"}, {t.Linked, "linked"}} {
		if c.n > 0 {
			run = append(run, fmt.Sprintf("%d %s", c.n, c.verb))
		}
	}
	sync := "sync"
	if r.Runs > 1 {
		sync = fmt.Sprintf("sync (%d runs)", r.Runs)
	}
	parts := []string{sync + ": nothing written"}
	if len(run) > 0 {
		parts[0] = sync + ": " + joinList(run)
	}
	if n := r.Social.Writes(); n > 0 {
		parts = append(parts, "social: "+countOf(n, "post or comment", "posts and comments")+" copied")
	}
	matched := 0
	for _, u := range r.Users {
		matched += u.Matched
	}
	if matched > 0 {
		parts = append(parts, countOf(matched, "user", "users")+" matched by e-mail")
	}
	parts = append(parts, fmt.Sprintf("%d failed", r.Failed()))
	return strings.Join(parts, "; ")
}

// countOf returns "1 record" or "2 records".
func countOf(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return fmt.Sprintf("%d %s", n, plural)
}

// joinList joins items as "a", "a and b" or "a, b and c".
func joinList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Failed counts failed records of every step.
func (r Report) Failed() int {
	n := r.Run.Totals().Failed
	for _, m := range r.Social.Mappings {
		n += m.Failed
	}
	return n
}

// WriteText prints the report: the users matched, one line per mapping
// with created, updated, deleted, failed and API calls, and the social
// sync.
func (r Report) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "Users"); err != nil {
		return err
	}
	for _, u := range r.Users {
		fmt.Fprintf(w, "  %-40s %d linked before, %d matched by e-mail, %d created in Clarizen (Email Only), %d created in Salesforce (Chatter Free), %d failed\n",
			u.MappingName, u.Linked, u.Matched, u.CreatedInClarizen, u.CreatedInSalesforce, u.Failed)
		for _, warning := range u.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warning)
		}
	}
	fmt.Fprintln(w)
	if r.Runs > 1 {
		fmt.Fprintf(w, "The sync took runs %d to %d; the lines below add them up.\n", r.FirstRunID, r.Run.RunID)
	}
	if err := r.Run.WriteText(w); err != nil {
		return err
	}
	return r.Social.WriteText(w)
}

// Sync runs one full sync of the demo: the engine's runs, until one
// writes nothing or MaxSyncRuns ran, then the social sync of the
// records the runs linked. Each run pairs users first, so that
// references and post authors resolve. The report's user lines are those
// of the first run's pairing, which pairs every seeded user.
func (w *Workspace) Sync(ctx context.Context) (Report, error) {
	var rep Report
	for rep.Runs < MaxSyncRuns {
		sum, err := w.Engine.Sync(ctx, syncer.RunOptions{Trigger: "demo"})
		if err != nil {
			return rep, fmt.Errorf("run the demo sync: %w", err)
		}
		rep.Runs++
		if rep.Runs == 1 {
			rep.Run, rep.FirstRunID = sum, sum.RunID
			if rep.Users, err = w.Installer.LastUserResults(); err != nil {
				return rep, fmt.Errorf("pair demo users: %w", err)
			}
		} else {
			addRun(&rep.Run, sum)
		}
		if sum.Writes() == 0 || sum.Status != syncer.StatusSucceeded || sum.Totals().Failed > 0 {
			break
		}
		if rep.Runs == MaxSyncRuns {
			rep.Run.Warnings = append(rep.Run.Warnings, fmt.Sprintf(
				"the last of %d runs still wrote records; the next sync may have more to do", MaxSyncRuns))
		}
	}
	w.log.Info("demo sync runs finished", "runs", rep.Runs, "first_run_id", rep.FirstRunID, "last_run_id", rep.Run.RunID)
	// SyncSocial pairs users again under the engine's lock, which finds
	// nothing new right after the runs; the report keeps the first run's
	// pairing, read above.
	var err error
	if rep.Social, err = w.Engine.SyncSocial(ctx); err != nil {
		return rep, fmt.Errorf("sync demo posts: %w", err)
	}
	return rep, nil
}

// addRun adds a later run of the same sync to total: its counts, calls and
// new warnings, and the way it ended.
func addRun(total *syncer.Summary, next syncer.Summary) {
	warnings := total.Warnings
	total.Add(syncer.Summary{Mappings: next.Mappings, APICalls: next.APICalls})
	for _, w := range next.Warnings {
		if !slices.Contains(warnings, w) {
			warnings = append(warnings, w)
		}
	}
	total.Warnings = warnings
	total.RunID, total.Status, total.StopReason = next.RunID, next.Status, next.StopReason
	total.FinishedAt, total.Pending = next.FinishedAt, next.Pending
	total.SalesforceBudget, total.Skipped, total.HeldDeletes = next.SalesforceBudget, next.Skipped, next.HeldDeletes
}
