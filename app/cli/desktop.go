package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/liaison-sync/liaison/app"
	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/logging"
)

func runDesktop(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "", "Opens the Liaison desktop app.")
	dataDir := fs.String("data-dir", "", "folder for the database and logs (default: Liaison in the user configuration folder, or $"+EnvDataDir+")")
	logLevel := fs.String("log-level", "info", "log detail: debug, info, warn or error")
	hidden := fs.Bool("hidden", false, "start with the window hidden and keep syncing in the background when it is closed; launch Liaison again to show it")
	if err := parseFlags(fs, withoutWailsDevFlags(args)); err != nil {
		return err
	}
	if !hasDisplay(e.getenv) && !bindingsBuild {
		return fmt.Errorf("%w: no display is available for the desktop window (DISPLAY and WAYLAND_DISPLAY are not set): "+
			"run liaison sync for one sync without a window, or liaison demo --headless for the demo", errUsage)
	}
	dir, err := resolveDataDir(e, *dataDir)
	if err != nil {
		return err
	}
	level, err := logging.ParseLevel(*logLevel)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	// The engine sets the level to the one stored in Settings, unless
	// --log-level was given, and to each level saved later.
	levelVar := new(slog.LevelVar)
	levelVar.Set(level)
	logger, closer, err := logging.New(logging.Options{Dir: dir, Level: levelVar})
	if err != nil {
		return err
	}
	defer closer.Close()

	eng, err := engine.Open(ctx, engine.Config{DataDir: dir, Logger: logger, LogLevel: levelVar,
		LogLevelFromFlag: flagGiven(fs, "log-level")})
	if err != nil {
		return quitOrError(ctx, err)
	}
	defer eng.Close()
	eng.Start(ctx)

	err = app.RunDesktop(ctx, app.Config{
		Engine:            eng,
		Assets:            e.assets,
		DataDir:           dir,
		Logger:            logger,
		Version:           Version,
		HideWindowOnClose: *hidden,
		StartHidden:       *hidden,
		Tray:              app.NewSystemTray(logger),
	})
	return quitOrError(ctx, err)
}

// flagGiven reports whether the command line set the flag called name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// quitOrError returns nil when the user quit (an interrupt or terminate
// signal ended ctx), because quitting is not a failure, and err otherwise.
func quitOrError(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return nil
	}
	return err
}

// wailsDevFlags are read by Wails itself from the command line of a
// development build (-tags dev), so they are removed before Liaison parses
// its own flags.
var wailsDevFlags = map[string]bool{"assetdir": true, "devserver": true, "frontenddevserverurl": true, "loglevel": true}

// withoutWailsDevFlags returns args without the Wails development flags and
// their values, in the -name value and -name=value forms.
func withoutWailsDevFlags(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name := strings.TrimLeft(args[i], "-")
		if !strings.HasPrefix(args[i], "-") {
			out = append(out, args[i])
			continue
		}
		if key, _, hasValue := strings.Cut(name, "="); wailsDevFlags[key] {
			if !hasValue {
				i++ // skip the value too
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}
