package syncer

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/liaison-sync/liaison/engine/store"
)

func TestRunner_CloseStaleRows(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, id := range []string{"covered", "paused", "other"} {
		if err := db.SaveMapping(ctx, store.Definition{ID: id, Name: "Mapping " + id, ClarizenConnection: "clarizen1",
			JSON: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.SaveLink(ctx, store.Link{MappingID: "covered", SFObject: "Account", SFID: "001M",
		CZConnection: "clarizen1", CZType: "Customer", CZID: "/Customer/m"}); err != nil {
		t.Fatal(err)
	}
	earlier, err := db.StartRun(ctx, "test", false)
	if err != nil {
		t.Fatal(err)
	}
	rows := []store.RegistryRow{
		{Operation: "update", MappingID: "covered", SFID: "001A", CZID: "/Customer/a", IdempotencyKey: "update read again"},
		{Operation: "update", MappingID: "covered", SFID: "001B", CZID: "/Customer/b", IdempotencyKey: "update not read"},
		{Operation: "delete", MappingID: "covered", SFID: "001C", IdempotencyKey: "delete not planned"},
		{Operation: "unlink", MappingID: "covered", SFID: "001D", IdempotencyKey: "unlink with a reason"},
		{Operation: "create", MappingID: "covered", SFID: "001E", IdempotencyKey: "create"},
		{Operation: "match", MappingID: "covered", SFID: "001M", CZConnection: "clarizen1", CZID: "/Customer/m", IdempotencyKey: "match linked"},
		{Operation: "match", MappingID: "covered", SFID: "001N", CZConnection: "clarizen1", CZID: "/Customer/n", IdempotencyKey: "match not linked"},
		{Operation: "link", MappingID: "covered", CZConnection: "clarizen1", CZID: "/CustomerLink/x", IdempotencyKey: "link unreadable"},
		{Operation: "post", MappingID: "covered", IdempotencyKey: "social post"},
		{Operation: "update", MappingID: "paused", SFID: "001P", IdempotencyKey: "paused mapping"},
		{Operation: "update", MappingID: "other", SFID: "001O", IdempotencyKey: "mapping not planned"},
	}
	for i := range rows {
		rows[i].RunID, rows[i].Target = earlier, "clarizen"
	}
	ids, err := db.AddPending(ctx, rows)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]int64{}
	for i, r := range rows {
		byKey[r.IdempotencyKey] = ids[i]
	}

	p := &Plan{mappingIDs: []string{"covered", "paused"}, pausedIDs: []string{"paused"},
		resynced: map[string]map[string]bool{}, notResumed: map[int64]string{
			byKey["unlink with a reason"]: "Account 001D is no longer linked under this mapping"}}
	p.noteResynced("covered", "001A", "/Customer/a")
	r, err := New(Options{Store: db, Clients: StaticClients{}})
	if err != nil {
		t.Fatal(err)
	}
	a := &applier{r: r, plan: p, runID: earlier + 1, reused: map[int64]bool{}, tally: newTally(),
		cz: map[string]ClarizenAPI{}, log: slog.New(slog.DiscardHandler)}
	if err := r.closeStaleRows(ctx, a); err != nil {
		t.Fatal(err)
	}

	want := []struct {
		key, state, code, message string
	}{
		{"update read again", store.Success, "", ""},
		{"update not read", store.Failed, CodeNotResumed, ""},
		{"delete not planned", store.Failed, CodeNotResumed, "a later run did not plan this delete again"},
		{"unlink with a reason", store.Failed, CodeNotResumed, "Account 001D is no longer linked under this mapping"},
		{"create", store.Failed, CodeNotResumed, ""},
		{"match linked", store.Success, "", ""},
		{"match not linked", store.Failed, CodeNotResumed, ""},
		{"link unreadable", store.Pending, "", ""},
		{"social post", store.Pending, "", ""},
		{"paused mapping", store.Pending, "", ""},
		{"mapping not planned", store.Pending, "", ""},
	}
	for _, w := range want {
		t.Run(w.key, func(t *testing.T) {
			row, err := db.RegistryRow(ctx, byKey[w.key])
			if err != nil {
				t.Fatal(err)
			}
			if row.State != w.state || row.ErrorCode != w.code {
				t.Errorf("row = %s %s, want %s %s", row.State, row.ErrorCode, w.state, w.code)
			}
			if w.message != "" && row.ErrorMessage != w.message {
				t.Errorf("message = %q, want %q", row.ErrorMessage, w.message)
			}
			if row.State == store.Failed && row.Hint == "" {
				t.Error("a failed row has no hint")
			}
		})
	}
}
