package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Registry lookups by key for the writers outside the sync runner: the
// user pairing of the best-practices package and the social sync.

// PendingOnce records row as Pending before its remote call and returns
// its id. When an earlier attempt left a row with the same idempotency key
// Pending or Failed, that row becomes Pending again with row's fields and
// no new row is added. So an operation that keeps failing has one row,
// however often it is tried. row.IdempotencyKey must not be empty.
func (db *DB) PendingOnce(ctx context.Context, row RegistryRow) (int64, error) {
	if row.IdempotencyKey == "" {
		return 0, fmt.Errorf("add pending %s on %s: missing idempotency key", row.Operation, row.Target)
	}
	earlier, found, err := db.PendingByKey(ctx, row.IdempotencyKey)
	if err != nil {
		return 0, err
	}
	if found {
		if err := db.ReuseRegistryRows(ctx, row.RunID, map[int64][]FieldChange{earlier.ID: row.Fields}); err != nil {
			return 0, err
		}
		return earlier.ID, nil
	}
	ids, err := db.AddPending(ctx, []RegistryRow{row})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// postRowsChunk bounds the ids of one IN list, far below SQLite's limit on
// bound parameters (32766 since 3.32).
const postRowsChunk = 500

// PostRows returns the registry rows of social copies (operation "post")
// of a mapping whose Salesforce id is one of sfIDs or whose idempotency key
// is one of keys, oldest first. The social sync reads the rows of one
// record's posts this way instead of every post row of the mapping.
func (db *DB) PostRows(ctx context.Context, mappingID string, sfIDs, keys []string) ([]RegistryRow, error) {
	seen := map[int64]bool{}
	var out []RegistryRow
	for _, lookup := range []struct {
		column string
		values []string
	}{{"sf_id", sfIDs}, {"idempotency_key", keys}} {
		for start := 0; start < len(lookup.values); start += postRowsChunk {
			chunk := lookup.values[start:min(start+postRowsChunk, len(lookup.values))]
			rows, err := db.postRows(ctx, mappingID, lookup.column, chunk)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				if !seen[r.ID] {
					seen[r.ID] = true
					out = append(out, r)
				}
			}
		}
	}
	sortByID(out)
	return out, nil
}

func (db *DB) postRows(ctx context.Context, mappingID, column string, values []string) ([]RegistryRow, error) {
	args := make([]any, 0, len(values)+1)
	args = append(args, mappingID)
	for _, v := range values {
		args = append(args, v)
	}
	q := "SELECT " + registryColumns + " FROM registry WHERE " + postRowsWhere(column, len(values))
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read post rows of mapping %s: %w", mappingID, err)
	}
	defer rows.Close()
	var out []RegistryRow
	for rows.Next() {
		r, err := scanRegistry(rows)
		if err != nil {
			return nil, fmt.Errorf("read post rows of mapping %s: %w", mappingID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// postRowsWhere returns the condition of postRows for n values of column
// (sf_id or idempotency_key), with the mapping id as the first argument.
func postRowsWhere(column string, n int) string {
	marks := strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
	// The unary plus keeps SQLite from reading the keys through the
	// (mapping_id, sf_id) index, which would scan every row of the
	// mapping, instead of through registry_by_key.
	mappingTerm := "mapping_id = ?"
	if column == "idempotency_key" {
		mappingTerm = "+mapping_id = ?"
	}
	return mappingTerm + " AND operation = 'post' AND " + column + " IN (" + marks + ")"
}

func sortByID(rows []RegistryRow) {
	slices.SortFunc(rows, func(a, b RegistryRow) int { return cmp.Compare(a.ID, b.ID) })
}
