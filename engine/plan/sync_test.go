package plan

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

type change struct {
	side  schema.Side
	field string
	after any
}

func TestPlanSync_Rules(t *testing.T) {
	tests := []struct {
		name      string
		rule      mapping.ConflictRule
		base      func() *Base
		sf, cz    func(v map[string]any)
		sfStamp   time.Time
		czStamp   time.Time
		changes   []change
		conflicts []schema.Side // winners, in order
		errors    []string      // field map ids
		pending   []string      // field map ids
		baseCheck func(t *testing.T, b Base)
	}{
		{name: "no change", sfStamp: t1, czStamp: t1},
		{name: "salesforce change moves to clarizen", sf: func(v map[string]any) { v["Name"] = "Acme 2" }, sfStamp: t1, czStamp: t0,
			changes: []change{{schema.Clarizen, "Name", "Acme 2"}}},
		{name: "clarizen change moves back by the sync-only map", cz: func(v map[string]any) { v["Name"] = "Beta" }, sfStamp: t0, czStamp: t1,
			changes: []change{{schema.Salesforce, "Name", "Beta"}}},
		{name: "one-way map ignores a target change", cz: func(v map[string]any) { v["Description"] = "edited in Clarizen" }, sfStamp: t0, czStamp: t1,
			baseCheck: func(t *testing.T, b Base) {
				if b.Clarizen["Description"] != "edited in Clarizen" {
					t.Errorf("base Description = %v, want the current Clarizen value", b.Clarizen["Description"])
				}
			}},
		{name: "one-way change on both sides is no conflict", sf: func(v map[string]any) { v["Description__c"] = "from sf" },
			cz: func(v map[string]any) { v["Description"] = "from cz" }, sfStamp: t1, czStamp: t2,
			changes: []change{{schema.Clarizen, "Description", "from sf"}}},
		{name: "create-only map does not run on sync", sf: func(v map[string]any) { v["Status__c"] = "Done" }, sfStamp: t1, czStamp: t0},
		{name: "create-only backfill does not run on sync", cz: func(v map[string]any) { v["SYSID"] = "P-2" }, sfStamp: t0, czStamp: t1},
		{name: "disabled map does not run", sf: func(v map[string]any) { v["Hidden__c"] = "x" }, sfStamp: t1, czStamp: t0},
		{name: "value back to its base is no change", sf: func(v map[string]any) { v["Name"] = "Acme" }, sfStamp: t2, czStamp: t0},
		{name: "echo of Liaison's write is no change", cz: func(v map[string]any) { v["Hidden"] = "unmapped edit" }, sfStamp: t0, czStamp: t2},
		{name: "numbers compare by value", sf: func(v map[string]any) { v["Budget__c"] = jsonNumber("500.00") }, sfStamp: t1, czStamp: t0},
		{name: "multi-select compares as a set", sf: func(v map[string]any) { v["Tags__c"] = "b;a" },
			cz: func(v map[string]any) { v["C_Tags"] = map[string]any{"id": "/C_Tags/b;a"} }, sfStamp: t1, czStamp: t1},
		{name: "duration in another unit is no change", cz: func(v map[string]any) { v["Work"] = map[string]any{"value": 2.0, "unit": "Days"} }, sfStamp: t0, czStamp: t1},
		{name: "duration change moves as days", cz: func(v map[string]any) { v["Work"] = map[string]any{"value": 1.0, "unit": "Weeks"} }, sfStamp: t0, czStamp: t1,
			changes: []change{{schema.Salesforce, "Effort__c", 5.0}}},
		{name: "target already holds the value", sf: func(v map[string]any) { v["Name"] = "Same" }, cz: func(v map[string]any) { v["Name"] = "Same" }, sfStamp: t1, czStamp: t2},
		{name: "conflict newest wins clarizen", sf: func(v map[string]any) { v["Name"] = "From SF" }, cz: func(v map[string]any) { v["Name"] = "From CZ" },
			sfStamp: t1, czStamp: t2, changes: []change{{schema.Salesforce, "Name", "From CZ"}}, conflicts: []schema.Side{schema.Clarizen}},
		{name: "conflict newest wins salesforce", sf: func(v map[string]any) { v["Name"] = "From SF" }, cz: func(v map[string]any) { v["Name"] = "From CZ" },
			sfStamp: t2, czStamp: t1, changes: []change{{schema.Clarizen, "Name", "From SF"}}, conflicts: []schema.Side{schema.Salesforce}},
		{name: "conflict tie goes to salesforce", sf: func(v map[string]any) { v["Name"] = "From SF" }, cz: func(v map[string]any) { v["Name"] = "From CZ" },
			sfStamp: t1, czStamp: t1, changes: []change{{schema.Clarizen, "Name", "From SF"}}, conflicts: []schema.Side{schema.Salesforce}},
		{name: "conflict salesforce wins though older", rule: mapping.SalesforceWins, sf: func(v map[string]any) { v["Name"] = "From SF" },
			cz: func(v map[string]any) { v["Name"] = "From CZ" }, sfStamp: t1, czStamp: t2,
			changes: []change{{schema.Clarizen, "Name", "From SF"}}, conflicts: []schema.Side{schema.Salesforce}},
		{name: "conflict clarizen wins though older", rule: mapping.ClarizenWins, sf: func(v map[string]any) { v["Name"] = "From SF" },
			cz: func(v map[string]any) { v["Name"] = "From CZ" }, sfStamp: t2, czStamp: t1,
			changes: []change{{schema.Salesforce, "Name", "From CZ"}}, conflicts: []schema.Side{schema.Clarizen}},
		{name: "equal new values are no conflict", sf: func(v map[string]any) { v["Name"] = "Both" }, cz: func(v map[string]any) { v["Name"] = "Both" },
			sfStamp: t1, czStamp: t2, baseCheck: func(t *testing.T, b Base) {
				if b.Salesforce["Name"] != "Both" || b.Clarizen["Name"] != "Both" {
					t.Errorf("base Name = %v / %v, want Both on both sides", b.Salesforce["Name"], b.Clarizen["Name"])
				}
			}},
		{name: "money and number equal is no conflict", sf: func(v map[string]any) { v["Budget__c"] = 750.0 },
			cz: func(v map[string]any) { v["PlannedBudget"] = map[string]any{"value": 750.0, "currency": "EUR"} }, sfStamp: t1, czStamp: t2},
		{name: "money conflict keeps the code", sf: func(v map[string]any) { v["Budget__c"] = 700.0 },
			cz: func(v map[string]any) { v["PlannedBudget"] = map[string]any{"value": 750.0, "currency": "EUR"} }, sfStamp: t2, czStamp: t1,
			changes: []change{{schema.Clarizen, "PlannedBudget", map[string]any{"value": 700.0, "currency": "EUR"}}}, conflicts: []schema.Side{schema.Salesforce}},
		{name: "two conflicts in map order", sf: func(v map[string]any) { v["Name"] = "S"; v["Tags__c"] = "c" },
			cz: func(v map[string]any) { v["Name"] = "C"; v["C_Tags"] = []any{"d"} }, sfStamp: t1, czStamp: t2,
			changes:   []change{{schema.Salesforce, "Name", "C"}, {schema.Salesforce, "Tags__c", "d"}},
			conflicts: []schema.Side{schema.Clarizen, schema.Clarizen}},
		{name: "server adjustment after our write becomes the base", base: func() *Base {
			b := syncedBase()
			b.SalesforceStamp = t1
			return b
		}, sf: func(v map[string]any) { v["Name"] = "ACME" }, sfStamp: t1, czStamp: t0,
			baseCheck: func(t *testing.T, b Base) {
				if b.Salesforce["Name"] != "ACME" {
					t.Errorf("base Name = %v, want the server's ACME", b.Salesforce["Name"])
				}
				if !b.SalesforceStamp.Equal(t1) {
					t.Errorf("base stamp = %v, want %v", b.SalesforceStamp, t1)
				}
			}},
		{name: "local clock stamp after the write also counts as ours", base: func() *Base {
			b := syncedBase()
			b.SalesforceStamp = t1.Add(2 * time.Second)
			return b
		}, sf: func(v map[string]any) { v["Name"] = "ACME" }, sfStamp: t1, czStamp: t0},
		{name: "a later edit after our write is a change", base: func() *Base {
			b := syncedBase()
			b.SalesforceStamp = t1
			return b
		}, sf: func(v map[string]any) { v["Name"] = "User edit" }, sfStamp: t1.Add(time.Second), czStamp: t0,
			changes: []change{{schema.Clarizen, "Name", "User edit"}}},
		{name: "quiet side still receives the other side's change", base: func() *Base {
			b := syncedBase()
			b.SalesforceStamp = t1
			return b
		}, sf: func(v map[string]any) { v["Name"] = "ACME" }, cz: func(v map[string]any) { v["Name"] = "Gamma" }, sfStamp: t1, czStamp: t2,
			changes: []change{{schema.Salesforce, "Name", "Gamma"}}},
		{name: "fresh link resolves differences by the rule", base: func() *Base { return nil },
			sf: func(v map[string]any) { v["Name"] = "Old name"; v["Description__c"] = "sf text" }, sfStamp: t1, czStamp: t2,
			changes:   []change{{schema.Salesforce, "Name", "Acme"}, {schema.Clarizen, "Description", "sf text"}},
			conflicts: []schema.Side{schema.Clarizen}},
		{name: "fresh link with equal values writes nothing", base: func() *Base { return nil }, sfStamp: t1, czStamp: t2},
		{name: "newly mapped field counts as changed", base: func() *Base {
			b := syncedBase()
			delete(b.Salesforce, "Description__c")
			delete(b.Clarizen, "Description")
			return b
		}, sf: func(v map[string]any) { v["Description__c"] = "now mapped" }, sfStamp: t1, czStamp: t0,
			changes: []change{{schema.Clarizen, "Description", "now mapped"}}},
		{name: "conversion error skips only that field", cz: func(v map[string]any) {
			v["Name"] = "A name longer than ten"
			v["Work"] = map[string]any{"value": 3.0, "unit": "Days"}
		},
			sfStamp: t0, czStamp: t1, changes: []change{{schema.Salesforce, "Effort__c", 3.0}}, errors: []string{"name-back"}},
		{name: "reference found", sf: func(v map[string]any) { v["OwnerId"] = "005B" }, sfStamp: t1, czStamp: t0,
			changes: []change{{schema.Clarizen, "Manager", "/User/u9"}}},
		{name: "reference to create first", sf: func(v map[string]any) { v["OwnerId"] = "005C"; v["Name"] = "N" }, sfStamp: t1, czStamp: t0,
			changes: []change{{schema.Clarizen, "Name", "N"}}, pending: []string{"owner"}},
		{name: "date moves to a date-time without shifting", sf: func(v map[string]any) { v["Start__c"] = "2024-12-31" }, sfStamp: t1, czStamp: t0,
			changes: []change{{schema.Clarizen, "StartDate", "2024-12-31"}}},
		{name: "null is a value", sf: func(v map[string]any) { v["Description__c"] = nil }, sfStamp: t1, czStamp: t0,
			changes: []change{{schema.Clarizen, "Description", nil}}},
		{name: "empty string differs from null", sf: func(v map[string]any) { v["Description__c"] = "" }, cz: func(v map[string]any) { v["Description"] = nil },
			base: func() *Base {
				b := syncedBase()
				b.Salesforce["Description__c"], b.Clarizen["Description"] = nil, nil
				return b
			}, sfStamp: t1, czStamp: t0, changes: []change{{schema.Clarizen, "Description", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := tt.rule
			if rule == "" {
				rule = mapping.NewestWins
			}
			sf, cz := sfValues(), czValues()
			if tt.sf != nil {
				tt.sf(sf)
			}
			if tt.cz != nil {
				tt.cz(cz)
			}
			base := syncedBase()
			if tt.base != nil {
				base = tt.base()
			}
			in := SyncInput{
				Mapping: projectMapping(rule), SalesforceObject: sfObject, ClarizenObject: czObject, Base: base,
				Salesforce: Record{ID: "a01", Values: sf, Stamp: tt.sfStamp},
				Clarizen:   Record{ID: "/Project/p1", Values: cz, Stamp: tt.czStamp},
				Currency:   "EUR", Resolver: resolver,
			}
			p, err := PlanSync(in)
			if err != nil {
				t.Fatalf("PlanSync: %v", err)
			}
			got := flatten(p)
			if !reflect.DeepEqual(got, tt.changes) && !(len(got) == 0 && len(tt.changes) == 0) {
				t.Errorf("changes = %v, want %v", got, tt.changes)
			}
			var winners []schema.Side
			for _, c := range p.Conflicts {
				winners = append(winners, c.Winner)
				if c.Rule != rule {
					t.Errorf("conflict rule = %s, want %s", c.Rule, rule)
				}
				if mapping.Equal(schema.KindString, c.SalesforceValue, c.ClarizenValue) && c.ClarizenField == "Name" {
					t.Errorf("conflict with equal values: %+v", c)
				}
			}
			if !reflect.DeepEqual(winners, tt.conflicts) {
				t.Errorf("conflict winners = %v, want %v", winners, tt.conflicts)
			}
			if ids := mapErrorIDs(p.Errors); !reflect.DeepEqual(ids, tt.errors) {
				t.Errorf("errors = %v (%+v), want %v", ids, p.Errors, tt.errors)
			}
			var pending []string
			for _, pr := range p.Pending {
				pending = append(pending, pr.FieldMapID)
			}
			if !reflect.DeepEqual(pending, tt.pending) {
				t.Errorf("pending = %v, want %v", pending, tt.pending)
			}
			checkNextBase(t, in, p)
			if tt.baseCheck != nil {
				tt.baseCheck(t, p.Base)
			}
		})
	}
}

// checkNextBase verifies that the planned base is what both records hold
// once the writes are applied, so that the next run finds no change.
func checkNextBase(t *testing.T, in SyncInput, p SyncPlan) {
	t.Helper()
	sf, cz := copyValues(in.Salesforce.Values), copyValues(in.Clarizen.Values)
	if p.Salesforce != nil {
		for _, c := range p.Salesforce.Changes {
			sf[c.Field] = c.After
		}
	}
	if p.Clarizen != nil {
		for _, c := range p.Clarizen.Changes {
			cz[c.Field] = c.After
		}
	}
	next := p.CommitBase(in.Salesforce.Stamp.Add(time.Minute), in.Clarizen.Stamp.Add(time.Minute))
	again, err := PlanSync(SyncInput{
		Mapping: in.Mapping, SalesforceObject: in.SalesforceObject, ClarizenObject: in.ClarizenObject, Base: &next,
		Salesforce: Record{ID: in.Salesforce.ID, Values: sf, Stamp: in.Salesforce.Stamp.Add(30 * time.Minute)},
		Clarizen:   Record{ID: in.Clarizen.ID, Values: cz, Stamp: in.Clarizen.Stamp.Add(30 * time.Minute)},
		Currency:   in.Currency, Resolver: in.Resolver,
	})
	if err != nil {
		t.Fatalf("second PlanSync: %v", err)
	}
	if got := flatten(again); len(got) != 0 || len(again.Conflicts) != 0 {
		t.Errorf("the run after applying the plan writes again: %v, conflicts %+v", got, again.Conflicts)
	}
	sfZero := p.Salesforce != nil || slices.Contains(p.RetrySides, schema.Salesforce)
	czZero := p.Clarizen != nil || slices.Contains(p.RetrySides, schema.Clarizen)
	if sfZero != p.Base.SalesforceStamp.IsZero() || czZero != p.Base.ClarizenStamp.IsZero() {
		t.Errorf("base stamps %v / %v: a written side must have a zero stamp, an unwritten side its current one",
			p.Base.SalesforceStamp, p.Base.ClarizenStamp)
	}
}

func flatten(p SyncPlan) []change {
	var out []change
	for _, u := range []*Update{p.Salesforce, p.Clarizen} {
		if u == nil {
			continue
		}
		for _, c := range u.Changes {
			out = append(out, change{u.Side, c.Field, c.After})
		}
	}
	return out
}

func mapErrorIDs(errs []MapError) []string {
	var ids []string
	for _, e := range errs {
		ids = append(ids, e.FieldMapID)
	}
	return ids
}

func copyValues(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestPlanSync_UpdateDetails(t *testing.T) {
	sf := sfValues()
	sf["Name"] = "Acme 2"
	cz := czValues()
	cz["Work"] = map[string]any{"value": 1.0, "unit": "Weeks"}
	p, err := PlanSync(SyncInput{Mapping: projectMapping(mapping.NewestWins), SalesforceObject: sfObject, ClarizenObject: czObject,
		Base: syncedBase(), Salesforce: Record{ID: "a01", Values: sf, Stamp: t1}, Clarizen: Record{ID: "/Project/p1", Values: cz, Stamp: t1},
		Currency: "EUR", Resolver: resolver})
	if err != nil {
		t.Fatal(err)
	}
	want := &Update{Side: schema.Clarizen, Object: "Project", ID: "/Project/p1", Changes: []FieldChange{
		{Field: "Name", FieldMapID: "name", SourceField: "Name", Before: "Acme", After: "Acme 2"}}}
	if !reflect.DeepEqual(p.Clarizen, want) {
		t.Errorf("Clarizen update = %+v, want %+v", p.Clarizen, want)
	}
	wantSF := &Update{Side: schema.Salesforce, Object: "Clarizen_Project__c", ID: "a01", Changes: []FieldChange{
		{Field: "Effort__c", FieldMapID: "work", SourceField: "Work", Before: 2.0, After: 5.0}}}
	if !reflect.DeepEqual(p.Salesforce, wantSF) {
		t.Errorf("Salesforce update = %+v, want %+v", p.Salesforce, wantSF)
	}
}

func TestPlanSync_ConflictRecord(t *testing.T) {
	sf, cz := sfValues(), czValues()
	sf["Name"], cz["Name"] = "From SF", "From CZ"
	p, err := PlanSync(SyncInput{Mapping: projectMapping(mapping.NewestWins), SalesforceObject: sfObject, ClarizenObject: czObject,
		Base: syncedBase(), Salesforce: Record{ID: "a01", Values: sf, Stamp: t2}, Clarizen: Record{ID: "/Project/p1", Values: cz, Stamp: t1},
		Currency: "EUR", Resolver: resolver})
	if err != nil {
		t.Fatal(err)
	}
	want := []Conflict{{SalesforceField: "Name", ClarizenField: "Name", SalesforceValue: "From SF", ClarizenValue: "From CZ",
		SalesforceStamp: t2, ClarizenStamp: t1, Winner: schema.Salesforce, Rule: mapping.NewestWins}}
	if !reflect.DeepEqual(p.Conflicts, want) {
		t.Errorf("conflicts = %+v, want %+v", p.Conflicts, want)
	}
}

func TestPlanSync_Warnings(t *testing.T) {
	sf := sfValues()
	sf["OwnerId"] = "005D"
	p, err := PlanSync(SyncInput{Mapping: projectMapping(mapping.NewestWins), SalesforceObject: sfObject, ClarizenObject: czObject,
		Base: syncedBase(), Salesforce: Record{ID: "a01", Values: sf, Stamp: t1}, Clarizen: Record{ID: "/Project/p1", Values: czValues(), Stamp: t0},
		Currency: "EUR", Resolver: resolver})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].FieldMapID != "owner" || !strings.Contains(p.Warnings[0].Message, "left empty") {
		t.Errorf("warnings = %+v, want one for the owner map", p.Warnings)
	}
	if got := flatten(p); !reflect.DeepEqual(got, []change{{schema.Clarizen, "Manager", nil}}) {
		t.Errorf("changes = %v, want Manager cleared", got)
	}
}

func TestPlanSync_Deterministic(t *testing.T) {
	in := SyncInput{Mapping: projectMapping(mapping.NewestWins), SalesforceObject: sfObject, ClarizenObject: czObject,
		Salesforce: Record{ID: "a01", Values: sfValues(), Stamp: t1}, Clarizen: Record{ID: "/Project/p1", Values: czValues(), Stamp: t2},
		Currency: "EUR", Resolver: resolver}
	in.Salesforce.Values["Name"] = "X"
	first, err := PlanSync(in)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		again, _ := PlanSync(in)
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("PlanSync gave a different plan on run %d", i)
		}
	}
}

func TestPlanSync_NoMappingID(t *testing.T) {
	if _, err := PlanSync(SyncInput{}); err == nil {
		t.Error("PlanSync without a mapping id succeeded")
	}
}

func TestPlanSync_RetryAfterPending(t *testing.T) {
	sf := sfValues()
	sf["OwnerId"] = "005C"
	in := SyncInput{Mapping: projectMapping(mapping.NewestWins), SalesforceObject: sfObject, ClarizenObject: czObject,
		Base: syncedBase(), Salesforce: Record{ID: "a01", Values: sf, Stamp: t1}, Clarizen: Record{ID: "/Project/p1", Values: czValues(), Stamp: t0},
		Currency: "EUR", Resolver: resolver}
	first, err := PlanSync(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Pending) != 1 || !slices.Equal(first.RetrySides, []schema.Side{schema.Salesforce}) {
		t.Fatalf("pending = %+v, retry sides = %v, want the owner pending on the Salesforce side", first.Pending, first.RetrySides)
	}
	if first.Base.Salesforce["OwnerId"] != "005A" {
		t.Errorf("base OwnerId = %v, want the old 005A kept for the retry", first.Base.Salesforce["OwnerId"])
	}
	next := first.CommitBase(t1, t1)
	if !next.SalesforceStamp.IsZero() {
		t.Errorf("CommitBase set the stamp of a side with a retry: %v", next.SalesforceStamp)
	}
	in.Base = &next
	sf["OwnerId"] = "005B"
	second, err := PlanSync(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := flatten(second); !reflect.DeepEqual(got, []change{{schema.Clarizen, "Manager", "/User/u9"}}) {
		t.Errorf("second run changes = %v, want the owner written once its counterpart exists", got)
	}
}
