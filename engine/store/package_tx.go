package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PackageWrite is the set of rows one best-practices package upgrade stores.
type PackageWrite struct {
	Mappings []Definition
	Events   []Definition
	// Settings are stored with the definitions, such as the installed
	// package version that the next upgrade compares against.
	Settings map[string]string
}

// SavePackage writes every mapping and event definition of w and its
// settings in one transaction, so that an upgrade is stored whole or not at
// all. A failure leaves the definitions and the installed version as they
// were, and the error is that of SaveMapping or SaveEvent (ErrNameTaken for
// a name another definition took).
func (db *DB) SavePackage(ctx context.Context, w PackageWrite) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		for _, d := range w.Mappings {
			if err := saveMappingTx(ctx, tx, d, now); err != nil {
				return err
			}
		}
		for _, d := range w.Events {
			if err := saveEventTx(ctx, tx, d, now); err != nil {
				return err
			}
		}
		for key, value := range w.Settings {
			_, err := tx.ExecContext(ctx,
				"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
				key, value)
			if err != nil {
				return fmt.Errorf("write setting %s: %w", key, err)
			}
		}
		return nil
	})
}

// execer is what the save statements need of a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// saveMappingTx is SaveMapping through tx, which is the write pool or a
// transaction.
func saveMappingTx(ctx context.Context, tx execer, d Definition, now string) error {
	created := formatTime(d.CreatedAt)
	if created == "" {
		created = now
	}
	state := d.State
	if state == "" {
		state = "ok"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO mappings
		(id, name, clarizen_connection, definition, enabled, state, last_result, package_item, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, clarizen_connection = excluded.clarizen_connection,
			definition = excluded.definition, enabled = excluded.enabled, state = excluded.state,
			last_result = excluded.last_result, package_item = excluded.package_item, updated_at = excluded.updated_at`,
		d.ID, d.Name, d.ClarizenConnection, string(d.JSON), d.Enabled, state, d.LastResult, d.PackageItem, created, now)
	return definitionError(err, "mapping", d)
}

// saveEventTx is SaveEvent through tx, which is the write pool or a
// transaction.
func saveEventTx(ctx context.Context, tx execer, d Definition, now string) error {
	created := formatTime(d.CreatedAt)
	if created == "" {
		created = now
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events
		(id, name, triggered_by, clarizen_connection, definition, enabled, enabled_at, fire_existing,
		 last_result, package_item, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, clarizen_connection = excluded.clarizen_connection,
			definition = excluded.definition, enabled = excluded.enabled, enabled_at = excluded.enabled_at,
			fire_existing = excluded.fire_existing, last_result = excluded.last_result,
			package_item = excluded.package_item, updated_at = excluded.updated_at`,
		d.ID, d.Name, d.TriggeredBy, d.ClarizenConnection, string(d.JSON), d.Enabled, formatTime(d.EnabledAt),
		d.FireExisting, d.LastResult, d.PackageItem, created, now)
	return definitionError(err, "event", d)
}
