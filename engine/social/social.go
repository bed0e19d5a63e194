package social

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/workspace/definition"
)

// Connections hands out connected clients; *connect.Manager implements it.
type Connections interface {
	SalesforceClient(ctx context.Context) (*salesforce.Client, error)
	ClarizenClient(ctx context.Context, id string) (*clarizen.Client, error)
}

// Options configure a Syncer.
type Options struct {
	Store       *store.DB
	Connections Connections
	// Bus receives registry.changed after a run that copied something;
	// nil publishes nothing.
	Bus    *events.Bus
	Logger *slog.Logger
	Now    func() time.Time
}

// Syncer copies posts and comments between linked records.
type Syncer struct {
	db    *store.DB
	conns Connections
	bus   *events.Bus
	log   *slog.Logger
	now   func() time.Time
}

// New returns a Syncer.
func New(opts Options) (*Syncer, error) {
	if opts.Store == nil || opts.Connections == nil {
		return nil, errors.New("new social syncer: store and connections are required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Syncer{db: opts.Store, conns: opts.Connections, bus: opts.Bus, now: opts.Now,
		log: opts.Logger.With(logging.KeyComponent, "social")}, nil
}

// Summary counts what one social run copied, per mapping.
type Summary struct {
	Mappings []MappingSummary `json:"mappings"`
	// Stopped is the reason the run stopped before it went through every
	// linked record, such as the Salesforce daily API budget falling
	// under the reserve. It is empty when the run finished.
	Stopped string `json:"stopped,omitempty"`
}

// MappingSummary is one mapping's line of a Summary.
type MappingSummary struct {
	MappingID            string `json:"mappingId"`
	Name                 string `json:"name"`
	Records              int    `json:"records"`
	PostsToClarizen      int    `json:"postsToClarizen"`
	PostsToSalesforce    int    `json:"postsToSalesforce"`
	CommentsToClarizen   int    `json:"commentsToClarizen"`
	CommentsToSalesforce int    `json:"commentsToSalesforce"`
	Failed               int    `json:"failed"`
	// APICalls counts the requests the run sent for the mapping, pages
	// and writes included: SalesforceCalls plus ClarizenCalls.
	APICalls int `json:"apiCalls"`
	// SalesforceCalls and ClarizenCalls split APICalls by the system
	// called. The Clarizen calls go to the mapping's Clarizen connection.
	SalesforceCalls int      `json:"salesforceCalls"`
	ClarizenCalls   int      `json:"clarizenCalls"`
	Warnings        []string `json:"warnings,omitempty"`
	// Connection is the mapping's Clarizen connection id.
	Connection string `json:"connection"`
}

// Copies counts the posts and comments copied.
func (m MappingSummary) Copies() int {
	return m.PostsToClarizen + m.PostsToSalesforce + m.CommentsToClarizen + m.CommentsToSalesforce
}

// Writes counts the copies of every mapping.
func (s Summary) Writes() int {
	n := 0
	for _, m := range s.Mappings {
		n += m.Copies()
	}
	return n
}

// WriteText prints one line per mapping.
func (s Summary) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "Social sync\n  %-40s %8s %8s %8s %8s %8s %9s\n", "Mapping", "posts>CZ", "posts>SF",
		"cmts>CZ", "cmts>SF", "failed", "API calls"); err != nil {
		return err
	}
	for _, m := range s.Mappings {
		fmt.Fprintf(w, "  %-40s %8d %8d %8d %8d %8d %9d\n", m.Name, m.PostsToClarizen, m.PostsToSalesforce,
			m.CommentsToClarizen, m.CommentsToSalesforce, m.Failed, m.APICalls)
		for _, warning := range m.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warning)
		}
	}
	if s.Stopped != "" {
		fmt.Fprintf(w, "  stopped: %s\n", s.Stopped)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// Run copies new posts and comments of the linked records of every
// enabled mapping with social sync on, or of the listed mappings only. A
// post or comment that fails to copy is a Failed registry row, and the
// next run tries it again. A record whose feed cannot be read is skipped
// with a warning. Before each record the run checks the Salesforce daily
// API budget. Under the reserve (setting sync.budget_reserve_percent,
// default 10) it stops cleanly and gives the reason in Summary.Stopped.
// The error is for failures that stop the run: the store, a connection
// that cannot be used, or ctx.
func (s *Syncer) Run(ctx context.Context, mappingIDs ...string) (Summary, error) {
	var sum Summary
	mappings, err := s.socialMappings(ctx, mappingIDs)
	if err != nil {
		return sum, err
	}
	reserve, err := s.budgetReserve(ctx)
	if err != nil {
		return sum, err
	}
	for _, m := range mappings {
		line, err := s.runMapping(ctx, m, reserve)
		sum.Mappings = append(sum.Mappings, line)
		var stop *budgetStop
		if errors.As(err, &stop) {
			sum.Stopped = stop.reason
			s.log.Warn("social sync stopped", logging.KeyMapping, m.ID, "reason", stop.reason)
			break
		}
		if err != nil {
			return sum, fmt.Errorf("sync posts of mapping %s: %w", m.ID, err)
		}
	}
	if sum.Writes() > 0 && s.bus != nil {
		s.bus.Emit(events.RegistryChanged, map[string]any{"kind": "social", "copies": sum.Writes()})
	}
	return sum, nil
}

// socialMappings returns the enabled mappings with social sync on whose
// connections are usable, limited to ids when given.
func (s *Syncer) socialMappings(ctx context.Context, ids []string) ([]mapping.Mapping, error) {
	all, err := s.allMappings(ctx)
	if err != nil {
		return nil, err
	}
	var out []mapping.Mapping
	for _, m := range all {
		if m.m.Enabled && m.m.SocialSync && m.state == store.MappingOK && (len(ids) == 0 || slices.Contains(ids, m.m.ID)) {
			out = append(out, m.m)
		}
	}
	return out, nil
}

type storedMapping struct {
	m     mapping.Mapping
	state string
}

func (s *Syncer) allMappings(ctx context.Context) ([]storedMapping, error) {
	defs, err := s.db.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]storedMapping, 0, len(defs))
	for _, d := range defs {
		m, err := definition.DecodeMapping(d)
		if err != nil {
			return nil, err
		}
		out = append(out, storedMapping{m: m, state: d.State})
	}
	return out, nil
}

// runMapping copies the posts of one mapping's linked records. It returns
// a *budgetStop when the Salesforce daily API budget falls under
// reservePercent before a record.
func (s *Syncer) runMapping(ctx context.Context, m mapping.Mapping, reservePercent int) (MappingSummary, error) {
	line := MappingSummary{MappingID: m.ID, Name: m.Name, Connection: m.ClarizenConnection()}
	sf, err := s.conns.SalesforceClient(ctx)
	if err != nil {
		return line, err
	}
	cz, err := s.conns.ClarizenClient(ctx, m.ClarizenConnection())
	if err != nil {
		return line, err
	}

	r := &mappingRun{s: s, m: m, conn: m.ClarizenConnection(), sf: sf, cz: cz, sum: &line}
	if err := r.loadUsers(ctx); err != nil {
		return line, err
	}

	links, err := s.db.Links(ctx, m.ID)
	if err != nil {
		return line, err
	}
	for _, l := range links {
		if err := ctx.Err(); err != nil {
			return line, err
		}
		if stop := checkBudget(sf, reservePercent); stop != nil {
			return line, stop
		}
		line.Records++
		if err := r.syncRecord(ctx, l); err != nil {
			if isFatal(err) {
				return line, err
			}
			s.log.Warn("social sync of a record skipped", logging.KeyMapping, m.ID, "sf_id", l.SFID, "cz_id", l.CZID, logging.KeyError, err)
			line.Warnings = append(line.Warnings, fmt.Sprintf("%s %s skipped: %v", l.SFObject, l.SFID, err))
		}
	}
	s.log.Info("social sync finished", logging.KeyMapping, m.ID, "records", line.Records, "copies", line.Copies(),
		"failed", line.Failed, "api_calls", line.APICalls)
	return line, nil
}

// budgetReserve reads the share of the Salesforce daily API budget, in
// percent, that a run leaves unused: the sync's own setting.
func (s *Syncer) budgetReserve(ctx context.Context) (int, error) {
	v, ok, err := s.db.Setting(ctx, syncer.SettingBudgetReserve)
	if err != nil {
		return 0, err
	}
	if !ok {
		return syncer.DefaultBudgetReserve, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("read setting %s: invalid percentage %q", syncer.SettingBudgetReserve, v)
	}
	return n, nil
}

// budgetStop ends a run cleanly because the Salesforce daily API budget
// fell under the reserve.
type budgetStop struct{ reason string }

func (b *budgetStop) Error() string { return b.reason }

// checkBudget returns a stop when the budget left is under the reserve.
// Before any response reported the usage, the run goes on.
func checkBudget(sf *salesforce.Client, reservePercent int) *budgetStop {
	u, ok := sf.APIUsage()
	if !ok || !u.UnderReserve(reservePercent) {
		return nil
	}
	return &budgetStop{reason: fmt.Sprintf("the Salesforce daily API budget is down to %d of %d requests, under the %d %% "+
		"reserve; the posts of the remaining records sync on a later run", u.Remaining(), u.Max, reservePercent)}
}

// isFatal reports whether err stops the run (the store, ctx, a rejected
// login) rather than only the copy of one record.
func isFatal(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, errStore) {
		return true
	}
	if clarizen.ClassOf(err) == clarizen.Auth {
		return true
	}
	var sfErr *salesforce.Error
	return errors.As(err, &sfErr) && sfErr.Status == 401
}

// errStore marks failures of the local store, which stop the run.
var errStore = errors.New("store failure")

func storeErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", errStore, err)
}

// lower normalizes a Clarizen id for map keys; ids compare without case.
func lower(id string) string { return strings.ToLower(id) }
