package clarizen_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

// fakeClock is the simulator's clock, moved by the test.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func names(entities []clarizen.Entity) []string {
	out := make([]string, len(entities))
	for i, e := range entities {
		out[i] = e.Text("Name")
	}
	return out
}

func TestClient_QueryPaging(t *testing.T) {
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) { o.PageSize = 3 })
	ctx := testContext(t)
	var want []string
	for i := range 8 {
		name := fmt.Sprintf("Page-%02d", i)
		mustCreate(t, e.client, "Task", "", clarizen.Values{"Name": name})
		want = append(want, name)
	}
	mustCreate(t, e.client, "Task", "", clarizen.Values{"Name": "Other"})

	statement, err := czql.Select("Name").From("Task").Where(czql.Like("Name", "Page-%")).OrderBy("Name", czql.Asc).Build()
	if err != nil {
		t.Fatal(err)
	}
	where := clarizen.Compare("Name", clarizen.BeginsWith, "Page-")
	tests := []struct {
		name     string
		endpoint string
		run      func(fn clarizen.PageFunc) error
	}{
		{"czql", "data/query", func(fn clarizen.PageFunc) error { return e.client.Query(ctx, statement, fn) }},
		{"entity query", "data/entityquery", func(fn clarizen.PageFunc) error {
			q := clarizen.EntityQuery{TypeName: "Task", Fields: []string{"Name"}, Where: &where,
				Orders: []clarizen.Order{{Field: "Name"}}}
			return e.client.EntityQuery(ctx, q, fn)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.calls.count(tt.endpoint)
			var pageSizes []int
			var got []clarizen.Entity
			err := tt.run(func(page []clarizen.Entity) error {
				pageSizes = append(pageSizes, len(page))
				got = append(got, page...)
				return nil
			})
			if err != nil {
				t.Fatalf("query error = %v", err)
			}
			if !slices.Equal(names(got), want) {
				t.Errorf("names = %v, want %v", names(got), want)
			}
			if !slices.Equal(pageSizes, []int{3, 3, 2}) {
				t.Errorf("page sizes = %v, want [3 3 2]", pageSizes)
			}
			if calls := e.calls.count(tt.endpoint) - before; calls != 3 {
				t.Errorf("%s calls = %d, want 3", tt.endpoint, calls)
			}
			for _, ent := range got {
				if !ent.ID.Valid() || ent.ID.Type() != "Task" {
					t.Errorf("entity id %q is not a Task id", ent.ID)
				}
			}
		})
	}

	t.Run("stop paging", func(t *testing.T) {
		before := e.calls.count("data/query")
		pages := 0
		err := e.client.Query(ctx, statement, func([]clarizen.Entity) error {
			pages++
			return clarizen.ErrStopPaging
		})
		if err != nil {
			t.Fatalf("Query() error = %v", err)
		}
		if pages != 1 || e.calls.count("data/query")-before != 1 {
			t.Errorf("pages = %d, calls = %d, want 1 and 1", pages, e.calls.count("data/query")-before)
		}
	})

	t.Run("page func error", func(t *testing.T) {
		boom := errors.New("store full")
		err := e.client.Query(ctx, statement, func([]clarizen.Entity) error { return boom })
		if !errors.Is(err, boom) {
			t.Errorf("Query() error = %v, want the page func's error", err)
		}
	})

	t.Run("context ends between pages", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		err := e.client.Query(ctx, statement, func([]clarizen.Entity) error {
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Query() error = %v, want context.Canceled", err)
		}
	})

	t.Run("query all", func(t *testing.T) {
		got, err := e.client.QueryAll(ctx, statement)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(got), want) {
			t.Errorf("QueryAll() names = %v, want %v", names(got), want)
		}
	})
}

func TestClient_QueryEscaping(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	tricky := []string{`O'Brien & Sons`, `C:\temp\new`, `quote " inside`, `it's 100% "done"\`}
	for i, name := range tricky {
		mustCreate(t, e.client, "Customer", fmt.Sprintf("esc-%d", i), clarizen.Values{"Name": name})
	}
	mustCreate(t, e.client, "Customer", "esc-other", clarizen.Values{"Name": "O"})
	for _, name := range tricky {
		t.Run(name, func(t *testing.T) {
			statement, err := czql.Select("Name").From("Customer").Where(czql.Eq("Name", name)).Build()
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.client.QueryAll(ctx, statement)
			if err != nil {
				t.Fatalf("QueryAll(%s) error = %v", statement, err)
			}
			if len(got) != 1 || got[0].Text("Name") != name {
				t.Errorf("QueryAll(%s) = %v, want exactly %q", statement, names(got), name)
			}
		})
	}
}

func TestClient_UpdatedSince(t *testing.T) {
	clock := &fakeClock{now: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)}
	e := newEnv(t, czsim.Options{Clock: clock.Now}, func(o *clarizen.Options) { o.PageSize = 2 })
	ctx := testContext(t)
	t0 := clock.Now()
	a := mustCreate(t, e.client, "Project", "us-a", clarizen.Values{"Name": "A"})
	clock.Set(t0.Add(time.Hour))
	mustCreate(t, e.client, "Project", "us-b", clarizen.Values{"Name": "B"})
	clock.Set(t0.Add(2 * time.Hour))
	mustCreate(t, e.client, "Project", "us-c", clarizen.Values{"Name": "C"})
	clock.Set(t0.Add(3 * time.Hour))
	if err := e.client.Update(ctx, a, clarizen.Values{"Description": "touched"}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		since time.Time
		want  []string
	}{
		{"everything", t0, []string{"B", "C", "A"}},
		{"boundary is included", t0.Add(time.Hour), []string{"B", "C", "A"}},
		{"only the update", t0.Add(150 * time.Minute), []string{"A"}},
		{"nothing newer", t0.Add(4 * time.Hour), nil},
		{"since in another zone", t0.Add(2 * time.Hour).In(time.FixedZone("X", -5*3600)), []string{"C", "A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []clarizen.Entity
			err := e.client.UpdatedSince(ctx, "Project", []string{"Name"}, tt.since, func(page []clarizen.Entity) error {
				got = append(got, page...)
				return nil
			})
			if err != nil {
				t.Fatalf("UpdatedSince() error = %v", err)
			}
			if !slices.Equal(names(got), tt.want) {
				t.Errorf("names = %v, want %v", names(got), tt.want)
			}
			for _, ent := range got {
				if stamp, ok := ent.Time("LastUpdatedOn"); !ok || stamp.Before(tt.since) {
					t.Errorf("%s LastUpdatedOn = %v, want at or after %v", ent.ID, stamp, tt.since)
				}
			}
		})
	}
}

func TestClient_DeletedSince(t *testing.T) {
	clock := &fakeClock{now: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)}
	e := newEnv(t, czsim.Options{Clock: clock.Now}, nil)
	ctx := testContext(t)
	t0 := clock.Now()
	gone := mustCreate(t, e.client, "Customer", "del-gone", clarizen.Values{"Name": "Gone"})
	old := mustCreate(t, e.client, "Customer", "del-old", clarizen.Values{"Name": "Old"})
	mustCreate(t, e.client, "Customer", "del-kept", clarizen.Values{"Name": "Kept"})
	if err := e.client.Delete(ctx, old); err != nil {
		t.Fatal(err)
	}
	clock.Set(t0.Add(2 * time.Hour))
	if err := e.client.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		since time.Time
		want  []string
	}{
		{"both deletions", t0, []string{"Old", "Gone"}},
		{"only the later deletion", t0.Add(time.Hour), []string{"Gone"}},
		{"none", t0.Add(3 * time.Hour), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []clarizen.Entity
			err := e.client.DeletedSince(ctx, "Customer", []string{"Name"}, tt.since, func(page []clarizen.Entity) error {
				got = append(got, page...)
				return nil
			})
			if err != nil {
				t.Fatalf("DeletedSince() error = %v", err)
			}
			if !slices.Equal(names(got), tt.want) {
				t.Errorf("names = %v, want %v", names(got), tt.want)
			}
		})
	}
}

func TestClient_CustomerLinks(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	project := mustCreate(t, e.client, "Project", "cl-p", clarizen.Values{"Name": "Rollout"})
	acme := mustCreate(t, e.client, "Customer", "cl-acme", clarizen.Values{"Name": "Acme"})
	globex := mustCreate(t, e.client, "Customer", "cl-globex", clarizen.Values{"Name": "Globex"})
	mustCreate(t, e.client, "Customer", "cl-unlinked", clarizen.Values{"Name": "Initech"})

	link, err := e.client.LinkCustomer(ctx, project, acme, "link-acme")
	if err != nil {
		t.Fatalf("LinkCustomer() error = %v", err)
	}
	if link.ID.Type() != "CustomerLink" || link.ID.Value() != "link-acme" {
		t.Errorf("link id = %s", link.ID)
	}
	if _, err := e.client.LinkCustomer(ctx, project, globex, ""); err != nil {
		t.Fatalf("LinkCustomer() without id error = %v", err)
	}

	t.Run("customers of project", func(t *testing.T) {
		got, err := e.client.Customers(ctx, project, "Name")
		if err != nil {
			t.Fatalf("Customers() error = %v", err)
		}
		gotNames := names(got)
		slices.Sort(gotNames)
		if !slices.Equal(gotNames, []string{"Acme", "Globex"}) {
			t.Errorf("Customers() = %v, want [Acme Globex]", gotNames)
		}
	})

	t.Run("link entities", func(t *testing.T) {
		var links []clarizen.Entity
		q := clarizen.RelationQuery{EntityID: project, Relation: "Customers", Fields: []string{"Entity", "Customer"}, FromLink: true}
		err := e.client.RelationQuery(ctx, q, func(page []clarizen.Entity) error {
			links = append(links, page...)
			return nil
		})
		if err != nil {
			t.Fatalf("RelationQuery(fromLink) error = %v", err)
		}
		if len(links) != 2 {
			t.Fatalf("links = %d, want 2", len(links))
		}
		for _, l := range links {
			if l.ID.Type() != "CustomerLink" || !l.Reference("Entity").Equal(project) {
				t.Errorf("link %s Entity = %s, want a CustomerLink to %s", l.ID, l.Reference("Entity"), project)
			}
		}
	})

	t.Run("projects of customer", func(t *testing.T) {
		var got []clarizen.Entity
		q := clarizen.RelationQuery{EntityID: acme, Relation: "Projects", Fields: []string{"Name"}}
		err := e.client.RelationQuery(ctx, q, func(page []clarizen.Entity) error {
			got = append(got, page...)
			return nil
		})
		if err != nil {
			t.Fatalf("RelationQuery(Projects) error = %v", err)
		}
		if !slices.Equal(names(got), []string{"Rollout"}) {
			t.Errorf("projects = %v, want [Rollout]", names(got))
		}
	})

	t.Run("unlink", func(t *testing.T) {
		if err := e.client.Delete(ctx, link.ID); err != nil {
			t.Fatalf("Delete(link) error = %v", err)
		}
		got, err := e.client.Customers(ctx, project, "Name")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(got), []string{"Globex"}) {
			t.Errorf("Customers() after unlink = %v, want [Globex]", names(got))
		}
	})
}
