package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Link pairs a Salesforce record with a Clarizen entity under a mapping.
// Base is the JSON the plan package keeps as the last synced state; the
// stamps are each side's modification stamp right after Liaison's write.
type Link struct {
	ID           int64
	MappingID    string
	SFObject     string
	SFID         string
	CZConnection string
	CZType       string
	CZID         string
	Base         []byte
	SFStamp      string
	CZStamp      string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

const linkColumns = `id, mapping_id, sf_object, sf_id, cz_connection, cz_type, cz_id, base, sf_stamp, cz_stamp,
	created_at, updated_at`

func scanLink(s scanner) (Link, error) {
	var l Link
	var base, created, updated string
	err := s.Scan(&l.ID, &l.MappingID, &l.SFObject, &l.SFID, &l.CZConnection, &l.CZType, &l.CZID, &base,
		&l.SFStamp, &l.CZStamp, &created, &updated)
	l.Base = []byte(base)
	l.CreatedAt = parseTime(created)
	l.UpdatedAt = parseTime(updated)
	return l, err
}

func (db *DB) oneLink(ctx context.Context, where string, args ...any) (Link, bool, error) {
	l, err := scanLink(db.read.QueryRowContext(ctx, "SELECT "+linkColumns+" FROM links WHERE "+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Link{}, false, nil
	}
	if err != nil {
		return Link{}, false, fmt.Errorf("read link: %w", err)
	}
	return l, true, nil
}

// LinkBySalesforce finds the link of a Salesforce record under a mapping.
func (db *DB) LinkBySalesforce(ctx context.Context, mappingID, sfID string) (Link, bool, error) {
	return db.oneLink(ctx, "mapping_id = ? AND sf_id = ?", mappingID, sfID)
}

// LinkByClarizen finds the link of a Clarizen entity under a mapping.
func (db *DB) LinkByClarizen(ctx context.Context, mappingID, czConnection, czID string) (Link, bool, error) {
	return db.oneLink(ctx, "mapping_id = ? AND cz_connection = ? AND cz_id = ?", mappingID, czConnection, czID)
}

// Links returns every link of a mapping ordered by id.
func (db *DB) Links(ctx context.Context, mappingID string) ([]Link, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+linkColumns+" FROM links WHERE mapping_id = ? ORDER BY id", mappingID)
	if err != nil {
		return nil, fmt.Errorf("read links of mapping %s: %w", mappingID, err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		l, err := scanLink(rows)
		if err != nil {
			return nil, fmt.Errorf("read links of mapping %s: %w", mappingID, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// CountLinks returns how many links a mapping has.
func (db *DB) CountLinks(ctx context.Context, mappingID string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM links WHERE mapping_id = ?", mappingID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count links of mapping %s: %w", mappingID, err)
	}
	return n, nil
}

func upsertLink(ctx context.Context, tx *sql.Tx, l Link) (int64, error) {
	now := formatTime(time.Now())
	base := string(l.Base)
	if base == "" {
		base = "{}"
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO links
		(mapping_id, sf_object, sf_id, cz_connection, cz_type, cz_id, base, sf_stamp, cz_stamp, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (mapping_id, sf_id) DO UPDATE SET cz_connection = excluded.cz_connection,
			cz_type = excluded.cz_type, cz_id = excluded.cz_id, base = excluded.base,
			sf_stamp = excluded.sf_stamp, cz_stamp = excluded.cz_stamp, updated_at = excluded.updated_at
		RETURNING id`,
		l.MappingID, l.SFObject, l.SFID, l.CZConnection, l.CZType, l.CZID, base, l.SFStamp, l.CZStamp, now, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("save link %s %s ↔ %s %s under mapping %s: %w", l.SFObject, l.SFID, l.CZType, l.CZID, l.MappingID, err)
	}
	return id, nil
}

// SaveLink inserts a link or updates the one with the same mapping and
// Salesforce id, and returns its id.
func (db *DB) SaveLink(ctx context.Context, l Link) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = upsertLink(ctx, tx, l)
		return err
	})
	return id, err
}

// DeleteLink removes a link.
func (db *DB) DeleteLink(ctx context.Context, id int64) error {
	res, err := db.write.ExecContext(ctx, "DELETE FROM links WHERE id = ?", id)
	return checkOneRow(res, err, "link", fmt.Sprint(id))
}

// DeleteLinksOfConnection removes every link to a Clarizen connection or,
// with czConnection "salesforce", every link (all links have a Salesforce
// side). Used when a sandbox refresh resets links.
func (db *DB) DeleteLinksOfConnection(ctx context.Context, czConnection string) (int64, error) {
	var res sql.Result
	var err error
	if czConnection == "salesforce" {
		res, err = db.write.ExecContext(ctx, "DELETE FROM links")
	} else {
		res, err = db.write.ExecContext(ctx, "DELETE FROM links WHERE cz_connection = ?", czConnection)
	}
	if err != nil {
		return 0, fmt.Errorf("delete links of connection %s: %w", czConnection, err)
	}
	return res.RowsAffected()
}

// RelinkSalesforce points links of a mapping at new Salesforce ids and
// removes the links in drop, in one transaction. changes maps a link id to
// its new Salesforce id; the link's Salesforce stamp is cleared so the
// next run compares against the record it now names. Used when a sandbox
// refresh gave records new ids.
func (db *DB) RelinkSalesforce(ctx context.Context, mappingID string, changes map[int64]string, drop []int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(time.Now())
		// Drop first, so that a new id equal to a dropped link's id does not
		// collide with it on (mapping_id, sf_id).
		for _, id := range drop {
			if _, err := tx.ExecContext(ctx, "DELETE FROM links WHERE id = ? AND mapping_id = ?", id, mappingID); err != nil {
				return fmt.Errorf("drop link %d of mapping %s: %w", id, mappingID, err)
			}
		}
		// Two passes through a placeholder id, so that two links swapping
		// their Salesforce ids do not collide halfway.
		for id := range changes {
			if _, err := tx.ExecContext(ctx, "UPDATE links SET sf_id = ? WHERE id = ? AND mapping_id = ?",
				fmt.Sprintf("relink:%d", id), id, mappingID); err != nil {
				return fmt.Errorf("relink link %d of mapping %s: %w", id, mappingID, err)
			}
		}
		for id, sfID := range changes {
			res, err := tx.ExecContext(ctx, "UPDATE links SET sf_id = ?, sf_stamp = '', updated_at = ? WHERE id = ? AND mapping_id = ?",
				sfID, now, id, mappingID)
			if err := checkOneRow(res, err, "link", fmt.Sprint(id)); err != nil {
				return fmt.Errorf("relink to Salesforce id %s under mapping %s: %w", sfID, mappingID, err)
			}
		}
		return nil
	})
}
