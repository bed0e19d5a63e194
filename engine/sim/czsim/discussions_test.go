package czsim

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

func TestDiscussions_PostsAndReplies(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{Clock: func() time.Time { return now }})
	c := withAPIKey(t, s)
	project := c.create("Project", map[string]any{"Name": "P"})
	customer := c.create("Customer", map[string]any{"Name": "Acme"})

	resp := c.must("POST", "/data/createDiscussion", map[string]any{
		"entity":          map[string]any{"id": "/DiscussionPost", "Body": "<p>First <b>post</b></p>", "Container": project},
		"relatedEntities": []string{customer},
		"topics":          []string{"/Topic/kickoff"},
	})
	post := resp.str("id")
	if !regexp.MustCompile(`^/DiscussionPost/msg-[a-z0-9]{25}$`).MatchString(post) {
		t.Fatalf("post id = %q, want /DiscussionPost/msg-<25 chars>", post)
	}
	now = now.Add(time.Minute)
	second := c.must("POST", "/data/createDiscussion", map[string]any{
		"entity": map[string]any{"Body": "Second", "Container": project}}).str("id")

	now = now.Add(time.Minute)
	reply1 := c.create("DiscussionReply", map[string]any{"Body": "reply one", "Post": post})
	now = now.Add(time.Minute)
	c.must("POST", "/data/createDiscussion", map[string]any{
		"entity": map[string]any{"id": "/DiscussionReply", "Body": "reply two", "Post": post}})
	now = now.Add(time.Minute)
	c.create("DiscussionReply", map[string]any{"Body": "reply three", "Post": post, "Container": project})

	t.Run("reply inherits container", func(t *testing.T) {
		got := c.must("GET", "/data/objects"+reply1+"?fields=Container,Post,Text", nil)
		if got.obj("Container")["id"] != project || got.obj("Post")["id"] != post {
			t.Errorf("reply = %s", got.raw)
		}
	})
	t.Run("entity feed newest first", func(t *testing.T) {
		feed := c.must("POST", "/data/entityFeedQuery", map[string]any{
			"entityId": project, "fields": []string{"Body", "Text", "RepliesCount", "CreatedBy.Name"},
			"feedItemOptions": []string{"BodyMarkup", "Summary"}, "paging": map[string]any{"limit": 10}})
		items := feed.list("items")
		if len(items) != 2 {
			t.Fatalf("items = %s", feed.raw)
		}
		first := items[0].(map[string]any)
		if first["message"].(map[string]any)["id"] != second {
			t.Errorf("first item = %v, want the newer post", first["message"])
		}
		older := items[1].(map[string]any)
		message := older["message"].(map[string]any)
		if message["Text"] != "First post" || message["RepliesCount"] != 3.0 {
			t.Errorf("message = %v", message)
		}
		if older["bodyMarkup"] != "<p>First <b>post</b></p>" || older["summary"] != "First post" {
			t.Errorf("bodyMarkup, summary = %v, %v", older["bodyMarkup"], older["summary"])
		}
		if related := older["relatedEntities"].([]any); len(related) != 1 || related[0].(map[string]any)["id"] != customer {
			t.Errorf("relatedEntities = %v", older["relatedEntities"])
		}
		latest := older["latestReplies"].([]any)
		if len(latest) != 2 || latest[1].(map[string]any)["message"].(map[string]any)["Body"] != "reply three" {
			t.Errorf("latestReplies = %v, want the last two replies", latest)
		}
		if _, ok := older["pinned"].(bool); !ok {
			t.Error("post feed item has no pinned flag")
		}
	})
	t.Run("related entity sees the post", func(t *testing.T) {
		feed := c.must("POST", "/data/entityFeedQuery", map[string]any{"entityId": customer})
		if n := len(feed.list("items")); n != 1 {
			t.Errorf("customer feed has %d items, want 1", n)
		}
	})
	t.Run("replies oldest first with paging", func(t *testing.T) {
		page := c.must("POST", "/data/repliesQuery", map[string]any{"postId": post, "fields": []string{"Body"}, "paging": map[string]any{"limit": 2}})
		items := page.list("items")
		if len(items) != 2 || items[0].(map[string]any)["message"].(map[string]any)["Body"] != "reply one" {
			t.Fatalf("first page = %s", page.raw)
		}
		if page.obj("paging")["hasMore"] != true {
			t.Fatal("hasMore = false with a third reply left")
		}
		next := c.must("POST", "/data/repliesQuery", map[string]any{"postId": post, "fields": []string{"Body"}, "paging": page.obj("paging")})
		if items := next.list("items"); len(items) != 1 || items[0].(map[string]any)["message"].(map[string]any)["Body"] != "reply three" {
			t.Errorf("second page = %s", next.raw)
		}
	})
	t.Run("posts are queryable entities", func(t *testing.T) {
		q := c.must("POST", "/data/query", map[string]any{"q": "SELECT Body FROM DiscussionReply WHERE Post = '" + post + "'"})
		if n := len(q.list("entities")); n != 3 {
			t.Errorf("replies by CZQL = %d, want 3", n)
		}
	})
	t.Run("post needs a container", func(t *testing.T) {
		resp := c.do("POST", "/data/createDiscussion", map[string]any{"entity": map[string]any{"Body": "orphan"}})
		expectError(t, resp, http.StatusInternalServerError, codeMissingArgument)
	})
	t.Run("container is create-only", func(t *testing.T) {
		resp := c.do("POST", "/data/objects"+post, map[string]any{"Container": customer})
		expectError(t, resp, http.StatusInternalServerError, codeInvalidOperation)
	})
}

func TestTemplates_CreateFromTemplate(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)

	names := c.must("GET", "/data/getTemplateDescriptions?typeName=Project", nil).list("templates")
	if len(names) != 2 || names[0] != "Standard delivery" || names[1] != "Quick start" {
		t.Errorf("Project templates = %v", names)
	}
	if got := c.must("GET", "/data/getTemplateDescriptions?typeName=Milestone", nil).list("templates"); len(got) != 1 {
		t.Errorf("Milestone templates = %v, want one", got)
	}

	resp := c.must("POST", "/data/createFromTemplate", map[string]any{
		"entity":       map[string]any{"id": "/Project/opp-0061", "Name": "From template", "StartDate": "2024-06-03"},
		"templateName": "standard delivery",
	})
	project := resp.str("id")
	if project != "/Project/opp-0061" {
		t.Fatalf("id = %q, want the caller's id", project)
	}
	plan := c.must("POST", "/data/query", map[string]any{
		"q": "SELECT Name, EntityType, StartDate, DueDate, Parent FROM WorkItem WHERE Project = '" + project + "' ORDER BY StartDate, Name"})
	items := plan.list("entities")
	milestones, tasks := 0, 0
	for _, it := range items {
		switch it.(map[string]any)["EntityType"].(map[string]any)["id"] {
		case "/EntityType/Milestone":
			milestones++
		case "/EntityType/Task":
			tasks++
		}
	}
	if milestones != 4 || tasks != 8 {
		t.Errorf("template made %d milestones and %d tasks, want 4 and 8", milestones, tasks)
	}
	root := c.must("GET", "/data/objects"+project+"?fields=StartDate,DueDate", nil)
	if root.str("StartDate") != "2024-06-03T00:00:00.0000000" || root.str("DueDate") != "2024-08-04T17:00:00.0000000" {
		t.Errorf("project dates = %s", root.raw)
	}
	deps := c.must("POST", "/data/query", map[string]any{"q": "SELECT WorkItem, DependsOn, DependencyType FROM DependencyLink"})
	if n := len(deps.list("entities")); n != 4 {
		t.Errorf("dependencies = %d, want 4 (one per milestone)", n)
	}

	t.Run("taken id", func(t *testing.T) {
		resp := c.do("POST", "/data/createFromTemplate", map[string]any{
			"entity": map[string]any{"id": "/Project/opp-0061", "Name": "again"}, "templateName": "Quick start"})
		expectError(t, resp, http.StatusInternalServerError, codeDuplicateKey)
	})
	t.Run("milestone under parent", func(t *testing.T) {
		ms := c.must("POST", "/data/createFromTemplate", map[string]any{
			"entity": map[string]any{"id": "/Milestone", "Name": "Gate"}, "templateName": "Release gate", "parentId": project}).str("id")
		got := c.must("GET", "/data/objects"+ms+"?fields=Parent,ChildrenCount", nil)
		if got.obj("Parent")["id"] != project || got.body["ChildrenCount"] != 3.0 {
			t.Errorf("milestone = %s", got.raw)
		}
	})
	t.Run("failure creates nothing", func(t *testing.T) {
		before := len(s.All("WorkItem"))
		resp := c.do("POST", "/data/createFromTemplate", map[string]any{
			"entity": map[string]any{"id": "/Milestone", "Name": "Orphan gate"}, "templateName": "Release gate", "parentId": "/Project/nope"})
		expectError(t, resp, http.StatusInternalServerError, codeEntityNotFound)
		if after := len(s.All("WorkItem")); after != before {
			t.Errorf("work items went from %d to %d after a failed create", before, after)
		}
	})
	t.Run("unknown template", func(t *testing.T) {
		resp := c.do("POST", "/data/createFromTemplate", map[string]any{
			"entity": map[string]any{"id": "/Project", "Name": "x"}, "templateName": "Nope"})
		expectError(t, resp, http.StatusInternalServerError, codeEntityNotFound)
	})
}

func TestServer_CaseInsensitiveRoutesAndKeys(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	task := c.create("Task", map[string]any{"Name": "mixed"})
	tests := []struct {
		name   string
		method string
		path   string
		body   any
	}{
		{"upper-case version and service", "POST", s.URL() + "/V2.0/SERVICES/DATA/QUERY", map[string]any{"Q": "SELECT Name FROM Task"}},
		{"pascal case body keys", "POST", "/data/Query", map[string]any{"Q": "select NAME from TASK", "Paging": map[string]any{"From": 0, "Limit": 5}}},
		{"entity query keys", "POST", "/Data/EntityQuery", map[string]any{"TypeName": "task", "Fields": []string{"name"}}},
		{"objects path", "GET", "/DATA/OBJECTS/task/" + task[len("/Task/"):] + "?Fields=NAME", nil},
		{"metadata", "GET", "/Metadata/DescribeEntities?TypeNames=task", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.must(tt.method, tt.path, tt.body)
			if len(resp.body) == 0 {
				t.Errorf("empty answer: %s", resp.raw)
			}
		})
	}
	t.Run("pascal case create body", func(t *testing.T) {
		id := c.must("PUT", "/data/objects/task", map[string]any{"NAME": "upper", "Duration": map[string]any{"Value": 2, "Unit": "DAYS"}}).str("id")
		got := c.must("GET", "/data/objects"+id+"?fields=Name,Duration", nil)
		if got.str("Name") != "upper" || got.obj("Duration")["unit"] != "Days" {
			t.Errorf("read back %s", got.raw)
		}
	})
	t.Run("unknown endpoint", func(t *testing.T) {
		expectError(t, c.do("GET", "/data/nothingHere", nil), http.StatusNotFound, codeInvalidOperation)
	})
	t.Run("wrong method", func(t *testing.T) {
		expectError(t, c.do("DELETE", "/data/query", nil), http.StatusMethodNotAllowed, codeInvalidOperation)
	})
}

func TestServer_TwoInstances(t *testing.T) {
	a := newTestServer(t, Options{OrgID: 1001, Seed: 1})
	b := newTestServer(t, Options{OrgID: 2002, Seed: 1})
	if a.URL() == b.URL() {
		t.Fatal("two instances share a URL")
	}
	ca, cb := loggedIn(t, a), loggedIn(t, b)
	if a.OrgID() == b.OrgID() {
		t.Fatal("two instances share an organization id")
	}

	task := ca.create("Task", map[string]any{"Name": "only in A"})
	expectError(t, cb.do("GET", "/data/objects"+task, nil), http.StatusInternalServerError, codeEntityNotFound)
	if n := len(b.All("Task")); n != 0 {
		t.Errorf("instance B has %d tasks, want 0", n)
	}

	// A session of one organization is not valid in the other.
	cross := newClient(t, b)
	cross.auth = ca.auth
	expectError(t, cross.do("GET", "/metadata/listEntities", nil), http.StatusUnauthorized, codeSessionTimeout)

	defA := ca.must("POST", a.DiscoveryURL()+"authentication/getServerDefinition", nil)
	defB := cb.must("POST", b.DiscoveryURL()+"authentication/getServerDefinition", nil)
	if defA.body["organizationId"] != 1001.0 || defB.body["organizationId"] != 2002.0 {
		t.Errorf("organizationIds = %v, %v", defA.body["organizationId"], defB.body["organizationId"])
	}
	if defA.str("serverLocation") == defB.str("serverLocation") {
		t.Error("both instances report the same serverLocation")
	}
	a.ExpireSessions()
	cb.must("GET", "/metadata/listEntities", nil)
}

func TestServer_ControlObjects(t *testing.T) {
	s := newTestServer(t, Options{})
	ctl := newClient(t, s)
	created := ctl.must("POST", s.URL()+"/__sim/objects/Customer", map[string]any{"Name": "Control Co"})
	id := created.str("id")
	ctl.must("PATCH", s.URL()+"/__sim/objects"+id, map[string]any{"Description": "patched"})
	got := ctl.must("GET", s.URL()+"/__sim/objects"+id, nil)
	if got.str("Name") != "Control Co" || got.str("Description") != "patched" {
		t.Errorf("control read = %s", got.raw)
	}
	if n := len(ctl.must("GET", s.URL()+"/__sim/objects/Customer", nil).list("entities")); n != 1 {
		t.Errorf("control list has %d customers, want 1", n)
	}
	ctl.must("DELETE", s.URL()+"/__sim/objects"+id, nil)
	expectError(t, ctl.do("GET", s.URL()+"/__sim/objects"+id, nil), http.StatusInternalServerError, codeEntityNotFound)
	info := ctl.must("GET", s.URL()+"/__sim/info", nil)
	if info.str("serverLocation") != s.ServerLocation() {
		t.Errorf("info = %s", info.raw)
	}
}
