package czsim

import (
	"testing"
)

var benchSize = GenerateOptions{Users: 20, Customers: 50, Projects: 100, MilestonesPerProject: 4, TasksPerMilestone: 5}

func TestGenerate_Counts(t *testing.T) {
	s := newTestServer(t, Options{Seed: 9})
	opts := GenerateOptions{Users: 3, Customers: 4, Projects: 5, MilestonesPerProject: 2, TasksPerMilestone: 3}
	if err := s.Generate(opts); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typeName string
		want     int
	}{
		{"User", 1 + 3},
		{"Customer", 4},
		{"Project", 5},
		{"Milestone", 5 * 2},
		{"Task", 5 * 2 * 3},
		{"DependencyLink", 5 * 2 * 2},
		{"CustomerLink", 5},
		{"WorkItem", 5 + 10 + 30},
	}
	for _, tt := range tests {
		t.Run(tt.typeName, func(t *testing.T) {
			if got := len(s.All(tt.typeName)); got != tt.want {
				t.Errorf("%d %s records, want %d", got, tt.typeName, tt.want)
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		s, err := New(Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Generate(benchSize); err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
}

// BenchmarkQuery_ReadAllTasks pages through every task of a generated
// organization with 1000-row pages over loopback HTTP, the way a sync reads
// changes.
func BenchmarkQuery_ReadAllTasks(b *testing.B) {
	s := newTestServer(b, Options{Seed: 1})
	if err := s.Generate(benchSize); err != nil {
		b.Fatal(err)
	}
	c := withAPIKey(b, s)
	want := benchSize.Projects * benchSize.MilestonesPerProject * benchSize.TasksPerMilestone
	for b.Loop() {
		body := map[string]any{"q": "SELECT Name, StartDate, DueDate, Manager.Name, Project FROM Task ORDER BY LastUpdatedOn",
			"paging": map[string]any{"from": 0, "limit": 1000}}
		rows := 0
		for {
			resp := c.must("POST", "/data/query", body)
			rows += len(resp.list("entities"))
			if resp.obj("paging")["hasMore"] != true {
				break
			}
			body["paging"] = resp.obj("paging")
		}
		if rows != want {
			b.Fatalf("read %d tasks, want %d", rows, want)
		}
	}
}

// BenchmarkBulk_CreateTasks creates 100 tasks per bulk call.
func BenchmarkBulk_CreateTasks(b *testing.B) {
	s := newTestServer(b, Options{Seed: 1})
	c := withAPIKey(b, s)
	project := c.create("Project", map[string]any{"Name": "bench"})
	requests := make([]any, 100)
	for i := range requests {
		requests[i] = map[string]any{"url": "/data/objects/Task", "method": "PUT", "body": map[string]any{"Name": "t", "Parent": project}}
	}
	for b.Loop() {
		c.must("POST", "/bulk/execute", map[string]any{"requests": requests})
	}
}
