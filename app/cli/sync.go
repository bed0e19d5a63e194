package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// errFailedRecords means a run finished with failed records (exit code 1).
var errFailedRecords = errors.New("the run had failed records")

type syncFlags struct {
	demo     bool
	dryRun   bool
	mapping  string
	json     bool
	dataDir  string
	logLevel string
	// confirmDeletes lets the run delete up to this many records of the
	// --mapping mapping past the delete guard.
	confirmDeletes int
}

func runSync(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "sync", "Runs one sync of every enabled mapping and event without opening a window.")
	var f syncFlags
	fs.BoolVar(&f.demo, "demo", false, "sync the demo workspace (simulated orgs on loopback) instead of the configured connections")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print the plan of the run and write nothing")
	fs.StringVar(&f.mapping, "mapping", "", "sync only the mapping with this name (default: every enabled mapping)")
	fs.BoolVar(&f.json, "json", false, "print the plan or the summary as JSON")
	fs.StringVar(&f.dataDir, "data-dir", "", "folder for the database and logs (default: Liaison in the user configuration folder, or $"+EnvDataDir+"; with --demo, a new temporary folder)")
	fs.IntVar(&f.confirmDeletes, "confirm-deletes", 0, "with --mapping: let this run delete up to this many records (a count) that the delete guard held back in an earlier run")
	fs.StringVar(&f.logLevel, "log-level", "warn", "detail of the log lines printed on standard error: debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	level, err := logging.ParseLevel(f.logLevel)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if f.confirmDeletes < 0 || (f.confirmDeletes > 0 && f.mapping == "") {
		return fmt.Errorf("%w: --confirm-deletes takes the number of held deletions and needs --mapping NAME", errUsage)
	}

	if f.demo {
		return syncDemo(ctx, e, f, level)
	}
	dir, err := resolveDataDir(e, f.dataDir)
	if err != nil {
		return err
	}
	logger, closer, err := logging.New(logging.Options{Dir: dir, Level: level, Stderr: e.stderr})
	if err != nil {
		return err
	}
	defer closer.Close()

	eng, err := engine.Open(ctx, engine.Config{DataDir: dir, Logger: logger, OnProgress: progressPrinter(e, f.json)})
	if err != nil {
		return err
	}
	defer eng.Close()
	if err := requireConnections(ctx, eng, dir); err != nil {
		return err
	}
	return syncOnce(ctx, e, eng, f, "cli")
}

// syncOnce runs or plans one sync on an open engine and prints the result.
func syncOnce(ctx context.Context, e env, eng *engine.Engine, f syncFlags, trigger string) error {
	opts := syncer.RunOptions{Trigger: trigger, DryRun: f.dryRun}
	if f.mapping != "" {
		id, err := mappingIDByName(ctx, eng, f.mapping)
		if err != nil {
			return err
		}
		opts.MappingIDs = []string{id}
		if f.confirmDeletes > 0 && !f.dryRun {
			if err := eng.ConfirmDeletes(ctx, id, f.confirmDeletes); err != nil {
				return err
			}
		}
	}

	if f.dryRun {
		plan, err := eng.Plan(ctx, opts)
		if err != nil {
			return fmt.Errorf("plan sync: %w", err)
		}
		if f.json {
			return writeJSON(e.stdout, plan)
		}
		if err := plan.WriteText(e.stdout); err != nil {
			return err
		}
		return writeNotices(e.stdout, plan.Skipped, plan.HeldDeletes)
	}

	summary, err := eng.Sync(ctx, opts)
	if err != nil && summary.RunID == 0 {
		return fmt.Errorf("sync: %w", err)
	}
	if f.json {
		if werr := writeJSON(e.stdout, summary); werr != nil {
			return werr
		}
	} else if werr := summary.WriteText(e.stdout); werr != nil {
		return werr
	} else if werr := writeNotices(e.stdout, summary.Skipped, summary.HeldDeletes); werr != nil {
		return werr
	}
	if err != nil {
		return fmt.Errorf("sync run %d: %w", summary.RunID, err)
	}
	if summary.Status != syncer.StatusSucceeded {
		return fmt.Errorf("sync run %d %s: %s", summary.RunID, summary.Status, summary.StopReason)
	}
	if summary.Totals().Failed > 0 {
		return errFailedRecords
	}
	return nil
}

// requireConnections fails when the data folder has no Salesforce
// connection or no Clarizen one, so that a scheduled `liaison sync` on a
// folder never set up does not report success forever.
func requireConnections(ctx context.Context, eng *engine.Engine, dir string) error {
	conns, err := eng.DB.Connections(ctx)
	if err != nil {
		return err
	}
	var salesforce, clarizen bool
	for _, c := range conns {
		if c.State == "disconnected" {
			continue
		}
		salesforce = salesforce || c.System == "salesforce"
		clarizen = clarizen || c.System == "clarizen"
	}
	if salesforce && clarizen {
		return nil
	}
	return fmt.Errorf("nothing to sync: the data folder %s has no connected Salesforce org and Clarizen instance; "+
		"open the desktop app (liaison --data-dir %s) and connect both on the Connections screen, "+
		"or try liaison sync --demo", dir, dir)
}

func mappingIDByName(ctx context.Context, eng *engine.Engine, name string) (string, error) {
	mappings, err := eng.Workspace.Mappings(ctx)
	if err != nil {
		return "", err
	}
	var names []string
	for _, m := range mappings {
		if strings.EqualFold(m.Mapping.Name, name) {
			return m.Mapping.ID, nil
		}
		names = append(names, m.Mapping.Name)
	}
	return "", fmt.Errorf("%w: no mapping is called %q; the mappings are: %s", errUsage, name, strings.Join(names, ", "))
}

// progressPrinter prints run phases on standard error, one line per phase,
// so that a terminal shows the run moving without flooding it.
func progressPrinter(e env, quiet bool) func(syncer.Progress) {
	var last syncer.Phase
	return func(p syncer.Progress) {
		if quiet || p.Phase == last {
			return
		}
		last = p.Phase
		switch p.Phase {
		case syncer.PhaseDetect:
			fmt.Fprintln(e.stderr, "Reading changes on both sides...")
		case syncer.PhasePlan:
			fmt.Fprintf(e.stderr, "Planning (%d records read)...\n", p.Read)
		case syncer.PhaseApply:
			fmt.Fprintf(e.stderr, "Applying %d operations...\n", p.Total)
		}
	}
}

// writeNotices prints the mappings and events a run left out and the
// deletions the delete guard held, each with the way to act on it, after
// the plan or summary text.
func writeNotices(w io.Writer, skipped []syncer.SkippedDefinition, held []syncer.HeldDeletes) error {
	for _, s := range skipped {
		if _, err := fmt.Fprintf(w, "Skipped %s %q: %s\n", s.Kind, s.Name, s.Error); err != nil {
			return err
		}
	}
	for _, h := range held {
		if _, err := fmt.Fprintf(w, "Held back %s of mapping %q: they are %.0f%% of its %s, more than the %.0f%% the delete guard allows.\n"+
			"  Check them in the registry, then run: liaison sync --mapping %q --confirm-deletes %d\n",
			plural(h.Deletes, "deletion"), h.Name, h.Percent, plural(h.Links, "linked pair"), h.MaxPercent, h.Name, h.Deletes); err != nil {
			return err
		}
	}
	if len(skipped)+len(held) > 0 {
		_, err := fmt.Fprintln(w)
		return err
	}
	return nil
}

// plural returns "1 deletion" or "3 deletions".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
