// Package cli is Liaison's command line: it picks the desktop window or a
// headless command from the arguments, resolves the data folder, sets up
// logging, and maps outcomes to exit codes.
//
// Exit codes: 0 success, 1 a run had failed records or could not finish,
// 2 a usage error. cli holds no sync rule; it calls the engine.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
)

// Version is set at build time with -ldflags "-X .../app/cli.Version=v1.2.3".
var Version = "dev"

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// EnvDataDir overrides the data folder when --data-dir is not given.
const EnvDataDir = "LIAISON_DATA_DIR"

// errUsage marks errors that should exit with ExitUsage.
var errUsage = errors.New("usage error")

// env is a command's view of the process: its outputs, assets and
// environment. Tests replace it.
type env struct {
	stdout io.Writer
	stderr io.Writer
	assets fs.FS
	getenv func(string) string
}

// Main runs the command in args (without the program name) and returns the
// exit code.
func Main(args []string, assets fs.FS) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := env{stdout: os.Stdout, stderr: os.Stderr, assets: assets, getenv: os.Getenv}
	return run(ctx, e, args)
}

func run(ctx context.Context, e env, args []string) int {
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	if cmd == "" && len(args) > 0 {
		switch args[0] {
		case "--version", "-version":
			cmd, args = "version", args[1:]
		case "--help", "-help", "-h":
			usage(e.stdout)
			return ExitOK
		}
	}
	var err error
	switch cmd {
	case "":
		err = runDesktop(ctx, e, args)
	case "sync":
		err = runSync(ctx, e, args)
	case "demo":
		err = runDemo(ctx, e, args)
	case "version":
		if len(args) > 0 {
			err = fmt.Errorf("%w: liaison version takes no arguments, got %q", errUsage, args[0])
			break
		}
		fmt.Fprintln(e.stdout, versionString())
	case "help", "-h", "--help":
		usage(e.stdout)
	default:
		fmt.Fprintf(e.stderr, "liaison: unknown command %q\n\n", cmd)
		usage(e.stderr)
		return ExitUsage
	}
	return exitCode(e, err)
}

func exitCode(e env, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.stderr, "liaison: %v\n", err)
		return ExitUsage
	case errors.Is(err, errFailedRecords):
		return ExitFailed
	default:
		fmt.Fprintf(e.stderr, "liaison: %v\n", err)
		return ExitFailed
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Liaison keeps Salesforce and Clarizen in sync.

Usage:
  liaison [flags]             open the desktop app
  liaison sync [flags]        run one sync without a window
  liaison demo [flags]        start the demo workspace (simulated orgs on loopback)
  liaison version             print the version

Desktop flags:
  --data-dir DIR     folder for the database and logs (default: Liaison in the user
                     configuration folder, or $LIAISON_DATA_DIR)
  --log-level LEVEL  log detail: debug, info (default), warn or error
  --hidden           start with the window hidden and keep syncing in the background
                     when it is closed; launch Liaison again to show it

Run "liaison sync --help" or "liaison demo --help" for their flags.
Exit codes: 0 success, 1 a run had failed records or could not finish, 2 usage error.
`)
}

func versionString() string {
	v := Version
	if info, ok := debug.ReadBuildInfo(); ok && v == "dev" {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return fmt.Sprintf("liaison %s (%s, %s/%s)", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// newFlagSet returns a flag set that reports errors instead of exiting.
// Its help goes to standard output when asked for with --help, and to
// standard error after a usage error.
func newFlagSet(e env, name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(flagOutput{err: e.stderr, help: e.stdout})
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: liaison %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// flagOutput is a flag set's output: standard error, with standard output
// kept for help that was asked for.
type flagOutput struct{ err, help io.Writer }

func (o flagOutput) Write(p []byte) (int, error) { return o.err.Write(p) }
func (o flagOutput) helpWriter() io.Writer       { return o.help }

// wantsHelp reports whether args ask for help before any other argument
// could fail to parse.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
}

// parseFlags parses args and turns a parse failure into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if wantsHelp(args) {
		if out, ok := fs.Output().(interface{ helpWriter() io.Writer }); ok {
			fs.SetOutput(out.helpWriter())
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (run liaison %s --help)", errUsage, fs.Arg(0), fs.Name())
	}
	return nil
}

// resolveDataDir picks the data folder: the flag, then LIAISON_DATA_DIR,
// then Liaison/ inside the OS user configuration folder.
func resolveDataDir(e env, flagValue string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = e.getenv(EnvDataDir)
	}
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the user configuration folder (set --data-dir or %s instead): %w", EnvDataDir, err)
		}
		dir = filepath.Join(base, "Liaison")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolve data folder %s: %w", dir, err)
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		return "", fmt.Errorf("%w: the data folder %s is a file: choose a folder (it is created when missing)", errUsage, abs)
	}
	return abs, nil
}

// hasDisplay reports whether a desktop window can open: always on macOS and
// Windows, and on other systems when X11 or Wayland is reachable.
func hasDisplay(getenv func(string) string) bool {
	switch runtime.GOOS {
	case "darwin", "windows":
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}
