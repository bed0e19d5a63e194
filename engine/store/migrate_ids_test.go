package store

import (
	"context"
	"path/filepath"
	"testing"
)

func TestOpen_ClearsIDsOfUnsentCreates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)

	// Build a database as version 8 of the schema wrote it.
	v8 := &DB{path: path}
	v8.write = mustRawWriter(t, path)
	if err := v8.migrateTo(ctx, 8); err != nil {
		t.Fatalf("migrate to version 8: %v", err)
	}
	rows := []struct {
		name, operation, target, state, czID string
		want                                 string
	}{
		{"failed create", "create", "clarizen", "Failed", "/Issue/lz75", ""},
		{"pending link", "link", "clarizen", "Pending", "/CustomerLink/lzf8", ""},
		{"created", "create", "clarizen", "Success", "/Issue/lz76", "/Issue/lz76"},
		{"failed update", "update", "clarizen", "Failed", "/Issue/lz77", "/Issue/lz77"},
		{"salesforce create keeps its source", "create", "salesforce", "Failed", "/Customer/xm67", "/Customer/xm67"},
	}
	for i, r := range rows {
		_, err := v8.write.ExecContext(ctx, `INSERT INTO registry (mapping_id, event_id, operation, target, state, sf_object, sf_id,
			cz_connection, cz_type, cz_id, idempotency_key, fields, attempts, created_at, updated_at)
			VALUES ('m1', '', ?, ?, ?, '', '', 'clarizen1', 'Issue', ?, ?, '[]', 1, '2026-12-04T00:00:00.000000000Z', '2026-12-04T00:00:00.000000000Z')`,
			r.operation, r.target, r.state, r.czID, "key-"+itoa(i))
		if err != nil {
			t.Fatal(err)
		}
	}
	v8.write.Close()

	db := mustOpen(t, path)
	got, _, err := db.Registry(ctx, RegistryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]RegistryRow{}
	for _, r := range got {
		byKey[r.IdempotencyKey] = r
	}
	for i, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			if id := byKey["key-"+itoa(i)].CZID; id != r.want {
				t.Errorf("Clarizen id after migration = %q, want %q", id, r.want)
			}
		})
	}
}
