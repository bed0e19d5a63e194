package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered .sql file; its number is the schema version the
// database has once it has run.
type migration struct {
	version int
	name    string
	sql     string
}

// SchemaTooNewError reports a database written by a newer build of Liaison.
type SchemaTooNewError struct {
	Path  string
	Found int // schema version in the file
	Known int // newest version this build can migrate to
}

func (e *SchemaTooNewError) Error() string {
	return fmt.Sprintf("database %s has schema version %d but this Liaison knows versions up to %d: "+
		"install the newer Liaison that wrote it, or choose another data folder with --data-dir",
		e.Path, e.Found, e.Known)
}

// loadMigrations reads the embedded migrations in version order. Files are
// named NNNN_description.sql and numbered from 1 without gaps.
func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration file %q: name must look like 0001_description.sql", name)
		}
		body, err := fs.ReadFile(migrationFiles, "migrations/"+name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		out = append(out, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d, the numbering has a gap or a duplicate", m.name, i+1)
		}
	}
	return out, nil
}

// LatestVersion returns the schema version this build migrates to.
func LatestVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate brings the schema to the latest version. All pending migrations
// run in one transaction, followed by a foreign key check, so a failure
// leaves the file exactly as it was.
func (db *DB) migrate(ctx context.Context) error {
	return db.migrateTo(ctx, -1)
}

// migrateTo migrates up to version target, or to the latest when target < 0.
// Tests use a target to build databases of older schema versions.
func (db *DB) migrateTo(ctx context.Context, target int) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	if target < 0 || target > len(ms) {
		target = len(ms)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var current int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
			return fmt.Errorf("read schema version of %s: %w", db.path, err)
		}
		if current > len(ms) {
			return &SchemaTooNewError{Path: db.path, Found: current, Known: len(ms)}
		}
		if current >= target {
			return nil
		}
		for _, m := range ms[current:target] {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("apply migration %s to %s: %w", m.name, db.path, err)
			}
		}
		if err := foreignKeyCheck(ctx, tx); err != nil {
			return fmt.Errorf("check %s after migrating to version %d: %w", db.path, target, err)
		}
		// PRAGMA takes no bound parameters; target is an int we computed.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", target)); err != nil {
			return fmt.Errorf("set schema version of %s: %w", db.path, err)
		}
		return nil
	})
}

// foreignKeyCheck fails when any row references a missing parent.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("table %s row %d references a missing %s row", table, rowid.Int64, parent)
	}
	return rows.Err()
}
