package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Definition is a stored mapping or event: the indexed columns plus the
// model itself as JSON, which package mapping owns.
type Definition struct {
	ID                 string
	Name               string
	ClarizenConnection string
	// TriggeredBy is "salesforce" or "clarizen" for events, empty for mappings.
	TriggeredBy  string
	JSON         []byte
	Enabled      bool
	EnabledAt    time.Time // events only
	FireExisting bool      // events only
	State        string    // mappings only: "ok" or "needs_reauth"
	LastResult   string
	PackageItem  string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ErrNameTaken is returned when another mapping or event has the name.
var ErrNameTaken = errors.New("name already used")

// SaveMapping inserts or replaces a mapping definition.
func (db *DB) SaveMapping(ctx context.Context, d Definition) error {
	return saveMappingTx(ctx, db.write, d, formatTime(time.Now()))
}

// SaveEvent inserts or replaces an event definition.
func (db *DB) SaveEvent(ctx context.Context, d Definition) error {
	return saveEventTx(ctx, db.write, d, formatTime(time.Now()))
}

func definitionError(err error, kind string, d Definition) error {
	if err == nil {
		return nil
	}
	if isUniqueViolation(err, "name") {
		return fmt.Errorf("save %s %q: another mapping or event is called %q, choose another name: %w", kind, d.ID, d.Name, ErrNameTaken)
	}
	return fmt.Errorf("save %s %s: %w", kind, d.ID, err)
}

// Mappings returns every mapping ordered by name.
func (db *DB) Mappings(ctx context.Context) ([]Definition, error) {
	return db.definitions(ctx, `SELECT id, name, clarizen_connection, '', definition, enabled, '', 0, state,
		last_result, package_item, created_at, updated_at FROM mappings ORDER BY name`)
}

// Events returns every event ordered by name.
func (db *DB) Events(ctx context.Context) ([]Definition, error) {
	return db.definitions(ctx, `SELECT id, name, clarizen_connection, triggered_by, definition, enabled, enabled_at,
		fire_existing, '', last_result, package_item, created_at, updated_at FROM events ORDER BY name`)
}

// Mapping returns one mapping or ErrNotFound.
func (db *DB) Mapping(ctx context.Context, id string) (Definition, error) {
	ds, err := db.definitions(ctx, `SELECT id, name, clarizen_connection, '', definition, enabled, '', 0, state,
		last_result, package_item, created_at, updated_at FROM mappings WHERE id = ?`, id)
	if err != nil {
		return Definition{}, err
	}
	if len(ds) == 0 {
		return Definition{}, fmt.Errorf("mapping %s: %w", id, ErrNotFound)
	}
	return ds[0], nil
}

// Event returns one event or ErrNotFound.
func (db *DB) Event(ctx context.Context, id string) (Definition, error) {
	ds, err := db.definitions(ctx, `SELECT id, name, clarizen_connection, triggered_by, definition, enabled, enabled_at,
		fire_existing, '', last_result, package_item, created_at, updated_at FROM events WHERE id = ?`, id)
	if err != nil {
		return Definition{}, err
	}
	if len(ds) == 0 {
		return Definition{}, fmt.Errorf("event %s: %w", id, ErrNotFound)
	}
	return ds[0], nil
}

func (db *DB) definitions(ctx context.Context, query string, args ...any) ([]Definition, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read definitions: %w", err)
	}
	defer rows.Close()
	var out []Definition
	for rows.Next() {
		var d Definition
		var js, enabledAt, created, updated string
		if err := rows.Scan(&d.ID, &d.Name, &d.ClarizenConnection, &d.TriggeredBy, &js, &d.Enabled, &enabledAt,
			&d.FireExisting, &d.State, &d.LastResult, &d.PackageItem, &created, &updated); err != nil {
			return nil, fmt.Errorf("read definitions: %w", err)
		}
		d.JSON = []byte(js)
		d.EnabledAt = parseTime(enabledAt)
		d.CreatedAt = parseTime(created)
		d.UpdatedAt = parseTime(updated)
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeleteMapping removes a mapping and, through the foreign key, its links.
func (db *DB) DeleteMapping(ctx context.Context, id string) error {
	res, err := db.write.ExecContext(ctx, "DELETE FROM mappings WHERE id = ?", id)
	return checkOneRow(res, err, "mapping", id)
}

// DeleteEvent removes an event and its firing history.
func (db *DB) DeleteEvent(ctx context.Context, id string) error {
	res, err := db.write.ExecContext(ctx, "DELETE FROM events WHERE id = ?", id)
	return checkOneRow(res, err, "event", id)
}

// SetMappingState records a mapping's state ("ok", "needs_reauth").
func (db *DB) SetMappingState(ctx context.Context, id, state string) error {
	res, err := db.write.ExecContext(ctx, "UPDATE mappings SET state = ?, updated_at = ? WHERE id = ?",
		state, formatTime(time.Now()), id)
	return checkOneRow(res, err, "mapping", id)
}

// SetLastResult records the one-line outcome of a mapping's or event's
// last run, shown in the Mappings & Events list.
func (db *DB) SetLastResult(ctx context.Context, kind, id, result string) error {
	table := "mappings"
	if kind == "event" {
		table = "events"
	}
	res, err := db.write.ExecContext(ctx, "UPDATE "+table+" SET last_result = ? WHERE id = ?", result, id)
	return checkOneRow(res, err, kind, id)
}

// RecordFiring records that record recordID fired event eventID. It
// returns false when the record had already fired, so an event fires once
// per record.
func (db *DB) RecordFiring(ctx context.Context, eventID, recordID string) (bool, error) {
	res, err := db.write.ExecContext(ctx,
		"INSERT INTO event_fires (event_id, record_id, fired_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		eventID, recordID, formatTime(time.Now()))
	if err != nil {
		return false, fmt.Errorf("record firing of event %s by %s: %w", eventID, recordID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// HasFired reports whether recordID already fired eventID.
func (db *DB) HasFired(ctx context.Context, eventID, recordID string) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM event_fires WHERE event_id = ? AND record_id = ?",
		eventID, recordID).Scan(&n)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("read firings of event %s: %w", eventID, err)
	}
	return n > 0, nil
}

// ClearFirings forgets every firing of an event (used when it is re-enabled
// with "fire for records that already match").
func (db *DB) ClearFirings(ctx context.Context, eventID string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM event_fires WHERE event_id = ?", eventID)
	if err != nil {
		return fmt.Errorf("clear firings of event %s: %w", eventID, err)
	}
	return nil
}
