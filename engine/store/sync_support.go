package store

import (
	"context"
	"database/sql"
	"encoding/json"
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

// RegistrySource is the record behind a registry row's operation.
type RegistrySource struct {
	RegistryID int64
	Side       string // "salesforce" or "clarizen"
	Connection string
	Object     string
	RecordID   string
}

// SetRegistrySources stores the source record of each row, replacing an
// earlier one, in one transaction.
func (db *DB) SetRegistrySources(ctx context.Context, sources []RegistrySource) error {
	if len(sources) == 0 {
		return nil
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO registry_sources (registry_id, side, connection, object, record_id)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (registry_id) DO UPDATE SET side = excluded.side,
			connection = excluded.connection, object = excluded.object, record_id = excluded.record_id`)
		if err != nil {
			return fmt.Errorf("store registry sources: %w", err)
		}
		defer stmt.Close()
		for _, s := range sources {
			if _, err := stmt.ExecContext(ctx, s.RegistryID, s.Side, s.Connection, s.Object, s.RecordID); err != nil {
				return fmt.Errorf("store source of registry row %d: %w", s.RegistryID, err)
			}
		}
		return nil
	})
}

// PendingSource is a Pending registry row with its source record.
type PendingSource struct {
	RegistrySource
	MappingID string
	EventID   string
	Operation string
	RunID     int64
}

// PendingSources returns the Pending rows that have a source record, oldest
// first.
func (db *DB) PendingSources(ctx context.Context) ([]PendingSource, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT s.registry_id, s.side, s.connection, s.object, s.record_id,
		r.mapping_id, r.event_id, r.operation, coalesce(r.run_id, 0)
		FROM registry_sources s JOIN registry r ON r.id = s.registry_id
		WHERE r.state = 'Pending' ORDER BY s.registry_id`)
	if err != nil {
		return nil, fmt.Errorf("read pending registry sources: %w", err)
	}
	defer rows.Close()
	var out []PendingSource
	for rows.Next() {
		var p PendingSource
		if err := rows.Scan(&p.RegistryID, &p.Side, &p.Connection, &p.Object, &p.RecordID,
			&p.MappingID, &p.EventID, &p.Operation, &p.RunID); err != nil {
			return nil, fmt.Errorf("read pending registry sources: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// RegistrySourceOf returns the source record of a registry row, and false
// when none was stored.
func (db *DB) RegistrySourceOf(ctx context.Context, id int64) (RegistrySource, bool, error) {
	s := RegistrySource{RegistryID: id}
	err := db.read.QueryRowContext(ctx, "SELECT side, connection, object, record_id FROM registry_sources WHERE registry_id = ?", id).
		Scan(&s.Side, &s.Connection, &s.Object, &s.RecordID)
	if err == sql.ErrNoRows {
		return s, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("read source of registry row %d: %w", id, err)
	}
	return s, true, nil
}

// RequeueRows sets Failed registry rows back to Pending, clearing their
// error, so that the next run plans them again. Rows in another state are
// left as they are. It returns how many rows it changed.
func (db *DB) RequeueRows(ctx context.Context, ids []int64) (int, error) {
	changed := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE registry SET state = 'Pending', error_code = '', error_message = '',
				error_class = '', error_hint = '', updated_at = ? WHERE id = ? AND state = 'Failed'`, now, id)
			if err != nil {
				return fmt.Errorf("requeue registry row %d: %w", id, err)
			}
			n, _ := res.RowsAffected()
			changed += int(n)
		}
		return nil
	})
	return changed, err
}

// ReuseRegistryRows hands rows an earlier run left Pending or Failed to a
// new run's operations with the same idempotency keys: each row gets the
// new run id and the fields its operation writes now, and becomes Pending.
func (db *DB) ReuseRegistryRows(ctx context.Context, runID int64, fields map[int64][]FieldChange) error {
	if len(fields) == 0 {
		return nil
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		for id, f := range fields {
			data, err := json.Marshal(nonNil(f))
			if err != nil {
				return fmt.Errorf("encode fields of registry row %d: %w", id, err)
			}
			_, err = tx.ExecContext(ctx, `UPDATE registry SET run_id = ?, fields = ?, state = 'Pending', updated_at = ?
				WHERE id = ?`, nullID(runID), string(data), now, id)
			if err != nil {
				return fmt.Errorf("reuse registry row %d: %w", id, err)
			}
		}
		return nil
	})
}
