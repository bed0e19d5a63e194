package bestpractice

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/mapping"
)

// Version is the version of the package this Liaison ships. A package
// installed at a lower version is offered the upgrade. Version 2 renamed
// the user mapping from "Clarizen User - SFDC User" to "Clarizen User ⇄
// Salesforce User".
const Version = 2

// Ids of the package's definitions for Clarizen instance 1. ForInstance
// derives the ids of another instance from them.
const (
	UsersMapping      = "bp-users"
	AccountsMapping   = "bp-accounts"
	MilestonesMapping = "bp-milestones"
	ProjectsMapping   = "bp-projects"
	ProductsMapping   = "bp-products"
	OpportunityEvent  = "bp-opportunity-70"
)

//go:embed package.json
var packageFile []byte

// Package is one version of the best-practices package: mappings and
// events for one Clarizen instance.
type Package struct {
	Version  int
	Instance int
	Mappings []mapping.Mapping
	Events   []mapping.Event
}

// Current returns the package this Liaison ships, for Clarizen instance 1.
func Current() (Package, error) {
	mappings, events, err := mapping.Import(packageFile)
	if err != nil {
		return Package{}, fmt.Errorf("read best-practices package: %w", err)
	}
	return Package{Version: Version, Instance: 1, Mappings: mappings, Events: events}, nil
}

// ForInstance returns the package for Clarizen instance n (1 or 2). For
// instance 2 every id gets the suffix "-2", every name the suffix
// " (Clarizen 2)", and the references between definitions follow, so both
// instances can hold the package side by side.
func (p Package) ForInstance(n int) (Package, error) {
	if n != 1 && n != 2 {
		return Package{}, fmt.Errorf("prepare best-practices package: invalid Clarizen instance %d, use 1 or 2", n)
	}
	if n == p.Instance {
		return p, nil
	}
	rename := func(id string) string { return instanceID(baseID(id), n) }
	out := Package{Version: p.Version, Instance: n}
	for _, m := range p.Mappings {
		m = cloneMapping(m)
		m.ID, m.Name, m.ClarizenInstance = rename(m.ID), instanceName(baseName(m.Name), n), n
		for i := range m.Links {
			if m.Links[i].MappingID != "" {
				m.Links[i].MappingID = rename(m.Links[i].MappingID)
			}
		}
		for i := range m.RelatedObjects {
			m.RelatedObjects[i].MappingID = rename(m.RelatedObjects[i].MappingID)
		}
		out.Mappings = append(out.Mappings, m)
	}
	for _, e := range p.Events {
		e = cloneEvent(e)
		e.ID, e.Name, e.ClarizenInstance = rename(e.ID), instanceName(baseName(e.Name), n), n
		if e.Target.MappingID != "" {
			e.Target.MappingID = rename(e.Target.MappingID)
		}
		if e.Target.NewObject != nil {
			e.Target.NewObject.MappingID = rename(e.Target.NewObject.MappingID)
		}
		for i := range e.RelatedObjects {
			e.RelatedObjects[i].MappingID = rename(e.RelatedObjects[i].MappingID)
		}
		out.Events = append(out.Events, e)
	}
	return out, nil
}

// MappingID returns the id of a package mapping (one of the constants
// above) in Clarizen instance n.
func MappingID(id string, n int) string { return instanceID(id, n) }

// EventID returns the id of a package event in Clarizen instance n.
func EventID(id string, n int) string { return instanceID(id, n) }

const instanceSuffix = "-2"

func instanceID(id string, n int) string {
	if n == 2 {
		return id + instanceSuffix
	}
	return id
}

func baseID(id string) string { return strings.TrimSuffix(id, instanceSuffix) }

const instanceNameSuffix = " (Clarizen 2)"

func instanceName(name string, n int) string {
	if n == 2 {
		return name + instanceNameSuffix
	}
	return name
}

func baseName(name string) string { return strings.TrimSuffix(name, instanceNameSuffix) }

// Mapping returns the package's mapping with id, and false when it has
// none.
func (p Package) Mapping(id string) (mapping.Mapping, bool) {
	for _, m := range p.Mappings {
		if m.ID == id {
			return m, true
		}
	}
	return mapping.Mapping{}, false
}

// Event returns the package's event with id.
func (p Package) Event(id string) (mapping.Event, bool) {
	for _, e := range p.Events {
		if e.ID == id {
			return e, true
		}
	}
	return mapping.Event{}, false
}

// cloneMapping copies the slices of m, so that edits of the copy leave m
// alone.
func cloneMapping(m mapping.Mapping) mapping.Mapping {
	var out mapping.Mapping
	mustRoundTrip(m, &out)
	return out
}

func cloneEvent(e mapping.Event) mapping.Event {
	var out mapping.Event
	mustRoundTrip(e, &out)
	return out
}
