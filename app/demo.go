package app

import (
	"context"
	"errors"
	"time"

	"github.com/liaison-sync/liaison/engine/demo"
)

// EventDemoSetup is the window event that carries the demo setup's new
// state (a demo.SetupState) after each change.
const EventDemoSetup = "demo.setup"

// Error codes of the demo workspace.
const (
	CodeNoDemo       = "no_demo"
	CodeNoLoginWaits = "no_login_waiting"
)

// ErrNoDemo is returned by DemoService calls outside the demo workspace.
var ErrNoDemo = &codedError{code: CodeNoDemo, msg: "this is not the demo workspace",
	hint: "Start the demo workspace with liaison demo."}

// DemoSetup is the demo workspace's setup that runs behind the window:
// connections, package install and first sync (*demo.Setup).
type DemoSetup interface {
	State() demo.SetupState
	// Watch calls fn after each change until stop is called.
	Watch(fn func(demo.SetupState)) (stop func())
	// Start runs the steps not done yet in the background; false when
	// they run already or are all done.
	Start(ctx context.Context) bool
	// SignInForMe approves the newest simulated Salesforce login page.
	SignInForMe(ctx context.Context) error
}

// signInTimeout bounds SignInForMe, which fills in and approves the
// simulated login page over loopback HTTP and normally takes milliseconds.
const signInTimeout = 30 * time.Second

// DemoService backs the demo setup panel and the Sign in for me buttons.
type DemoService struct {
	svc   *service
	setup DemoSetup
}

// Setup returns the state of the demo setup. Outside the demo it returns
// an idle state without steps, so the window shows nothing.
func (s *DemoService) Setup() demo.SetupState {
	if s.setup == nil {
		return demo.SetupState{Status: demo.SetupIdle, Steps: []demo.SetupStep{}}
	}
	return s.setup.State()
}

// SignInForMe logs in on the simulated Salesforce login page that waits
// and approves access, in place of the user. The login then finishes in
// the setup or on the Connections screen, where it started.
func (s *DemoService) SignInForMe() error {
	if s.setup == nil {
		return ErrNoDemo
	}
	ctx, cancel := context.WithTimeout(s.svc.context(), signInTimeout)
	defer cancel()
	err := s.setup.SignInForMe(ctx)
	if errors.Is(err, demo.ErrNoLoginPage) {
		return &codedError{code: CodeNoLoginWaits, msg: err.Error(), err: err}
	}
	return err
}

// RetrySetup starts a setup that failed again, from the failed step.
func (s *DemoService) RetrySetup() error {
	if s.setup == nil {
		return ErrNoDemo
	}
	s.setup.Start(s.svc.context())
	return nil
}
