package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Writes of the sync engine and the workspace that must land together.

// Mapping states as stored in mappings.state.
const (
	// MappingOK is the state of a mapping whose connections are usable.
	MappingOK = "ok"
	// MappingNeedsReauth is the state of a mapping paused because a login
	// of one of its connections was refused.
	MappingNeedsReauth = "needs_reauth"
)

// EventEnable is the set of writes that enable an event.
type EventEnable struct {
	EventID string
	// JSON is the event's definition as enabled.
	JSON         []byte
	EnabledAt    time.Time
	FireExisting bool
	// Fired lists the records recorded as fired, so that only records
	// that start to match later fire. ClearFirings deletes every earlier
	// firing instead, so that every record that matches fires.
	Fired        []string
	ClearFirings bool
	// Watermark is the start of the event's change detection. An empty
	// Value makes the next run read every matching record.
	Watermark Watermark
}

// EnableEvent records an enable of an existing event in one transaction:
// its firings, its watermark and the event itself. A failure leaves all
// three as they were, so no event stays disabled with firings recorded
// for an enable that never happened.
func (db *DB) EnableEvent(ctx context.Context, e EventEnable) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		if e.ClearFirings {
			if _, err := tx.ExecContext(ctx, "DELETE FROM event_fires WHERE event_id = ?", e.EventID); err != nil {
				return fmt.Errorf("clear firings of event %s: %w", e.EventID, err)
			}
		}
		if len(e.Fired) > 0 {
			stmt, err := tx.PrepareContext(ctx,
				"INSERT INTO event_fires (event_id, record_id, fired_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			if err != nil {
				return fmt.Errorf("record firings of event %s: %w", e.EventID, err)
			}
			defer stmt.Close()
			for _, id := range e.Fired {
				if _, err := stmt.ExecContext(ctx, e.EventID, id, now); err != nil {
					return fmt.Errorf("record firing of event %s by %s: %w", e.EventID, id, err)
				}
			}
		}
		if err := setWatermark(ctx, tx, e.Watermark, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE events SET definition = ?, enabled = 1, enabled_at = ?, fire_existing = ?,
			updated_at = ? WHERE id = ?`, string(e.JSON), formatTime(e.EnabledAt), e.FireExisting, now, e.EventID)
		return checkOneRow(res, err, "event", e.EventID)
	})
}

// idChunk bounds the ids of one IN list, far below SQLite's limit on bound
// parameters (32766 since 3.32).
const idChunk = 500

// LinksByClarizenIDs returns the links of a mapping to a Clarizen
// connection whose Clarizen id is one of czIDs, compared without regard to
// case (Clarizen ids are ASCII).
func (db *DB) LinksByClarizenIDs(ctx context.Context, mappingID, czConnection string, czIDs []string) ([]Link, error) {
	var out []Link
	for start := 0; start < len(czIDs); start += idChunk {
		chunk := czIDs[start:min(start+idChunk, len(czIDs))]
		args := []any{mappingID, czConnection}
		marks := make([]string, len(chunk))
		for i, id := range chunk {
			marks[i] = "lower(?)"
			args = append(args, id)
		}
		rows, err := db.read.QueryContext(ctx, "SELECT "+linkColumns+` FROM links
			WHERE mapping_id = ? AND cz_connection = ? AND lower(cz_id) IN (`+strings.Join(marks, ", ")+")", args...)
		if err != nil {
			return nil, fmt.Errorf("read links of mapping %s by clarizen id: %w", mappingID, err)
		}
		for rows.Next() {
			l, err := scanLink(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read links of mapping %s by clarizen id: %w", mappingID, err)
			}
			out = append(out, l)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read links of mapping %s by clarizen id: %w", mappingID, err)
		}
	}
	return out, nil
}

// FiredAmong returns which of recordIDs already fired eventID, as a set. A
// run looks up the records it read instead of every record that ever fired
// the event.
func (db *DB) FiredAmong(ctx context.Context, eventID string, recordIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(recordIDs); start += idChunk {
		chunk := recordIDs[start:min(start+idChunk, len(recordIDs))]
		args := []any{eventID}
		marks := make([]string, len(chunk))
		for i, id := range chunk {
			marks[i] = "?"
			args = append(args, id)
		}
		rows, err := db.read.QueryContext(ctx, "SELECT record_id FROM event_fires WHERE event_id = ? AND record_id IN ("+
			strings.Join(marks, ", ")+")", args...)
		if err != nil {
			return nil, fmt.Errorf("read firings of event %s: %w", eventID, err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read firings of event %s: %w", eventID, err)
			}
			out[id] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read firings of event %s: %w", eventID, err)
		}
	}
	return out, nil
}

// DeleteSetting removes a setting; a missing one is no error.
func (db *DB) DeleteSetting(ctx context.Context, key string) error {
	if _, err := db.write.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", key); err != nil {
		return fmt.Errorf("delete setting %s: %w", key, err)
	}
	return nil
}
