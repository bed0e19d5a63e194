package syncer_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/synctest"
)

// Planning benchmarks over generated orgs; BENCHMARKS.md records results.
// Each iteration plans a full run (reads over loopback HTTP from both
// simulators, then decisions) and writes nothing, so iterations repeat the
// same work.

func BenchmarkPlan_FireEvent(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			env := synctest.NewEnv(b, synctest.EnvOptions{})
			if err := env.SF.GenerateLargeOrg(n, 0); err != nil {
				b.Fatal(err)
			}
			m := synctest.AccountCustomer("acct", 1)
			env.SaveMapping(b, m)
			env.SaveEvent(b, synctest.EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
			r := env.Runner(b, syncer.Options{})
			benchPlan(b, r, n)
		})
	}
}

func BenchmarkPlan_LinkedPairs(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprintf("links=%d", n), func(b *testing.B) {
			env := synctest.NewEnv(b, synctest.EnvOptions{})
			if err := env.SF.GenerateLargeOrg(n, 0); err != nil {
				b.Fatal(err)
			}
			m := synctest.AccountCustomer("acct", 1)
			env.SaveMapping(b, m)
			env.SaveEvent(b, synctest.EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
			r := env.Runner(b, syncer.Options{})
			synctest.Run(b, r, syncer.RunOptions{})
			// Every account changes, so each plan reads and compares every
			// pair and plans one update per pair.
			for _, a := range env.SF.All("Account") {
				if err := env.SF.Update("Account", a["Id"].(string), map[string]any{"Name": fmt.Sprint(a["Name"], " (renamed)")}); err != nil {
					b.Fatal(err)
				}
			}
			benchPlan(b, r, n)
		})
	}
}

func BenchmarkPlan_OpportunityFlow(b *testing.B) {
	env := synctest.NewEnv(b, synctest.EnvOptions{})
	env.AddProjectObjects(b)
	if err := env.SF.GenerateLargeOrg(200, 1000); err != nil {
		b.Fatal(err)
	}
	synctest.NewProjectFlow(1).Save(b, env, env.Clock.Now())
	r := env.Runner(b, syncer.Options{})
	benchPlan(b, r, -1)
}

// benchPlan plans in a loop and reports operations per plan; want is the
// number of operations each plan must hold, -1 for any.
func benchPlan(b *testing.B, r *syncer.Runner, want int) {
	b.Helper()
	ctx := context.Background()
	ops := 0
	for b.Loop() {
		p, err := r.Plan(ctx, syncer.RunOptions{})
		if err != nil {
			b.Fatal(err)
		}
		ops = len(p.Operations)
		if want >= 0 && ops != want {
			b.Fatalf("plan holds %d operations, want %d", ops, want)
		}
	}
	b.ReportMetric(float64(ops), "ops/plan")
}
