package app

import (
	"errors"
	"fmt"
	"sync"

	"github.com/google/uuid"

	"github.com/liaison-sync/liaison/engine/bestpractice"
)

// PackageStatus is the best-practices package's state for one Clarizen
// instance, and what the Salesforce org lacks for it.
type PackageStatus struct {
	Instance int `json:"instance"`
	// InstalledVersion is 0 when the package is not installed.
	InstalledVersion int `json:"installedVersion"`
	// AvailableVersion is the version this Liaison ships.
	AvailableVersion int `json:"availableVersion"`
	// Missing lists the custom objects and fields the org lacks; empty
	// when the schema is complete.
	Missing []bestpractice.SchemaGap `json:"missing"`
}

// SchemaCreation reports the custom objects and fields created after the
// admin agreed, and what a second check still found missing.
type SchemaCreation struct {
	// Created holds full names: Object__c and Object__c.Field__c.
	Created   []string                 `json:"created"`
	Remaining []bestpractice.SchemaGap `json:"remaining"`
}

// PackagePlan is the diff an install or upgrade would write, kept by the
// service under ID until Apply or Discard.
type PackagePlan struct {
	ID          string                `json:"id"`
	Instance    int                   `json:"instance"`
	FromVersion int                   `json:"fromVersion"`
	ToVersion   int                   `json:"toVersion"`
	Changes     []bestpractice.Change `json:"changes"`
	// Empty is true when applying would only record the version.
	Empty bool `json:"empty"`
}

// PackageService backs the best-practices package panel: check the
// Salesforce schema, create what is missing after consent, show the diff,
// install or upgrade.
type PackageService struct {
	svc *service

	mu    sync.Mutex
	plans map[string]bestpractice.UpgradePlan
}

func newPackageService(svc *service) *PackageService {
	return &PackageService{svc: svc, plans: map[string]bestpractice.UpgradePlan{}}
}

func (s *PackageService) installerOf() (*bestpractice.Installer, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	return eng.Package, nil
}

func packageFor(instance int) (bestpractice.Package, error) {
	if instance != 1 && instance != 2 {
		return bestpractice.Package{}, invalidInput(fmt.Sprintf("invalid Clarizen instance %d: use 1 or 2", instance), nil)
	}
	pkg, err := bestpractice.Current()
	if err != nil {
		return bestpractice.Package{}, err
	}
	return pkg.ForInstance(instance)
}

// Status returns the installed and available versions for a Clarizen
// instance and checks the Salesforce org for the package's custom objects
// and fields.
func (s *PackageService) Status(instance int) (PackageStatus, error) {
	in, err := s.installerOf()
	if err != nil {
		return PackageStatus{}, err
	}
	pkg, err := packageFor(instance)
	if err != nil {
		return PackageStatus{}, err
	}
	ctx := s.svc.context()
	st := PackageStatus{Instance: instance, AvailableVersion: pkg.Version, Missing: []bestpractice.SchemaGap{}}
	if st.InstalledVersion, err = in.InstalledVersion(ctx, instance); err != nil {
		return st, err
	}
	sf, err := s.svc.eng.Connections.SalesforceClient(ctx)
	if err != nil {
		return st, err
	}
	gaps, err := bestpractice.CheckSchema(ctx, sf)
	if err != nil {
		return st, err
	}
	st.Missing = append(st.Missing, gaps...)
	return st, nil
}

// CreateMissing creates, through the Tooling API, the custom objects and
// fields that a fresh check finds missing, then checks again. The window
// calls it only after the admin saw the list and agreed.
func (s *PackageService) CreateMissing() (SchemaCreation, error) {
	if _, err := s.installerOf(); err != nil {
		return SchemaCreation{}, err
	}
	ctx := s.svc.context()
	sf, err := s.svc.eng.Connections.SalesforceClient(ctx)
	if err != nil {
		return SchemaCreation{}, err
	}
	gaps, err := bestpractice.CheckSchema(ctx, sf)
	if err != nil {
		return SchemaCreation{}, err
	}
	res := SchemaCreation{Created: []string{}, Remaining: []bestpractice.SchemaGap{}}
	created, createErr := bestpractice.CreateSchema(ctx, sf, gaps)
	res.Created = append(res.Created, created...)
	s.svc.log.Info("package schema created after consent", "created", len(created))
	remaining, err := bestpractice.CheckSchema(ctx, sf)
	if err != nil {
		return res, errors.Join(createErr, err)
	}
	res.Remaining = append(res.Remaining, remaining...)
	return res, createErr
}

// Plan computes what installing or upgrading the package for a Clarizen
// instance would change, and keeps the plan for Apply.
func (s *PackageService) Plan(instance int) (PackagePlan, error) {
	in, err := s.installerOf()
	if err != nil {
		return PackagePlan{}, err
	}
	pkg, err := packageFor(instance)
	if err != nil {
		return PackagePlan{}, err
	}
	plan, err := in.PlanUpgrade(s.svc.context(), pkg)
	if err != nil {
		return PackagePlan{}, err
	}
	id := uuid.NewString()
	s.mu.Lock()
	clear(s.plans) // only the newest diff can be applied
	s.plans[id] = plan
	s.mu.Unlock()
	changes := plan.Changes
	if changes == nil {
		changes = []bestpractice.Change{}
	}
	return PackagePlan{ID: id, Instance: plan.Instance, FromVersion: plan.FromVersion, ToVersion: plan.ToVersion,
		Changes: changes, Empty: plan.Empty()}, nil
}

// Apply writes the plan the admin saw. A plan whose definitions changed
// since it was made fails with plan_stale; plan again.
func (s *PackageService) Apply(planID string) (bestpractice.UpgradeResult, error) {
	in, err := s.installerOf()
	if err != nil {
		return bestpractice.UpgradeResult{}, err
	}
	s.mu.Lock()
	plan, ok := s.plans[planID]
	delete(s.plans, planID)
	s.mu.Unlock()
	if !ok {
		return bestpractice.UpgradeResult{}, &codedError{code: CodePlanGone,
			msg:  "the package changes shown are no longer current",
			hint: "Open the install again to see the current changes."}
	}
	res, err := in.ApplyUpgrade(s.svc.context(), plan)
	if errors.Is(err, bestpractice.ErrPlanStale) {
		return res, &codedError{code: CodePlanGone, msg: err.Error(), err: err,
			hint: "A definition changed after the changes were shown. Open the install again to see the current changes."}
	}
	return res, err
}

// Discard drops a plan without writing it.
func (s *PackageService) Discard(planID string) {
	s.mu.Lock()
	delete(s.plans, planID)
	s.mu.Unlock()
}
