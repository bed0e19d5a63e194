package soql

import (
	"errors"
	"testing"
)

func TestParse_Errors(t *testing.T) {
	cases := []struct {
		name string
		soql string
		row  int
		col  int
	}{
		{"mixed AND and OR without parentheses", "SELECT Id FROM Account WHERE A = 1 OR B = 2 AND C = 3", 1, 45},
		{"unterminated string", "SELECT Id FROM Account WHERE Name = 'x", 1, 37},
		{"bad escape", `SELECT Id FROM Account WHERE Name = 'a\qb'`, 1, 37},
		{"NOT LIKE", "SELECT Id FROM Account WHERE Name NOT LIKE 'a%'", 1, 39},
		{"negative limit", "SELECT Id FROM Account LIMIT -5", 1, 30},
		{"error on second row", "SELECT Id\nFROM Account\nWHERE Name ==", 3, 13},
		{"bind variable", "SELECT Id FROM Account WHERE Id = :x", 1, 35},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.soql)
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse error = %v, want *Error", err)
			}
			if perr.Pos.Row != tc.row || perr.Pos.Col != tc.col {
				t.Errorf("position %+v, want row %d column %d (%s)", perr.Pos, tc.row, tc.col, perr.Msg)
			}
		})
	}
}

func TestParse_Values(t *testing.T) {
	q, err := Parse(`SELECT Id FROM Opportunity WHERE Name = 'it\'s\n' AND Amount > USD5000.5 AND CloseDate = LAST_N_DAYS:7 AND Name LIKE 'a\_b%' AND SystemModstamp > 2024-01-02T03:04:05Z`)
	if err != nil {
		t.Fatal(err)
	}
	var got []Value
	var walk func(Expr)
	walk = func(e Expr) {
		switch x := e.(type) {
		case Logical:
			walk(x.Left)
			walk(x.Right)
		case Comparison:
			got = append(got, x.Value)
		}
	}
	walk(q.Where)
	want := []struct {
		kind ValueKind
		str  string
		num  float64
		n    int
	}{
		{ValueString, "it's\n", 0, 0},
		{ValueCurrency, "", 5000.5, 0},
		{ValueDateLiteral, "LAST_N_DAYS", 0, 7},
		{ValueString, `a\_b%`, 0, 0},
		{ValueDateTime, "2024-01-02T03:04:05Z", 0, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.kind || g.Str != w.str || g.Num != w.num || g.N != w.n {
			t.Errorf("value %d = %+v, want kind %v str %q num %v n %d", i, g, w.kind, w.str, w.num, w.n)
		}
	}
}
