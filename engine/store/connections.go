package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned when a row looked up by id does not exist.
var ErrNotFound = errors.New("not found")

// Connection is the non-secret part of a connection to Salesforce or to a
// Clarizen instance.
type Connection struct {
	ID          string // "salesforce", "clarizen1", "clarizen2"
	System      string // "salesforce" or "clarizen"
	Environment string // "production", "sandbox" or "mydomain"
	LoginURL    string
	InstanceURL string
	AppURL      string
	AuthMethod  string // "oauth", "password" or "apikey"
	OrgID       string
	UserID      string
	Username    string
	IsSandbox   bool
	State       string
	StateDetail string
	APIUsed     int
	APIMax      int
	LastSynced  time.Time // zero when never synced
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

const connectionColumns = `id, system, environment, login_url, instance_url, app_url, auth_method,
	org_id, user_id, username, is_sandbox, state, state_detail, api_used, api_max,
	last_synced_at, created_at, updated_at`

// SaveConnection inserts c or replaces the row with the same id.
func (db *DB) SaveConnection(ctx context.Context, c Connection) error {
	now := time.Now().UTC()
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO connections (`+connectionColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET system = excluded.system, environment = excluded.environment,
			login_url = excluded.login_url, instance_url = excluded.instance_url, app_url = excluded.app_url,
			auth_method = excluded.auth_method, org_id = excluded.org_id, user_id = excluded.user_id,
			username = excluded.username, is_sandbox = excluded.is_sandbox, state = excluded.state,
			state_detail = excluded.state_detail, api_used = excluded.api_used, api_max = excluded.api_max,
			last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at`,
		c.ID, c.System, c.Environment, c.LoginURL, c.InstanceURL, c.AppURL, c.AuthMethod,
		c.OrgID, c.UserID, c.Username, c.IsSandbox, c.State, c.StateDetail, c.APIUsed, c.APIMax,
		formatTime(c.LastSynced), formatTime(c.CreatedAt), formatTime(now))
	if err != nil {
		return fmt.Errorf("save connection %s: %w", c.ID, err)
	}
	return nil
}

// Connection returns the connection with the given id, or ErrNotFound.
func (db *DB) Connection(ctx context.Context, id string) (Connection, error) {
	row := db.read.QueryRowContext(ctx, "SELECT "+connectionColumns+" FROM connections WHERE id = ?", id)
	c, err := scanConnection(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Connection{}, fmt.Errorf("connection %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Connection{}, fmt.Errorf("read connection %s: %w", id, err)
	}
	return c, nil
}

// Connections returns every connection ordered by id.
func (db *DB) Connections(ctx context.Context) ([]Connection, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+connectionColumns+" FROM connections ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read connections: %w", err)
	}
	defer rows.Close()
	var out []Connection
	for rows.Next() {
		c, err := scanConnection(rows)
		if err != nil {
			return nil, fmt.Errorf("read connections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetConnectionState records a connection's health and, when known, its
// Salesforce API usage.
func (db *DB) SetConnectionState(ctx context.Context, id, state, detail string) error {
	res, err := db.write.ExecContext(ctx,
		"UPDATE connections SET state = ?, state_detail = ?, updated_at = ? WHERE id = ?",
		state, detail, formatTime(time.Now()), id)
	return checkOneRow(res, err, "connection", id)
}

// SetAPIUsage records the daily API usage read from Sforce-Limit-Info.
func (db *DB) SetAPIUsage(ctx context.Context, id string, used, max int) error {
	res, err := db.write.ExecContext(ctx,
		"UPDATE connections SET api_used = ?, api_max = ?, updated_at = ? WHERE id = ?",
		used, max, formatTime(time.Now()), id)
	return checkOneRow(res, err, "connection", id)
}

// SetLastSynced records when a connection last took part in a finished run.
func (db *DB) SetLastSynced(ctx context.Context, id string, at time.Time) error {
	res, err := db.write.ExecContext(ctx,
		"UPDATE connections SET last_synced_at = ?, updated_at = ? WHERE id = ?",
		formatTime(at), formatTime(time.Now()), id)
	return checkOneRow(res, err, "connection", id)
}

// DeleteConnection removes the connection row. Its secrets are the
// caller's to delete from the keychain.
func (db *DB) DeleteConnection(ctx context.Context, id string) error {
	res, err := db.write.ExecContext(ctx, "DELETE FROM connections WHERE id = ?", id)
	return checkOneRow(res, err, "connection", id)
}

type scanner interface{ Scan(dest ...any) error }

func scanConnection(s scanner) (Connection, error) {
	var c Connection
	var lastSynced, created, updated string
	err := s.Scan(&c.ID, &c.System, &c.Environment, &c.LoginURL, &c.InstanceURL, &c.AppURL, &c.AuthMethod,
		&c.OrgID, &c.UserID, &c.Username, &c.IsSandbox, &c.State, &c.StateDetail, &c.APIUsed, &c.APIMax,
		&lastSynced, &created, &updated)
	if err != nil {
		return c, err
	}
	c.LastSynced = parseTime(lastSynced)
	c.CreatedAt = parseTime(created)
	c.UpdatedAt = parseTime(updated)
	return c, nil
}

func checkOneRow(res sql.Result, err error, kind, id string) error {
	if err != nil {
		return fmt.Errorf("update %s %s: %w", kind, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("update %s %s: %w", kind, id, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %s: %w", kind, id, ErrNotFound)
	}
	return nil
}

// timeLayout is RFC 3339 in UTC with all nine fractional digits. Its
// values have one width, so SQL compares and sorts them as text in time
// order. time.RFC3339Nano drops trailing zeros, and "12:00:00Z" would sort
// after "12:00:00.5Z". Migration 0007 rewrote older registry values.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// formatTime stores times in timeLayout; the zero time is stored as an
// empty string.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads a stored time: timeLayout, or any RFC 3339 value that
// older versions stored.
func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
