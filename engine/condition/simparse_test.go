package condition

import (
	"math/rand"
	"testing"

	"github.com/liaison-sync/liaison/engine/sim/czsim/czql"
	"github.com/liaison-sync/liaison/engine/sim/sfsim/soql"
)

// TestSOQL_SimulatorParses feeds every compiled WHERE clause to the
// Salesforce simulator's SOQL parser, a second reading of the grammar
// written apart from this package.
func TestSOQL_SimulatorParses(t *testing.T) {
	for _, src := range compiledSources(t) {
		where, err := SOQL(MustParse(src))
		if err != nil {
			continue
		}
		if _, err := soql.Parse("SELECT Id FROM Opportunity WHERE " + where); err != nil {
			t.Errorf("the simulator rejects the SOQL of %q:\n %s\n %v", src, where, err)
		}
	}
}

// TestCZQL_SimulatorParses does the same with the Clarizen simulator's
// CZQL parser.
func TestCZQL_SimulatorParses(t *testing.T) {
	for _, src := range compiledSources(t) {
		where, err := CZQL(MustParse(src), project)
		if err != nil {
			continue
		}
		if _, err := czql.ParseCondition(where); err != nil {
			t.Errorf("the simulator rejects the CZQL of %q:\n %s\n %v", src, where, err)
		}
	}
}

// compiledSources returns the compile table's conditions, the escaping
// cases and a set of random conditions.
func compiledSources(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, tt := range compileCases {
		out = append(out, tt.src)
	}
	out = append(out, `Name = 'O\'Brien \\ "q" \n'`, `Name LIKE '100\%\_\\%'`, "NOT (a = 1 OR NOT b IN (1, 2))")
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 300; i++ {
		out = append(out, randomExpr(r, 3).String())
	}
	return out
}

// czRecord adapts a test record to the Clarizen simulator's evaluator.
type czTestRecord map[string]any

func (r czTestRecord) Value(path []string) (czql.Value, error) {
	switch v := r[path[0]].(type) {
	case nil:
		return czql.Value{Kind: czql.KindNull}, nil
	case float64:
		return czql.Value{Kind: czql.KindNumber, Num: v}, nil
	case string:
		return czql.Value{Kind: czql.KindString, Str: v}, nil
	case bool:
		return czql.Value{Kind: czql.KindBool, Bool: v}, nil
	}
	return czql.Value{Kind: czql.KindNull}, nil
}

// TestCZQL_SimulatorAgreesWithEval compiles random conditions to CZQL and
// checks that the Clarizen simulator matches the same records as Eval,
// nulls included.
func TestCZQL_SimulatorAgreesWithEval(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	compared := 0
	for i := 0; i < 3000; i++ {
		e := randomExpr(r, 3)
		where, err := CZQL(e, project)
		if err != nil {
			continue
		}
		parsed, err := czql.ParseCondition(where)
		if err != nil {
			t.Fatalf("ParseCondition(%s): %v", where, err)
		}
		rec := randomRecord(r)
		delete(rec, "m")
		if _, usesMulti := fieldSet(e)["m"]; usesMulti {
			continue
		}
		want, err := Eval(e, rec, opportunity)
		if err != nil {
			t.Fatal(err)
		}
		got, err := czql.Match(parsed, czTestRecord(rec))
		if err != nil {
			t.Fatalf("Match(%s): %v", where, err)
		}
		if got != want {
			t.Fatalf("condition %s on %v: Eval = %v but the simulator matches %v for %s", e, rec, want, got, where)
		}
		compared++
	}
	if compared < 1000 {
		t.Errorf("only %d conditions compared", compared)
	}
}

func fieldSet(e Expr) map[string]bool {
	out := map[string]bool{}
	for _, f := range Fields(e) {
		out[f] = true
	}
	return out
}
