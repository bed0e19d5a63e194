package salesforce

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// Identity is who the client is connected as.
type Identity struct {
	OrgID     string
	OrgName   string
	IsSandbox bool
	UserID    string
	Username  string
	UserName  string // display name
	Email     string
	// InstanceURL and APIVersion are what the client uses.
	InstanceURL string
	APIVersion  string
}

// ErrOrgChanged matches an *OrgChangedError.
var ErrOrgChanged = errors.New("salesforce org changed")

// OrgChangedError means the token now belongs to another org than the one
// the connection last saw, which is what a sandbox refresh does (same URL,
// new org id, records re-keyed). Links to that org can no longer be
// trusted and must be re-matched or reset.
type OrgChangedError struct {
	Previous string
	Current  string
}

func (e *OrgChangedError) Error() string {
	return fmt.Sprintf("connect to salesforce: org id changed from %s to %s (was the sandbox refreshed?); re-match or reset the links of this connection", e.Previous, e.Current)
}

// Is makes errors.Is(err, ErrOrgChanged) true.
func (e *OrgChangedError) Is(target error) bool { return target == ErrOrgChanged }

// Versions returns the API versions the org offers (GET /services/data/).
// The call does not count against the daily limit.
func (c *Client) Versions(ctx context.Context) ([]api.Version, error) {
	var out []api.Version
	if err := c.getJSON(ctx, call{op: "list API versions", path: "/services/data/"}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Connect chooses the API version when none was set and reads the
// identity: org id and sandbox flag from the Organization object, the user
// from the user id of the current token. When knownOrgID is set and differs from the
// org now reached, Connect returns the identity together with an
// *OrgChangedError.
func (c *Client) Connect(ctx context.Context, knownOrgID string) (Identity, error) {
	if c.APIVersion() == "" {
		if err := c.negotiateVersion(ctx); err != nil {
			return Identity{}, err
		}
	}
	id := Identity{InstanceURL: c.base, APIVersion: c.APIVersion()}
	org, err := c.queryOne(ctx, "SELECT Id, Name, IsSandbox FROM Organization LIMIT 1")
	if err != nil {
		return Identity{}, fmt.Errorf("read organization: %w", err)
	}
	id.OrgID, _ = org.String("Id")
	id.OrgName, _ = org.String("Name")
	id.IsSandbox, _ = org.Bool("IsSandbox")
	if id.OrgID == "" {
		return Identity{}, fmt.Errorf("read organization: the response has no Id")
	}

	tok, err := c.tokens.Token(ctx)
	if err != nil {
		return Identity{}, fmt.Errorf("connect to salesforce: %w", err)
	}
	if userID := tok.UserID; userID != "" {
		q, err := SOQL{Fields: []string{"Id", "Username", "Name", "Email"}, From: "User",
			Where: Compare("Id", "=", userID), Limit: 1}.Build()
		if err != nil {
			return Identity{}, err
		}
		user, err := c.queryOne(ctx, q)
		if err != nil {
			return Identity{}, fmt.Errorf("read user %s: %w", userID, err)
		}
		id.UserID, _ = user.String("Id")
		id.Username, _ = user.String("Username")
		id.UserName, _ = user.String("Name")
		id.Email, _ = user.String("Email")
	}
	c.log.Info("salesforce connected", "org_id", id.OrgID, "user_id", id.UserID,
		"sandbox", id.IsSandbox, "api_version", id.APIVersion)

	if knownOrgID != "" && !SameID(knownOrgID, id.OrgID) {
		return id, &OrgChangedError{Previous: knownOrgID, Current: id.OrgID}
	}
	return id, nil
}

func (c *Client) negotiateVersion(ctx context.Context) error {
	versions, err := c.Versions(ctx)
	if err != nil {
		return err
	}
	minV, _ := strconv.ParseFloat(MinAPIVersion, 64)
	maxV, _ := strconv.ParseFloat(MaxAPIVersion, 64)
	best, bestV := "", 0.0
	for _, v := range versions {
		f, err := strconv.ParseFloat(v.Version, 64)
		if err != nil || f < minV || f > maxV {
			continue
		}
		if f > bestV {
			best, bestV = v.Version, f
		}
	}
	if best == "" {
		return fmt.Errorf("choose API version: the org offers none between %s and %s", MinAPIVersion, MaxAPIVersion)
	}
	c.mu.Lock()
	c.version = best
	c.mu.Unlock()
	return nil
}

// queryOne returns the first record of a query.
func (c *Client) queryOne(ctx context.Context, soql string) (Record, error) {
	var first Record
	found := false
	err := c.QueryPages(ctx, soql, QueryOptions{}, func(p Page) error {
		if len(p.Records) > 0 && !found {
			first, found = p.Records[0], true
		}
		return ErrStopPaging
	})
	if err != nil {
		return Record{}, err
	}
	if !found {
		return Record{}, &Error{Op: "query", Code: "NOT_FOUND", Message: "no record matched: " + soql}
	}
	return first, nil
}
