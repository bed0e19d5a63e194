package synctest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// linkedAccounts saves m with an event for every account, creates n
// accounts and runs twice (the second run records where deletion
// detection starts). It returns the account ids and the customer id of
// each.
func linkedAccounts(t *testing.T, env *Env, m mapping.Mapping, n int) ([]string, map[string]string) {
	t.Helper()
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	var accounts []string
	for i := 0; i < n; i++ {
		accounts = append(accounts, env.Insert(t, "Account", map[string]any{"Name": fmt.Sprintf("Account %02d", i)}))
	}
	r := env.Runner(t, syncer.Options{})
	Run(t, r, syncer.RunOptions{})
	Run(t, r, syncer.RunOptions{})
	customers := map[string]string{}
	for _, l := range env.Links(t, m.ID) {
		customers[l.SFID] = l.CZID
	}
	if len(customers) != n {
		t.Fatalf("links = %d, want %d", len(customers), n)
	}
	return accounts, customers
}

func lastRow(t *testing.T, env *Env) store.RegistryRow {
	t.Helper()
	rows := env.Registry(t)
	if len(rows) == 0 {
		t.Fatal("registry is empty")
	}
	return rows[len(rows)-1]
}

func TestRun_Deletes(t *testing.T) {
	cases := []struct {
		name       string
		policy     mapping.DeletePolicy
		deleteInSF bool
	}{
		{"delete policy, deleted in salesforce", mapping.DeleteCounterpart, true},
		{"delete policy, deleted in clarizen", mapping.DeleteCounterpart, false},
		{"retain policy, deleted in salesforce", mapping.RetainCounterpart, true},
		{"retain policy, deleted in clarizen", mapping.RetainCounterpart, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := NewEnv(t, EnvOptions{})
			m := AccountCustomer("acct", 1)
			m.DeletePolicy = c.policy
			accounts, customers := linkedAccounts(t, env, m, 3)
			acct := accounts[0]
			cust := customers[acct]
			if c.deleteInSF {
				if err := env.SF.Delete("Account", acct); err != nil {
					t.Fatal(err)
				}
			} else if err := env.CZ["clarizen1"].Delete(cust); err != nil {
				t.Fatal(err)
			}
			sum := Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})

			_, sfLive := env.SF.Get("Account", acct)
			_, czLive := env.CZ["clarizen1"].Get(cust)
			wantLive := c.policy == mapping.RetainCounterpart
			if c.deleteInSF && czLive != wantLive {
				t.Errorf("customer live = %v, want %v", czLive, wantLive)
			}
			if !c.deleteInSF && sfLive != wantLive {
				t.Errorf("account live = %v, want %v", sfLive, wantLive)
			}
			if n := len(env.Links(t, m.ID)); n != 2 {
				t.Errorf("links = %d, want the deleted pair's link dropped", n)
			}
			row := lastRow(t, env)
			wantOp := "delete"
			if wantLive {
				wantOp = "unlink"
			}
			if row.Operation != wantOp || row.State != store.Success {
				t.Errorf("registry row = %s %s, want %s Success", row.Operation, row.State, wantOp)
			}
			if wantLive && sum.Totals().Unlinked != 1 || !wantLive && sum.Totals().Deleted != 1 {
				t.Errorf("summary = %+v", sum.Totals())
			}
			// The other pairs are untouched.
			if n := len(env.CZ["clarizen1"].All("Customer")); n < 2 {
				t.Errorf("customers = %d", n)
			}
		})
	}
}

func TestRun_DeleteGuard(t *testing.T) {
	ctx := context.Background()
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	m.DeletePolicy = mapping.DeleteCounterpart
	accounts, _ := linkedAccounts(t, env, m, 10)
	for _, id := range accounts[:8] {
		if err := env.SF.Delete("Account", id); err != nil {
			t.Fatal(err)
		}
	}
	r := env.Runner(t, syncer.Options{})

	t.Run("held back", func(t *testing.T) {
		sum := Run(t, r, syncer.RunOptions{})
		if n := len(env.CZ["clarizen1"].All("Customer")); n != 10 {
			t.Errorf("customers = %d, want all 10 kept by the guard", n)
		}
		if n := len(env.Links(t, m.ID)); n != 10 {
			t.Errorf("links = %d, want 10", n)
		}
		if len(sum.HeldDeletes) != 1 || sum.HeldDeletes[0].MappingID != m.ID || sum.HeldDeletes[0].Deletes != 8 {
			t.Fatalf("held deletes = %+v, want 8 of mapping %s", sum.HeldDeletes, m.ID)
		}
		warned := false
		for _, w := range sum.Warnings {
			if strings.Contains(w, "delete guard") {
				warned = true
				if strings.Contains(w, syncer.SettingDeleteGuardPercent) || !strings.Contains(w, "confirm them") {
					t.Errorf("warning %q: want the fix in words, not a setting key", w)
				}
			}
		}
		if !warned {
			t.Errorf("warnings = %q, want one about the held deletions", sum.Warnings)
		}
	})
	t.Run("fewer confirmed than held", func(t *testing.T) {
		if err := r.ConfirmDeletes(ctx, m.ID, 7); err != nil {
			t.Fatal(err)
		}
		Run(t, r, syncer.RunOptions{})
		if n := len(env.CZ["clarizen1"].All("Customer")); n != 10 {
			t.Errorf("customers = %d, want all 10 kept", n)
		}
	})
	t.Run("confirmed deletes go once", func(t *testing.T) {
		if err := r.ConfirmDeletes(ctx, m.ID, 8); err != nil {
			t.Fatal(err)
		}
		sum := Run(t, r, syncer.RunOptions{})
		if n := len(env.CZ["clarizen1"].All("Customer")); n != 2 {
			t.Errorf("customers after the confirmation = %d, want 2", n)
		}
		if sum.Totals().Deleted != 8 || len(sum.HeldDeletes) != 0 {
			t.Errorf("summary = %+v, held %+v; want 8 deleted", sum.Totals(), sum.HeldDeletes)
		}
		if _, ok, _ := env.DB.Setting(ctx, syncer.SettingConfirmedDeletesPrefix+m.ID); ok {
			t.Error("the confirmation is still stored after the run used it")
		}
	})
}

func TestRun_DeletedLongAgo(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	m.DeletePolicy = mapping.DeleteCounterpart
	accounts, customers := linkedAccounts(t, env, m, 2)
	if err := env.SF.Delete("Account", accounts[1]); err != nil {
		t.Fatal(err)
	}
	// The last poll is now older than the 15 days getDeleted covers, so the
	// run compares ids instead.
	env.Clock.Advance(16 * 24 * time.Hour)
	Run(t, env.Runner(t, syncer.Options{}), syncer.RunOptions{})
	if _, live := env.CZ["clarizen1"].Get(customers[accounts[1]]); live {
		t.Error("the customer of the deleted account is still there")
	}
	if _, live := env.CZ["clarizen1"].Get(customers[accounts[0]]); !live {
		t.Error("the customer of the live account was deleted")
	}
}
