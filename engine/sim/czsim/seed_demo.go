package czsim

import (
	"fmt"
	"math"
	"time"
)

// demoCustomers are named after accounts of the Salesforce simulator's demo
// org (from the lwc-recipes and apex-recipes sample data), so the account
// mapping finds some of them by name and leaves the rest to create.
var demoCustomers = []struct{ Name, Address string }{
	{"Burlington Textiles", "525 S. Lexington Ave, Burlington, NC 27215, USA"},
	{"GenePoint", "345 Shoreline Park, Mountain View, CA 94043, USA"},
	{"Express Logistics", "620 SW 5th Avenue Suite 400, Portland, OR 97204, USA"},
	{"Edge Communications", "312 Constitution Place, Austin, TX 78767, USA"},
	{"United Productions", "1301 Hoch Drive, Lawrence, KS 66045, USA"},
	{"Northern Trail Travel", "415 Mission Street, San Francisco, CA 94105, USA"},
	{"Quire 203", ""},
	{"Teklist 138", ""},
	{"Omba 230", ""},
	{"Wikido 151", ""},
}

// demoProject describes one seeded project. StartWeeks is the start relative
// to the Monday of the current week; State overrides the state the dates
// give.
type demoProject struct {
	Name       string
	Customer   string
	StartWeeks int
	Phases     int
	State      string
	Type       string
}

var demoProjects = []demoProject{
	{"Burlington Textiles ERP rollout", "Burlington Textiles", -6, 5, "", "Customer Delivery"},
	{"GenePoint lab data platform", "GenePoint", -3, 4, "", "Customer Delivery"},
	{"Express Logistics warehouse scanners", "Express Logistics", 2, 3, "", "Customer Delivery"},
	{"Edge Communications support portal", "Edge Communications", -20, 4, "", "Customer Delivery"},
	{"United Productions media archive", "United Productions", -4, 4, "On Hold", "Customer Delivery"},
	{"Delivery playbook refresh", "", -2, 3, "", "Internal"},
}

// demoPhases are the milestones of a demo project with their candidate tasks.
var demoPhases = []struct {
	Name  string
	Tasks []string
}{
	{"Discovery", []string{"Kick-off meeting", "Requirements workshops", "Current-state assessment", "Scope sign-off"}},
	{"Design", []string{"Solution architecture", "Data model design", "Integration design", "Design review"}},
	{"Build", []string{"Environment setup", "Configuration sprint 1", "Configuration sprint 2", "Data migration scripts"}},
	{"Test", []string{"System testing", "User acceptance testing", "Performance testing", "Defect fixing"}},
	{"Deploy", []string{"Cutover planning", "Go-live", "Hypercare"}},
}

// seeder creates demo records and keeps the first error, so the seeding
// code reads as a plain list of creates.
type seeder struct {
	s   *Server
	err error
}

func (sd *seeder) create(typeName string, actor *record, fields jsonObject) *record {
	if sd.err != nil {
		return nil
	}
	t, ok := sd.s.cat.lookup(typeName)
	if !ok {
		sd.err = fmt.Errorf("create demo %s: unknown type", typeName)
		return nil
	}
	rec, err := sd.s.createEntity(t, "", fields, actor, directWrite)
	if err != nil {
		sd.err = fmt.Errorf("create demo %s %v: %w", typeName, fields["Name"], err)
		return nil
	}
	return rec
}

// id returns a record's id for a reference, or "" after an earlier failure.
func id(rec *record) string {
	if rec == nil {
		return ""
	}
	return rec.ref().String()
}

// seedDemo creates the demo organization: users, customers, projects with
// dated milestones, tasks, dependencies and progress, discussions and cases.
// The data depends only on Options.Seed, the organization id and the clock.
func (s *Server) seedDemo() error {
	sd := &seeder{s: s}

	users := map[string]*record{}
	for _, u := range demoUsers {
		rec, err := s.createUser(User{UserName: u.Email, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, License: u.License}, false)
		if err != nil {
			return fmt.Errorf("create demo user %s: %w", u.Email, err)
		}
		users[u.FirstName] = rec
	}

	customers := map[string]*record{}
	for i, c := range demoCustomers {
		owner := users["Olivia"]
		if i%2 == 1 {
			owner = users["Noah"]
		}
		fields := jsonObject{"Name": c.Name, "Owner": id(owner), "TechnicalAccountManager": id(users["Amelia"])}
		if c.Address != "" {
			fields["BillingAddress"] = c.Address
			fields["BusinessAddress"] = c.Address
		}
		customers[c.Name] = sd.create("Customer", owner, fields)
	}

	today := s.now()
	monday := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	monday = monday.AddDate(0, 0, -((int(monday.Weekday()) + 6) % 7))
	managers := []*record{users["Sophia"], users["Mason"], users["Isabella"]}
	workers := []*record{users["Lucas"], users["Mia"], users["Henry"], users["Isabella"]}

	var projects []*record
	var firstBuildTask *record
	for i, p := range demoProjects {
		pm := managers[i%len(managers)]
		project := sd.seedProject(p, monday.AddDate(0, 0, 7*p.StartWeeks), today, pm, workers)
		projects = append(projects, project)
		if c := customers[p.Customer]; c != nil && project != nil {
			sd.create("CustomerLink", pm, jsonObject{"Entity": id(project), "Customer": id(c), "CostAllocation": 100})
		}
		if i == 0 && project != nil {
			firstBuildTask = s.findChild(project, "Build", "Configuration sprint 1")
		}
	}
	if sd.err != nil {
		return sd.err
	}
	sd.seedDiscussions(users, projects, customers, firstBuildTask)
	sd.seedCases(users, projects, customers)
	return sd.err
}

// seedProject creates one project with its milestones and tasks, scheduled
// on working days from start, and derives states and progress from today.
func (sd *seeder) seedProject(p demoProject, start, today time.Time, pm *record, workers []*record) *record {
	s := sd.s
	project := sd.create("Project", pm, jsonObject{
		"Name": p.Name, "ProjectManager": id(pm), "Manager": id(pm), "ProjectType": p.Type,
		"Description":   "Demo project for " + orInternal(p.Customer) + ".",
		"Importance":    []string{"Normal", "High", "Normal", "Low"}[s.rng.IntN(4)],
		"C_Regions":     []any{[]string{"North America", "EMEA", "APAC"}[s.rng.IntN(3)]},
		"PlannedBudget": map[string]any{"value": float64(20000 + 5000*s.rng.IntN(20)), "currency": "USD"},
	})
	if project == nil {
		return nil
	}
	cursor := start.AddDate(0, 0, 0)
	var previous *record
	var projectTasks []*record
	for phase := 0; phase < p.Phases && phase < len(demoPhases); phase++ {
		ph := demoPhases[phase]
		milestone := sd.create("Milestone", pm, jsonObject{"Name": ph.Name, "Parent": id(project), "Manager": id(pm)})
		msStart := cursor
		n := 2 + s.rng.IntN(len(ph.Tasks)-1)
		var tasks []*record
		for k := 0; k < n; k++ {
			days := 2 + s.rng.IntN(6)
			taskStart := cursor
			parallel := k > 0 && s.rng.IntN(5) == 0
			if parallel {
				taskStart = tasks[k-1].fields["StartDate"].(time.Time)
				taskStart = time.Date(taskStart.Year(), taskStart.Month(), taskStart.Day(), 0, 0, 0, 0, time.UTC)
			}
			end := addWorkDays(taskStart, days)
			worker := workers[s.rng.IntN(len(workers))]
			task := sd.create("Task", pm, jsonObject{
				"Name": ph.Tasks[k], "Parent": id(milestone), "Manager": id(worker),
				"StartDate": formatTime(taskStart.Add(8 * time.Hour)),
				"DueDate":   formatTime(lastWorkDay(end).Add(17 * time.Hour)),
				"Duration":  map[string]any{"value": days, "unit": "Days"},
				"Work":      map[string]any{"value": days * 8, "unit": "Hours"},
				"Billable":  p.Customer != "",
			})
			if task == nil {
				return project
			}
			if previous != nil {
				kind := "FS"
				if parallel {
					kind = "SS"
				}
				sd.create("DependencyLink", pm, jsonObject{"WorkItem": id(task), "DependsOn": id(previous), "DependencyType": kind})
			}
			if !parallel || end.After(cursor) {
				cursor = end
			}
			previous = task
			tasks = append(tasks, task)
		}
		if milestone == nil {
			return project
		}
		sd.schedule(milestone, msStart, cursor)
		sd.progress(tasks, today)
		sd.rollUp(milestone, tasks, today)
		projectTasks = append(projectTasks, tasks...)
	}
	sd.schedule(project, start, cursor)
	sd.rollUp(project, projectTasks, today)
	if p.State != "" && sd.err == nil {
		s.setState(project, p.State, pm, s.stamp())
	}
	return project
}

func orInternal(customer string) string {
	if customer == "" {
		return "internal use"
	}
	return customer
}

// schedule sets a summary item's dates to cover its children.
func (sd *seeder) schedule(rec *record, start, end time.Time) {
	if sd.err != nil || rec == nil {
		return
	}
	err := sd.s.updateEntity(rec, jsonObject{
		"StartDate": formatTime(start.Add(8 * time.Hour)),
		"DueDate":   formatTime(lastWorkDay(end).Add(17 * time.Hour)),
		"Duration":  map[string]any{"value": workDaysBetween(start, end), "unit": "Days"},
	}, nil, directWrite)
	if err != nil {
		sd.err = fmt.Errorf("schedule demo %s: %w", rec.ref(), err)
	}
}

// progress gives each task the state and completion its dates imply today.
func (sd *seeder) progress(tasks []*record, today time.Time) {
	if sd.err != nil {
		return
	}
	now := sd.s.stamp()
	for _, task := range tasks {
		start := task.fields["StartDate"].(time.Time)
		due := task.fields["DueDate"].(time.Time)
		switch {
		case !due.After(today):
			sd.s.setState(task, "Completed", nil, now)
			task.fields["ActualEffort"] = task.fields["Work"]
		case !start.After(today):
			sd.s.setState(task, "Active", nil, now)
			share := float64(today.Sub(start)) / float64(due.Sub(start))
			task.fields["PercentCompleted"] = math.Round(share*20) * 5
			task.fields["ActualStartDate"] = start
		}
	}
}

// rollUp sets a summary item's completion to the mean of its tasks,
// weighted by duration, and its state to match.
func (sd *seeder) rollUp(rec *record, tasks []*record, today time.Time) {
	if sd.err != nil || rec == nil || len(tasks) == 0 {
		return
	}
	total, days := 0.0, 0.0
	for _, t := range tasks {
		p, _ := t.fields["PercentCompleted"].(float64)
		d, _ := t.fields["Duration"].(durationValue)
		total += p * d.Value
		days += d.Value
	}
	if days == 0 {
		return
	}
	pct := math.Round(total/days*10) / 10
	now := sd.s.stamp()
	switch {
	case pct >= 100:
		sd.s.setState(rec, "Completed", nil, now)
	case pct > 0 || !rec.fields["StartDate"].(time.Time).After(today):
		sd.s.setState(rec, "Active", nil, now)
	}
	rec.fields["PercentCompleted"] = pct
}

// addWorkDays returns the day after n working days (Monday to Friday)
// starting on start.
func addWorkDays(start time.Time, n int) time.Time {
	d := start
	for n > 0 {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
		d = d.AddDate(0, 0, 1)
	}
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// lastWorkDay returns the working day before end, the last day of a span
// that addWorkDays ended at end.
func lastWorkDay(end time.Time) time.Time {
	d := end.AddDate(0, 0, -1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

func workDaysBetween(start, end time.Time) int {
	n := 0
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}

// findChild returns the task named taskName under the milestone named
// milestoneName of a project.
func (s *Server) findChild(project *record, milestoneName, taskName string) *record {
	wi, _ := s.cat.lookup("WorkItem")
	var milestone, task *record
	for _, rec := range s.st.scan(wi, false) {
		if parent, ok := rec.refField("Parent"); ok && sameRef(parent, project.ref()) && rec.str("Name") == milestoneName {
			milestone = rec
		}
	}
	if milestone == nil {
		return nil
	}
	for _, rec := range s.st.scan(wi, false) {
		if parent, ok := rec.refField("Parent"); ok && sameRef(parent, milestone.ref()) && rec.str("Name") == taskName {
			task = rec
		}
	}
	return task
}

func (sd *seeder) seedDiscussions(users map[string]*record, projects []*record, customers map[string]*record, buildTask *record) {
	post := func(author *record, container *record, body string, related ...*record) *record {
		rec := sd.create("DiscussionPost", author, jsonObject{"Body": body, "Container": id(container)})
		if rec != nil {
			for _, r := range related {
				rec.related = append(rec.related, id(r))
			}
		}
		return rec
	}
	reply := func(author *record, p *record, body string) {
		sd.create("DiscussionReply", author, jsonObject{"Body": body, "Post": id(p)})
	}

	kickoff := post(users["Sophia"], projects[0], "Kick-off went well. <b>Scope</b> is signed off and design starts on Monday.")
	reply(users["Lucas"], kickoff, "The architecture draft will be ready by Thursday.")
	reply(users["Olivia"], kickoff, "Great news. The customer asked for a weekly status call.")

	lab := post(users["Mason"], projects[1], "The lab instruments export CSV only, so we need a parser for their format.")
	reply(users["Henry"], lab, "I have a prototype parser; I will share it in the design review.")

	if buildTask != nil {
		post(users["Mia"], buildTask, "Configuration sprint 1 is waiting for test data from the customer.")
	}
	post(users["Olivia"], customers["Burlington Textiles"], "Renewal talks are planned for next quarter; the ERP rollout is the reference.", projects[0])
	hold := post(users["Isabella"], projects[4], "The project is on hold until the customer confirms the budget.")
	reply(users["Grace"], hold, "Noted in the portfolio review.")
}

func (sd *seeder) seedCases(users map[string]*record, projects []*record, customers map[string]*record) {
	s := sd.s
	cases := []struct {
		Type, Title, Severity, State string
		Assigned, Owner              string
		Project                      int
		Customer                     string
	}{
		{"Issue", "Label printer driver fails on the new operating system", "High", "Opened", "Jack", "Amelia", 0, "Burlington Textiles"},
		{"Bug", "Export drops rows with empty dates", "Medium", "Assigned", "Harper", "Amelia", 1, "GenePoint"},
		{"Risk", "Key users unavailable in August", "High", "Submitted", "Sophia", "Sophia", 0, ""},
		{"EnhancementRequest", "Dark mode for the support portal", "Low", "Draft", "Harper", "Amelia", 3, "Edge Communications"},
	}
	for _, c := range cases {
		owner := users[c.Owner]
		rec := sd.create(c.Type, owner, jsonObject{
			"Title": c.Title, "Severity": c.Severity, "AssignedTo": id(users[c.Assigned]), "Owner": id(owner),
			"ReportedBy": id(owner), "PlannedFor": id(projects[c.Project]),
			"DueDate": formatTime(s.now().AddDate(0, 0, 14).Truncate(24 * time.Hour)),
		})
		if rec == nil {
			return
		}
		if c.State != "Draft" {
			s.setState(rec, c.State, owner, s.stamp())
		}
		if cust := customers[c.Customer]; cust != nil {
			sd.create("CaseCustomerLink", owner, jsonObject{"Entity": id(rec), "Customer": id(cust)})
		}
	}
}
