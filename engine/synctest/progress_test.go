package synctest

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestRun_ProgressAndEvents(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	for i := 0; i < 300; i++ {
		env.Insert(t, "Account", map[string]any{"Name": fmt.Sprintf("Account %03d", i)})
	}
	var mu sync.Mutex
	var reports []syncer.Progress
	types := map[events.Type]int{}
	bus := events.NewBus(0)
	bus.Subscribe(events.SinkFunc(func(e events.Event) {
		mu.Lock()
		defer mu.Unlock()
		types[e.Type]++
	}))
	r := env.Runner(t, syncer.Options{Bus: bus, OnProgress: func(p syncer.Progress) {
		mu.Lock()
		defer mu.Unlock()
		reports = append(reports, p)
	}})
	sum := Run(t, r, syncer.RunOptions{})

	mu.Lock()
	defer mu.Unlock()
	phases := map[syncer.Phase]bool{}
	for _, p := range reports {
		phases[p.Phase] = true
	}
	for _, want := range []syncer.Phase{syncer.PhaseDetect, syncer.PhaseApply, syncer.PhaseDone} {
		if !phases[want] {
			t.Errorf("no report in phase %s", want)
		}
	}
	if len(reports) >= 300 {
		t.Errorf("reports = %d for 300 operations, want them throttled", len(reports))
	}
	last := reports[len(reports)-1]
	if last.Phase != syncer.PhaseDone || last.Done != 300 || last.Total != 300 || last.Created != 300 || last.RunID != sum.RunID {
		t.Errorf("last report = %+v", last)
	}
	for _, typ := range []events.Type{events.RunStarted, events.RunProgress, events.RunFinished, events.RegistryChanged} {
		if types[typ] == 0 {
			t.Errorf("no %s event", typ)
		}
	}

	var out bytes.Buffer
	if err := sum.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), m.Name) || !strings.Contains(out.String(), "300") {
		t.Errorf("summary text = %q, want the mapping line with 300 created", out.String())
	}
}

func TestPlan_WriteText(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	m := AccountCustomer("acct", 1)
	env.SaveMapping(t, m)
	env.SaveEvent(t, EntityEvent("accounts", 1, "Account", "", m.ID, true), env.Clock.Now())
	env.Insert(t, "Account", map[string]any{"Name": "Soylent"})
	plan, err := env.Runner(t, syncer.Options{}).Plan(t.Context(), syncer.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := plan.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"Plan of 1 operation", "create Clarizen Customer", `Name: null -> "Soylent"`, "Clarizen instance 1: 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("plan text lacks %q:\n%s", want, text)
		}
	}
}
