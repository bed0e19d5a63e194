package cli

import (
	"context"
	"fmt"

	"github.com/liaison-sync/liaison/app"
	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/logging"
)

func runDesktop(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "", "Opens the Liaison desktop app.")
	dataDir := fs.String("data-dir", "", "folder for the database and logs (default: Liaison in the user configuration folder, or $"+EnvDataDir+")")
	logLevel := fs.String("log-level", "info", "log detail: debug, info, warn or error")
	hidden := fs.Bool("hidden", false, "start with the window hidden and keep syncing in the background when it is closed; launch Liaison again to show it")
	// Wails reads these itself in development builds (-tags dev); they are
	// declared here only so that parsing accepts them.
	fs.String("assetdir", "", "development builds only: folder to serve the frontend from")
	fs.String("devserver", "", "development builds only: loopback address (host:port) of the Wails dev server")
	fs.String("frontenddevserverurl", "", "development builds only: URL of an external frontend dev server")
	fs.String("loglevel", "", "development builds only: Wails log level")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, err := resolveDataDir(e, *dataDir)
	if err != nil {
		return err
	}
	level, err := logging.ParseLevel(*logLevel)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	logger, closer, err := logging.New(logging.Options{Dir: dir, Level: level})
	if err != nil {
		return err
	}
	defer closer.Close()

	eng, err := engine.Open(ctx, engine.Config{DataDir: dir, Logger: logger})
	if err != nil {
		return err
	}
	defer eng.Close()
	eng.Start(ctx)

	return app.RunDesktop(ctx, app.Config{
		Engine:            eng,
		Assets:            e.assets,
		DataDir:           dir,
		Logger:            logger,
		Version:           Version,
		HideWindowOnClose: *hidden,
		StartHidden:       *hidden,
		Tray:              app.NewSystemTray(logger),
	})
}
