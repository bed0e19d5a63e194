package cli

import (
	"context"
	"errors"
)

// errFailedRecords means a run finished with failed records (exit code 1).
var errFailedRecords = errors.New("the run had failed records")

func runSync(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "sync", "Runs one sync of every enabled mapping and event without opening a window.")
	fs.Bool("demo", false, "sync the demo workspace (simulated orgs on loopback) instead of the configured connections")
	fs.Bool("dry-run", false, "print the plan of the run and write nothing")
	fs.String("mapping", "", "sync only the mapping with this name (default: every enabled mapping)")
	fs.Bool("json", false, "print the plan or the summary as JSON")
	fs.String("data-dir", "", "folder for the database and logs (default: Liaison in the user configuration folder, or $"+EnvDataDir+")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// TODO: run the engine once the sync package lands.
	return errors.New("sync: not available in this build yet")
}

func runDemo(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "demo", "Starts the demo workspace: a simulated Salesforce org and two Clarizen instances on loopback, with seeded data.")
	fs.Bool("headless", false, "run one full sync, print a summary and exit, without a window (the default when no display is available)")
	fs.String("data-dir", "", "folder for the demo database and logs (default: a new temporary folder)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// TODO: start the demo workspace once engine/demo lands.
	return errors.New("demo: not available in this build yet")
}
