package cli

import (
	"context"
	"errors"
	"log/slog"
)

// syncDemo starts the demo workspace and syncs it once with the flags of
// `liaison sync --demo`, through syncOnce.
func syncDemo(ctx context.Context, e env, f syncFlags, level slog.Level) error {
	// TODO: start the demo workspace once engine/demo lands.
	return errors.New("sync --demo: the demo workspace is not available in this build yet")
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
