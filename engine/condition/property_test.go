package condition

import (
	"math/rand"
	"testing"
)

// randomExpr builds a random condition over fields a, b, s and m.
func randomExpr(r *rand.Rand, depth int) Expr {
	if depth > 0 && r.Intn(3) > 0 {
		switch r.Intn(3) {
		case 0:
			return And{Terms: []Expr{randomExpr(r, depth-1), randomExpr(r, depth-1)}}
		case 1:
			return Or{Terms: []Expr{randomExpr(r, depth-1), randomExpr(r, depth-1)}}
		default:
			return Not{X: randomExpr(r, depth-1)}
		}
	}
	num := func() Value { return Number([]string{"1", "2", "3"}[r.Intn(3)]) }
	switch r.Intn(6) {
	case 0:
		ops := []Op{OpEq, OpNe, OpLt, OpGt, OpLe, OpGe}
		return Comparison{Field: []string{"a", "b"}[r.Intn(2)], Op: ops[r.Intn(len(ops))], Value: num()}
	case 1:
		return Comparison{Field: "a", Op: []Op{OpIn, OpNotIn}[r.Intn(2)], Value: List{num(), num()}}
	case 2:
		return Comparison{Field: "s", Op: []Op{OpLike, OpNotLike}[r.Intn(2)], Value: Pattern([]string{"x%", "%y", "_"}[r.Intn(3)])}
	case 3:
		return Comparison{Field: "m", Op: []Op{OpIncludes, OpExcludes}[r.Intn(2)], Value: List{String([]string{"p", "q", "p;q"}[r.Intn(3)])}}
	case 4:
		return Comparison{Field: []string{"a", "s", "m"}[r.Intn(3)], Op: []Op{OpIsNull, OpIsNotNull}[r.Intn(2)]}
	}
	return Comparison{Field: "flag", Op: []Op{OpEq, OpNe}[r.Intn(2)], Value: Bool(r.Intn(2) == 0)}
}

func randomRecord(r *rand.Rand) map[string]any {
	pick := func(vals ...any) any { return vals[r.Intn(len(vals))] }
	return map[string]any{
		"a":    pick(nil, 1.0, 2.0, 3.0),
		"b":    pick(nil, 1.0, 3.0),
		"s":    pick(nil, "x", "xy", "y", ""),
		"m":    pick(nil, "p", "q", "p;q", ""),
		"flag": pick(nil, true, false),
	}
}

// guarded adds the null guards that the compilers emit, as condition nodes,
// so that Eval can check that they never change which records match.
func guarded(e Expr) Expr {
	switch n := e.(type) {
	case And:
		return And{Terms: mapTerms(n.Terms, guarded)}
	case Or:
		return Or{Terms: mapTerms(n.Terms, guarded)}
	case Comparison:
		if needsNullGuard(n) {
			return And{Terms: []Expr{n, Comparison{Field: n.Field, Op: OpIsNotNull}}}
		}
	}
	return e
}

func mapTerms(terms []Expr, fn func(Expr) Expr) []Expr {
	out := make([]Expr, len(terms))
	for i, t := range terms {
		out[i] = fn(t)
	}
	return out
}

func TestPushNot_KeepsMatches(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		e := randomExpr(r, 4)
		rec := randomRecord(r)
		want, err := Eval(e, rec, opportunity)
		if err != nil {
			t.Fatalf("Eval(%s): %v", e, err)
		}
		nnf := pushNot(e, false)
		got, err := Eval(nnf, rec, opportunity)
		if err != nil || got != want {
			t.Fatalf("Eval(%s) = %v but its negation normal form %s gives %v (%v) on %v", e, want, nnf, got, err, rec)
		}
		withGuards := guarded(nnf)
		got, err = Eval(withGuards, rec, opportunity)
		if err != nil || got != want {
			t.Fatalf("Eval(%s) = %v but the guarded form %s gives %v (%v) on %v", e, want, withGuards, got, err, rec)
		}
		if _, err := SOQL(e); err != nil {
			t.Fatalf("SOQL(%s): %v", e, err)
		}
	}
}
