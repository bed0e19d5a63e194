package czsim

import (
	"fmt"
	"time"
)

// GenerateOptions sizes a generated data set for benchmarks and load tests.
type GenerateOptions struct {
	Users                int
	Customers            int
	Projects             int
	MilestonesPerProject int
	TasksPerMilestone    int
}

// Generate adds a generated data set to the organization: users, customers,
// and projects linked to a customer each, with milestones, dated tasks and a
// finish-to-start chain of dependencies per milestone. Names are numbered
// ("Generated project 0042"); values come from Options.Seed.
func (s *Server) Generate(opts GenerateOptions) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sd := &seeder{s: s}
	admin := s.admin()

	users := []*record{admin}
	for i := 1; i <= opts.Users; i++ {
		email := fmt.Sprintf("generated.user%04d@czsim.example", i)
		u, err := s.createUser(User{UserName: email, Email: email, FirstName: "User", LastName: fmt.Sprintf("%04d", i)}, false)
		if err != nil {
			return fmt.Errorf("generate user %d: %w", i, err)
		}
		users = append(users, u)
	}
	var customers []*record
	for i := 1; i <= opts.Customers; i++ {
		customers = append(customers, sd.create("Customer", admin, jsonObject{
			"Name": fmt.Sprintf("Generated customer %04d", i), "Owner": id(users[s.rng.IntN(len(users))]),
		}))
	}

	start := s.now().AddDate(0, 0, -30)
	start = time.Date(start.Year(), start.Month(), start.Day(), 8, 0, 0, 0, time.UTC)
	for p := 1; p <= opts.Projects && sd.err == nil; p++ {
		pm := users[s.rng.IntN(len(users))]
		project := sd.create("Project", pm, jsonObject{
			"Name": fmt.Sprintf("Generated project %04d", p), "ProjectManager": id(pm),
			"StartDate": formatTime(start), "PlannedBudget": map[string]any{"value": float64(1000 * s.rng.IntN(100)), "currency": "USD"},
		})
		if len(customers) > 0 {
			sd.create("CustomerLink", pm, jsonObject{"Entity": id(project), "Customer": id(customers[s.rng.IntN(len(customers))])})
		}
		day := 0
		for m := 1; m <= opts.MilestonesPerProject && sd.err == nil; m++ {
			milestone := sd.create("Milestone", pm, jsonObject{"Name": fmt.Sprintf("Milestone %d", m), "Parent": id(project)})
			var previous *record
			for k := 1; k <= opts.TasksPerMilestone && sd.err == nil; k++ {
				days := 1 + s.rng.IntN(5)
				task := sd.create("Task", pm, jsonObject{
					"Name": fmt.Sprintf("Task %d.%d", m, k), "Parent": id(milestone),
					"Manager":          id(users[s.rng.IntN(len(users))]),
					"StartDate":        formatTime(start.AddDate(0, 0, day)),
					"DueDate":          formatTime(dueOn(start, day+days)),
					"Duration":         map[string]any{"value": days, "unit": "Days"},
					"PercentCompleted": float64(5 * s.rng.IntN(21)),
				})
				if previous != nil {
					sd.create("DependencyLink", pm, jsonObject{"WorkItem": id(task), "DependsOn": id(previous)})
				}
				previous = task
				day += days
			}
		}
	}
	if sd.err != nil {
		return fmt.Errorf("generate organization data: %w", sd.err)
	}
	return nil
}
