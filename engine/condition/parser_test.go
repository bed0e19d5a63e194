package condition

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParse_Valid(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Expr
		text string // canonical String()
	}{
		{"equal number", "Probability >= 70",
			Comparison{Field: "Probability", Op: OpGe, Value: Number("70")}, "Probability >= 70"},
		{"every scalar op", "a = 1 AND b != 2 AND c < 3 AND d > 4 AND e <= 5 AND f >= 6",
			And{Terms: []Expr{
				Comparison{"a", OpEq, Number("1")}, Comparison{"b", OpNe, Number("2")},
				Comparison{"c", OpLt, Number("3")}, Comparison{"d", OpGt, Number("4")},
				Comparison{"e", OpLe, Number("5")}, Comparison{"f", OpGe, Number("6")},
			}}, "a = 1 AND b != 2 AND c < 3 AND d > 4 AND e <= 5 AND f >= 6"},
		{"angle not equal", "a <> 'x'", Comparison{"a", OpNe, String("x")}, "a != 'x'"},
		{"negative decimal", "x > -1.50", Comparison{"x", OpGt, Number("-1.50")}, "x > -1.50"},
		{"booleans any case", "IsWon = TRUE or IsClosed = false",
			Or{Terms: []Expr{Comparison{"IsWon", OpEq, Bool(true)}, Comparison{"IsClosed", OpEq, Bool(false)}}},
			"IsWon = true OR IsClosed = false"},
		{"date", "CloseDate < 2024-02-29", Comparison{"CloseDate", OpLt, Date{2024, time.February, 29}}, "CloseDate < 2024-02-29"},
		{"datetime with offset in UTC", "LastModifiedDate >= 2024-01-31T09:30:00+02:00",
			Comparison{"LastModifiedDate", OpGe, DateTime{time.Date(2024, 1, 31, 7, 30, 0, 0, time.UTC)}},
			"LastModifiedDate >= 2024-01-31T07:30:00Z"},
		{"datetime fraction", "t = 2024-01-31T09:30:00.25Z",
			Comparison{"t", OpEq, DateTime{time.Date(2024, 1, 31, 9, 30, 0, 250000000, time.UTC)}},
			"t = 2024-01-31T09:30:00.25Z"},
		{"dot path", "Account.Owner.Name = 'Ann'", Comparison{"Account.Owner.Name", OpEq, String("Ann")}, "Account.Owner.Name = 'Ann'"},
		{"is null", "Amount is null", Comparison{Field: "Amount", Op: OpIsNull}, "Amount IS NULL"},
		{"is not null", "Amount IS NOT NULL", Comparison{Field: "Amount", Op: OpIsNotNull}, "Amount IS NOT NULL"},
		{"equals null", "Amount = null", Comparison{Field: "Amount", Op: OpIsNull}, "Amount IS NULL"},
		{"not equals null", "Amount != NULL", Comparison{Field: "Amount", Op: OpIsNotNull}, "Amount IS NOT NULL"},
		{"angle null", "Amount <> null", Comparison{Field: "Amount", Op: OpIsNotNull}, "Amount IS NOT NULL"},
		{"like", "Name LIKE 'Acme%'", Comparison{"Name", OpLike, Pattern("Acme%")}, "Name LIKE 'Acme%'"},
		{"not like", "Name not like '_cme'", Comparison{"Name", OpNotLike, Pattern("_cme")}, "Name NOT LIKE '_cme'"},
		{"like escapes", `Name LIKE '100\%\_\\%'`, Comparison{"Name", OpLike, Pattern(`100\%\_\\%`)}, `Name LIKE '100\%\_\\%'`},
		{"in", "StageName IN ('A', 'B')", Comparison{"StageName", OpIn, List{String("A"), String("B")}}, "StageName IN ('A', 'B')"},
		{"not in numbers", "x NOT IN (1,2.5)", Comparison{"x", OpNotIn, List{Number("1"), Number("2.5")}}, "x NOT IN (1, 2.5)"},
		{"includes", "Colors__c INCLUDES ('Red;Blue', 'Green')",
			Comparison{"Colors__c", OpIncludes, List{String("Red;Blue"), String("Green")}}, "Colors__c INCLUDES ('Red;Blue', 'Green')"},
		{"excludes", "Colors__c excludes ('Red')", Comparison{"Colors__c", OpExcludes, List{String("Red")}}, "Colors__c EXCLUDES ('Red')"},
		{"string escapes", `Name = 'O\'Brien \\ \"q\" \n\t\r\b\f \u00e9'`,
			Comparison{"Name", OpEq, String("O'Brien \\ \"q\" \n\t\r\b\f é")}, `Name = 'O\'Brien \\ "q" \n\t\r\b\f é'`},
		{"control escape", `Name = '\u0001'`, Comparison{"Name", OpEq, String("\x01")}, `Name = '\u0001'`},
		{"and binds tighter than or", "a = 1 OR b = 2 AND c = 3",
			Or{Terms: []Expr{Comparison{"a", OpEq, Number("1")}, And{Terms: []Expr{Comparison{"b", OpEq, Number("2")}, Comparison{"c", OpEq, Number("3")}}}}},
			"a = 1 OR (b = 2 AND c = 3)"},
		{"parentheses override", "(a = 1 OR b = 2) AND c = 3",
			And{Terms: []Expr{Or{Terms: []Expr{Comparison{"a", OpEq, Number("1")}, Comparison{"b", OpEq, Number("2")}}}, Comparison{"c", OpEq, Number("3")}}},
			"(a = 1 OR b = 2) AND c = 3"},
		{"nested same groups flatten", "a = 1 AND (b = 2 AND (c = 3))",
			And{Terms: []Expr{Comparison{"a", OpEq, Number("1")}, Comparison{"b", OpEq, Number("2")}, Comparison{"c", OpEq, Number("3")}}},
			"a = 1 AND b = 2 AND c = 3"},
		{"not binds tighter than and", "NOT a = 1 AND b = 2",
			And{Terms: []Expr{Not{Comparison{"a", OpEq, Number("1")}}, Comparison{"b", OpEq, Number("2")}}},
			"NOT a = 1 AND b = 2"},
		{"not group", "not (a = 1 or b = 2)",
			Not{Or{Terms: []Expr{Comparison{"a", OpEq, Number("1")}, Comparison{"b", OpEq, Number("2")}}}},
			"NOT (a = 1 OR b = 2)"},
		{"double not", "NOT NOT a = 1", Not{Not{Comparison{"a", OpEq, Number("1")}}}, "NOT NOT a = 1"},
		{"whitespace and newlines", "\n  a\t=\r\n1  ", Comparison{"a", OpEq, Number("1")}, "a = 1"},
		{"custom field names", "C_Budget__c >= 0", Comparison{"C_Budget__c", OpGe, Number("0")}, "C_Budget__c >= 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.src, err)
			}
			if !Equal(got, tt.want) {
				t.Errorf("Parse(%q) = %#v, want %#v", tt.src, got, tt.want)
			}
			if s := got.String(); s != tt.text {
				t.Errorf("String() = %q, want %q", s, tt.text)
			}
			again, err := Parse(got.String())
			if err != nil {
				t.Fatalf("Parse(String()) error: %v", err)
			}
			if !Equal(again, got) {
				t.Errorf("round trip changed the tree: %#v, want %#v", again, got)
			}
		})
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		column   int
		expected string // part of SyntaxError.Expected
		fix      string // part of SyntaxError.Fix
	}{
		{"empty", "   ", 4, "a condition", "Probability >= 70"},
		{"missing value", "Amount >", 9, "a value", "'text'"},
		{"missing operator", "Amount 5", 8, "an operator after Amount", "IS NULL"},
		{"unclosed string", "Name = 'abc", 8, "closing single quote", `\'`},
		{"double quoted string", `Name = "abc"`, 8, "a value", "single quotes"},
		{"bare word value", "Name = Acme", 8, "a value", "'Acme'"},
		{"keyword as field", "AND = 1", 1, "a field name", "field name"},
		{"unknown escape", `Name = 'a\qb'`, 10, "one of the escapes", `\\`},
		{"percent escape outside like", `Name = '100\%'`, 12, "valid outside LIKE", "LIKE pattern"},
		{"bad unicode escape", `Name = '\u12'`, 9, `four hex digits`, `\u00e9`},
		{"surrogate escape", `Name = '\ud800'`, 9, `four hex digits`, `\u00e9`},
		{"invalid date", "CloseDate = 2024-02-30", 13, "a date in the form YYYY-MM-DD", "real calendar date"},
		{"datetime without zone", "t = 2024-01-31T09:30:00", 5, "RFC 3339", "zone"},
		{"datetime without seconds", "t = 2024-01-31T09:30Z", 5, "RFC 3339", "seconds"},
		{"trailing dot number", "x = 1.", 6, "digits after the decimal point", "2.5"},
		{"letters after number", "x = 12ab", 7, "a space or an operator", "1500"},
		{"null with less than", "x < null", 5, "a value other than null", "IS NULL"},
		{"null in list", "x IN (1, null)", 10, "a value other than null in the list", "OR x IS NULL"},
		{"includes number", "c INCLUDES (1)", 13, "a string", "picklist values"},
		{"like without string", "Name LIKE 5", 11, "a pattern", "'Acme%'"},
		{"unclosed paren", "(a = 1", 7, "AND, OR or )", "close the parenthesis"},
		{"extra close paren", "a = 1)", 6, "AND, OR or the end", "unmatched )"},
		{"missing join", "a = 1 b = 2", 7, "AND, OR or the end", "AND or OR"},
		{"is without null", "a IS 5", 6, "NULL", "IS NOT NULL"},
		{"not without like", "a NOT = 1", 7, "LIKE or IN after NOT", "NOT LIKE"},
		{"in without list", "a IN 1", 6, "( to open the value list", "('a', 'b')"},
		{"list without comma", "a IN (1 2)", 9, ", or )", "commas"},
		{"double equals", "a == 1", 3, "an operator", "single ="},
		{"bang alone", "! a = 1", 1, "an operator", "NOT"},
		{"stray character", "a = 1 & b = 2", 7, "a field name, value or operator", "single quotes"},
		{"invalid utf8", "Name = '\xff'", 9, "UTF-8", "retype"},
		{"dangling dot", "Account. = 1", 10, "a field name", "Account.Name"},
		{"column counts characters", "Name = 'é' AND", 15, "a field name", "field name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want *SyntaxError", tt.src, err)
			}
			if se.Column != tt.column {
				t.Errorf("Column = %d, want %d (%v)", se.Column, tt.column, se)
			}
			if !strings.Contains(se.Expected, tt.expected) {
				t.Errorf("Expected = %q, want it to contain %q", se.Expected, tt.expected)
			}
			if !strings.Contains(se.Fix, tt.fix) {
				t.Errorf("Fix = %q, want it to contain %q", se.Fix, tt.fix)
			}
			if se.Found == "" {
				t.Error("Found is empty")
			}
		})
	}
}

func TestParse_DepthLimit(t *testing.T) {
	deep := strings.Repeat("(", maxDepth+5) + "a = 1" + strings.Repeat(")", maxDepth+5)
	if _, err := Parse(deep); err == nil {
		t.Fatal("Parse of deeply nested input succeeded, want a SyntaxError")
	}
	ok := strings.Repeat("(", 50) + "a = 1" + strings.Repeat(")", 50)
	if _, err := Parse(ok); err != nil {
		t.Fatalf("Parse of 50 nested groups: %v", err)
	}
}

func TestSyntaxError_Error(t *testing.T) {
	_, err := Parse("Amount >")
	want := `invalid condition at column 9: expected a value but found the end of the condition (write a value such as 'text', 42, true, 2024-01-31 or 2024-01-31T09:30:00Z)`
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %q", err, want)
	}
}

func TestFields_Order(t *testing.T) {
	e := MustParse("b = 1 AND (a = 2 OR B = 3) AND NOT c IS NULL")
	got := strings.Join(Fields(e), ",")
	if got != "b,a,c" {
		t.Errorf("Fields = %q, want b,a,c", got)
	}
}
