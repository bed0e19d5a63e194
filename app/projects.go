package app

import (
	"sort"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/preview"
)

// maxLinkedProjects caps the projects the picker lists.
const maxLinkedProjects = 500

// LinkedProject is a Clarizen project linked to a Salesforce record, as
// the project picker lists it.
type LinkedProject struct {
	MappingID string `json:"mappingId"`
	Mapping   string `json:"mapping"`
	// Connection is the Clarizen connection: clarizen1 or clarizen2.
	Connection       string `json:"connection"`
	ProjectID        string `json:"projectId"`
	Name             string `json:"name"`
	SalesforceObject string `json:"salesforceObject"`
	SalesforceID     string `json:"salesforceId"`
	// ParentID is the entity id of a sub-project's parent, in the form of
	// ProjectID. It is empty for a top-level project or when the read
	// failed.
	ParentID string `json:"parentId,omitempty"`
}

// WorkItem is one row of a project's Gantt chart.
type WorkItem struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is project, phase, task or milestone.
	Kind     string `json:"kind"`
	ParentID string `json:"parentId,omitempty"`
	// Start and End are civil dates (YYYY-MM-DD); empty when undated.
	Start        string           `json:"start,omitempty"`
	End          string           `json:"end,omitempty"`
	Progress     float64          `json:"progress"`
	State        string           `json:"state,omitempty"`
	Dependencies []WorkDependency `json:"dependencies"`
}

// WorkDependency is a work item's link to a predecessor.
type WorkDependency struct {
	PredecessorID string `json:"predecessorId"`
	// Type is FS, SS, FF or SF.
	Type string `json:"type"`
}

// ProjectPlan is a linked project's work plan with the addresses of its
// records in both systems.
type ProjectPlan struct {
	ProjectID     string     `json:"projectId"`
	Name          string     `json:"name"`
	Items         []WorkItem `json:"items"`
	ClarizenURL   string     `json:"clarizenUrl,omitempty"`
	SalesforceURL string     `json:"salesforceUrl,omitempty"`
}

// ProjectService backs the Project preview screen.
type ProjectService struct{ svc *service }

// LinkedProjects lists the Clarizen projects that mappings of the Project
// entity have linked, by name.
func (s *ProjectService) LinkedProjects() ([]LinkedProject, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	ctx := s.svc.context()
	mappings, err := eng.Workspace.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	out := []LinkedProject{}
	byConnection := map[string][]int{}
	for _, info := range mappings {
		m := info.Mapping
		if !strings.EqualFold(m.ClarizenEntity, "Project") {
			continue
		}
		links, err := eng.DB.Links(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			if len(out) >= maxLinkedProjects {
				break
			}
			byConnection[l.CZConnection] = append(byConnection[l.CZConnection], len(out))
			out = append(out, LinkedProject{MappingID: m.ID, Mapping: m.Name, Connection: l.CZConnection,
				ProjectID: l.CZID, Name: l.CZID, SalesforceObject: l.SFObject, SalesforceID: l.SFID})
		}
	}
	for connection, indexes := range byConnection {
		s.nameProjects(connection, out, indexes)
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// nameProjects reads the names and parents of the listed projects. A
// project keeps its id as name when the read fails, so the list still
// shows.
func (s *ProjectService) nameProjects(connection string, projects []LinkedProject, indexes []int) {
	ctx := s.svc.context()
	cz, err := s.svc.eng.Connections.ClarizenClient(ctx, connection)
	if err != nil {
		s.svc.log.Warn("name linked projects: no client", "connection", connection, "error", err)
		return
	}
	ids := make([]clarizen.EntityID, 0, len(indexes))
	for _, i := range indexes {
		ids = append(ids, clarizen.EntityID(projects[i].ProjectID))
	}
	entities, err := cz.RetrieveMultiple(ctx, ids, []string{"Name", "Parent"})
	if err != nil {
		s.svc.log.Warn("name linked projects failed", "connection", connection, "error", err)
		return
	}
	read := map[string]clarizen.Entity{}
	for _, e := range entities {
		read[string(e.ID)] = e
	}
	for _, i := range indexes {
		e, ok := read[projects[i].ProjectID]
		if !ok {
			continue
		}
		if n := e.Text("Name"); n != "" {
			projects[i].Name = n
		}
		projects[i].ParentID = string(e.Reference("Parent"))
	}
}

// Plan reads a linked project's work plan from Clarizen, with the
// addresses of the project in Clarizen and of its linked record in
// Salesforce (salesforceObject and salesforceID may be empty).
func (s *ProjectService) Plan(connection, projectID, salesforceObject, salesforceID string) (ProjectPlan, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return ProjectPlan{}, err
	}
	ctx := s.svc.context()
	p, err := eng.ProjectPreview(ctx, connection, projectID)
	if err != nil {
		return ProjectPlan{}, err
	}
	out := ProjectPlan{ProjectID: p.ProjectID, Name: p.ProjectName, Items: make([]WorkItem, 0, len(p.Tasks))}
	milestones := map[string]bool{}
	for _, m := range p.Milestones {
		milestones[m.ID] = true
	}
	parents := map[string]bool{}
	for _, t := range p.Tasks {
		parents[t.Parent] = true
	}
	for _, t := range p.Tasks {
		item := WorkItem{ID: t.ID, Name: t.Name, Kind: t.Kind, ParentID: t.Parent, Start: t.Start, End: t.End,
			Progress: t.Progress, State: t.State, Dependencies: []WorkDependency{}}
		if item.Kind == preview.KindTask && parents[t.ID] {
			item.Kind = "phase" // a task with children is drawn as a summary bar
		}
		for _, d := range t.Dependencies {
			item.Dependencies = append(item.Dependencies, WorkDependency{PredecessorID: d.From, Type: d.Type})
		}
		out.Items = append(out.Items, item)
	}

	health, err := eng.Connections.Health(ctx)
	if err != nil {
		return out, err
	}
	for _, st := range health {
		switch {
		case st.ID == connection:
			out.ClarizenURL = preview.ClarizenURL(st.AppURL, clarizen.EntityID(p.ProjectID))
		case st.ID == connect.Salesforce && salesforceID != "":
			out.SalesforceURL = preview.SalesforceURL(st.InstanceURL, salesforceObject, salesforceID)
		}
	}
	return out, nil
}
