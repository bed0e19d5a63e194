package soql

import (
	"errors"
	"testing"
)

// FuzzParseSOQL checks that the parser never panics and that every error it
// returns carries a position inside the input. The committed seed corpus is
// in testdata/fuzz/FuzzParseSOQL.
func FuzzParseSOQL(f *testing.F) {
	for _, seed := range []string{
		"SELECT Id FROM Account",
		"SELECT Id, Account.Name FROM Opportunity WHERE Probability >= 70 AND IsClosed = false ORDER BY CloseDate DESC NULLS LAST LIMIT 10 OFFSET 5",
		"SELECT Name, (SELECT Quantity FROM OpportunityLineItems WHERE Quantity > 1) FROM Opportunity",
		"SELECT COUNT() FROM Contact WHERE CreatedDate = LAST_N_DAYS:30",
		`SELECT Id FROM Account WHERE Name LIKE 'a\%b\_c%' OR Name IN ('x', 'y\'z')`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err == nil {
			if q == nil || q.Object == "" || len(q.Fields) == 0 {
				t.Fatalf("Parse(%q) returned an empty query without error", src)
			}
			return
		}
		var perr *Error
		if !errors.As(err, &perr) {
			t.Fatalf("Parse(%q) error %T is not *Error", src, err)
		}
		if perr.Pos.Row < 1 || perr.Pos.Col < 1 {
			t.Fatalf("Parse(%q) error position %+v", src, perr.Pos)
		}
	})
}
