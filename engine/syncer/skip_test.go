package syncer

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestPlanner_PlanningFailure(t *testing.T) {
	cases := []struct {
		name       string
		err        error
		wantStop   RunStatus // "" when the run goes on
		wantReturn bool      // the error itself ends the run
		paused     bool
		skipped    bool
		refused    bool
	}{
		{"clarizen login refused", &clarizen.Error{Code: clarizen.CodeUnauthorized, HTTPStatus: 401}, "", false, true, false, true},
		{"salesforce login refused", &salesforce.Error{Status: 401, Code: "INVALID_SESSION_ID", Message: "expired"}, StatusStopped, false, false, false, false},
		{"salesforce budget spent", &salesforce.Error{Status: 403, Code: "REQUEST_LIMIT_EXCEEDED", Message: "TotalRequests Limit exceeded."}, StatusStopped, false, false, false, false},
		{"store failure", storeFailure(errors.New("disk I/O error")), "", true, false, false, false},
		{"field deleted", &salesforce.Error{Status: 400, Code: "INVALID_FIELD", Message: "No such column 'Region__c'"}, "", false, false, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &Runner{log: slog.New(slog.DiscardHandler)}
			ms := &mappingState{m: mapping.Mapping{ID: "m", Name: "Accounts"}, conn: "clarizen1", active: true}
			p := &planner{r: r, ctx: context.Background(), plan: &Plan{mappingIDs: []string{"m"}},
				mappings: []*mappingState{ms}, cz: map[string]ClarizenAPI{"clarizen1": nil}}
			err := p.planningFailure(mappingRef(ms), c.err)

			var stop *stopError
			switch {
			case c.wantStop != "":
				if !errors.As(err, &stop) || stop.status != c.wantStop {
					t.Errorf("err = %v, want a %s stop", err, c.wantStop)
				}
			case c.wantReturn:
				if !errors.Is(err, c.err) {
					t.Errorf("err = %v, want %v", err, c.err)
				}
			case err != nil:
				t.Errorf("err = %v, want the run to go on", err)
			}
			if stop != nil && isAuthError(c.err) && stop.refused == nil {
				t.Error("the stop does not carry the refused login, so the applying run cannot record it")
			}
			if got := !ms.active; got != c.paused {
				t.Errorf("paused = %v, want %v", got, c.paused)
			}
			if c.paused && (p.plan.covers("m") || len(p.plan.Paused) != 1) {
				t.Errorf("plan covers the paused mapping or does not list it: %+v", p.plan.Paused)
			}
			if c.paused && p.usable("clarizen1") {
				t.Error("the paused connection is still usable")
			}
			if got := len(p.plan.Skipped) == 1; got != c.skipped {
				t.Errorf("skipped = %+v, want %v", p.plan.Skipped, c.skipped)
			}
			if got := len(p.plan.refused) == 1; got != c.refused {
				t.Errorf("refused logins = %+v, want %v", p.plan.refused, c.refused)
			}
		})
	}
}
