package connect

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
)

// settingPreviousOrg holds, while a decision is pending, the id of the
// Salesforce org the existing links were made with.
const settingPreviousOrg = "connect.salesforce.previous_org_id"

// OrgChange is a Salesforce login that reached another org than the one
// the existing links were made with, which is what a sandbox refresh does:
// same URL, new org id, every record id re-keyed.
type OrgChange struct {
	PreviousOrgID string `json:"previousOrgId"`
	CurrentOrgID  string `json:"currentOrgId"`
	// Links is the number of links made with the previous org.
	Links int `json:"links"`
}

// Decision is the admin's choice on an OrgChange.
type Decision string

// Decisions.
const (
	// DecisionRematch finds each link's Salesforce record again by the
	// mapping's Salesforce key field, updates the links found and drops the
	// others.
	DecisionRematch Decision = "rematch"
	// DecisionReset deletes every link; the next sync pairs records through
	// events and key fields as on a first run.
	DecisionReset Decision = "reset"
)

// detectOrgChange compares the org a login reached with the org of the
// existing links. With no links there is nothing to decide.
func (m *Manager) detectOrgChange(ctx context.Context, old store.Connection, hadRow bool, newOrg string) (*OrgChange, error) {
	linksOrg, _, err := m.db.Setting(ctx, settingPreviousOrg)
	if err != nil {
		return nil, err
	}
	if linksOrg == "" && hadRow {
		linksOrg = old.OrgID
	}
	if linksOrg == "" || salesforce.SameID(linksOrg, newOrg) {
		return nil, nil
	}
	n, err := m.countLinks(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	return &OrgChange{PreviousOrgID: linksOrg, CurrentOrgID: newOrg, Links: n}, nil
}

// recordOrgChange keeps a pending change in the settings and in row's
// state, or clears a pending one that the login made moot.
func (m *Manager) recordOrgChange(ctx context.Context, row *store.Connection, change *OrgChange) error {
	if change == nil {
		return m.clearPreviousOrg(ctx)
	}
	if err := m.db.SetSetting(ctx, settingPreviousOrg, change.PreviousOrgID); err != nil {
		return err
	}
	row.State = StateOrgChanged
	links, them := fmt.Sprintf("the %d existing links", change.Links), "them"
	if change.Links == 1 {
		links, them = "the existing link", "it"
	}
	row.StateDetail = fmt.Sprintf("The Salesforce org id changed from %s to %s, as a sandbox refresh does. "+
		"Re-match %s by key fields, or reset %s.", change.PreviousOrgID, change.CurrentOrgID, links, them)
	m.log.Warn("salesforce org changed", slog.String("previous_org_id", change.PreviousOrgID),
		slog.String("org_id", change.CurrentOrgID), slog.Int("links", change.Links))
	return nil
}

func (m *Manager) clearPreviousOrg(ctx context.Context) error {
	prev, ok, err := m.db.Setting(ctx, settingPreviousOrg)
	if err != nil || !ok || prev == "" {
		return err
	}
	return m.db.SetSetting(ctx, settingPreviousOrg, "")
}

// PendingOrgChange returns the org change waiting for a decision, if any.
func (m *Manager) PendingOrgChange(ctx context.Context) (OrgChange, bool, error) {
	prev, _, err := m.db.Setting(ctx, settingPreviousOrg)
	if err != nil || prev == "" {
		return OrgChange{}, false, wrap("read org change of", Salesforce, err)
	}
	c, err := m.db.Connection(ctx, Salesforce)
	if err != nil {
		return OrgChange{}, false, wrap("read org change of", Salesforce, err)
	}
	n, err := m.countLinks(ctx)
	if err != nil {
		return OrgChange{}, false, wrap("read org change of", Salesforce, err)
	}
	return OrgChange{PreviousOrgID: prev, CurrentOrgID: c.OrgID, Links: n}, true, nil
}

// RematchResult reports what a decision did to the links.
type RematchResult struct {
	Decision Decision `json:"decision"`
	// Kept counts links whose Salesforce record was found again.
	Kept int `json:"kept"`
	// Dropped counts deleted links: the key was not found, matched several
	// records, or the mapping has no Salesforce key field.
	Dropped  int              `json:"dropped"`
	Mappings []MappingRematch `json:"mappings,omitempty"`
}

// MappingRematch is one mapping's part of a RematchResult.
type MappingRematch struct {
	MappingID string `json:"mappingId"`
	Name      string `json:"name"`
	Kept      int    `json:"kept"`
	// NotFound counts keys no record has any more; Ambiguous counts keys
	// that several records share; Unkeyed counts links without a key
	// value.
	NotFound  int `json:"notFound"`
	Ambiguous int `json:"ambiguous"`
	Unkeyed   int `json:"unkeyed"`
}

// ResolveOrgChange carries out the admin's decision on a pending org
// change, then sets the connection back to connected and resumes its
// mappings. A re-match reads everything before it changes a link, so a
// failed read leaves the links and the pending decision as they were.
func (m *Manager) ResolveOrgChange(ctx context.Context, decision Decision) (RematchResult, error) {
	const op = "resolve org change of"
	change, ok, err := m.PendingOrgChange(ctx)
	if err != nil {
		return RematchResult{}, err
	}
	if !ok {
		return RematchResult{}, wrap(op, Salesforce, invalidInput("no org change is pending"))
	}

	var result RematchResult
	switch decision {
	case DecisionReset:
		n, err := m.db.DeleteLinksOfConnection(ctx, Salesforce)
		if err != nil {
			return RematchResult{}, wrap(op, Salesforce, err)
		}
		result = RematchResult{Decision: DecisionReset, Dropped: int(n)}
	case DecisionRematch:
		if result, err = m.rematch(ctx); err != nil {
			return RematchResult{}, wrap(op, Salesforce, err)
		}
	default:
		return RematchResult{}, wrap(op, Salesforce, invalidInput("decision %q: choose rematch or reset", decision))
	}

	if err := m.clearPreviousOrg(ctx); err != nil {
		return result, wrap(op, Salesforce, err)
	}
	c, err := m.db.Connection(ctx, Salesforce)
	if err != nil {
		return result, wrap(op, Salesforce, err)
	}
	if c.State == StateOrgChanged {
		if err := m.setState(ctx, Salesforce, StateConnected, ""); err != nil {
			return result, wrap(op, Salesforce, err)
		}
	}

	m.log.Info("salesforce org change resolved", slog.String("decision", string(decision)),
		slog.String("previous_org_id", change.PreviousOrgID), slog.String("org_id", change.CurrentOrgID),
		slog.Int("kept", result.Kept), slog.Int("dropped", result.Dropped))
	return result, nil
}

// countLinks returns the number of links of every mapping. Every link has
// a Salesforce side.
func (m *Manager) countLinks(ctx context.Context) (int, error) {
	mappings, err := m.db.Mappings(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, mp := range mappings {
		n, err := m.db.CountLinks(ctx, mp.ID)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}
