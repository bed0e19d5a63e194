package syncer

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

func TestCreateKey(t *testing.T) {
	cases := []struct {
		name, scope, source string
	}{
		{"salesforce id", "mapping-1", "001C4000000000bIAA"},
		{"clarizen id", "mapping-1", "/Milestone/mj667sdwqboc1d9ck4scjzxr42nax"},
		{"long chained key", "event-1", strings.Repeat("x", 120)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := createKey(c.scope, c.source)
			if k != createKey(c.scope, c.source) {
				t.Error("the key differs between calls")
			}
			if k == createKey(c.scope+"x", c.source) {
				t.Error("another scope gives the same key")
			}
			if len(k) > 80 || !strings.HasPrefix(k, keyPrefix) {
				t.Errorf("key %q: want at most 80 characters starting with %q", k, keyPrefix)
			}
			if strings.ContainsAny(k, "/ %?#") {
				t.Errorf("key %q holds a character unsafe in an id path", k)
			}
		})
	}
}

func TestWavesAndBatches(t *testing.T) {
	ops := []Operation{
		{ID: 0, Kind: OpCreate, Target: schema.Salesforce, Connection: "salesforce", Object: "Clarizen_Project__c", KeyField: "Liaison_Key__c"},
		{ID: 1, Kind: OpCreate, Target: schema.Clarizen, Connection: "clarizen1", Object: "Customer"},
		{ID: 2, Kind: OpCreate, Target: schema.Clarizen, Connection: "clarizen1", Object: "Project", Template: "T", DependsOn: []int{0}},
		{ID: 3, Kind: OpCreate, Target: schema.Clarizen, Connection: "clarizen1", Object: "Project", Template: "T", DependsOn: []int{0}},
		{ID: 4, Kind: OpLink, Target: schema.Clarizen, Connection: "clarizen1", Object: "CustomerLink", DependsOn: []int{2, 1}},
	}
	w := waves(ops)
	if len(w) != 3 {
		t.Fatalf("waves = %v, want 3", w)
	}
	for i, want := range [][]int{{0, 1}, {2, 3}, {4}} {
		if len(w[i]) != len(want) || w[i][0] != want[0] {
			t.Errorf("wave %d = %v, want %v", i, w[i], want)
		}
	}
	if b := batches(ops, w[1]); len(b) != 2 {
		t.Errorf("template creates in %d calls, want one call each", len(b))
	}
	if b := batches(ops, w[0]); len(b) != 2 {
		t.Errorf("first wave in %d calls, want one per target", len(b))
	}

	many := make([]Operation, 450)
	idx := make([]int, 450)
	for i := range many {
		many[i] = Operation{ID: i, Kind: OpUpdate, Target: schema.Salesforce, Connection: "salesforce", Object: "Account"}
		idx[i] = i
	}
	sizes := []int{}
	for _, b := range batches(many, idx) {
		sizes = append(sizes, len(b.ops))
	}
	if len(sizes) != 3 || sizes[0] != SalesforceBatchSize || sizes[2] != 50 {
		t.Errorf("batch sizes = %v, want 200, 200, 50", sizes)
	}
}

func TestClassify(t *testing.T) {
	op := &Operation{Kind: OpCreate, Target: schema.Salesforce, Object: "Account", MappingName: "Accounts"}
	cases := []struct {
		name      string
		err       error
		class     string
		code      string
		hintWords []string
	}{
		{"salesforce record error", &salesforce.Error{Op: "upsert", Code: "STRING_TOO_LONG", Message: "Name: data value too large", Fields: []string{"Name"}},
			ClassPermanent, "STRING_TOO_LONG", []string{"Name", "Account", "truncate"}},
		{"salesforce busy", &salesforce.Error{Code: "UNABLE_TO_LOCK_ROW", Message: "locked"}, ClassTransient, "UNABLE_TO_LOCK_ROW", []string{"next run"}},
		{"salesforce budget", &salesforce.Error{Status: 403, Code: "REQUEST_LIMIT_EXCEEDED", Message: "TotalRequests Limit exceeded."},
			ClassQuota, "REQUEST_LIMIT_EXCEEDED", []string{"budget"}},
		{"clarizen login", &clarizen.Error{Code: clarizen.CodeUnauthorized, HTTPStatus: 401}, ClassAuth, clarizen.CodeUnauthorized, []string{"Re-authenticate"}},
		{"other error", errors.New("disk full"), ClassPermanent, "", []string{"Account", "retry"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			re := classify(op, c.err)
			if re.Class != c.class {
				t.Errorf("class = %s, want %s", re.Class, c.class)
			}
			if re.Code != c.code {
				t.Errorf("code = %s, want %s", re.Code, c.code)
			}
			for _, w := range c.hintWords {
				if !strings.Contains(re.Hint, w) {
					t.Errorf("hint %q lacks %q", re.Hint, w)
				}
			}
		})
	}
}

func TestApplier_HoldMarks(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	plan := &Plan{
		Operations: []Operation{
			{ID: 0, holds: []hold{{scope: "a", stamp: t0.Add(time.Minute)}}},
			{ID: 1, holds: []hold{{scope: "a", stamp: t0.Add(2 * time.Minute)}}},
			{ID: 2, holds: []hold{{scope: "b", stamp: t0.Add(3 * time.Minute)}}},
		},
		marks: []mark{{scope: "a", next: t0.Add(time.Hour)}, {scope: "b", next: t0.Add(time.Hour)}, {scope: "c", next: t0.Add(time.Hour)}},
	}
	a := &applier{plan: plan, out: []outcome{
		{state: stateSuccess},
		{state: statePending},
		{state: stateFailed, err: &RecordError{Class: ClassPermanent}},
	}}
	got := map[string]string{}
	for _, m := range a.holdMarks() {
		got[m.Scope] = m.Value
	}
	want := map[string]string{
		"a": formatStamp(t0.Add(2 * time.Minute)), // held at the unsent operation's source
		"b": formatStamp(t0.Add(time.Hour)),       // a permanent failure does not hold
		"c": formatStamp(t0.Add(time.Hour)),
	}
	for scope, v := range want {
		if got[scope] != v {
			t.Errorf("watermark %s = %s, want %s", scope, got[scope], v)
		}
	}
}

func TestApplier_DependencyError(t *testing.T) {
	cases := []struct {
		name      string
		cause     *RecordError
		wantClass string
		hintWords []string
	}{
		{"transient dependency", &RecordError{Code: "UNABLE_TO_LOCK_ROW", Message: "locked", Class: ClassTransient},
			ClassTransient, []string{"next run"}},
		{"permanent dependency", &RecordError{Code: "INVALID_EMAIL_ADDRESS", Message: "bad address", Class: ClassPermanent},
			ClassPermanent, []string{"retry both rows"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ops := []Operation{
				{ID: 0, Kind: OpCreate, Target: schema.Clarizen, Object: "User", RecordID: "/User/u1", Label: "Grace Hopper"},
				{ID: 1, Kind: OpUpdate, Target: schema.Clarizen, Object: "Customer", RecordID: "/Customer/c1", DependsOn: []int{0}},
			}
			a := &applier{plan: &Plan{Operations: ops}, out: []outcome{{state: stateFailed, err: c.cause}, {}}}
			re := a.dependencyError(&ops[1])
			if re.Code != CodeDependencyFailed {
				t.Errorf("code = %s, want %s", re.Code, CodeDependencyFailed)
			}
			if re.Class != c.wantClass {
				t.Errorf("class = %s, want %s", re.Class, c.wantClass)
			}
			if !strings.Contains(re.Message, `operation 0 (create User "Grace Hopper" (new))`) || !strings.Contains(re.Message, c.cause.Message) {
				t.Errorf("message = %q, want the failed create and its cause", re.Message)
			}
			if strings.Contains(re.Message, "/User/u1") {
				t.Errorf("message = %q names the id the failed create never got", re.Message)
			}
			for _, w := range c.hintWords {
				if !strings.Contains(re.Hint, w) {
					t.Errorf("hint %q lacks %q", re.Hint, w)
				}
			}
			a.out[1] = outcome{state: stateFailed, err: re}
			if got, want := a.out[1].unfinished(), c.wantClass == ClassTransient; got != want {
				t.Errorf("unfinished = %v, want %v", got, want)
			}
		})
	}
}

func TestPlanner_FailedMapHint(t *testing.T) {
	ms := &mappingState{
		m: mapping.Mapping{ID: "m", Name: "Projects", FieldMaps: []mapping.FieldMap{{ID: "3f2a9c1e-generated",
			Enabled: true, Direction: mapping.ToClarizen, SalesforceField: "Budget__c", ClarizenField: "PlannedBudget"}}},
		conn:  "clarizen1",
		sfObj: schema.Object{Name: "Clarizen_Project__c"}, czObj: schema.Object{Name: "Project"},
	}
	p := &planner{plan: &Plan{}}
	pr := pair{link: &store.Link{ID: 1}, sf: Record{Side: schema.Salesforce, ID: "a01"}, cz: Record{Side: schema.Clarizen, ID: "/Project/p1"}}
	p.addFailedMap(ms, pr, plan.MapError{FieldMapID: "3f2a9c1e-generated", Message: "no currency is known for the amount"})
	if len(p.plan.Operations) != 1 || p.plan.Operations[0].planErr == nil {
		t.Fatalf("operations = %+v, want one failed update", p.plan.Operations)
	}
	h := p.plan.Operations[0].planErr.Hint
	if !strings.Contains(h, "Budget__c → PlannedBudget") {
		t.Errorf("hint %q does not name the field map by its fields", h)
	}
	if strings.Contains(h, "3f2a9c1e") {
		t.Errorf("hint %q names the field map's id", h)
	}
}

func TestConnectionProblem(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"not connected", notConnected(t, "clarizen2"),
			"Clarizen instance 2 is not connected: connect it on the Connections screen, or disable its mappings."},
		{"login refused", &clarizen.Error{Code: clarizen.CodeUnauthorized, HTTPStatus: 401},
			"Clarizen instance 2 needs re-authentication: log in again on the Connections screen."},
		{"other failure", errors.New("keychain locked"),
			"Clarizen instance 2 could not be used: keychain locked."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := connectionProblem("clarizen2", c.err); got != c.want {
				t.Errorf("problem = %q, want %q", got, c.want)
			}
		})
	}
}

// notConnected returns the error StaticClients gives for a connection
// without a client.
func notConnected(t *testing.T, conn string) error {
	t.Helper()
	_, err := StaticClients{}.Clarizen(t.Context(), conn)
	if !errors.Is(err, ErrNotConnected) {
		t.Fatalf("err = %v, want ErrNotConnected", err)
	}
	return err
}

func TestSanitizeKeyPart(t *testing.T) {
	cases := []struct{ in, want string }{
		{"001C4000000000bIAA", "001C4000000000bIAA"},
		{"/Task/abc", "_Task_abc"},
		{"jane.doe@example.com", "jane_doe_example_com"},
		{"Zoë-1", "Zo_-1"},
	}
	for _, c := range cases {
		if got := SanitizeKeyPart(c.in); got != c.want {
			t.Errorf("SanitizeKeyPart(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := createKey("m", "/Task/abc"); !strings.HasSuffix(got, "-Task_abc") {
		t.Errorf("createKey of a Clarizen id = %q, want the id without its leading slash", got)
	}
}
