package czsim

import (
	"net/http"
	"strings"
	"testing"
)

func bulkStatuses(t *testing.T, resp response) []int {
	t.Helper()
	var out []int
	for _, r := range resp.list("responses") {
		item := r.(map[string]any)
		code, ok := item["statusCode"].(float64)
		if !ok {
			t.Fatalf("response item without statusCode: %v", item)
		}
		if _, ok := item["body"]; !ok {
			t.Fatalf("response item without body: %v", item)
		}
		out = append(out, int(code))
	}
	return out
}

func TestBulk_MixedResults(t *testing.T) {
	s := newTestServer(t, Options{})
	c := loggedIn(t, s)
	project := c.create("Project", map[string]any{"Name": "P"})
	before := s.APICalls()

	resp := c.must("POST", "/bulk/execute", map[string]any{"requests": []any{
		map[string]any{"url": "/data/objects/Task", "method": "PUT", "body": map[string]any{"Name": "A", "Parent": project}},
		map[string]any{"url": "/data/objects/Task/missing?fields=Name", "method": "GET"},
		map[string]any{"url": "/data/objects" + project + "?fields=Name,ChildrenCount", "method": "GET"},
		map[string]any{"url": "/data/objects/Task", "method": "PUT", "body": map[string]any{"Bogus": 1}},
		map[string]any{"url": "/metadata/describeMetadata?TypeNames=User&Flags=relations,fields", "method": "GET"},
		map[string]any{"url": "/v2.0/services/data/query", "method": "POST", "body": `{"q": "SELECT Name FROM Task"}`},
	}, "transactional": false})

	statuses := bulkStatuses(t, resp)
	want := []int{200, 500, 200, 500, 200, 200}
	if len(statuses) != len(want) {
		t.Fatalf("got %d responses, want %d: %s", len(statuses), len(want), resp.raw)
	}
	for i := range want {
		if statuses[i] != want[i] {
			t.Errorf("response %d status = %d, want %d", i, statuses[i], want[i])
		}
	}
	items := resp.list("responses")
	if body := items[1].(map[string]any)["body"].(map[string]any); body["errorCode"] != codeEntityNotFound {
		t.Errorf("missing entity body = %v, want EntityNotFound", body)
	}
	if body := items[3].(map[string]any)["body"].(map[string]any); body["errorCode"] != codeInvalidField {
		t.Errorf("bad field body = %v, want InvalidField", body)
	}
	if body := items[2].(map[string]any)["body"].(map[string]any); body["ChildrenCount"] != 1.0 {
		t.Errorf("ChildrenCount after the bulk create = %v, want 1 (requests run in order)", body["ChildrenCount"])
	}
	if got := s.APICalls() - before; got != 1 {
		t.Errorf("bulk counted as %d API calls, want 1", got)
	}
}

func TestBulk_TransactionalRollback(t *testing.T) {
	s := newTestServer(t, Options{})
	c := withAPIKey(t, s)
	existing := c.create("Task", map[string]any{"Name": "keep me"})

	resp := c.must("POST", "/bulk/execute", map[string]any{"transactional": true, "requests": []any{
		map[string]any{"url": "/data/objects/Task/tx-new", "method": "PUT", "body": map[string]any{"Name": "new"}},
		map[string]any{"url": "/data/objects" + existing, "method": "POST", "body": map[string]any{"Name": "renamed"}},
		map[string]any{"url": "/data/objects" + existing, "method": "DELETE"},
		map[string]any{"url": "/data/objects/Task/missing", "method": "POST", "body": map[string]any{"Name": "x"}},
		map[string]any{"url": "/data/objects/Task", "method": "PUT", "body": map[string]any{"Name": "never"}},
	}})
	statuses := bulkStatuses(t, resp)
	for i, st := range statuses {
		if st != http.StatusInternalServerError {
			t.Errorf("response %d status = %d, want 500 after the rollback", i, st)
		}
	}
	items := resp.list("responses")
	if code := items[3].(map[string]any)["body"].(map[string]any)["errorCode"]; code != codeEntityNotFound {
		t.Errorf("failed request error = %v, want its own EntityNotFound", code)
	}
	if msg := items[0].(map[string]any)["body"].(map[string]any)["message"].(string); !strings.Contains(msg, "rolled back") {
		t.Errorf("first request message = %q, want it to say it was rolled back", msg)
	}
	if msg := items[4].(map[string]any)["body"].(map[string]any)["message"].(string); !strings.Contains(msg, "not run") {
		t.Errorf("last request message = %q, want it to say it did not run", msg)
	}

	if _, ok := s.Get("/Task/tx-new"); ok {
		t.Error("created task survived the rollback")
	}
	got, ok := s.Get(existing)
	if !ok {
		t.Fatal("deleted task was not restored by the rollback")
	}
	if got["Name"] != "keep me" {
		t.Errorf("Name = %v, want the value from before the bulk", got["Name"])
	}
	tasks := c.must("POST", "/data/query", map[string]any{"q": "SELECT Name FROM Task"}).list("entities")
	if len(tasks) != 1 {
		t.Errorf("query sees %d tasks after the rollback, want 1", len(tasks))
	}
	deleted := c.must("POST", "/data/entityQuery", map[string]any{"typeName": "Task", "deleted": true}).list("entities")
	if len(deleted) != 0 {
		t.Errorf("recycle bin holds %d tasks after the rollback, want 0", len(deleted))
	}

	t.Run("transactional success commits", func(t *testing.T) {
		resp := c.must("POST", "/bulk/execute", map[string]any{"transactional": true, "requests": []any{
			map[string]any{"url": "/data/objects/Task/tx-ok", "method": "PUT", "body": map[string]any{"Name": "ok"}},
			map[string]any{"url": "/data/objects" + existing, "method": "POST", "body": map[string]any{"Name": "renamed"}},
		}})
		for i, st := range bulkStatuses(t, resp) {
			if st != http.StatusOK {
				t.Errorf("response %d status = %d, want 200", i, st)
			}
		}
		if _, ok := s.Get("/Task/tx-ok"); !ok {
			t.Error("task from a successful transactional bulk is missing")
		}
	})
}

func TestBulk_Limits(t *testing.T) {
	s := newTestServer(t, Options{BulkLimit: 3})
	c := withAPIKey(t, s)
	item := map[string]any{"url": "/metadata/listEntities", "method": "GET"}

	c.must("POST", "/bulk/execute", map[string]any{"requests": []any{item, item, item}})
	resp := c.do("POST", "/bulk/execute", map[string]any{"requests": []any{item, item, item, item}})
	expectError(t, resp, http.StatusInternalServerError, codeInvalidArgument)

	t.Run("authentication inside bulk", func(t *testing.T) {
		resp := c.must("POST", "/bulk/execute", map[string]any{"requests": []any{
			map[string]any{"url": "/authentication/login", "method": "POST", "body": map[string]any{"userName": "x"}}}})
		if got := bulkStatuses(t, resp); got[0] != http.StatusInternalServerError {
			t.Errorf("login inside bulk: status %d, want 500", got[0])
		}
	})
	t.Run("nested bulk", func(t *testing.T) {
		resp := c.must("POST", "/bulk/execute", map[string]any{"requests": []any{
			map[string]any{"url": "/bulk/execute", "method": "POST", "body": map[string]any{"requests": []any{}}}}})
		if got := bulkStatuses(t, resp); got[0] != http.StatusInternalServerError {
			t.Errorf("nested bulk: status %d, want 500", got[0])
		}
	})
}
