// Command sfsim serves a simulated Salesforce org on loopback ports until it
// is interrupted. Test controls are under /__sim/ on the instance URL. It
// imports only the sfsim package from engine/.
//
// Example:
//
//	sfsim -addr 127.0.0.1:8094
//
// On start it prints key=value lines on standard output: the instance URL,
// the production and sandbox login URLs, the org id, the connected app's
// client id, and the user name and password of the login page. These are
// logins of the simulator, not of any real org.
//
// Exit codes: 0 after an interrupt or -help, 1 when the simulator cannot
// start or stop, 2 for invalid flags or arguments.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

const summary = `Serves a simulated Salesforce org on loopback until interrupted.

On start it prints key=value lines: instance_url, login_url,
sandbox_login_url, org_id, client_id, and the username and password of the
simulator's login page. The login hosts listen on free loopback ports of
their own. Log in through the OAuth web-server flow on login_url with
client_id, or get a token for tests with POST instance_url/__sim/token.`

func main() {
	// Catch the stop signals before printing the URLs, so that a caller that
	// reads them and stops the command at once gets a clean exit.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses args, serves until ctx ends and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sfsim", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:0", "loopback listen address of the instance (host:port); port 0 picks a free port")
	seed := fs.Int64("seed", 1, "seed for ids and demo data")
	demo := fs.Bool("demo", true, "seed the demo org (accounts, opportunities, products, users, Chatter)")
	sandbox := fs.Bool("sandbox", false, "simulate a sandbox org (log in through the sandbox login URL)")
	user := fs.String("user", sfsim.DefaultUsername, "user name of the login page")
	password := fs.String("password", sfsim.DefaultPassword, "password of the login page")
	rotate := fs.Bool("rotate-refresh-tokens", false, "issue a new refresh token on every refresh")
	lifetime := fs.Duration("token-lifetime", sfsim.DefaultTokenLifetime, "access token lifetime")
	limit := fs.Int("daily-api-limit", sfsim.DefaultDailyAPILimit, "daily API request limit")
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: sfsim [flags]\n\n%s\n\nFlags:\n", summary)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "sfsim: %v (run sfsim -help for the flags)\n", err)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sfsim: unexpected argument %q: sfsim takes flags only (run sfsim -help)\n", fs.Arg(0))
		return exitUsage
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	s, err := sfsim.New(sfsim.Options{
		Addr: *addr, Seed: *seed, Demo: *demo, Sandbox: *sandbox, Username: *user, Password: *password,
		RotateRefreshTokens: *rotate, AccessTokenLifetime: *lifetime, DailyAPILimit: *limit, Logger: logger,
	})
	if err != nil {
		fmt.Fprintf(stderr, "sfsim: start simulator: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "instance_url=%s\nlogin_url=%s\nsandbox_login_url=%s\norg_id=%s\nclient_id=%s\nusername=%s\npassword=%s\n",
		s.URL(), s.LoginURL(), s.SandboxLoginURL(), s.OrgID(), sfsim.DefaultClientID, *user, *password)

	<-ctx.Done()
	logger.Info("sfsim stopping")
	done := make(chan error, 1)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		if err != nil {
			fmt.Fprintf(stderr, "sfsim: stop simulator: %v\n", err)
			return exitFailed
		}
		return exitOK
	case <-time.After(5 * time.Second):
		fmt.Fprintln(stderr, "sfsim: stop simulator: timed out after 5s")
		return exitFailed
	}
}
