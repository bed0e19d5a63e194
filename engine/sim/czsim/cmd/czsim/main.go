// Command czsim serves a simulated Clarizen organization on loopback until
// it is interrupted. It seeds the demo organization by default; see package
// czsim for the API it serves and the test controls under /__sim/.
//
// Example:
//
//	czsim -addr 127.0.0.1:8095 -org 25446405
//
// On start it prints key=value lines on standard output: the discovery URL
// and how to call getServerDefinition on it, the server location, the
// organization id, and the user name, password and API key it accepts.
// These are logins of the simulator, not of any real organization. Point a
// Clarizen client, such as Liaison's Connections screen, at the discovery
// URL and log in with them.
//
// Exit codes: 0 after an interrupt or -help, 1 when the simulator cannot
// start, 2 for invalid flags or arguments.
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

	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

const summary = `Serves a simulated Clarizen organization on loopback until interrupted.

On start it prints key=value lines: discovery_url, server_definition (how to
call getServerDefinition: a POST with a JSON body), server_location,
organization_id, and the username, password and api_key it accepts. They are
logins of this simulator only.`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses args, serves until ctx ends and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("czsim", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:0", "loopback listen address (host:port); port 0 picks a free port")
	org := fs.Int64("org", 0, "organization id; 0 derives one from -seed")
	seed := fs.Int64("seed", 1, "seed for generated ids and demo data")
	demo := fs.Bool("demo", true, "seed the demo organization (users, customers, projects, discussions)")
	user := fs.String("user", czsim.DefaultUserName, "user name of the admin login")
	password := fs.String("password", czsim.DefaultPassword, "password of the admin login")
	apiKey := fs.String("api-key", czsim.DefaultAPIKey, "API key of the admin login")
	rateLimit := fs.Int("rate-limit", 0, "requests per second the organization may make; 0 turns the limit off")
	idle := fs.Duration("session-timeout", 30*time.Minute, "idle time after which a session ends")
	bulkLimit := fs.Int("bulk-limit", 100, "maximum number of requests in one bulk call")
	projects := fs.Int("generate-projects", 0, "add this many generated projects (4 milestones of 5 tasks each) for load tests")
	verbose := fs.Bool("v", false, "log every failed request")
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: czsim [flags]\n\n%s\n\nFlags:\n", summary)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "czsim: %v (run czsim -help for the flags)\n", err)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "czsim: unexpected argument %q: czsim takes flags only (run czsim -help)\n", fs.Arg(0))
		return exitUsage
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	s, err := czsim.New(czsim.Options{
		Addr:  *addr,
		OrgID: *org, Seed: *seed, Demo: *demo,
		Users: []czsim.User{{UserName: *user, Password: *password, APIKey: *apiKey,
			Email: *user, FirstName: "Ada", LastName: "Admin", License: "Full"}},
		SessionIdleTimeout: *idle,
		BulkLimit:          *bulkLimit,
		RateLimit:          *rateLimit,
		Logger:             logger,
	})
	if err != nil {
		fmt.Fprintf(stderr, "czsim: start simulator: %v\n", err)
		return exitFailed
	}
	if *projects > 0 {
		err := s.Generate(czsim.GenerateOptions{Users: 20, Customers: max(*projects/4, 1), Projects: *projects,
			MilestonesPerProject: 4, TasksPerMilestone: 5})
		if err != nil {
			fmt.Fprintf(stderr, "czsim: %v\n", errors.Join(fmt.Errorf("generate projects: %w", err), s.Close()))
			return exitFailed
		}
	}
	fmt.Fprintf(stdout, "discovery_url=%s\n", s.DiscoveryURL())
	fmt.Fprintf(stdout, "server_definition=POST %sauthentication/getServerDefinition with body {\"userName\":\"%s\",\"password\":\"%s\"}\n",
		s.DiscoveryURL(), *user, *password)
	fmt.Fprintf(stdout, "server_location=%s\norganization_id=%d\nusername=%s\npassword=%s\napi_key=%s\n",
		s.ServerLocation(), s.OrgID(), *user, *password, *apiKey)
	logger.Info("clarizen simulator ready", "discovery_url", s.DiscoveryURL(), "organization_id", s.OrgID())

	<-ctx.Done()
	logger.Info("clarizen simulator stopping")
	if err := s.Close(); err != nil {
		fmt.Fprintf(stderr, "czsim: stop simulator: %v\n", err)
		return exitFailed
	}
	return exitOK
}
