package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDB_PendingOnce(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), "liaison.db"))
	row := RegistryRow{MappingID: "m1", Operation: "create", Target: "clarizen", SFObject: "User", SFID: "005A",
		IdempotencyKey: "user:m1:005A", Fields: []FieldChange{{Field: "Email", After: "a@example.org"}}}

	first, err := db.PendingOnce(ctx, row)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CommitBatch(ctx, []Result{{ID: first, State: Failed, ErrorMessage: "no licence"}}, nil, nil, nil); err != nil {
		t.Fatal(err)
	}

	row.Fields = []FieldChange{{Field: "Email", After: "b@example.org"}}
	second, err := db.PendingOnce(ctx, row)
	if err != nil {
		t.Fatal(err)
	}
	if second != first {
		t.Fatalf("second attempt got row %d, want the failed row %d reused", second, first)
	}
	got, err := db.RegistryRow(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != Pending {
		t.Errorf("reused row state = %s, want Pending", got.State)
	}
	if len(got.Fields) != 1 || got.Fields[0].After != "b@example.org" {
		t.Errorf("reused row fields = %+v, want the new attempt's", got.Fields)
	}

	if err := db.CommitBatch(ctx, []Result{{ID: second, State: Success, CZID: "/User/u1"}}, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	third, err := db.PendingOnce(ctx, row)
	if err != nil {
		t.Fatal(err)
	}
	if third == second {
		t.Errorf("an attempt after Success reused row %d, want a new row", third)
	}

	row.IdempotencyKey = ""
	if _, err := db.PendingOnce(ctx, row); err == nil {
		t.Error("PendingOnce without an idempotency key succeeded, want an error")
	}
}

func TestDB_PostRows(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), "liaison.db"))
	rows := []RegistryRow{
		{MappingID: "m1", Operation: "post", Target: "clarizen", SFID: "0D5a", IdempotencyKey: "social:lzs-0D5a"},
		{MappingID: "m1", Operation: "post", Target: "salesforce", CZID: "/DiscussionPost/p1", IdempotencyKey: "social:m1:/DiscussionPost/p1"},
		{MappingID: "m1", Operation: "post", Target: "clarizen", SFID: "0D5b", IdempotencyKey: "social:lzs-0D5b"},
		{MappingID: "m2", Operation: "post", Target: "clarizen", SFID: "0D5a", IdempotencyKey: "social:lzs-0D5a"},
		{MappingID: "m1", Operation: "update", Target: "clarizen", SFID: "0D5a", IdempotencyKey: "update:m1:0D5a"},
	}
	ids, err := db.AddPending(ctx, rows)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		sfIDs []string
		keys  []string
		want  []int64
	}{
		{"by salesforce id", []string{"0D5a"}, nil, []int64{ids[0]}},
		{"by key", nil, []string{"social:m1:/DiscussionPost/p1"}, []int64{ids[1]}},
		{"both, oldest first, each once", []string{"0D5b", "0D5a"}, []string{"social:lzs-0D5a"}, []int64{ids[0], ids[2]}},
		{"nothing asked", nil, nil, nil},
		{"unknown ids", []string{"0D5z"}, []string{"social:m1:/DiscussionPost/none"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.PostRows(ctx, "m1", tt.sfIDs, tt.keys)
			if err != nil {
				t.Fatal(err)
			}
			var gotIDs []int64
			for _, r := range got {
				gotIDs = append(gotIDs, r.ID)
			}
			if !slices.Equal(gotIDs, tt.want) {
				t.Errorf("PostRows() ids = %v, want %v", gotIDs, tt.want)
			}
		})
	}
}

// TestDB_PostRowsIndexes checks that each lookup of PostRows reads one
// index by its looked-up column, so that its cost does not grow with the
// number of post rows of the mapping.
func TestDB_PostRowsIndexes(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "liaison.db"))
	tests := []struct {
		column string
		want   string
	}{
		{"sf_id", "USING INDEX registry_by_sf_id (mapping_id=? AND sf_id=?)"},
		{"idempotency_key", "USING INDEX registry_by_key (idempotency_key=?)"},
	}
	for _, tt := range tests {
		t.Run(tt.column, func(t *testing.T) {
			q := "EXPLAIN QUERY PLAN SELECT id FROM registry WHERE " + postRowsWhere(tt.column, 2)
			rows, err := db.read.QueryContext(context.Background(), q, "m1", "a", "b")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			if len(plan) != 1 || !strings.Contains(plan[0], tt.want) {
				t.Errorf("query plan = %q, want one step %q", plan, tt.want)
			}
		})
	}
}
