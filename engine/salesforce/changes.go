package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// How far back getUpdated and getDeleted reach, counted from the call.
const (
	UpdatedWindow = 30 * 24 * time.Hour
	DeletedWindow = 15 * 24 * time.Hour
)

// maxWindowSplits bounds how often a window that hit EXCEEDED_ID_LIMIT
// (more than 600,000 ids) is halved.
const maxWindowSplits = 8

// ErrReconcileByIDs matches a *WindowError: the change feed cannot cover
// the requested window, so the sync engine must compare full id lists
// (queryAll with IsDeleted, and the live ids) instead.
var ErrReconcileByIDs = errors.New("change window unavailable; reconcile by ids")

// WindowError is a getUpdated or getDeleted window the API cannot serve,
// with the reason.
type WindowError struct {
	Op     string // "get updated" or "get deleted"
	Object string
	Start  time.Time
	// Reason is "older than 30 days", "older than 15 days", "delete log
	// purged", or the server's message.
	Reason string
	Err    error
}

func (e *WindowError) Error() string {
	return fmt.Sprintf("%s %s since %s: %s; reconcile by ids instead", e.Op, e.Object, FormatDateTime(e.Start), e.Reason)
}

func (e *WindowError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrReconcileByIDs) true.
func (e *WindowError) Is(target error) bool { return target == ErrReconcileByIDs }

// Updated lists records created or changed in a window.
type Updated struct {
	IDs []string
	// LatestDateCovered is the start of the next window. It can be earlier
	// than the requested end while long transactions are still open.
	LatestDateCovered time.Time
}

// Deleted lists records deleted in a window.
type Deleted struct {
	Records               []DeletedRecord
	EarliestDateAvailable time.Time
	// LatestDateCovered is the start of the next window.
	LatestDateCovered time.Time
}

// DeletedRecord is one deletion.
type DeletedRecord struct {
	ID          string
	DeletedDate time.Time
}

// GetUpdated returns the ids of object records created or changed between
// start and end (by SystemModstamp). A start older than 30 days returns a
// *WindowError. A window of one minute or less is not sent, because the
// API rejects it. It yields no ids and leaves the next start at start.
func (c *Client) GetUpdated(ctx context.Context, object string, start, end time.Time) (Updated, error) {
	if err := c.checkWindow("get updated", object, start, UpdatedWindow, "older than 30 days"); err != nil {
		return Updated{}, err
	}
	if !end.After(start.Add(time.Minute)) {
		return Updated{LatestDateCovered: start}, nil
	}
	return c.getUpdated(ctx, object, start, end, 0)
}

func (c *Client) getUpdated(ctx context.Context, object string, start, end time.Time, depth int) (Updated, error) {
	var raw api.Updated
	err := c.getJSON(ctx, windowCall("get updated", object, "updated", start, end), &raw)
	if HasCode(err, "EXCEEDED_ID_LIMIT") && depth < maxWindowSplits {
		mid := start.Add(end.Sub(start) / 2).Truncate(time.Second)
		first, err := c.getUpdated(ctx, object, start, mid, depth+1)
		if err != nil {
			return Updated{}, err
		}
		second, err := c.getUpdated(ctx, object, mid, end, depth+1)
		if err != nil {
			return Updated{}, err
		}
		return Updated{IDs: append(first.IDs, second.IDs...), LatestDateCovered: second.LatestDateCovered}, nil
	}
	if err != nil {
		return Updated{}, windowServerError(err, "get updated", object, start)
	}
	latest, err := ParseDateTime(raw.LatestDateCovered)
	if err != nil {
		return Updated{}, &Error{Op: "get updated", Object: object, Err: err}
	}
	return Updated{IDs: raw.IDs, LatestDateCovered: latest}, nil
}

// GetDeleted returns the object records deleted between start and end. A
// start older than 15 days, or older than the delete log still holds
// (earliestDateAvailable), returns a *WindowError because deletions may be
// missing.
func (c *Client) GetDeleted(ctx context.Context, object string, start, end time.Time) (Deleted, error) {
	if err := c.checkWindow("get deleted", object, start, DeletedWindow, "older than 15 days"); err != nil {
		return Deleted{}, err
	}
	if !end.After(start.Add(time.Minute)) {
		return Deleted{LatestDateCovered: start}, nil
	}
	var raw api.Deleted
	if err := c.getJSON(ctx, windowCall("get deleted", object, "deleted", start, end), &raw); err != nil {
		return Deleted{}, windowServerError(err, "get deleted", object, start)
	}
	out := Deleted{Records: make([]DeletedRecord, 0, len(raw.DeletedRecords))}
	var err error
	if out.LatestDateCovered, err = ParseDateTime(raw.LatestDateCovered); err != nil {
		return Deleted{}, &Error{Op: "get deleted", Object: object, Err: err}
	}
	if raw.EarliestDateAvailable != "" {
		if out.EarliestDateAvailable, err = ParseDateTime(raw.EarliestDateAvailable); err != nil {
			return Deleted{}, &Error{Op: "get deleted", Object: object, Err: err}
		}
		if out.EarliestDateAvailable.After(start) {
			return Deleted{}, &WindowError{Op: "get deleted", Object: object, Start: start,
				Reason: "delete log purged up to " + FormatDateTime(out.EarliestDateAvailable)}
		}
	}
	for _, r := range raw.DeletedRecords {
		d, err := ParseDateTime(r.DeletedDate)
		if err != nil {
			return Deleted{}, &Error{Op: "get deleted", Object: object, RecordID: r.ID, Err: err}
		}
		out.Records = append(out.Records, DeletedRecord{ID: r.ID, DeletedDate: d})
	}
	return out, nil
}

func (c *Client) checkWindow(op, object string, start time.Time, limit time.Duration, reason string) error {
	if err := CheckIdentifier(object); err != nil {
		return err
	}
	if start.Before(c.now().Add(-limit)) {
		return &WindowError{Op: op, Object: object, Start: start, Reason: reason}
	}
	return nil
}

func windowCall(op, object, kind string, start, end time.Time) call {
	return call{op: op, object: object, path: "/sobjects/" + object + "/" + kind + "/",
		query: url.Values{"start": {FormatDateTime(start)}, "end": {FormatDateTime(end)}}}
}

// windowServerError turns INVALID_REPLICATION_DATE, the server's word for
// a window it cannot serve, into a *WindowError.
func windowServerError(err error, op, object string, start time.Time) error {
	var se *Error
	if errors.As(err, &se) && se.Code == "INVALID_REPLICATION_DATE" {
		return &WindowError{Op: op, Object: object, Start: start, Reason: se.Message, Err: err}
	}
	return err
}
