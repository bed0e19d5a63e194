// Command sfsim serves a simulated Salesforce org on loopback ports and
// prints its instance and login URLs. Test controls are under /__sim/ on
// the instance URL. It imports only the sfsim package from engine/.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sfsim:", err)
		os.Exit(1)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:0", "instance listen address (host:port); login hosts get free loopback ports")
	seed := flag.Int64("seed", 1, "seed for ids and demo data")
	demo := flag.Bool("demo", true, "seed the demo org (accounts, opportunities, products, users, Chatter)")
	sandbox := flag.Bool("sandbox", false, "simulate a sandbox org (log in through the sandbox login URL)")
	rotate := flag.Bool("rotate-refresh-tokens", false, "issue a new refresh token on every refresh")
	lifetime := flag.Duration("token-lifetime", sfsim.DefaultTokenLifetime, "access token lifetime")
	limit := flag.Int("daily-api-limit", sfsim.DefaultDailyAPILimit, "daily API request limit")
	flag.Parse()

	// Catch the stop signals before printing the URLs, so that a caller that
	// reads them and stops the command at once gets a clean exit.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	s, err := sfsim.New(sfsim.Options{
		Addr: *addr, Seed: *seed, Demo: *demo, Sandbox: *sandbox, RotateRefreshTokens: *rotate,
		AccessTokenLifetime: *lifetime, DailyAPILimit: *limit, Logger: logger,
	})
	if err != nil {
		return fmt.Errorf("start simulator: %w", err)
	}
	fmt.Printf("instance_url=%s\nlogin_url=%s\nsandbox_login_url=%s\norg_id=%s\nclient_id=%s\nusername=%s\npassword=%s\n",
		s.URL(), s.LoginURL(), s.SandboxLoginURL(), s.OrgID(), sfsim.DefaultClientID, sfsim.DefaultUsername, sfsim.DefaultPassword)

	<-ctx.Done()
	logger.Info("sfsim stopping")
	done := make(chan error, 1)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return fmt.Errorf("stop simulator: timed out")
	}
}
