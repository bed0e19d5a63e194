package salesforce_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestClient_QueryPages(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	const total = 450
	for i := range total {
		mustInsert(t, o.sim, "Account", map[string]any{"Name": fmt.Sprintf("Paging %03d", i)})
	}
	soql := "SELECT Id, Name FROM Account WHERE Name LIKE 'Paging %' ORDER BY Name"

	tests := []struct {
		name      string
		batchSize int
		pages     []int
	}{
		{"batch 200", 200, []int{200, 200, 50}},
		{"below minimum asks for 200", 50, []int{200, 200, 50}},
		{"server default", 0, []int{450}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sizes []int
			seen := map[string]bool{}
			last := 0
			err := o.client.QueryPages(ctx, soql, salesforce.QueryOptions{BatchSize: tt.batchSize}, func(p salesforce.Page) error {
				sizes = append(sizes, len(p.Records))
				if p.TotalSize != total {
					t.Errorf("page %d TotalSize = %d, want %d", p.Number, p.TotalSize, total)
				}
				if p.Last {
					last = p.Number
				}
				for _, r := range p.Records {
					seen[r.ID()] = true
					if r.Type != "Account" {
						t.Errorf("record type = %q, want Account", r.Type)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(sizes) != fmt.Sprint(tt.pages) {
				t.Errorf("page sizes = %v, want %v", sizes, tt.pages)
			}
			if len(seen) != total {
				t.Errorf("distinct ids = %d, want %d", len(seen), total)
			}
			if last != len(tt.pages) {
				t.Errorf("Last set on page %d, want %d", last, len(tt.pages))
			}
		})
	}

	t.Run("iterator stops paging early", func(t *testing.T) {
		before := o.transport.count("GET", "/query")
		n := 0
		for rec, err := range o.client.Query(ctx, soql, salesforce.QueryOptions{BatchSize: 200}) {
			if err != nil {
				t.Fatal(err)
			}
			if rec.ID() == "" {
				t.Fatal("record without Id")
			}
			n++
			if n == 250 {
				break
			}
		}
		if got := o.transport.count("GET", "/query") - before; got != 2 {
			t.Errorf("requests = %d, want 2 pages for 250 records", got)
		}
	})

	t.Run("callback error ends paging", func(t *testing.T) {
		boom := errors.New("stop here")
		err := o.client.QueryPages(ctx, soql, salesforce.QueryOptions{BatchSize: 200}, func(salesforce.Page) error { return boom })
		if !errors.Is(err, boom) {
			t.Errorf("err = %v, want the callback's error", err)
		}
	})
}

func TestClient_QueryPages_queryAll(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	keep := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Kept"})
	gone := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Gone"})
	if err := o.client.Delete(ctx, "Account", gone); err != nil {
		t.Fatal(err)
	}
	soql := "SELECT Id, IsDeleted FROM Account WHERE Name IN ('Kept', 'Gone')"

	live, err := o.client.QueryRecords(ctx, soql, salesforce.QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != 1 || live[0].ID() != keep {
		t.Errorf("query returned %v, want only %s", live, keep)
	}
	all, err := o.client.QueryRecords(ctx, soql, salesforce.QueryOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	deleted := map[string]bool{}
	for _, r := range all {
		d, _ := r.Bool("IsDeleted")
		deleted[r.ID()] = d
	}
	if len(all) != 2 || deleted[keep] || !deleted[gone] {
		t.Errorf("queryAll IsDeleted by id = %v, want %s false and %s true", deleted, keep, gone)
	}
}

func TestClient_Query_escaping(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	names := []string{
		`O'Brien & Sons`,
		`Back\slash`,
		`Quote "double"`,
		"Line\nbreak",
		"Carriage\rreturn",
		"Tab\tstop",
		`50% off`,
		`under_score`,
		`\'; DELETE`,
	}
	ids := map[string]string{}
	for _, n := range names {
		ids[n] = mustInsert(t, o.sim, "Account", map[string]any{"Name": n})
	}
	// Decoys that a missing LIKE escape would also match.
	mustInsert(t, o.sim, "Account", map[string]any{"Name": "50X off"})
	mustInsert(t, o.sim, "Account", map[string]any{"Name": "underXscore"})

	for _, n := range names {
		t.Run(fmt.Sprintf("equals %q", n), func(t *testing.T) {
			q, err := salesforce.SOQL{Fields: []string{"Id", "Name"}, From: "Account", Where: salesforce.Compare("Name", "=", n)}.Build()
			if err != nil {
				t.Fatal(err)
			}
			recs, err := o.client.QueryRecords(ctx, q, salesforce.QueryOptions{})
			if err != nil {
				t.Fatalf("query %s: %v", q, err)
			}
			if len(recs) != 1 || recs[0].ID() != ids[n] {
				t.Fatalf("query %s returned %d records, want exactly %s", q, len(recs), ids[n])
			}
			if got, _ := recs[0].String("Name"); got != n {
				t.Errorf("Name = %q, want %q", got, n)
			}
		})
	}
	for _, n := range []string{`50% off`, `under_score`, `O'Brien`} {
		t.Run(fmt.Sprintf("like prefix %q", n), func(t *testing.T) {
			q, err := salesforce.SOQL{Fields: []string{"Id"}, From: "Account",
				Where: salesforce.Like("Name", salesforce.EscapeLike(n)+"%")}.Build()
			if err != nil {
				t.Fatal(err)
			}
			recs, err := o.client.QueryRecords(ctx, q, salesforce.QueryOptions{})
			if err != nil {
				t.Fatalf("query %s: %v", q, err)
			}
			if len(recs) != 1 {
				t.Errorf("query %s returned %d records, want 1", q, len(recs))
			}
		})
	}
}

func TestClient_Query_malformed(t *testing.T) {
	o := newOrg(t)
	_, err := o.client.QueryRecords(context.Background(), "SELECT FROM WHERE", salesforce.QueryOptions{})
	if !salesforce.HasCode(err, "MALFORMED_QUERY") {
		t.Fatalf("err = %v, want MALFORMED_QUERY", err)
	}
	if salesforce.ClassOf(err) != salesforce.Permanent {
		t.Errorf("class = %v, want permanent", salesforce.ClassOf(err))
	}
}

func TestClient_Query_relationships(t *testing.T) {
	o := newOrg(t)
	ctx := context.Background()
	acct := mustInsert(t, o.sim, "Account", map[string]any{"Name": "Parent Co"})
	mustInsert(t, o.sim, "Opportunity", map[string]any{"Name": "With parent", "StageName": "Prospecting",
		"CloseDate": "2025-06-30", "AccountId": acct})
	mustInsert(t, o.sim, "Opportunity", map[string]any{"Name": "Orphan", "StageName": "Prospecting", "CloseDate": "2025-06-30"})
	recs, err := o.client.QueryRecords(ctx,
		"SELECT Name, Account.Name, Account.Owner.Username FROM Opportunity WHERE Name IN ('With parent', 'Orphan') ORDER BY Name DESC",
		salesforce.QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	if got, _ := recs[0].String("Account.Name"); got != "Parent Co" {
		t.Errorf("Account.Name = %q, want Parent Co", got)
	}
	if got, _ := recs[0].String("account.owner.username"); got != o.identity.Username {
		t.Errorf("Account.Owner.Username = %q, want %q", got, o.identity.Username)
	}
	if v, ok := recs[1].Get("Account.Name"); !ok || v != nil {
		t.Errorf("orphan Account.Name = %v, %v; want nil, true", v, ok)
	}
}
