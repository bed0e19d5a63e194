package connect

import (
	"fmt"
	"net/url"
	"time"

	"github.com/liaison-sync/liaison/engine/store"
)

// Connection ids. Every mapping pairs the Salesforce connection with one of
// the two Clarizen connections.
const (
	Salesforce = "salesforce"
	Clarizen1  = "clarizen1"
	Clarizen2  = "clarizen2"
)

// ClarizenConnections lists the Clarizen connection ids in display order.
var ClarizenConnections = []string{Clarizen1, Clarizen2}

// Connection states, stored in the connections table.
const (
	StateConnected    = "connected"
	StateNeedsReauth  = "needs_reauth"
	StateUnreachable  = "unreachable"
	StateDisconnected = "disconnected"
	// StateOrgChanged means the Salesforce login works but reaches another
	// org than the links were made with; ResolveOrgChange ends it.
	StateOrgChanged = "org_changed"
)

// Mapping states (store.SetMappingState). A mapping is paused while one of
// its connections needs the admin: re-authentication, an org change
// decision, or a new connection.
const (
	mappingOK     = "ok"
	mappingPaused = "needs_reauth"
)

// Environments, stored in the connections table.
const (
	EnvProduction = "production"
	EnvSandbox    = "sandbox"
	// EnvMyDomain is a Salesforce login through a My Domain URL.
	EnvMyDomain = "mydomain"
)

// Authentication methods, stored in the connections table.
const (
	AuthOAuth    = "oauth"
	AuthPassword = "password"
	AuthAPIKey   = "apikey"
)

// Status is one connection's health as the Connections screen shows it.
// Times are RFC 3339 strings because the desktop bindings pass JSON.
type Status struct {
	ID          string `json:"id"`
	System      string `json:"system"` // "salesforce" or "clarizen"
	Environment string `json:"environment"`
	State       string `json:"state"`
	// StateDetail explains a state other than connected in one sentence.
	StateDetail string `json:"stateDetail,omitempty"`
	AuthMethod  string `json:"authMethod,omitempty"`
	LoginURL    string `json:"loginUrl,omitempty"`
	InstanceURL string `json:"instanceUrl,omitempty"`
	AppURL      string `json:"appUrl,omitempty"`
	// DataCenter is the host of the Clarizen server location found by
	// discovery.
	DataCenter string `json:"dataCenter,omitempty"`
	OrgID      string `json:"orgId,omitempty"`
	UserID     string `json:"userId,omitempty"`
	Username   string `json:"username,omitempty"`
	IsSandbox  bool   `json:"isSandbox"`
	// APIUsed and APIMax are the Salesforce daily API request count from
	// the latest Sforce-Limit-Info header; both 0 when unknown.
	APIUsed      int    `json:"apiUsed"`
	APIMax       int    `json:"apiMax"`
	APIRemaining int    `json:"apiRemaining"`
	LastSyncedAt string `json:"lastSyncedAt,omitempty"`
}

func statusOf(c store.Connection) Status {
	s := Status{
		ID:          c.ID,
		System:      c.System,
		Environment: c.Environment,
		State:       c.State,
		StateDetail: c.StateDetail,
		AuthMethod:  c.AuthMethod,
		LoginURL:    c.LoginURL,
		InstanceURL: c.InstanceURL,
		AppURL:      c.AppURL,
		OrgID:       c.OrgID,
		UserID:      c.UserID,
		Username:    c.Username,
		IsSandbox:   c.IsSandbox,
		APIUsed:     c.APIUsed,
		APIMax:      c.APIMax,
	}
	if c.System == "clarizen" {
		s.DataCenter = hostOf(c.InstanceURL)
	}
	s.setUsage(c.APIUsed, c.APIMax)
	if !c.LastSynced.IsZero() {
		s.LastSyncedAt = c.LastSynced.UTC().Format(time.RFC3339)
	}
	return s
}

func (s *Status) setUsage(used, maxRequests int) {
	s.APIUsed, s.APIMax = used, maxRequests
	s.APIRemaining = max(maxRequests-used, 0)
}

// disconnectedStatus is the status of a connection that has no row yet.
func disconnectedStatus(id string) Status {
	system := "clarizen"
	if id == Salesforce {
		system = "salesforce"
	}
	return Status{ID: id, System: system, State: StateDisconnected}
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

func checkConnectionID(id string) error {
	switch id {
	case Salesforce, Clarizen1, Clarizen2:
		return nil
	}
	return fmt.Errorf("%w %q: use salesforce, clarizen1 or clarizen2", ErrUnknownConnection, id)
}

func checkClarizenID(id string) error {
	if id == Clarizen1 || id == Clarizen2 {
		return nil
	}
	return fmt.Errorf("%w %q: use clarizen1 or clarizen2", ErrUnknownConnection, id)
}
