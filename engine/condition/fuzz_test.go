package condition

import (
	"testing"
)

// FuzzParse checks that every condition Parse accepts prints in a form that
// parses back to the same tree, and that compiling and evaluating it never
// panics. The committed corpus under testdata/fuzz/FuzzParse adds hostile
// inputs to the seeds below.
func FuzzParse(f *testing.F) {
	for _, tt := range compileCases {
		f.Add(tt.src)
	}
	for _, s := range []string{
		"", "(", "a = '", `a LIKE '\`, "NOT", "a IN ()", "a = 2024-13-01", "a = 1e5",
		`a = '\u00'`, "a.b.c.d = -0.0", "((((a = 1))))", "a = 1 OR NOT (b = 2 AND c IS NULL)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Parse(%q) returned %T, want *SyntaxError", src, err)
			}
			return
		}
		text := e.String()
		again, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", src, text, err)
		}
		if !Equal(e, again) {
			t.Fatalf("round trip of %q changed the tree: %#v became %#v", src, e, again)
		}
		if again.String() != text {
			t.Fatalf("String is not stable: %q then %q", text, again.String())
		}
		_, _ = SOQL(e)
		_, _ = CZQL(e, project)
		_, _ = EntityQuery(e, project)
		_, _ = Eval(e, sfRecord, opportunity)
		_ = Check(e, opportunity, relatedObjects)
	})
}
