package clarizen_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

// TestClient_ChangesEditedDuringRead reads six customers two per page and
// edits one that the first page returned before the second page is read.
// With offset paging the edited customer moved to the end, every later row
// moved up by one, and the customer at the page boundary was never read.
func TestClient_ChangesEditedDuringRead(t *testing.T) {
	tests := []struct {
		name string
		// edit is the index of the customer edited after the first page.
		edit int
		read func(c *clarizen.Client, since time.Time, fn clarizen.PageFunc) error
	}{
		{
			name: "updated since",
			edit: 0,
			read: func(c *clarizen.Client, since time.Time, fn clarizen.PageFunc) error {
				return c.UpdatedSince(testContext(t), "Customer", []string{"Name"}, since, fn)
			},
		},
		{
			name: "updated since, second row edited",
			edit: 1,
			read: func(c *clarizen.Client, since time.Time, fn clarizen.PageFunc) error {
				return c.UpdatedSince(testContext(t), "Customer", []string{"Name"}, since, fn)
			},
		},
		{
			name: "updated since with a condition",
			edit: 0,
			read: func(c *clarizen.Client, since time.Time, fn clarizen.PageFunc) error {
				return c.UpdatedSinceWhere(testContext(t), "Customer", []string{"Name"}, czql.Like("Name", "C%"), since, fn)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)}
			e := newEnv(t, czsim.Options{Clock: clock.Now}, func(o *clarizen.Options) { o.PageSize = 2 })
			t0 := clock.Now()
			var ids []clarizen.EntityID
			for i := range 6 {
				ids = append(ids, mustCreate(t, e.client, "Customer", "", clarizen.Values{"Name": fmt.Sprintf("C%d", i)}))
				clock.Set(clock.Now().Add(time.Second))
			}

			seen := map[string]int{}
			var lastName string
			pages := 0
			err := tt.read(e.client, t0, func(page []clarizen.Entity) error {
				pages++
				for _, ent := range page {
					seen[strings.ToLower(string(ent.ID))]++
					if ent.ID.Equal(ids[tt.edit]) {
						lastName = ent.Text("Name")
					}
				}
				if pages == 1 {
					clock.Set(clock.Now().Add(time.Second))
					return e.client.Update(testContext(t), ids[tt.edit], clarizen.Values{"Name": "C edited"})
				}
				return nil
			})
			if err != nil {
				t.Fatalf("read error = %v", err)
			}
			for i, id := range ids {
				if seen[strings.ToLower(string(id))] == 0 {
					t.Errorf("customer C%d (%s) was never read", i, id)
				}
			}
			if lastName != "C edited" {
				t.Errorf("edited customer last read with name %q, want %q", lastName, "C edited")
			}
		})
	}
}

// TestClient_DeletedSincePaging reads deletions two per page while more
// entities are deleted between the pages.
func TestClient_DeletedSincePaging(t *testing.T) {
	clock := &fakeClock{now: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)}
	e := newEnv(t, czsim.Options{Clock: clock.Now}, func(o *clarizen.Options) { o.PageSize = 2 })
	ctx := testContext(t)
	t0 := clock.Now()
	var ids []clarizen.EntityID
	for i := range 7 {
		ids = append(ids, mustCreate(t, e.client, "Customer", "", clarizen.Values{"Name": fmt.Sprintf("D%d", i)}))
	}
	for _, id := range ids[:5] {
		clock.Set(clock.Now().Add(time.Second))
		if err := e.client.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}

	seen := map[string]int{}
	pages := 0
	err := e.client.DeletedSince(ctx, "Customer", []string{"Name"}, t0, func(page []clarizen.Entity) error {
		pages++
		for _, ent := range page {
			seen[strings.ToLower(string(ent.ID))]++
		}
		if pages == 1 {
			for _, id := range ids[5:] {
				clock.Set(clock.Now().Add(time.Second))
				if err := e.client.Delete(ctx, id); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("DeletedSince() error = %v", err)
	}
	for i, id := range ids {
		if n := seen[strings.ToLower(string(id))]; n != 1 {
			t.Errorf("deleted customer D%d read %d times, want once", i, n)
		}
	}
}
