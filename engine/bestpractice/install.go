package bestpractice

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/workspace"
)

// Connections hands out connected clients; *connect.Manager implements it.
type Connections interface {
	SalesforceClient(ctx context.Context) (*salesforce.Client, error)
	ClarizenClient(ctx context.Context, id string) (*clarizen.Client, error)
}

// Options configure an Installer.
type Options struct {
	Store *store.DB
	// Workspace validates definitions against the live describes.
	Workspace   *workspace.Workspace
	Connections Connections
	// Bus receives config.changed after an upgrade; nil publishes nothing.
	Bus    *events.Bus
	Logger *slog.Logger
	Now    func() time.Time
}

// Installer installs and upgrades the package and pairs users.
type Installer struct {
	db    *store.DB
	ws    *workspace.Workspace
	conns Connections
	bus   *events.Bus
	log   *slog.Logger
	now   func() time.Time

	// lastUsers holds the outcome of the latest MatchAllUsers.
	lastMu    sync.Mutex
	lastUsers []UserResult
	lastErr   error
}

// New returns an Installer.
func New(opts Options) (*Installer, error) {
	if opts.Store == nil || opts.Workspace == nil || opts.Connections == nil {
		return nil, errors.New("new best-practices installer: store, workspace and connections are required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Installer{db: opts.Store, ws: opts.Workspace, conns: opts.Connections, bus: opts.Bus,
		log: opts.Logger.With(logging.KeyComponent, "bestpractice"), now: opts.Now}, nil
}

// ErrSchemaDeclined is returned by Install when objects or fields are
// missing and the admin did not agree to create them.
var ErrSchemaDeclined = errors.New("the Salesforce org lacks the package's custom objects or fields")

// ErrPlanDeclined is returned by Install when the admin did not accept
// the diff.
var ErrPlanDeclined = errors.New("the package changes were not accepted")

// InstallOptions are the admin's decisions during an install.
type InstallOptions struct {
	// ConfirmSchema is shown the missing objects and fields before they
	// are created; nil or false creates nothing and ends the install with
	// ErrSchemaDeclined.
	ConfirmSchema func(gaps []SchemaGap) bool
	// ConfirmPlan is shown the changes before they are written; nil
	// accepts them.
	ConfirmPlan func(plan UpgradePlan) bool
}

// InstallResult reports the steps of an install.
type InstallResult struct {
	// Missing lists the gaps of the first schema check, Created the
	// objects and fields created, and Remaining the gaps of the second
	// check (none on success).
	Missing   []SchemaGap   `json:"missing"`
	Created   []string      `json:"created"`
	Remaining []SchemaGap   `json:"remaining"`
	Plan      UpgradePlan   `json:"plan"`
	Applied   UpgradeResult `json:"applied"`
}

// Install checks the Salesforce schema, creates what is missing once
// ConfirmSchema agrees, checks again, then plans pkg over what is
// installed and applies it once ConfirmPlan agrees. It serves both the
// first install and upgrades.
func (in *Installer) Install(ctx context.Context, pkg Package, opts InstallOptions) (InstallResult, error) {
	var res InstallResult
	sf, err := in.conns.SalesforceClient(ctx)
	if err != nil {
		return res, fmt.Errorf("install best-practices package: %w", err)
	}
	if res.Missing, err = CheckSchema(ctx, sf); err != nil {
		return res, err
	}
	res.Remaining = res.Missing
	if len(res.Missing) > 0 {
		if opts.ConfirmSchema == nil || !opts.ConfirmSchema(res.Missing) {
			return res, fmt.Errorf("install best-practices package: %w: %s", ErrSchemaDeclined, describeGaps(res.Missing))
		}
		res.Created, err = CreateSchema(ctx, sf, res.Missing)
		in.log.Info("custom objects and fields created", "count", len(res.Created))
		if err != nil {
			return res, fmt.Errorf("install best-practices package: %w", err)
		}
		if res.Remaining, err = CheckSchema(ctx, sf); err != nil {
			return res, err
		}
		if len(res.Remaining) > 0 {
			return res, fmt.Errorf("install best-practices package: still missing after creating them: %s", describeGaps(res.Remaining))
		}
	}
	if res.Plan, err = in.PlanUpgrade(ctx, pkg); err != nil {
		return res, err
	}
	if opts.ConfirmPlan != nil && !opts.ConfirmPlan(res.Plan) {
		return res, fmt.Errorf("install best-practices package: %w", ErrPlanDeclined)
	}
	res.Applied, err = in.ApplyUpgrade(ctx, res.Plan)
	return res, err
}

func describeGaps(gaps []SchemaGap) string {
	s := ""
	for i, g := range gaps {
		if i > 0 {
			s += "; "
		}
		s += g.String()
	}
	return s
}
