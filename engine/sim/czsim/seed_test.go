package czsim

import (
	"strings"
	"testing"
	"time"
)

func TestSeed_DemoContent(t *testing.T) {
	now := time.Date(2024, 5, 15, 10, 0, 0, 0, time.UTC) // a Wednesday
	s := newTestServer(t, Options{Demo: true, Seed: 7, Clock: func() time.Time { return now }})

	counts := map[string]int{}
	for _, typeName := range []string{"User", "Customer", "Project", "Milestone", "Task", "DependencyLink",
		"CustomerLink", "DiscussionPost", "DiscussionReply", "Case", "CaseCustomerLink"} {
		counts[typeName] = len(s.All(typeName))
	}
	minimums := map[string]int{"User": len(demoUsers) + 1, "Customer": len(demoCustomers), "Project": len(demoProjects),
		"Milestone": 15, "Task": 40, "DependencyLink": 35, "CustomerLink": 5, "DiscussionPost": 5,
		"DiscussionReply": 4, "Case": 4, "CaseCustomerLink": 3}
	for typeName, want := range minimums {
		if counts[typeName] < want {
			t.Errorf("%d %s records, want at least %d", counts[typeName], typeName, want)
		}
	}

	states := map[string]int{}
	for _, task := range s.All("Task") {
		state := task["State"].(map[string]any)["id"].(string)
		states[state]++
		start, due := task["StartDate"].(string), task["DueDate"].(string)
		if start == "" || due == "" || due < start {
			t.Errorf("task %v has dates %q..%q", task["Name"], start, due)
		}
		for _, d := range []string{start, due} {
			day, _ := time.Parse("2006-01-02", d[:10])
			if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
				t.Errorf("task %v starts or ends on a weekend: %s", task["Name"], d)
			}
		}
	}
	for _, want := range []string{"/State/Completed", "/State/Active", "/State/Draft"} {
		if states[want] == 0 {
			t.Errorf("no task in state %s; states = %v", want, states)
		}
	}

	emails := map[string]bool{}
	for _, u := range s.All("User") {
		emails[u["Email"].(string)] = true
	}
	for _, u := range demoUsers {
		if !emails[u.Email] {
			t.Errorf("demo user %s missing", u.Email)
		}
	}
}

func TestSeed_DemoIsDeterministic(t *testing.T) {
	now := time.Date(2024, 5, 15, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	a := newTestServer(t, Options{Demo: true, Seed: 3, OrgID: 11, Clock: clock})
	b := newTestServer(t, Options{Demo: true, Seed: 3, OrgID: 11, Clock: clock})
	names := func(s *Server) string {
		var out []string
		for _, wi := range s.All("WorkItem") {
			out = append(out, wi["id"].(string)+" "+wi["Name"].(string)+" "+wi["DueDate"].(string))
		}
		return strings.Join(out, "\n")
	}
	if names(a) != names(b) {
		t.Error("two demo organizations with the same seed, org id and clock differ")
	}
}
