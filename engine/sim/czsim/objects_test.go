package czsim

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestObjects_PutCreatesPostUpdates(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)

	project := c.create("Project", map[string]any{"Name": "Apollo", "StartDate": "2024-05-01", "SfExternalId": "006000000000001"})
	if !regexp.MustCompile(`^/Project/[a-z0-9]{29}$`).MatchString(project) {
		t.Fatalf("id = %q, want /Project/<29 chars of [a-z0-9]>", project)
	}
	got := c.must("GET", "/data/objects"+project+"?fields=Name,StartDate,State,SfExternalId,SYSID", nil)
	if got.str("id") != project || got.str("Name") != "Apollo" {
		t.Errorf("read back %s", got.raw)
	}
	if got.str("StartDate") != "2024-05-01T00:00:00.0000000" {
		t.Errorf("StartDate = %q, want 2024-05-01T00:00:00.0000000", got.str("StartDate"))
	}
	if state := got.obj("State"); state["id"] != "/State/Draft" {
		t.Errorf("State = %v, want {id: /State/Draft}", got.body["State"])
	}
	if !strings.HasPrefix(got.str("SYSID"), "P-") {
		t.Errorf("SYSID = %q, want P-...", got.str("SYSID"))
	}

	resp := c.must("POST", "/data/objects"+project, map[string]any{"Name": "Apollo 2", "Description": "moon"})
	if len(resp.body) != 0 {
		t.Errorf("update answer = %s, want {}", resp.raw)
	}
	got = c.must("GET", "/data/objects"+project+"?fields=Name,Description", nil)
	if got.str("Name") != "Apollo 2" || got.str("Description") != "moon" {
		t.Errorf("after update: %s", got.raw)
	}

	c.must("DELETE", "/data/objects"+project, nil)
	expectError(t, c.do("GET", "/data/objects"+project, nil), http.StatusInternalServerError, codeEntityNotFound)
}

func TestObjects_CreateForms(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	tests := []struct {
		name   string
		method string
		path   string
		body   map[string]any
		wantID string
	}{
		{"id in path", "PUT", "/data/objects/Task/custom-1", map[string]any{"Name": "A"}, "/Task/custom-1"},
		{"id in body on type path", "PUT", "/data/objects/Task", map[string]any{"Id": "/Task/custom-2", "Name": "B"}, "/Task/custom-2"},
		{"id in body on collection path", "PUT", "/data/Objects", map[string]any{"id": "/Task/custom-3", "Name": "C"}, "/Task/custom-3"},
		{"ExternalID field", "PUT", "/data/objects/Task", map[string]any{"ExternalID": "custom-4", "Name": "D"}, "/Task/custom-4"},
		{"lower-case type in path", "PUT", "/data/objects/task/custom-5", map[string]any{"name": "E"}, "/Task/custom-5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.must(tt.method, tt.path, tt.body)
			if got := resp.str("id"); got != tt.wantID {
				t.Errorf("id = %q, want %q", got, tt.wantID)
			}
			read := c.must("GET", "/data/objects"+tt.wantID+"?fields=ExternalID", nil)
			if got := read.str("ExternalID"); got != strings.TrimPrefix(tt.wantID, "/Task/") {
				t.Errorf("ExternalID = %q", got)
			}
		})
	}
	t.Run("duplicate external id", func(t *testing.T) {
		resp := c.do("PUT", "/data/objects/Task/custom-1", map[string]any{"Name": "again"})
		expectError(t, resp, http.StatusInternalServerError, codeDuplicateKey)
	})
	t.Run("update with id in body", func(t *testing.T) {
		c.must("POST", "/data/objects", map[string]any{"id": "/Task/custom-2", "Name": "B2"})
		if got := c.must("GET", "/data/objects/Task/custom-2?fields=Name", nil).str("Name"); got != "B2" {
			t.Errorf("Name = %q, want B2", got)
		}
	})
}

func TestObjects_FieldRules(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	project := c.create("Project", map[string]any{"Name": "P"})
	task := c.create("Task", map[string]any{"Name": "T", "Parent": project})

	tests := []struct {
		name   string
		method string
		path   string
		body   map[string]any
		code   string
	}{
		{"unknown field", "PUT", "/data/objects/Task", map[string]any{"Name": "x", "Bogus": 1}, codeInvalidField},
		{"read-only field on create", "PUT", "/data/objects/Task", map[string]any{"Name": "x", "ChildrenCount": 3}, codeInvalidField},
		{"state on create", "PUT", "/data/objects/Task", map[string]any{"Name": "x", "State": "Active"}, codeInvalidOperation},
		{"state on update", "POST", "/data/objects" + task, map[string]any{"State": "Active"}, codeInvalidOperation},
		{"system field", "POST", "/data/objects" + task, map[string]any{"CreatedOn": "2024-01-01"}, codeInvalidField},
		{"create-only parent on update", "POST", "/data/objects" + task, map[string]any{"Parent": project}, codeInvalidOperation},
		{"missing required name", "PUT", "/data/objects/Task", map[string]any{"Description": "x"}, codeMissingArgument},
		{"clear required name", "POST", "/data/objects" + task, map[string]any{"Name": nil}, codeInvalidArgument},
		{"missing parent reference", "PUT", "/data/objects/Task", map[string]any{"Name": "x", "Parent": "/Project/nope"}, codeEntityNotFound},
		{"reference of wrong type", "PUT", "/data/objects/Milestone", map[string]any{"Name": "x", "Parent": task}, codeInvalidArgument},
		{"bad picklist value", "POST", "/data/objects" + task, map[string]any{"Importance": "Urgent"}, codeInvalidArgument},
		{"bad date", "POST", "/data/objects" + task, map[string]any{"StartDate": "tomorrow"}, codeInvalidArgument},
		{"bad duration unit", "POST", "/data/objects" + task, map[string]any{"Duration": map[string]any{"value": 1, "unit": "Years"}}, codeInvalidArgument},
		{"string too long", "POST", "/data/objects" + task, map[string]any{"SfExternalId": strings.Repeat("x", 256)}, codeInvalidArgument},
		{"abstract type", "PUT", "/data/objects/WorkItem", map[string]any{"Name": "x"}, codeInvalidType},
		{"unknown type", "PUT", "/data/objects/Widget", map[string]any{"Name": "x"}, codeInvalidType},
		{"update missing entity", "POST", "/data/objects/Task/nope", map[string]any{"Name": "x"}, codeEntityNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectError(t, c.do(tt.method, tt.path, tt.body), http.StatusInternalServerError, tt.code)
		})
	}
}

func TestObjects_ValueFormats(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	users := c.must("POST", "/data/query", map[string]any{"q": "SELECT Name FROM User"}).list("entities")
	userID := users[0].(map[string]any)["id"].(string)

	project := c.create("Project", map[string]any{
		"Name":              "Values",
		"Manager":           userID,
		"StartDate":         "2024-03-31T22:30:00Z",
		"DueDate":           "2024-04-30",
		"Duration":          map[string]any{"Value": 3, "Unit": "weeks"},
		"PlannedBudget":     map[string]any{"value": 1200.5, "currency": "gbp"},
		"Importance":        "/Importance/High",
		"TrackStatus":       "at risk",
		"C_Regions":         []any{"EMEA", "APAC"},
		"C_ExpectedRevenue": 5000,
		"Billable":          true,
		"PercentCompleted":  "12.5",
	})
	got := c.must("GET", "/data/objects"+project+
		"?fields=Manager.Email,Manager.Name,StartDate,DueDate,Duration,PlannedBudget,Importance.Name,TrackStatus,C_Regions,C_ExpectedRevenue,Billable,PercentCompleted", nil)

	manager := got.obj("Manager")
	if manager["id"] != userID || manager["Email"] != DefaultUserName || manager["Name"] != "Ada Admin" {
		t.Errorf("Manager = %v", manager)
	}
	if got.str("StartDate") != "2024-03-31T22:30:00.0000000" {
		t.Errorf("StartDate = %q: a zoned time is stored in UTC", got.str("StartDate"))
	}
	if got.str("DueDate") != "2024-04-30T00:00:00.0000000" {
		t.Errorf("DueDate = %q: a date must not shift", got.str("DueDate"))
	}
	if d := got.obj("Duration"); d["unit"] != "Weeks" || d["value"] != 3.0 {
		t.Errorf("Duration = %v, want {unit: Weeks, value: 3}", d)
	}
	if m := got.obj("PlannedBudget"); m["currency"] != "GBP" || m["value"] != 1200.5 {
		t.Errorf("PlannedBudget = %v", m)
	}
	if m := got.obj("C_ExpectedRevenue"); m["currency"] != "USD" || m["value"] != 5000.0 {
		t.Errorf("C_ExpectedRevenue = %v", m)
	}
	if p := got.obj("Importance"); p["id"] != "/Importance/High" || p["Name"] != "High" {
		t.Errorf("Importance = %v", p)
	}
	if p := got.obj("TrackStatus"); p["id"] != "/TrackStatus/At Risk" {
		t.Errorf("TrackStatus = %v, want the canonical value", p)
	}
	if p := got.obj("C_Regions"); p["id"] != "/C_ProjectRegions/EMEA;APAC" {
		t.Errorf("C_Regions = %v", p)
	}
	if got.body["Billable"] != true || got.body["PercentCompleted"] != 12.5 {
		t.Errorf("Billable, PercentCompleted = %v, %v", got.body["Billable"], got.body["PercentCompleted"])
	}
}

func TestObjects_SystemFields(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{Clock: func() time.Time { return now }})
	c := withAPIKey(t, s)
	project := c.create("Project", map[string]any{"Name": "P"})
	now = now.Add(time.Hour)
	task := c.create("Task", map[string]any{"Name": "T", "Parent": project})

	fields := "?fields=CreatedOn,LastUpdatedOn,LastUpdatedBySystemOn,CreatedBy,LastUpdatedBy,EntityType,ChildrenCount"
	p := c.must("GET", "/data/objects"+project+fields, nil)
	// Seeding the organization used the same clock reading, so the
	// project's stamp is a few 100 ns steps after 09:00.
	if !strings.HasPrefix(p.str("CreatedOn"), "2024-05-01T09:00:00.000000") || p.str("LastUpdatedOn") != p.str("CreatedOn") {
		t.Errorf("project stamps: %s", p.raw)
	}
	// A new child changes the parent's ChildrenCount: a system update only.
	if p.str("LastUpdatedBySystemOn") != "2024-05-01T10:00:00.0000000" {
		t.Errorf("LastUpdatedBySystemOn = %q, want 10:00 after the child was added", p.str("LastUpdatedBySystemOn"))
	}
	if p.body["ChildrenCount"] != 1.0 {
		t.Errorf("ChildrenCount = %v, want 1", p.body["ChildrenCount"])
	}
	if p.obj("EntityType")["id"] != "/EntityType/Project" {
		t.Errorf("EntityType = %v", p.body["EntityType"])
	}
	if p.obj("CreatedBy")["id"] == nil {
		t.Errorf("CreatedBy missing: %s", p.raw)
	}

	now = now.Add(time.Hour)
	c.must("POST", "/data/objects"+task, map[string]any{"Name": "T2"})
	tk := c.must("GET", "/data/objects"+task+"?fields=CreatedOn,LastUpdatedOn,Project,ParentProject", nil)
	if tk.str("CreatedOn") != "2024-05-01T10:00:00.0000000" || tk.str("LastUpdatedOn") != "2024-05-01T11:00:00.0000000" {
		t.Errorf("task stamps: %s", tk.raw)
	}
	if tk.obj("Project")["id"] != project || tk.obj("ParentProject")["id"] != project {
		t.Errorf("Project/ParentProject = %v / %v, want %s", tk.body["Project"], tk.body["ParentProject"], project)
	}
}

func TestObjects_DeleteCascades(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	project := c.create("Project", map[string]any{"Name": "P"})
	milestone := c.create("Milestone", map[string]any{"Name": "M", "Parent": project})
	task := c.create("Task", map[string]any{"Name": "T", "Parent": milestone})
	other := c.create("Task", map[string]any{"Name": "Other"})
	dep := c.create("DependencyLink", map[string]any{"WorkItem": other, "DependsOn": task})

	c.must("DELETE", "/data/objects"+project, nil)
	for _, id := range []string{project, milestone, task, dep} {
		if _, ok := s.Get(id); ok {
			t.Errorf("%s still exists after its project was deleted", id)
		}
	}
	if _, ok := s.Get(other); !ok {
		t.Errorf("%s was deleted but does not belong to the project", other)
	}
	deleted := c.must("POST", "/data/entityQuery", map[string]any{"typeName": "WorkItem", "fields": []string{"Name"}, "deleted": true})
	if n := len(deleted.list("entities")); n != 3 {
		t.Errorf("deleted work items = %d, want 3: %s", n, deleted.raw)
	}
}

func TestObjects_CreateAndRetrieve(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	resp := c.must("POST", "/data/createAndRetrieve", map[string]any{
		"entity": map[string]any{"Id": "/Task", "Name": "New Task", "StartDate": "2020-11-01",
			"Duration": map[string]any{"Unit": "Weeks", "Value": 3}},
		"fields": []string{"Name", "Duration", "StartDate"},
	})
	e := resp.obj("entity")
	if !strings.HasPrefix(e["id"].(string), "/Task/") || e["Name"] != "New Task" {
		t.Errorf("entity = %v", e)
	}
}

func TestObjects_RetrieveMultiple(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	a := c.create("Task", map[string]any{"Name": "A"})
	b := c.create("Task", map[string]any{"Name": "B"})
	resp := c.must("POST", "/data/retrieveMultiple", map[string]any{"fields": []string{"Name"}, "ids": []string{a, "/Task/missing", b}})
	results := resp.list("results")
	if len(results) != 3 {
		t.Fatalf("results = %s", resp.raw)
	}
	if results[0].(map[string]any)["Name"] != "A" || results[2].(map[string]any)["Name"] != "B" {
		t.Errorf("results = %s", resp.raw)
	}
	if results[1].(map[string]any)["errorCode"] != codeEntityNotFound {
		t.Errorf("missing id result = %v, want an EntityNotFound error object", results[1])
	}
}

func TestObjects_Upsert(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	body := map[string]any{
		"insertEntity": map[string]any{"Id": "/Task/123456", "Name": "Created"},
		"updateEntity": map[string]any{"Id": "/Task/123456", "Name": "Updated"},
	}
	first := c.do("POST", "/data/upsert", body)
	if first.status != http.StatusCreated || first.str("Id") != "/Task/123456" {
		t.Fatalf("first upsert: status %d %s, want 201 with Id", first.status, first.raw)
	}
	second := c.do("POST", "/data/upsert", body)
	if second.status != http.StatusOK || len(second.body) != 0 {
		t.Fatalf("second upsert: status %d %s, want 200 {}", second.status, second.raw)
	}
	if got := c.must("GET", "/data/objects/Task/123456?fields=Name", nil).str("Name"); got != "Updated" {
		t.Errorf("Name = %q, want Updated", got)
	}
}

func TestObjects_ChangeState(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	a := c.create("Task", map[string]any{"Name": "A"})
	b := c.create("Task", map[string]any{"Name": "B"})

	c.must("POST", "/data/changeState", map[string]any{"ids": []string{a, b}, "state": "Completed"})
	got := c.must("GET", "/data/objects"+a+"?fields=State,PercentCompleted", nil)
	if got.obj("State")["id"] != "/State/Completed" || got.body["PercentCompleted"] != 100.0 {
		t.Errorf("after changeState: %s", got.raw)
	}
	t.Run("invalid state changes nothing", func(t *testing.T) {
		resp := c.do("POST", "/data/changeState", map[string]any{"ids": []string{a}, "state": "Sleeping"})
		expectError(t, resp, http.StatusInternalServerError, codeInvalidArgument)
	})
	t.Run("lifecycle operation", func(t *testing.T) {
		c.must("POST", "/data/lifecycle", map[string]any{"ids": []string{b}, "operation": "Activate"})
		if got := c.must("GET", "/data/objects"+b+"?fields=State", nil).obj("State")["id"]; got != "/State/Active" {
			t.Errorf("State = %v, want Active", got)
		}
	})
}

func TestObjects_DeletionStamp(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{Clock: func() time.Time { return now }})
	c := withAPIKey(t, s)
	project := c.create("Project", map[string]any{"Name": "old"})
	c.create("Task", map[string]any{"Name": "child", "Parent": project})
	now = now.Add(48 * time.Hour)
	c.must("DELETE", "/data/objects"+project, nil)

	resp := c.must("POST", "/data/entityQuery", map[string]any{
		"typeName": "WorkItem", "fields": []string{"Name", "LastUpdatedOn"}, "deleted": true,
		"where": map[string]any{"leftExpression": map[string]any{"fieldName": "LastUpdatedOn"},
			"operator": "GreaterThanOrEqual", "rightExpression": map[string]any{"value": "2024-05-03T09:00:00"}},
	})
	rows := resp.list("entities")
	if len(rows) != 2 {
		t.Fatalf("deleted since the watermark = %s, want the project and its task", resp.raw)
	}
	for _, r := range rows {
		if got := r.(map[string]any)["LastUpdatedOn"]; got != "2024-05-03T09:00:00.0000000" {
			t.Errorf("LastUpdatedOn of a deleted record = %v, want the deletion time", got)
		}
	}
}

func TestObjects_StampsMoveWithFrozenClock(t *testing.T) {
	frozen := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{Clock: func() time.Time { return frozen }})
	task, err := s.Create("Task", map[string]any{"Name": "a"})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(task)
	if err := s.Update(task, map[string]any{"Name": "b"}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Get(task)
	if before["LastUpdatedOn"] == after["LastUpdatedOn"] {
		t.Errorf("LastUpdatedOn stayed %v after an update", after["LastUpdatedOn"])
	}
	if after["LastUpdatedOn"].(string) <= before["LastUpdatedOn"].(string) {
		t.Errorf("LastUpdatedOn went from %v to %v, want later", before["LastUpdatedOn"], after["LastUpdatedOn"])
	}
}

func TestObjects_Dependencies(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	a := c.create("Task", map[string]any{"Name": "A"})
	b := c.create("Task", map[string]any{"Name": "B"})
	dep := c.create("DependencyLink", map[string]any{"WorkItem": b, "DependsOn": a})

	got := c.must("GET", "/data/objects"+dep+"?fields=DependencyType.Name,Lag,WorkItem.Name,DependsOn.Name", nil)
	if got.obj("DependencyType")["id"] != "/DependencyType/FS" || got.obj("DependencyType")["Name"] != "Finish to Start" {
		t.Errorf("DependencyType = %v, want FS by default", got.body["DependencyType"])
	}
	if got.obj("WorkItem")["Name"] != "B" || got.obj("DependsOn")["Name"] != "A" {
		t.Errorf("link = %s", got.raw)
	}
	c.must("POST", "/data/objects"+dep, map[string]any{"DependencyType": "SS", "Lag": map[string]any{"value": 2, "unit": "Days"}})
	if got := c.must("GET", "/data/objects"+dep+"?fields=DependencyType", nil).obj("DependencyType")["id"]; got != "/DependencyType/SS" {
		t.Errorf("DependencyType after update = %v, want SS", got)
	}

	tests := []struct {
		name string
		body map[string]any
		code string
	}{
		{"duplicate", map[string]any{"WorkItem": b, "DependsOn": a}, codeDuplicateKey},
		{"self", map[string]any{"WorkItem": a, "DependsOn": a}, codeInvalidArgument},
		{"bad type", map[string]any{"WorkItem": a, "DependsOn": b, "DependencyType": "XX"}, codeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectError(t, c.do("PUT", "/data/objects/DependencyLink", tt.body), http.StatusInternalServerError, tt.code)
		})
	}
	t.Run("predecessors relation", func(t *testing.T) {
		resp := c.must("POST", "/data/relationQuery", map[string]any{"entityId": b, "relationName": "Predecessors", "fields": []string{"Name"}})
		rows := resp.list("entities")
		if len(rows) != 1 || rows[0].(map[string]any)["id"] != a {
			t.Errorf("predecessors of B = %s", resp.raw)
		}
	})
	t.Run("deleting the link frees the pair", func(t *testing.T) {
		c.must("DELETE", "/data/objects"+dep, nil)
		c.create("DependencyLink", map[string]any{"WorkItem": b, "DependsOn": a})
	})
}
