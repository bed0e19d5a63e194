package demo

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// Report is the outcome of one full demo sync.
type Report struct {
	Users  []bestpractice.UserResult `json:"users"`
	Run    syncer.Summary            `json:"run"`
	Social social.Summary            `json:"social"`
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
	parts := []string{"sync: nothing written"}
	if len(run) > 0 {
		parts[0] = "sync: " + joinList(run)
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
	if err := r.Run.WriteText(w); err != nil {
		return err
	}
	return r.Social.WriteText(w)
}

// Sync runs one full sync of the demo: the engine's run, which pairs users
// first so that references and post authors resolve, then the social sync
// of the records the run linked. The report's user lines are those of the
// engine's pairing.
func (w *Workspace) Sync(ctx context.Context) (Report, error) {
	var rep Report
	var err error
	if rep.Run, err = w.Engine.Sync(ctx, syncer.RunOptions{Trigger: "demo"}); err != nil {
		return rep, fmt.Errorf("run the demo sync: %w", err)
	}
	if rep.Users, err = w.Installer.LastUserResults(); err != nil {
		return rep, fmt.Errorf("pair demo users: %w", err)
	}
	// SyncSocial pairs users again under the engine's lock, which finds
	// nothing new right after the run; the report keeps the run's pairing,
	// read above.
	if rep.Social, err = w.Engine.SyncSocial(ctx); err != nil {
		return rep, fmt.Errorf("sync demo posts: %w", err)
	}
	return rep, nil
}
