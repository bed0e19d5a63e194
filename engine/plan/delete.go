package plan

import (
	"fmt"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// DeleteGuard stops a run from deleting a large share of a mapping's links
// without confirmation, as happens when a source query goes wrong or a
// sandbox is refreshed.
type DeleteGuard struct {
	// MaxPercent is the share of a mapping's links, in percent, that one run
	// may delete. Zero means no limit.
	MaxPercent float64
	// AllowUpTo is a number of deletes always allowed, so that small
	// mappings are not blocked by the percentage (1 of 2 links is 50 %).
	AllowUpTo int
	// Confirmed lets the run delete beyond the limit, after the admin
	// confirmed it.
	Confirmed bool
}

// TooManyDeletesError is returned by DeleteGuard.Check.
type TooManyDeletesError struct {
	MappingID  string  `json:"mappingId"`
	Links      int     `json:"links"`
	Deletes    int     `json:"deletes"`
	Percent    float64 `json:"percent"`
	MaxPercent float64 `json:"maxPercent"`
}

func (e *TooManyDeletesError) Error() string {
	links := "links"
	if e.Links == 1 {
		links = "link"
	}
	return fmt.Sprintf("delete %d of %d %s (%.1f%%) of mapping %s: more than the %.1f%% one run may delete; check the source for a wrong filter or a refreshed sandbox, then confirm the deletes",
		e.Deletes, e.Links, links, e.Percent, e.MappingID, e.MaxPercent)
}

// Check returns a *TooManyDeletesError when deleting deletes of a
// mapping's links links in one run exceeds the guard.
func (g DeleteGuard) Check(mappingID string, links, deletes int) error {
	if g.Confirmed || g.MaxPercent <= 0 || deletes <= g.AllowUpTo || links <= 0 {
		return nil
	}
	pct := 100 * float64(deletes) / float64(links)
	if pct <= g.MaxPercent {
		return nil
	}
	return &TooManyDeletesError{MappingID: mappingID, Links: links, Deletes: deletes, Percent: pct, MaxPercent: g.MaxPercent}
}

// DeleteAction is the reaction to a deleted record of a link.
type DeleteAction string

// Delete actions.
const (
	// DeleteCounterpartRecord deletes the record on the other side and the
	// link.
	DeleteCounterpartRecord DeleteAction = "delete_counterpart"
	// DropLink keeps the counterpart and removes only the link.
	DropLink DeleteAction = "drop_link"
)

// DeleteDecision is the planned reaction to a deleted record.
type DeleteDecision struct {
	MappingID string       `json:"mappingId"`
	Action    DeleteAction `json:"action"`
	// Side, Object and ID name the counterpart: deleted under
	// DeleteCounterpartRecord, kept under DropLink.
	Side   schema.Side `json:"side"`
	Object string      `json:"object"`
	ID     string      `json:"id"`
}

// DecideDelete applies the mapping's delete policy to a link whose record
// on deletedSide was deleted. counterpartID is the other side's record id.
func DecideDelete(m mapping.Mapping, deletedSide schema.Side, counterpartID string) DeleteDecision {
	d := DeleteDecision{MappingID: m.ID, Action: DropLink, Side: schema.Clarizen, Object: m.ClarizenEntity, ID: counterpartID}
	if deletedSide == schema.Clarizen {
		d.Side, d.Object = schema.Salesforce, m.SalesforceObject
	}
	if m.DeletePolicy == mapping.DeleteCounterpart {
		d.Action = DeleteCounterpartRecord
	}
	return d
}
