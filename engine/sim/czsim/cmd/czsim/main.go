// Command czsim serves a simulated Clarizen organization on a loopback port
// until it is interrupted. It seeds the demo organization by default; see
// package czsim for the API it serves and the test controls under /__sim/.
//
// Example:
//
//	czsim -port 8095 -org 25446405
//
// Point a Clarizen client at the printed discovery URL and log in with the
// user name and password given by -user and -password.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "czsim:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("czsim", flag.ContinueOnError)
	host := fs.String("host", "127.0.0.1", "loopback address to listen on (127.0.0.1, ::1 or localhost)")
	port := fs.Int("port", 8095, "TCP port to listen on; 0 picks a free port")
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return fmt.Errorf("invalid -port %d: use 0 to 65535", *port)
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	s, err := czsim.New(czsim.Options{
		Addr:  net.JoinHostPort(*host, strconv.Itoa(*port)),
		OrgID: *org, Seed: *seed, Demo: *demo,
		Users: []czsim.User{{UserName: *user, Password: *password, APIKey: *apiKey,
			Email: *user, FirstName: "Ada", LastName: "Admin", License: "Full"}},
		SessionIdleTimeout: *idle,
		BulkLimit:          *bulkLimit,
		RateLimit:          *rateLimit,
		Logger:             logger,
	})
	if err != nil {
		return fmt.Errorf("start simulator: %w", err)
	}
	if *projects > 0 {
		err := s.Generate(czsim.GenerateOptions{Users: 20, Customers: max(*projects/4, 1), Projects: *projects,
			MilestonesPerProject: 4, TasksPerMilestone: 5})
		if err != nil {
			return errors.Join(fmt.Errorf("generate projects: %w", err), s.Close())
		}
	}
	logger.Info("clarizen simulator ready", "discovery_url", s.DiscoveryURL(), "server_location", s.ServerLocation(),
		"organization_id", s.OrgID(), "user", *user)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return s.Close()
}
