package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns the stored value of key and whether it was set.
func (db *DB) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.read.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores value under key, replacing any earlier value.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	_, err := db.write.ExecContext(ctx,
		"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		key, value)
	if err != nil {
		return fmt.Errorf("write setting %s: %w", key, err)
	}
	return nil
}

// Settings returns every stored setting.
func (db *DB) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read settings: %w", err)
		}
		out[k] = v
	}
	return out, rows.Err()
}
