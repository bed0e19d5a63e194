package czsim

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// seedTasks creates a project with n tasks named Task 001.. and returns the
// project id.
func seedTasks(t *testing.T, s *Server, n int) string {
	t.Helper()
	project, err := s.Create("Project", map[string]any{"Name": "Paging"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		_, err := s.Create("Task", map[string]any{
			"Name": fmt.Sprintf("Task %03d", i), "Parent": project, "Priority": i % 5,
			"StartDate": time.Date(2024, 1, i%28+1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
			"Work":      map[string]any{"value": i, "unit": "Hours"},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return project
}

func TestQuery_PagingThreePages(t *testing.T) {
	s := newTestServer(t, Options{})
	seedTasks(t, s, 25)
	c := loggedIn(t, s)
	body := map[string]any{"q": "SELECT Name FROM Task ORDER BY Name", "paging": map[string]any{"from": 0, "limit": 10}}

	var names []string
	var pages int
	for {
		resp := c.must("POST", "/data/query", body)
		pages++
		for _, e := range resp.list("entities") {
			names = append(names, e.(map[string]any)["Name"].(string))
		}
		paging := resp.obj("paging")
		if paging == nil {
			t.Fatalf("no paging in %s", resp.raw)
		}
		if paging["from"] != float64(len(names)) {
			t.Errorf("page %d: paging.from = %v, want %d (advanced by the server)", pages, paging["from"], len(names))
		}
		if paging["limit"] != 10.0 {
			t.Errorf("page %d: paging.limit = %v, want 10", pages, paging["limit"])
		}
		if paging["hasMore"] != true {
			break
		}
		if pages > 5 {
			t.Fatal("paging never ends")
		}
		body["paging"] = paging // sent back unchanged
	}
	if pages != 3 || len(names) != 25 {
		t.Fatalf("pages = %d, rows = %d, want 3 and 25", pages, len(names))
	}
	for i, name := range names {
		if want := fmt.Sprintf("Task %03d", i+1); name != want {
			t.Errorf("row %d = %q, want %q", i, name, want)
		}
	}
}

func TestQuery_DefaultLimitAndCZQLLimit(t *testing.T) {
	s := newTestServer(t, Options{})
	seedTasks(t, s, 120)
	c := withAPIKey(t, s)

	resp := c.must("GET", "/data/query?q=SELECT%20Name%20FROM%20Task", nil)
	if n := len(resp.list("entities")); n != 100 {
		t.Errorf("default page = %d rows, want 100", n)
	}
	if resp.obj("paging")["hasMore"] != true {
		t.Error("hasMore = false with 120 rows and a 100-row page")
	}

	resp = c.must("POST", "/data/query", map[string]any{"q": "SELECT Name FROM Task ORDER BY Name DESC LIMIT 5 OFFSET 10"})
	rows := resp.list("entities")
	if len(rows) != 5 || rows[0].(map[string]any)["Name"] != "Task 110" {
		t.Errorf("LIMIT 5 OFFSET 10 returned %s", resp.raw)
	}
	if p := resp.obj("paging"); p["from"] != 15.0 || p["limit"] != 5.0 || p["hasMore"] != true {
		t.Errorf("paging = %v, want from 15, limit 5, hasMore", p)
	}
}

func TestQuery_CZQLConditions(t *testing.T) {
	s := newTestServer(t, Options{})
	project := seedTasks(t, s, 30)
	c := withAPIKey(t, s)
	count := func(q string) int {
		t.Helper()
		resp := c.must("POST", "/data/query", map[string]any{"q": q, "paging": map[string]any{"limit": 1000}})
		return len(resp.list("entities"))
	}
	tests := []struct {
		q    string
		want int
	}{
		{"SELECT Name FROM Task", 30},
		{"SELECT Name FROM WorkItem", 31},
		{"SELECT Name FROM PlanningComponent", 30},
		{"SELECT Name FROM GenericProject", 1},
		{"select name from task where name like 'task 00%'", 9},
		{"SELECT Name FROM Task WHERE Priority = 0", 6},
		{"SELECT Name FROM Task WHERE Priority IN (1, 2) AND NOT Name = 'Task 001'", 11},
		{"SELECT Name FROM Task WHERE Work > 2d", 14},
		{"SELECT Name FROM Task WHERE Work >= 16h AND Work <= 20h", 5},
		{"SELECT Name FROM Task WHERE StartDate = 2024-01-02", 2},
		{"SELECT Name FROM Task WHERE StartDate > '2024-01-28'", 0},
		{"SELECT Name FROM Task WHERE Parent = '" + project + "'", 30},
		{"SELECT Name FROM Task WHERE Project.Name = 'Paging'", 30},
		{"SELECT Name FROM Task WHERE State = 'Draft' AND Manager IS NULL", 30},
		{"SELECT Name FROM Task WHERE State <> \"Draft\" OR Name = 'Task 003'", 1},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := count(tt.q); got != tt.want {
				t.Errorf("got %d rows, want %d", got, tt.want)
			}
		})
	}
}

func TestQuery_Errors(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	tests := []struct {
		name string
		q    string
		code string
	}{
		{"syntax", "SELECT FROM Task", codeInvalidArgument},
		{"unknown type", "SELECT Name FROM Widget", codeInvalidType},
		{"unknown field", "SELECT Nmae FROM Task", codeInvalidField},
		{"unknown path field", "SELECT Manager.Nmae FROM Task", codeInvalidField},
		{"path through non-reference", "SELECT Name.Length FROM Task", codeInvalidField},
		{"unknown where field", "SELECT Name FROM Task WHERE Bogus = 1", codeInvalidField},
		{"not filterable", "SELECT Name FROM Task WHERE LastUpdatedBySystemOn > 2024-01-01", codeInvalidArgument},
		{"bad comparison", "SELECT Name FROM Task WHERE Priority = 'high'", codeInvalidArgument},
		{"picklist type", "SELECT Name FROM State", codeInvalidType},
		{"empty", "", codeMissingArgument},
	}
	if _, err := s.Create("Task", map[string]any{"Name": "x"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectError(t, c.do("POST", "/data/query", map[string]any{"q": tt.q}), http.StatusInternalServerError, tt.code)
		})
	}
}

func TestQuery_EntityQueryConditionShapes(t *testing.T) {
	s := newTestServer(t, Options{})
	seedTasks(t, s, 12)
	c := withAPIKey(t, s)
	compare := func(field, op string, value any, typed bool) map[string]any {
		m := map[string]any{
			"leftExpression":  map[string]any{"fieldName": field},
			"operator":        op,
			"rightExpression": map[string]any{"value": value},
		}
		if typed {
			m["_type"] = "compare"
			m["leftExpression"].(map[string]any)["_type"] = "fieldExpression"
			m["rightExpression"].(map[string]any)["_type"] = "constantExpression"
		}
		return m
	}
	tests := []struct {
		name  string
		where map[string]any
		want  int
	}{
		{"plain compare", compare("Name", "Equal", "Task 004", false), 1},
		{"typed compare", compare("Name", "Equal", "Task 004", true), 1},
		{"and without _type", map[string]any{"and": []any{
			compare("Priority", "GreaterThanOrEqual", 3, false),
			map[string]any{"or": []any{compare("Name", "BeginsWith", "Task 00", false), compare("Name", "EndsWith", "12", false)}},
		}}, 4},
		{"and with _type", map[string]any{"_type": "and", "and": []any{
			compare("Priority", "GreaterThanOrEqual", 3, true),
			map[string]any{"_type": "or", "or": []any{compare("Name", "BeginsWith", "Task 00", true), compare("Name", "EndsWith", "12", true)}},
		}}, 4},
		{"not", map[string]any{"_type": "not", "not": compare("Name", "Contains", "01", true)}, 8},
		{"in list", map[string]any{"leftExpression": map[string]any{"fieldName": "Priority"}, "operator": "In",
			"rightExpression": map[string]any{"_type": "constantListExpression", "value": []any{1, 2}}}, 6},
		{"czql text", map[string]any{"_type": "cZQLCondition", "text": `Name LIKE "%1%"`}, 4},
		{"czql text without _type", map[string]any{"text": `Work > 8h`}, 4},
		{"like operator", compare("Name", "Like", "%00_", false), 9},
		{"duration object", compare("Work", "LessThan", map[string]any{"value": 3, "unit": "Hours"}, false), 2},
		{"state picklist", compare("State", "Equal", "/State/Draft", false), 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.must("POST", "/data/entityQuery", map[string]any{
				"typeName": "Task", "fields": []string{"Name"}, "where": tt.where,
				"orders": []any{map[string]any{"fieldName": "Name", "order": "Descending"}},
			})
			if n := len(resp.list("entities")); n != tt.want {
				t.Errorf("got %d rows, want %d: %s", n, tt.want, resp.raw)
			}
		})
	}
	t.Run("get with query string", func(t *testing.T) {
		resp := c.must("GET", "/data/entityQuery?typeName=Task&fields=Name,Priority&paging.limit=5", nil)
		if n := len(resp.list("entities")); n != 5 {
			t.Errorf("got %d rows, want 5", n)
		}
	})
	t.Run("unknown operator", func(t *testing.T) {
		resp := c.do("POST", "/data/entityQuery", map[string]any{"typeName": "Task", "where": compare("Name", "Resembles", "x", false)})
		expectError(t, resp, http.StatusInternalServerError, codeInvalidArgument)
	})
}

func TestQuery_CountQuery(t *testing.T) {
	s := newTestServer(t, Options{})
	seedTasks(t, s, 7)
	c := withAPIKey(t, s)
	tests := []struct {
		name string
		body map[string]any
		want float64
	}{
		{"czql", map[string]any{"query": map[string]any{"_type": "cZQLQuery", "q": "SELECT Name FROM Task WHERE Priority > 1"}}, 4},
		{"entity query", map[string]any{"query": map[string]any{"_type": "entityQuery", "typeName": "WorkItem"}}, 8},
		{"shape decides", map[string]any{"query": map[string]any{"typeName": "Task"}}, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.must("POST", "/data/countQuery", tt.body).body["count"]; got != tt.want {
				t.Errorf("count = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQuery_IncrementalByLastUpdatedOn(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{Clock: func() time.Time { return now }})
	c := withAPIKey(t, s)
	old := c.create("Task", map[string]any{"Name": "old"})
	now = now.Add(time.Hour)
	c.create("Task", map[string]any{"Name": "new"})
	now = now.Add(time.Hour)
	c.must("POST", "/data/objects"+old, map[string]any{"Description": "touched"})

	resp := c.must("POST", "/data/query", map[string]any{
		"q": "SELECT Name, LastUpdatedOn FROM Task WHERE LastUpdatedOn > 2024-05-01T09:30:00 ORDER BY LastUpdatedOn"})
	rows := resp.list("entities")
	if len(rows) != 2 || rows[0].(map[string]any)["Name"] != "new" || rows[1].(map[string]any)["Name"] != "old" {
		t.Errorf("changed rows = %s, want new then old", resp.raw)
	}
}

func TestQuery_RelationQuery(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	project := c.create("Project", map[string]any{"Name": "P"})
	customer := c.create("Customer", map[string]any{"Name": "Acme"})
	link := c.create("CustomerLink", map[string]any{"Entity": project, "Customer": customer})
	c.create("Task", map[string]any{"Name": "child", "Parent": project})

	tests := []struct {
		name     string
		entity   string
		relation string
		fromLink bool
		wantID   string
	}{
		{"customers of project", project, "Customers", false, customer},
		{"link entities", project, "Customers", true, link},
		{"projects of customer", customer, "Projects", false, project},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.must("POST", "/data/relationQuery", map[string]any{
				"entityId": tt.entity, "relationName": tt.relation, "fields": []string{"CreatedOn"}, "fromLink": tt.fromLink})
			rows := resp.list("entities")
			if len(rows) != 1 || rows[0].(map[string]any)["id"] != tt.wantID {
				t.Errorf("entities = %s, want %s", resp.raw, tt.wantID)
			}
		})
	}
	t.Run("children with czql sub-select", func(t *testing.T) {
		resp := c.must("POST", "/data/query", map[string]any{"q": "SELECT Name, (SELECT Name FROM Children) FROM Project"})
		row := resp.list("entities")[0].(map[string]any)
		children := row["Children"].(map[string]any)["entities"].([]any)
		if len(children) != 1 || children[0].(map[string]any)["Name"] != "child" {
			t.Errorf("Children = %v", row["Children"])
		}
	})
}

func TestQuery_Search(t *testing.T) {
	s := newTestServer(t, Options{})
	seedTasks(t, s, 12)
	c := withAPIKey(t, s)
	resp := c.must("GET", "/data/search?q=task%20011&typeName=Task&fields=Name", nil)
	rows := resp.list("entities")
	if len(rows) != 1 || rows[0].(map[string]any)["Name"] != "Task 011" {
		t.Errorf("search = %s", resp.raw)
	}
}

func TestQuery_IDPseudoField(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	a := c.create("Task", map[string]any{"Name": "A"})
	c.create("Task", map[string]any{"Name": "B"})
	tests := []struct {
		name string
		q    string
	}{
		{"equals full id", "SELECT id, Name FROM Task WHERE id = '" + a + "'"},
		{"in list", "SELECT Name FROM Task WHERE id IN ('" + a + "', '/Task/none') ORDER BY id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := c.must("POST", "/data/query", map[string]any{"q": tt.q}).list("entities")
			if len(rows) != 1 || rows[0].(map[string]any)["id"] != a || rows[0].(map[string]any)["Name"] != "A" {
				t.Errorf("rows = %v, want only %s", rows, a)
			}
		})
	}
}
