package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Queries the sync engine (engine/syncer) needs beyond the registry and
// link basics.

// SetRegistryHints stores the fix each failed registry row suggests, keyed
// by row id, in one transaction.
func (db *DB) SetRegistryHints(ctx context.Context, hints map[int64]string) error {
	if len(hints) == 0 {
		return nil
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for id, h := range hints {
			if _, err := tx.ExecContext(ctx, "UPDATE registry SET error_hint = ? WHERE id = ?", h, id); err != nil {
				return fmt.Errorf("store hint of registry row %d: %w", id, err)
			}
		}
		return nil
	})
}

// RegistryHint returns the stored fix of a registry row, empty when none.
func (db *DB) RegistryHint(ctx context.Context, id int64) (string, error) {
	var h string
	err := db.read.QueryRowContext(ctx, "SELECT error_hint FROM registry WHERE id = ?", id).Scan(&h)
	if err == sql.ErrNoRows {
		return "", fmt.Errorf("registry row %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("read hint of registry row %d: %w", id, err)
	}
	return h, nil
}

// RecordFirings records that each of recordIDs fired eventID, in one
// transaction; records that had already fired are left as they are. It
// returns how many firings were new.
func (db *DB) RecordFirings(ctx context.Context, eventID string, recordIDs []string) (int, error) {
	added := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		stmt, err := tx.PrepareContext(ctx,
			"INSERT INTO event_fires (event_id, record_id, fired_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
		if err != nil {
			return fmt.Errorf("record firings of event %s: %w", eventID, err)
		}
		defer stmt.Close()
		for _, id := range recordIDs {
			res, err := stmt.ExecContext(ctx, eventID, id, now)
			if err != nil {
				return fmt.Errorf("record firing of event %s by %s: %w", eventID, id, err)
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		return nil
	})
	return added, err
}

// FiredRecords returns the records that already fired eventID, as a set.
func (db *DB) FiredRecords(ctx context.Context, eventID string) (map[string]bool, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT record_id FROM event_fires WHERE event_id = ?", eventID)
	if err != nil {
		return nil, fmt.Errorf("read firings of event %s: %w", eventID, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read firings of event %s: %w", eventID, err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// ForgetFiring removes one record's firing of an event, so that the record
// fires again the next time it matches (a registry retry of a failed
// event).
func (db *DB) ForgetFiring(ctx context.Context, eventID, recordID string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM event_fires WHERE event_id = ? AND record_id = ?", eventID, recordID)
	if err != nil {
		return fmt.Errorf("forget firing of event %s by %s: %w", eventID, recordID, err)
	}
	return nil
}
