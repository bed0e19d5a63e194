package store

import (
	"context"
	"path/filepath"
	"testing"
)

func TestRegistry_Label(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, filepath.Join(t.TempDir(), FileName))
	saveTestMapping(t, db, "m1")
	run, err := db.StartRun(ctx, "manual", false)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := db.AddPending(ctx, []RegistryRow{
		{RunID: run, MappingID: "m1", Operation: "create", Target: "clarizen", SFObject: "Case", SFID: "500A",
			CZType: "Issue", IdempotencyKey: "m1:500A", Label: "00001001 – Charger overheating"},
		{RunID: run, MappingID: "m1", Operation: "create", Target: "clarizen", SFObject: "Case", SFID: "500B",
			CZType: "Issue", IdempotencyKey: "m1:500B"},
	})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		read func() (RegistryRow, error)
		want string
	}{
		{"one row", func() (RegistryRow, error) { return db.RegistryRow(ctx, ids[0]) }, "00001001 – Charger overheating"},
		{"row without label", func() (RegistryRow, error) { return db.RegistryRow(ctx, ids[1]) }, ""},
		{"text filter finds the label", func() (RegistryRow, error) {
			rows, total, err := db.Registry(ctx, RegistryFilter{Text: "charger"})
			if err != nil || total != 1 {
				t.Fatalf("rows matching the label = %d, %v; want 1", total, err)
			}
			return rows[0], nil
		}, "00001001 – Charger overheating"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.read()
			if err != nil {
				t.Fatal(err)
			}
			if r.Label != tt.want {
				t.Errorf("label = %q, want %q", r.Label, tt.want)
			}
		})
	}
}
