package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Registry states.
const (
	Pending = "Pending"
	Success = "Success"
	Failed  = "Failed"
)

// FieldChange is one field written by an operation, with its value before
// and after.
type FieldChange struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
	// Conflict holds the losing side's value when both sides changed the
	// field since the last sync.
	Conflict any `json:"conflict,omitempty"`
}

// RegistryRow is one operation of a run in the sync registry.
type RegistryRow struct {
	ID             int64
	RunID          int64
	MappingID      string
	EventID        string
	Operation      string // create, update, delete, link, post
	Target         string // salesforce or clarizen
	State          string
	SFObject       string
	SFID           string
	CZConnection   string
	CZType         string
	CZID           string
	IdempotencyKey string
	// Label is the record's readable name (a Name, Title or Subject, or
	// both names of a pair), empty when the writer knew none.
	Label        string
	Fields       []FieldChange
	ErrorCode    string
	ErrorMessage string
	ErrorClass   string
	// Hint is the fix a failed row suggests: which object, field or
	// setting to look at.
	Hint      string
	Attempts  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Result is the outcome of one registry row's remote call.
type Result struct {
	ID           int64
	State        string // Success or Failed
	SFID         string // filled in when a create returned an id
	CZID         string
	ErrorCode    string
	ErrorMessage string
	ErrorClass   string
	Hint         string
}

// Watermark is how far a scope's change detection has read.
type Watermark struct {
	Scope string
	Value string
}

// AddPending writes rows as Pending in one transaction, before their
// remote calls, and returns their ids in order.
func (db *DB) AddPending(ctx context.Context, rows []RegistryRow) ([]int64, error) {
	ids := make([]int64, len(rows))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		for i, r := range rows {
			fields, err := json.Marshal(nonNil(r.Fields))
			if err != nil {
				return fmt.Errorf("encode fields of %s %s: %w", r.Operation, r.IdempotencyKey, err)
			}
			err = tx.QueryRowContext(ctx, `INSERT INTO registry
				(run_id, mapping_id, event_id, operation, target, state, sf_object, sf_id, cz_connection, cz_type,
				 cz_id, idempotency_key, label, fields, attempts, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 'Pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				nullID(r.RunID), r.MappingID, r.EventID, r.Operation, r.Target, r.SFObject, r.SFID, r.CZConnection,
				r.CZType, r.CZID, r.IdempotencyKey, r.Label, string(fields), r.Attempts, now, now).Scan(&ids[i])
			if err != nil {
				return fmt.Errorf("add pending %s on %s: %w", r.Operation, r.Target, err)
			}
		}
		return nil
	})
	return ids, err
}

// CommitBatch records a batch's outcome in one transaction: the registry
// rows' states, the links created or updated, links removed, and the
// watermarks the batch lets advance. Either all of it is written or none.
func (db *DB) CommitBatch(ctx context.Context, results []Result, links []Link, dropLinks []int64, marks []Watermark) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		for _, r := range results {
			_, err := tx.ExecContext(ctx, `UPDATE registry SET state = ?,
				sf_id = CASE WHEN ? <> '' THEN ? ELSE sf_id END,
				cz_id = CASE WHEN ? <> '' THEN ? ELSE cz_id END,
				error_code = ?, error_message = ?, error_class = ?, error_hint = ?, attempts = attempts + 1,
				updated_at = ? WHERE id = ?`,
				r.State, r.SFID, r.SFID, r.CZID, r.CZID, r.ErrorCode, r.ErrorMessage, r.ErrorClass, r.Hint, now, r.ID)
			if err != nil {
				return fmt.Errorf("record result of registry row %d: %w", r.ID, err)
			}
		}
		for _, l := range links {
			if _, err := upsertLink(ctx, tx, l); err != nil {
				return err
			}
		}
		for _, id := range dropLinks {
			if _, err := tx.ExecContext(ctx, "DELETE FROM links WHERE id = ?", id); err != nil {
				return fmt.Errorf("drop link %d: %w", id, err)
			}
		}
		for _, m := range marks {
			if err := setWatermark(ctx, tx, m, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// RegistryFilter selects registry rows. Empty fields match everything.
type RegistryFilter struct {
	State     string
	MappingID string
	Object    string // Salesforce object or Clarizen type
	Since     time.Time
	Until     time.Time
	Text      string // matched against ids, error text and field values
	RunID     int64
	Limit     int // 0 means no limit
	Offset    int
}

// Registry returns the rows matching f, newest first, and how many match
// in all.
func (db *DB) Registry(ctx context.Context, f RegistryFilter) ([]RegistryRow, int, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.State != "" {
		add("state = ?", f.State)
	}
	if f.MappingID != "" {
		add("mapping_id = ?", f.MappingID)
	}
	if f.Object != "" {
		add("(sf_object = ? OR cz_type = ?)", f.Object, f.Object)
	}
	if !f.Since.IsZero() {
		add("updated_at >= ?", formatTime(f.Since))
	}
	if !f.Until.IsZero() {
		add("updated_at < ?", formatTime(f.Until))
	}
	if f.RunID != 0 {
		add("run_id = ?", f.RunID)
	}
	if f.Text != "" {
		like := "%" + escapeLike(f.Text) + "%"
		add(`(sf_id LIKE ? ESCAPE '\' OR cz_id LIKE ? ESCAPE '\' OR error_message LIKE ? ESCAPE '\'
			OR fields LIKE ? ESCAPE '\' OR idempotency_key LIKE ? ESCAPE '\' OR label LIKE ? ESCAPE '\')`,
			like, like, like, like, like, like)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM registry"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count registry rows: %w", err)
	}
	q := "SELECT " + registryColumns + " FROM registry" + cond + " ORDER BY id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("read registry: %w", err)
	}
	defer rows.Close()
	var out []RegistryRow
	for rows.Next() {
		r, err := scanRegistry(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("read registry: %w", err)
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// RegistryRow returns one registry row or ErrNotFound.
func (db *DB) RegistryRow(ctx context.Context, id int64) (RegistryRow, error) {
	r, err := scanRegistry(db.read.QueryRowContext(ctx, "SELECT "+registryColumns+" FROM registry WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("registry row %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read registry row %d: %w", id, err)
	}
	return r, nil
}

const registryColumns = `id, coalesce(run_id, 0), mapping_id, event_id, operation, target, state, sf_object, sf_id,
	cz_connection, cz_type, cz_id, idempotency_key, label, fields, error_code, error_message, error_class, error_hint,
	attempts, created_at, updated_at`

func scanRegistry(s scanner) (RegistryRow, error) {
	var r RegistryRow
	var fields, created, updated string
	err := s.Scan(&r.ID, &r.RunID, &r.MappingID, &r.EventID, &r.Operation, &r.Target, &r.State,
		&r.SFObject, &r.SFID, &r.CZConnection, &r.CZType, &r.CZID, &r.IdempotencyKey, &r.Label, &fields,
		&r.ErrorCode, &r.ErrorMessage, &r.ErrorClass, &r.Hint, &r.Attempts, &created, &updated)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(fields), &r.Fields); err != nil {
		return r, fmt.Errorf("decode fields of registry row %d: %w", r.ID, err)
	}
	r.CreatedAt = parseTime(created)
	r.UpdatedAt = parseTime(updated)
	return r, nil
}

// PendingByKey returns the newest Pending or Failed row with the given
// idempotency key, so a rerun can find an operation a crash interrupted.
func (db *DB) PendingByKey(ctx context.Context, key string) (RegistryRow, bool, error) {
	var id int64
	err := db.read.QueryRowContext(ctx,
		"SELECT id FROM registry WHERE idempotency_key = ? AND state <> 'Success' ORDER BY id DESC LIMIT 1", key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return RegistryRow{}, false, nil
	}
	if err != nil {
		return RegistryRow{}, false, fmt.Errorf("find registry row with key %s: %w", key, err)
	}
	r, err := db.RegistryRow(ctx, id)
	return r, err == nil, err
}

func setWatermark(ctx context.Context, tx *sql.Tx, m Watermark, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO watermarks (scope, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (scope) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		m.Scope, m.Value, now)
	if err != nil {
		return fmt.Errorf("advance watermark %s to %s: %w", m.Scope, m.Value, err)
	}
	return nil
}

// Watermark returns a scope's watermark, empty when none was stored.
func (db *DB) Watermark(ctx context.Context, scope string) (string, error) {
	var v string
	err := db.read.QueryRowContext(ctx, "SELECT value FROM watermarks WHERE scope = ?", scope).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read watermark %s: %w", scope, err)
	}
	return v, nil
}

// SetWatermarks stores watermarks in one transaction.
func (db *DB) SetWatermarks(ctx context.Context, marks ...Watermark) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		for _, m := range marks {
			if err := setWatermark(ctx, tx, m, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// Run is one sync run.
type Run struct {
	ID         int64
	Trigger    string
	DryRun     bool
	Status     string
	Summary    []byte // JSON, owned by the sync package
	StartedAt  time.Time
	FinishedAt time.Time
}

// StartRun records a new run as running and returns its id.
func (db *DB) StartRun(ctx context.Context, trigger string, dryRun bool) (int64, error) {
	var id int64
	err := db.write.QueryRowContext(ctx,
		"INSERT INTO runs (trigger, dry_run, status, started_at) VALUES (?, ?, 'running', ?) RETURNING id",
		trigger, dryRun, formatTime(time.Now())).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	return id, nil
}

// FinishRun records a run's final status and summary.
func (db *DB) FinishRun(ctx context.Context, id int64, status string, summary []byte) error {
	res, err := db.write.ExecContext(ctx, "UPDATE runs SET status = ?, summary = ?, finished_at = ? WHERE id = ?",
		status, string(summary), formatTime(time.Now()), id)
	return checkOneRow(res, err, "run", fmt.Sprint(id))
}

// Runs returns the latest runs, newest first.
func (db *DB) Runs(ctx context.Context, limit int) ([]Run, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, trigger, dry_run, status, summary, started_at, finished_at
		FROM runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var summary, started, finished string
		if err := rows.Scan(&r.ID, &r.Trigger, &r.DryRun, &r.Status, &summary, &started, &finished); err != nil {
			return nil, fmt.Errorf("read runs: %w", err)
		}
		r.Summary = []byte(summary)
		r.StartedAt = parseTime(started)
		r.FinishedAt = parseTime(finished)
		out = append(out, r)
	}
	return out, rows.Err()
}

func nonNil(f []FieldChange) []FieldChange {
	if f == nil {
		return []FieldChange{}
	}
	return f
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// escapeLike escapes SQLite LIKE wildcards so that text matches literally.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
