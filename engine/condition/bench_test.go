package condition

import "testing"

const benchCondition = "Probability >= 70 AND (StageName IN ('Closed Won', 'Negotiation/Review') OR Name LIKE '%roll%') AND NOT Account.Name IS NULL"

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(benchCondition); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEval(b *testing.B) {
	e := MustParse(benchCondition)
	for b.Loop() {
		if _, err := Eval(e, sfRecord, opportunity); err != nil {
			b.Fatal(err)
		}
	}
}
