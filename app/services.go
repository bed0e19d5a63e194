package app

import (
	"context"
	"log/slog"
	"sync/atomic"

	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/demo"
)

// service is what every screen service shares: the engine, the shell and
// the context of the window's lifetime.
type service struct {
	eng   *engine.Engine
	shell Shell
	log   *slog.Logger
	demo  *DemoInfo
	life  atomic.Pointer[context.Context]
}

// engine returns the engine, or ErrNoEngine when the app runs without one.
func (s *service) engine() (*engine.Engine, error) {
	if s.eng == nil {
		return nil, ErrNoEngine
	}
	return s.eng, nil
}

// context returns the context bound calls run under: it ends when the
// window closes. Wails does not pass a context to bound methods.
func (s *service) context() context.Context {
	if p := s.life.Load(); p != nil {
		return *p
	}
	return context.Background()
}

// Services holds the screen services that the frontend calls through the
// generated bindings, one per screen.
type Services struct {
	svc         *service
	Events      *EventsService
	Connections *ConnectionsService
	Package     *PackageService
	Definitions *DefinitionsService
	Schema      *SchemaService
	Runs        *RunService
	Registry    *RegistryService
	Projects    *ProjectService
	Settings    *SettingsService
	Demo        *DemoService

	forward   *forwarder
	unsub     func()
	stopSetup func()
}

// NewServices builds the screen services over cfg.Engine. It starts
// nothing; Start forwards events once a window exists.
func NewServices(cfg Config, shell Shell) *Services {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	svc := &service{eng: cfg.Engine, shell: shell, demo: cfg.Demo, log: logger.With(slog.String("component", "app"))}
	return &Services{
		svc:         svc,
		Events:      &EventsService{svc: svc},
		Connections: &ConnectionsService{svc: svc},
		Package:     newPackageService(svc),
		Definitions: &DefinitionsService{svc: svc},
		Schema:      &SchemaService{svc: svc},
		Runs:        newRunService(svc),
		Registry:    &RegistryService{svc: svc},
		Projects:    &ProjectService{svc: svc},
		Settings:    &SettingsService{svc: svc},
		Demo:        &DemoService{svc: svc, setup: cfg.DemoSetup},
	}
}

// Bindings lists the services for Wails to bind.
func (s *Services) Bindings() []any {
	return []any{s.Events, s.Connections, s.Package, s.Definitions, s.Schema, s.Runs, s.Registry, s.Projects, s.Settings, s.Demo}
}

// Start sets the context bound calls run under and forwards the engine's
// events to the window until Stop.
func (s *Services) Start(ctx context.Context) {
	s.svc.life.Store(&ctx)
	if setup := s.Demo.setup; setup != nil {
		emit := s.svc.shell.Emit
		s.stopSetup = setup.Watch(func(state demo.SetupState) { emit(EventDemoSetup, state) })
	}
	if s.svc.eng == nil {
		return
	}
	s.forward = newForwarder(s.svc.shell.Emit)
	s.unsub = s.svc.eng.Bus.Subscribe(s.forward)
}

// Stop ends the event forwarding.
func (s *Services) Stop() {
	if s.stopSetup != nil {
		s.stopSetup()
		s.stopSetup = nil
	}
	if s.unsub != nil {
		s.unsub()
		s.unsub = nil
	}
	if s.forward != nil {
		s.forward.stop()
	}
}
