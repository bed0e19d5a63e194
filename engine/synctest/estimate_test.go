package synctest

import (
	"context"
	"maps"
	"testing"

	"github.com/liaison-sync/liaison/engine/syncer"
)

// The preview's call estimate equals the calls applying it makes, and a
// mapping with social sync lists the linked records whose feeds the copy
// after the run reads.
func TestPreview_CallEstimate(t *testing.T) {
	tests := []struct {
		name string
		// rename renames the linked account, so the plan updates its
		// customer; fresh adds accounts the plan creates customers for.
		rename      bool
		fresh       int
		social      bool
		wantRecords int
	}{
		{"creates only", false, 2, false, 0},
		{"creates and an update", true, 1, false, 0},
		{"social sync counts every pair", true, 2, true, 3},
		{"nothing to do", false, 0, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			ctx := context.Background()
			m := AccountCustomer("acct", 1)
			m.SocialSync = tt.social
			env.SaveMapping(t, m)
			env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
			linked := env.Insert(t, "Account", map[string]any{"Name": "Wayne"})
			r := env.Runner(t, syncer.Options{})
			Run(t, r, syncer.RunOptions{})
			if tt.rename {
				if err := env.SF.Update("Account", linked, map[string]any{"Name": "Wayne Enterprises"}); err != nil {
					t.Fatal(err)
				}
			}
			for i := range tt.fresh {
				env.Insert(t, "Account", map[string]any{"Name": "Oscorp " + string(rune('A'+i))})
			}

			plan, err := r.Plan(ctx, syncer.RunOptions{Trigger: "test"})
			if err != nil {
				t.Fatal(err)
			}
			estimate := maps.Clone(plan.APICalls)
			sum, err := r.Apply(ctx, plan, "test")
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(estimate, sum.APICalls) && !(len(estimate) == 0 && len(sum.APICalls) == 0) {
				t.Errorf("estimated calls = %v, applying made %v", estimate, sum.APICalls)
			}

			records := 0
			for _, s := range plan.Social {
				if s.MappingID == m.ID {
					records = s.Records
					if s.MinCalls["salesforce"] != s.Records || s.MinCalls["clarizen1"] != s.Records {
						t.Errorf("social minimum calls = %v, want one feed read per record on each side", s.MinCalls)
					}
				}
			}
			if records != tt.wantRecords {
				t.Errorf("social records = %d, want %d", records, tt.wantRecords)
			}
		})
	}
}
