package cli

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/liaison-sync/liaison/app"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
)

// Browser choices of the demo's Salesforce login.
const (
	demoBrowserSystem = "system"
	demoBrowserNone   = "none"
)

type demoFlags struct {
	headless    bool
	walkthrough bool
	browser     string
	keychain    string
	dataDir     string
	logLevel    string
}

// runDemo starts the demo workspace. Headless, when asked for or when no
// display is found, it runs one full sync, prints the summary and returns.
// With a display it opens the desktop app at once and sets the demo up
// behind the window.
func runDemo(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "demo", "Starts the demo workspace: a simulated Salesforce org and two Clarizen instances on loopback, with seeded data.")
	var f demoFlags
	fs.BoolVar(&f.headless, "headless", false, "run one full sync, print a summary and exit, without a window (the default when no display is available)")
	fs.BoolVar(&f.walkthrough, "walkthrough", false, "open the app on the simulated orgs without connecting or installing anything, so you do it on the app's screens")
	fs.StringVar(&f.browser, "browser", demoBrowserSystem, "with a window: \"system\" opens the simulated Salesforce login page in the system browser, \"none\" only prints its address; either way the app's \"Sign in for me\" button can approve the page")
	fs.StringVar(&f.keychain, "keychain", demo.KeychainAuto, "where the simulated logins and tokens go: \"auto\" uses the OS keychain when it answers within a few seconds without a password prompt and memory otherwise, \"on\" requires the keychain and waits for its prompt, \"off\" keeps them in memory; never on disk")
	fs.StringVar(&f.dataDir, "data-dir", "", "empty or new folder for the demo database and logs (default: a new temporary folder, removed on exit)")
	fs.StringVar(&f.logLevel, "log-level", "info", "detail of the log file: debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	level, err := logging.ParseLevel(f.logLevel)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if f.browser != demoBrowserSystem && f.browser != demoBrowserNone {
		return fmt.Errorf("%w: invalid --browser %q: use system or none", errUsage, f.browser)
	}
	switch f.keychain {
	case demo.KeychainAuto, demo.KeychainOn, demo.KeychainOff:
	default:
		return fmt.Errorf("%w: invalid --keychain %q: use auto, on or off", errUsage, f.keychain)
	}
	if f.headless && f.walkthrough {
		return fmt.Errorf("%w: --walkthrough needs the window; leave out --headless", errUsage)
	}
	desktop := !f.headless && hasDisplay(e.getenv)
	if !desktop {
		if f.walkthrough {
			return fmt.Errorf("%w: --walkthrough needs a display, and none was found", errUsage)
		}
		if !f.headless {
			fmt.Fprintln(e.stdout, "No display found; running the demo headless.")
		}
	}

	opts := demo.Options{LogLevel: level, Out: e.stdout, Walkthrough: f.walkthrough, Keychain: f.keychain, Background: desktop}
	if opts.DataDir, err = absDir(f.dataDir); err != nil {
		return err
	}
	if desktop {
		opts.Browser = demoBrowser(e, f.browser)
	} else {
		opts.OnProgress = progressPrinter(e, false)
	}
	fmt.Fprintln(e.stdout, setupLine)
	ws, err := demo.Start(ctx, opts)
	if desktop && ctx.Err() != nil {
		// The user quit (Ctrl+C, SIGTERM) before the window opened, which
		// is no failure.
		if ws != nil {
			ws.Close()
		}
		fmt.Fprintln(e.stdout, "Stopped before the window opened.")
		return nil
	}
	if err != nil {
		return err
	}
	defer ws.Close()

	if desktop {
		return runDemoDesktop(ctx, e, ws, f)
	}
	rep, err := ws.Sync(ctx)
	if werr := rep.WriteText(e.stdout); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	if rep.Failed() > 0 {
		return errFailedRecords
	}
	return nil
}

func absDir(dir string) (string, error) {
	if dir == "" {
		return "", nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolve data folder %s: %w", dir, err)
	}
	return abs, nil
}

// demoBrowser returns the opener of the simulated Salesforce login page:
// it prints the page's address, and with "system" also opens it in the
// system browser, where the user logs in and approves access.
func demoBrowser(e env, choice string) oauth.Opener {
	return oauth.OpenerFunc(func(ctx context.Context, url string) error {
		fmt.Fprintf(e.stdout, "demo salesforce login page: %s\n", url)
		if choice == demoBrowserNone {
			return demo.ErrNotOpened
		}
		return oauth.SystemBrowser{}.OpenURL(ctx, url)
	})
}

// runDemoDesktop opens the desktop app on the demo's data folder. Unless
// in walkthrough mode, the demo's setup (connections, package install and
// first sync) starts once the window exists, and the window shows its
// progress.
func runDemoDesktop(ctx context.Context, e env, ws *demo.Workspace, f demoFlags) error {
	// The demo already writes the log file of its data folder.
	logger := ws.Engine.Log
	if f.walkthrough {
		printWalkthrough(e, ws)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	ws.Engine.Start(runCtx)
	// The demo stops only after the setup has: cancel ends its steps, and
	// Wait waits for them before Close stops the engine.
	defer ws.Setup.Wait()
	defer cancel()
	return app.RunDesktop(runCtx, app.Config{
		Assets:           e.assets,
		DataDir:          ws.DataDir(),
		Logger:           logger,
		Version:          Version + " (demo)",
		SingleInstanceID: "liaison-demo-" + filepath.Base(ws.DataDir()),
		Engine:           ws.Engine,
		Demo:             demoInfo(ws.Logins),
		DemoSetup:        ws.Setup,
		OnStartup: func(context.Context, app.Emitter) {
			if !f.walkthrough {
				ws.Setup.Start(runCtx)
			}
		},
	})
}

// demoInfo returns the simulated logins the window shows in its demo
// banner.
func demoInfo(l demo.Logins) *app.DemoInfo {
	info := &app.DemoInfo{Salesforce: app.DemoLogin{Username: l.SalesforceUser, Password: l.SalesforcePassword}}
	for i, env := range []string{connect.EnvProduction, connect.EnvSandbox} {
		id := fmt.Sprintf("clarizen%d", i+1)
		info.Clarizen = append(info.Clarizen, app.DemoClarizenLogin{Instance: i + 1, Environment: env,
			UserName: l.ClarizenUser[id], Password: l.ClarizenPassword[id], APIKey: l.ClarizenAPIKey[id]})
	}
	return info
}

// printWalkthrough prints the simulated orgs' addresses and logins, which
// the user enters on the app's Connections screen. They are made up for
// simulators that live as long as this process.
func printWalkthrough(e env, ws *demo.Workspace) {
	l := ws.Logins
	fmt.Fprintf(e.stdout, "Salesforce (production login): user %s, password %s\n", l.SalesforceUser, l.SalesforcePassword)
	fmt.Fprintf(e.stdout, "Clarizen 1 (production): user %s, password %s, API key %s\n",
		l.ClarizenUser["clarizen1"], l.ClarizenPassword["clarizen1"], l.ClarizenAPIKey["clarizen1"])
	fmt.Fprintf(e.stdout, "Clarizen 2 (sandbox): user %s, password %s, API key %s\n",
		l.ClarizenUser["clarizen2"], l.ClarizenPassword["clarizen2"], l.ClarizenAPIKey["clarizen2"])
	fmt.Fprintf(e.stdout, "demo walkthrough ready: salesforce login %s, clarizen1 discovery %s, clarizen2 discovery %s, data folder %s\n",
		ws.Salesforce.LoginURL(), ws.Clarizen["clarizen1"].DiscoveryURL(), ws.Clarizen["clarizen2"].DiscoveryURL(), ws.DataDir())
}

// setupLine opens the output of every demo command. The demo prepares
// simulators of its own and never touches a real org.
const setupLine = "Setting up the demo workspace: a simulated Salesforce org and two simulated Clarizen instances on loopback…"

// dryRunNotice follows the demo's setup lines in a dry run, which would
// otherwise read as if the dry run had written to an org.
const dryRunNotice = "Dry run: the setup above changed only the demo's simulated orgs, and the plan below wrote nothing."

// syncDemo starts the demo workspace and syncs it once with the flags of
// `liaison sync --demo`, through syncOnce, and runs the social sync after
// a run that was not a dry run.
func syncDemo(ctx context.Context, e env, f syncFlags, level slog.Level) error {
	dir, err := absDir(f.dataDir)
	if err != nil {
		return err
	}
	out := e.stdout
	if f.json {
		out = e.stderr
	}
	fmt.Fprintln(out, setupLine)
	ws, err := demo.Start(ctx, demo.Options{DataDir: dir, LogLevel: level, Out: out, OnProgress: progressPrinter(e, f.json)})
	if err != nil {
		return err
	}
	defer ws.Close()
	if f.dryRun {
		fmt.Fprintln(out, dryRunNotice)
	}
	// Engine.Sync pairs users before its run, but a plan does not, so a
	// dry run pairs them here, in the simulated orgs, for the plan to
	// resolve user references as the run would.
	if f.dryRun {
		if _, err := ws.Installer.MatchAllUsers(ctx); err != nil {
			return fmt.Errorf("pair demo users: %w", err)
		}
	}
	if err := syncOnce(ctx, e, ws.Engine, f, "demo"); err != nil || f.dryRun {
		return err
	}
	sum, err := ws.Engine.SyncSocial(ctx)
	if f.json {
		return err
	}
	if werr := sum.WriteText(e.stdout); werr != nil && err == nil {
		err = werr
	}
	return err
}
