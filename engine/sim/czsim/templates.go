package czsim

import (
	"strings"
	"time"
)

// template is a named work plan that createFromTemplate copies under a new
// Project or Milestone.
type template struct {
	Name     string
	TypeName string // Project or Milestone
	Items    []templateItem
}

// templateItem is one work item of a template. Start and End are day
// offsets from the new root's start date. Items of one parent that set
// AfterPrevious depend finish-to-start on the sibling before them.
type templateItem struct {
	Type          string
	Name          string
	Start, End    int
	AfterPrevious bool
	Children      []templateItem
}

// defaultTemplates are the templates every simulated organization has.
func defaultTemplates() []*template {
	task := func(name string, start, end int) templateItem {
		return templateItem{Type: "Task", Name: name, Start: start, End: end, AfterPrevious: true}
	}
	milestone := func(name string, start, end int, tasks ...templateItem) templateItem {
		tasks[0].AfterPrevious = false
		return templateItem{Type: "Milestone", Name: name, Start: start, End: end, Children: tasks}
	}
	return []*template{
		{Name: "Standard delivery", TypeName: "Project", Items: []templateItem{
			milestone("Kick-off", 0, 7, task("Confirm scope", 0, 3), task("Stakeholder workshop", 3, 7)),
			milestone("Design", 7, 21, task("Solution design", 7, 17), task("Design sign-off", 17, 21)),
			milestone("Build", 21, 49, task("Implementation", 21, 42), task("Integration testing", 42, 49)),
			milestone("Acceptance", 49, 63, task("User acceptance testing", 49, 60), task("Go-live", 60, 63)),
		}},
		{Name: "Quick start", TypeName: "Project", Items: []templateItem{
			{Type: "Task", Name: "Set up workspace", Start: 0, End: 2},
			task("First delivery", 2, 9),
			task("Review and next steps", 9, 10),
		}},
		{Name: "Release gate", TypeName: "Milestone", Items: []templateItem{
			{Type: "Task", Name: "Release readiness review", Start: 0, End: 3},
			task("Release", 3, 4),
			task("Post-release check", 4, 6),
		}},
	}
}

func (s *Server) findTemplate(name string) (*template, bool) {
	for _, tpl := range s.templates {
		if strings.EqualFold(tpl.Name, name) {
			return tpl, true
		}
	}
	return nil, false
}

// handleGetTemplateDescriptions serves data/getTemplateDescriptions:
// {"templates": ["Standard delivery", ...]} for typeName, or all templates.
func handleGetTemplateDescriptions(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	typeName, err := in.str("typeName")
	if err != nil {
		return reply{}, err
	}
	names := []string{}
	for _, tpl := range s.templates {
		if typeName == "" || strings.EqualFold(tpl.TypeName, typeName) {
			names = append(names, tpl.Name)
		}
	}
	return okReply(map[string]any{"templates": names})
}

// handleCreateFromTemplate serves data/createFromTemplate:
// {"entity": {"id": "/Project", "Name": ...}, "templateName": ...,
// "parentId": ...} returns {"id": "/Project/..."}. The new entity gets the
// template's milestones, tasks and dependencies, dated from its StartDate
// (today when missing). Nothing is created when any part fails.
func handleCreateFromTemplate(s *Server, c *call) (reply, error) {
	in, err := decodeObject(c.body)
	if err != nil {
		return reply{}, err
	}
	entity, err := in.obj("entity")
	if err != nil {
		return reply{}, err
	}
	if entity == nil {
		return reply{}, errorf(codeMissingArgument, "entity is required")
	}
	name, err := in.str("templateName")
	if err != nil {
		return reply{}, err
	}
	tpl, found := s.findTemplate(name)
	if !found {
		return reply{}, errorf(codeEntityNotFound, "template %q not found", name)
	}
	id, err := bodyID(entity)
	if err != nil {
		return reply{}, err
	}
	typeName, _, ok := parseEntityID(id)
	if !ok {
		return reply{}, errorf(codeMissingArgument, "entity.id is required: \"/%s\"", tpl.TypeName)
	}
	if !strings.EqualFold(typeName, tpl.TypeName) {
		return reply{}, errorf(codeInvalidArgument, "template %q creates a %s, not a %s", tpl.Name, tpl.TypeName, typeName)
	}
	parentID, err := in.str("parentId")
	if err != nil {
		return reply{}, err
	}
	if parentID != "" {
		entity["Parent"] = parentID
	}

	ownTx := s.st.journal == nil
	if ownTx {
		s.st.begin()
	}
	root, err := s.instantiate(tpl, entity, c.user)
	if err != nil {
		if ownTx {
			s.st.rollback()
		}
		return reply{}, err
	}
	if ownTx {
		s.st.commit()
	}
	return okReply(map[string]any{"id": root.ref().String()})
}

func (s *Server) instantiate(tpl *template, entity jsonObject, actor *record) (*record, error) {
	start := s.now()
	if raw, ok := entity.get("StartDate"); ok {
		if str, isString := raw.(string); isString {
			if t, parsed := parseTime(str); parsed {
				start = t
			}
		}
	}
	start = time.Date(start.Year(), start.Month(), start.Day(), 8, 0, 0, 0, time.UTC)
	if !entity.has("StartDate") {
		entity["StartDate"] = formatTime(start)
	}
	if !entity.has("DueDate") {
		entity["DueDate"] = formatTime(dueOn(start, templateSpan(tpl.Items)))
	}
	root, err := s.createFromEntityObject(entity, actor)
	if err != nil {
		return nil, err
	}
	if err := s.createItems(root, tpl.Items, start, actor); err != nil {
		return nil, err
	}
	return root, nil
}

// dueOn returns 17:00 on the last day of a span that ends end days after
// start.
func dueOn(start time.Time, end int) time.Time {
	day := start.AddDate(0, 0, max(end-1, 0))
	return time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, time.UTC)
}

func templateSpan(items []templateItem) int {
	span := 0
	for _, it := range items {
		span = max(span, it.End)
	}
	return span
}

func (s *Server) createItems(parent *record, items []templateItem, start time.Time, actor *record) error {
	var previous *record
	for _, it := range items {
		t, err := s.concreteType(it.Type)
		if err != nil {
			return err
		}
		in := jsonObject{
			"Name":      it.Name,
			"Parent":    parent.ref().String(),
			"StartDate": formatTime(start.AddDate(0, 0, it.Start)),
			"DueDate":   formatTime(dueOn(start, it.End)),
		}
		if it.Type == "Task" {
			in["Duration"] = map[string]any{"unit": "Days", "value": float64(it.End - it.Start)}
		}
		rec, err := s.createEntity(t, "", in, actor, apiWrite)
		if err != nil {
			return err
		}
		if it.AfterPrevious && previous != nil {
			link, _ := s.cat.lookup("DependencyLink")
			dep := jsonObject{"WorkItem": rec.ref().String(), "DependsOn": previous.ref().String(), "DependencyType": "FS"}
			if _, err := s.createEntity(link, "", dep, actor, apiWrite); err != nil {
				return err
			}
		}
		if err := s.createItems(rec, it.Children, start, actor); err != nil {
			return err
		}
		previous = rec
	}
	return nil
}
