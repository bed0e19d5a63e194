// Package preview reads a Clarizen project's work plan and turns it into the
// data the desktop app draws: a Gantt chart (milestones, tasks, dates,
// progress, dependencies) and a roadmap of the milestones.
//
// It reads through the Clarizen client and holds no sync rule; it must not
// import app/ or Wails.
package preview

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
)

// Kinds of Gantt row.
const (
	KindProject   = "project"
	KindMilestone = "milestone"
	KindTask      = "task"
)

// Task is one row of the Gantt chart.
type Task struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Parent string `json:"parent,omitempty"`
	// Start and End are civil dates (YYYY-MM-DD); both are empty for an
	// undated work item, which the chart lists without a bar.
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Progress is the percentage complete, 0 to 100.
	Progress     float64      `json:"progress"`
	State        string       `json:"state,omitempty"`
	Dependencies []Dependency `json:"dependencies,omitempty"`
}

// Dependency is a task's link to a predecessor it waits for.
type Dependency struct {
	// From is the id of the predecessor.
	From string `json:"from"`
	// Type is FS (finish to start), SS, FF or SF.
	Type string `json:"type"`
}

// Milestone is one entry of the roadmap.
type Milestone struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Due      string  `json:"due,omitempty"`
	Progress float64 `json:"progress"`
	State    string  `json:"state,omitempty"`
	Track    string  `json:"track,omitempty"`
}

// Plan is a project's work plan: the Gantt rows in hierarchy order and
// the roadmap's milestones by due date.
type Plan struct {
	ProjectID   string      `json:"projectId"`
	ProjectName string      `json:"projectName"`
	Tasks       []Task      `json:"tasks"`
	Milestones  []Milestone `json:"milestones"`
}

// Reader is the part of the Clarizen client the preview needs.
type Reader interface {
	Get(ctx context.Context, id clarizen.EntityID, fields ...string) (clarizen.Entity, error)
	QueryAll(ctx context.Context, statement string) ([]clarizen.Entity, error)
}

var workItemFields = []string{"Name", "EntityType", "Parent", "StartDate", "DueDate", "PercentCompleted", "State", "TrackStatus"}

// ErrNotProject is returned when the id names something other than a
// project or program.
var ErrNotProject = errors.New("not a Clarizen project")

// Load reads the project's work items and dependencies and builds its plan.
func Load(ctx context.Context, r Reader, projectID clarizen.EntityID) (Plan, error) {
	switch strings.ToLower(projectID.Type()) {
	case "project", "program":
	default:
		return Plan{}, fmt.Errorf("preview %s: %w: open the preview from a linked project", projectID, ErrNotProject)
	}
	project, err := r.Get(ctx, projectID, workItemFields...)
	if err != nil {
		return Plan{}, fmt.Errorf("read project %s: %w", projectID, err)
	}
	project.ID = projectID

	fields := strings.Join(workItemFields, ", ")
	items, err := r.QueryAll(ctx, fmt.Sprintf("SELECT %s FROM WorkItem WHERE Project = %s", fields, czql.String(string(projectID))))
	if err != nil {
		return Plan{}, fmt.Errorf("read work items of project %s: %w", projectID, err)
	}
	deps, err := r.QueryAll(ctx, fmt.Sprintf(
		"SELECT WorkItem, DependsOn, DependencyType FROM DependencyLink WHERE WorkItem.Project = %s", czql.String(string(projectID))))
	if err != nil {
		return Plan{}, fmt.Errorf("read dependencies of project %s: %w", projectID, err)
	}
	return build(project, items, deps), nil
}

// build assembles the plan from entities already read.
func build(project clarizen.Entity, items, deps []clarizen.Entity) Plan {
	plan := Plan{ProjectID: string(project.ID), ProjectName: project.Text("Name")}

	rows := map[string]*Task{}
	track := map[string]string{project.ID.String(): project.Picklist("TrackStatus")}
	root := toTask(project)
	root.Parent = ""
	rows[root.ID] = &root
	children := map[string][]string{}
	for _, e := range items {
		if e.ID.Equal(project.ID) {
			continue
		}
		t := toTask(e)
		if _, known := rows[t.Parent]; !known && !inItems(items, t.Parent) {
			t.Parent = root.ID // a parent outside the plan: hang the row under the project
		}
		rows[t.ID] = &t
		track[t.ID] = e.Picklist("TrackStatus")
		children[t.Parent] = append(children[t.Parent], t.ID)
	}
	for _, d := range deps {
		succ, pred := string(d.Reference("WorkItem")), string(d.Reference("DependsOn"))
		t, ok := rows[succ]
		if !ok || rows[pred] == nil {
			continue
		}
		kind := d.Picklist("DependencyType")
		if kind == "" {
			kind = "FS"
		}
		t.Dependencies = append(t.Dependencies, Dependency{From: pred, Type: kind})
	}

	// Depth-first from the project, siblings by start date then name, so the
	// chart reads as the work plan does.
	seen := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		if seen[id] {
			return // a parent cycle: show each row once
		}
		seen[id] = true
		plan.Tasks = append(plan.Tasks, *rows[id])
		kids := children[id]
		sort.SliceStable(kids, func(i, j int) bool {
			a, b := rows[kids[i]], rows[kids[j]]
			if a.Start != b.Start {
				return a.Start != "" && (b.Start == "" || a.Start < b.Start)
			}
			return a.Name < b.Name
		})
		for _, k := range kids {
			walk(k)
		}
	}
	walk(root.ID)

	for _, t := range plan.Tasks {
		if t.Kind != KindMilestone {
			continue
		}
		plan.Milestones = append(plan.Milestones, Milestone{ID: t.ID, Name: t.Name, Due: t.End,
			Progress: t.Progress, State: t.State, Track: track[t.ID]})
	}
	sort.SliceStable(plan.Milestones, func(i, j int) bool {
		a, b := plan.Milestones[i], plan.Milestones[j]
		return a.Due != "" && (b.Due == "" || a.Due < b.Due)
	})
	return plan
}

func toTask(e clarizen.Entity) Task {
	t := Task{
		ID:     string(e.ID),
		Name:   e.Text("Name"),
		Parent: string(e.Reference("Parent")),
		Start:  civilDate(e.Text("StartDate")),
		End:    civilDate(e.Text("DueDate")),
		State:  e.Picklist("State"),
	}
	if p, ok := e.Float("PercentCompleted"); ok {
		t.Progress = p
	}
	entityType := e.Text("EntityType")
	if entityType == "" {
		entityType = e.ID.Type()
	}
	switch strings.ToLower(entityType) {
	case "milestone":
		t.Kind = KindMilestone
		if t.End == "" {
			t.End = t.Start
		}
		t.Start = t.End // a milestone is a point in time: its due date
	case "project", "program":
		t.Kind = KindProject
	default:
		t.Kind = KindTask
	}
	if t.Start == "" || t.End == "" {
		t.Start, t.End = "", "" // half-dated: draw no bar rather than a wrong one
	}
	return t
}

// civilDate keeps the date part of a Clarizen date or date-time
// ("2014-11-03T08:00:00.0000000"), so no time zone can shift the day.
func civilDate(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return ""
}

func inItems(items []clarizen.Entity, id string) bool {
	for _, e := range items {
		if string(e.ID) == id {
			return true
		}
	}
	return false
}

// ClarizenURL returns the web address of an entity in the Clarizen app at
// appLocation (as getServerDefinition reports it).
func ClarizenURL(appLocation string, id clarizen.EntityID) string {
	if appLocation == "" {
		return ""
	}
	// NOTE: the public API notes give appLocation but not the page path of
	// an entity; appLocation followed by the entity id is a guess.
	return strings.TrimRight(appLocation, "/") + string(id)
}

// SalesforceURL returns the Lightning record page of a Salesforce record.
func SalesforceURL(instanceURL, object, id string) string {
	if instanceURL == "" || id == "" {
		return ""
	}
	return strings.TrimRight(instanceURL, "/") + "/lightning/r/" + url.PathEscape(object) + "/" + url.PathEscape(id) + "/view"
}
