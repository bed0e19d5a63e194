package czql

import (
	"reflect"
	"testing"
)

// FuzzParseCZQL checks that Parse never panics and that every query it
// accepts renders to text that parses back to the same tree.
func FuzzParseCZQL(f *testing.F) {
	seeds := []string{
		"SELECT Name FROM Task",
		"SELECT Name, Manager.Name FROM Project WHERE StartDate > 2014-01-01 ORDER BY Name DESC LIMIT 10 OFFSET 5",
		"SELECT Name FROM Task WHERE Work > 2000h AND State IN ('Active', \"Draft\")",
		"SELECT Name, (SELECT Name FROM Children) FROM Project WHERE NOT (a = 1 OR b IS NOT NULL)",
		"select @Name from task where @Name like '%o''b%'",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err != nil {
			return
		}
		text := q.String()
		again, err := Parse(text)
		if err != nil {
			t.Fatalf("rendered query %q does not parse: %v", text, err)
		}
		if !reflect.DeepEqual(q, again) {
			t.Fatalf("round trip changed the query:\n in  %q\n out %q", src, text)
		}
	})
}
