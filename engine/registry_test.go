package engine

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/store"
)

// seedRegistry writes rows in the given states, one per state, with a
// mapping named "Account to Customer"; it returns the row ids in order.
func seedRegistry(t *testing.T, e *Engine, states ...string) []int64 {
	t.Helper()
	ctx := context.Background()
	if err := e.DB.SaveMapping(ctx, store.Definition{ID: "m-accounts", Name: "Account to Customer",
		ClarizenConnection: "clarizen1", JSON: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	var rows []store.RegistryRow
	for i := range states {
		rows = append(rows, store.RegistryRow{
			MappingID: "m-accounts", Operation: "create", Target: "clarizen", SFObject: "Account",
			SFID: "001000000000001AA" + string(rune('A'+i)), CZConnection: "clarizen1", CZType: "Customer",
			IdempotencyKey: "key-" + states[i] + string(rune('a'+i)), Label: "Acme " + string(rune('A'+i)),
			Fields: []store.FieldChange{{Field: "Name", Before: nil, After: "Acme, \"North\"\nbranch " + string(rune('A'+i))}},
		})
	}
	ids, err := e.DB.AddPending(ctx, rows)
	if err != nil {
		t.Fatal(err)
	}
	var results []store.Result
	for i, state := range states {
		switch state {
		case store.Success:
			results = append(results, store.Result{ID: ids[i], State: store.Success, CZID: "/Customer/c" + string(rune('a'+i))})
		case store.Failed:
			results = append(results, store.Result{ID: ids[i], State: store.Failed, ErrorCode: "FIELD_INVALID",
				ErrorMessage: "Name is too long", ErrorClass: "permanent", Hint: "Shorten the name in Salesforce."})
		}
	}
	if err := e.DB.CommitBatch(ctx, results, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestEngine_RegistryRows(t *testing.T) {
	ctx := context.Background()
	e := openTestEngine(t)
	ids := seedRegistry(t, e, store.Success, store.Failed, store.Pending, store.Failed, store.Success)

	cases := []struct {
		name      string
		query     RegistryQuery
		limit     int
		wantIDs   []int64
		wantTotal int
	}{
		{"all newest first", RegistryQuery{}, 0, []int64{ids[4], ids[3], ids[2], ids[1], ids[0]}, 5},
		{"one state", RegistryQuery{States: []string{store.Failed}}, 0, []int64{ids[3], ids[1]}, 2},
		{"two states", RegistryQuery{States: []string{store.Pending, store.Failed}}, 0, []int64{ids[3], ids[2], ids[1]}, 3},
		{"two states with limit", RegistryQuery{States: []string{store.Success, store.Failed}}, 2, []int64{ids[4], ids[3]}, 4},
		{"repeated state", RegistryQuery{States: []string{store.Pending, store.Pending}}, 0, []int64{ids[2]}, 1},
		{"text", RegistryQuery{Text: "too long"}, 0, []int64{ids[3], ids[1]}, 2},
		{"object", RegistryQuery{Object: "Opportunity"}, 0, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, total, err := e.RegistryRows(ctx, c.query, c.limit)
			if err != nil {
				t.Fatalf("RegistryRows: %v", err)
			}
			var got []int64
			for _, r := range rows {
				got = append(got, r.ID)
			}
			if len(got) != len(c.wantIDs) {
				t.Fatalf("ids = %v, want %v", got, c.wantIDs)
			}
			for i := range got {
				if got[i] != c.wantIDs[i] {
					t.Errorf("ids = %v, want %v", got, c.wantIDs)
					break
				}
			}
			if total != c.wantTotal {
				t.Errorf("total = %d, want %d", total, c.wantTotal)
			}
		})
	}
}

func TestEngine_WriteRegistryCSV(t *testing.T) {
	ctx := context.Background()
	e := openTestEngine(t)
	seedRegistry(t, e, store.Success, store.Failed, store.Pending)

	var buf bytes.Buffer
	n, err := e.WriteRegistryCSV(ctx, &buf, RegistryQuery{States: []string{store.Failed, store.Pending}})
	if err != nil {
		t.Fatalf("WriteRegistryCSV: %v", err)
	}
	if n != 2 {
		t.Errorf("rows written = %d, want 2", n)
	}

	records, err := csv.NewReader(strings.NewReader(buf.String())).ReadAll()
	if err != nil {
		t.Fatalf("the output is not valid CSV: %v\n%s", err, buf.String())
	}
	if len(records) != 3 {
		t.Fatalf("records = %d, want a header and 2 rows", len(records))
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	for _, name := range []string{"id", "state", "mapping", "label", "error_message", "error_hint", "fields"} {
		if _, ok := col[name]; !ok {
			t.Errorf("header %v has no column %q", records[0], name)
		}
	}
	failed := records[2]
	if failed[col["state"]] != store.Failed {
		t.Errorf("second row state = %q, want the older Failed row", failed[col["state"]])
	}
	if failed[col["mapping"]] != "Account to Customer" {
		t.Errorf("mapping = %q, want the mapping's name", failed[col["mapping"]])
	}
	if failed[col["label"]] != "Acme B" {
		t.Errorf("label = %q, want the row's label", failed[col["label"]])
	}
	if failed[col["error_hint"]] != "Shorten the name in Salesforce." {
		t.Errorf("error_hint = %q", failed[col["error_hint"]])
	}
	var fields []store.FieldChange
	if err := json.Unmarshal([]byte(failed[col["fields"]]), &fields); err != nil {
		t.Fatalf("fields column is not JSON: %v", err)
	}
	if len(fields) != 1 || fields[0].After != "Acme, \"North\"\nbranch B" || fields[0].Before != nil {
		t.Errorf("fields = %+v, want the Name value with its comma, quotes and line break", fields)
	}
}
