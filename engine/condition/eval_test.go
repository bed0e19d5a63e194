package condition

import (
	"encoding/json"
	"errors"
	"testing"
)

// sfRecord is a Salesforce Opportunity as the client returns it.
var sfRecord = map[string]any{
	"attributes":       map[string]any{"type": "Opportunity"},
	"Id":               "006000000000001AAA",
	"Name":             "Acme Rollout",
	"Amount":           1500.0,
	"Probability":      70.0,
	"IsWon":            false,
	"CloseDate":        "2024-03-31",
	"LastModifiedDate": "2024-03-01T10:00:00.000+0000",
	"StageName":        "Negotiation/Review",
	"Colors__c":        "Red;Blue",
	"Description":      nil,
	"AccountId":        "001000000000001AAA",
	"Account":          map[string]any{"attributes": map[string]any{"type": "Account"}, "Name": "Acme", "Owner": nil},
}

// czRecord is a Clarizen Project as the client returns it.
var czRecord = map[string]any{
	"id":            "/Project/p1",
	"Name":          "Acme Rollout",
	"State":         map[string]any{"id": "/State/Active"},
	"Manager":       map[string]any{"id": "/User/u1", "Name": "Ann"},
	"Duration":      map[string]any{"unit": "Weeks", "value": 2.0},
	"PlannedBudget": map[string]any{"currency": "EUR", "value": 1200.5},
	"StartDate":     "2024-03-04T08:00:00.0000000",
	"C_Tags":        []any{"Red", "Blue"},
	"C_Flags":       map[string]any{"id": "/C_Flags/A;B"},
}

func TestEval_Salesforce(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"Amount = 1500", true},
		{"Amount = 1500.0", true},
		{"Amount != 1500", false},
		{"Amount < 1500", false},
		{"Amount <= 1500", true},
		{"Amount > 1499.99", true},
		{"Amount >= 1501", false},
		{"Probability >= 70", true},
		{"Amount IN (1, 1500)", true},
		{"Amount NOT IN (1, 1500)", false},
		{"Name = 'acme rollout'", true},
		{"Name != 'ACME ROLLOUT'", false},
		{"Name < 'B'", true},
		{"Name > 'acme'", true},
		{"Name LIKE 'acme%'", true},
		{"Name LIKE '%ROLL%'", true},
		{"Name LIKE 'Acme_Rollout'", true},
		{"Name LIKE 'Acme__Rollout'", false},
		{"Name LIKE 'Acme'", false},
		{"Name NOT LIKE 'x%'", true},
		{"IsWon = false", true},
		{"IsWon != true", true},
		{"IsWon = true", false},
		{"CloseDate = 2024-03-31", true},
		{"CloseDate > 2024-03-30", true},
		{"CloseDate < 2024-03-31", false},
		{"CloseDate IN (2024-01-01, 2024-03-31)", true},
		{"LastModifiedDate = 2024-03-01T10:00:00Z", true},
		{"LastModifiedDate > 2024-03-01T11:00:00+02:00", true},
		{"LastModifiedDate < 2024-03-01T09:59:59Z", false},
		{"StageName = 'Negotiation/Review'", true},
		{"StageName IN ('Closed Won', 'negotiation/review')", true},
		{"StageName NOT IN ('Closed Won')", true},
		{"Colors__c INCLUDES ('Red')", true},
		{"Colors__c INCLUDES ('Green', 'blue')", true},
		{"Colors__c INCLUDES ('Red;Blue')", true},
		{"Colors__c INCLUDES ('Red;Green')", false},
		{"Colors__c EXCLUDES ('Green')", true},
		{"Colors__c EXCLUDES ('Green', 'Red')", false},
		{"Colors__c = 'Blue;Red'", true},
		{"Colors__c = 'Blue'", false},
		{"Colors__c != 'Blue'", true},
		{"Account.Name = 'Acme'", true},
		{"Account.Owner.Name = 'x'", false},
		{"Account.Owner.Name IS NULL", true},
		{"Missing__c IS NULL", true},
		{"Description IS NULL", true},
		{"Description IS NOT NULL", false},
		{"Name IS NOT NULL", true},
		{"amount = 1500", true},
		{"Amount > 1000 AND StageName = 'Negotiation/Review'", true},
		{"Amount > 2000 OR Probability >= 70", true},
		{"NOT Amount > 2000", true},
		{"NOT (Amount > 1000 AND IsWon = true)", true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, err := Eval(MustParse(tt.src), sfRecord, opportunity)
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if got != tt.want {
				t.Errorf("Eval(%q) = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestEval_NullSemantics(t *testing.T) {
	rec := map[string]any{"Amount": nil, "Name": nil, "Tags": nil, "Flag": nil}
	tests := []struct {
		src  string
		want bool
	}{
		{"Amount = 5", false},
		{"Amount != 5", false},
		{"Amount < 5", false},
		{"Amount >= 5", false},
		{"Amount IN (5)", false},
		{"Amount NOT IN (5)", false},
		{"Name LIKE '%'", false},
		{"Name NOT LIKE 'x'", false},
		{"Tags INCLUDES ('a')", false},
		{"Tags EXCLUDES ('a')", false},
		{"NOT Amount = 5", false},
		{"NOT Amount != 5", false},
		{"NOT NOT Amount = 5", false},
		{"Amount = 5 OR Amount IS NULL", true},
		{"NOT (Amount = 5 AND Name = 'x')", false},
		{"NOT (Amount = 5 OR Amount IS NOT NULL)", false},
		{"Amount IS NULL AND NOT Name IS NOT NULL", true},
		{"Flag = false", true},
		{"Flag != true", true},
		{"NOT Flag = true", true},
		{"Missing.Path = 'x'", false},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, err := Eval(MustParse(tt.src), rec, opportunity)
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if got != tt.want {
				t.Errorf("Eval(%q) on nulls = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestEval_EmptyStringIsNotNull(t *testing.T) {
	rec := map[string]any{"Name": ""}
	for src, want := range map[string]bool{"Name IS NULL": false, "Name = ''": true, "Name != 'x'": true} {
		got, err := Eval(MustParse(src), rec, opportunity)
		if err != nil || got != want {
			t.Errorf("Eval(%q) = %v, %v, want %v", src, got, err, want)
		}
	}
}

func TestEval_Clarizen(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"State = 'Active'", true},
		{"State = '/State/Active'", true},
		{"State != 'Draft'", true},
		{"State IN ('Draft', 'active')", true},
		{"State LIKE 'Act%'", true},
		{"Manager = '/User/u1'", true},
		{"Manager.Name = 'Ann'", true},
		{"Duration = 10", true},
		{"Duration > 9.5", true},
		{"PlannedBudget > 1200", true},
		{"PlannedBudget = 1200.5", true},
		{"StartDate = 2024-03-04T08:00:00Z", true},
		{"StartDate < 2024-03-04T09:00:00+02:00", false},
		{"C_Tags = 'Blue;Red'", true},
		{"C_Tags INCLUDES ('Blue')", true},
		{"C_Tags EXCLUDES ('Green')", true},
		{"C_Flags INCLUDES ('B')", true},
		{"C_Flags INCLUDES ('C')", false},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, err := Eval(MustParse(tt.src), czRecord, project)
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if got != tt.want {
				t.Errorf("Eval(%q) = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestEval_DateFromDateTime(t *testing.T) {
	tests := []struct {
		name  string
		value string
		src   string
		want  bool
	}{
		{"zone-less keeps the written day", "2024-01-31T23:30:00.0000000", "D = 2024-01-31", true},
		{"offset converts to the UTC day", "2024-01-31T23:30:00-05:00", "D = 2024-02-01", true},
		{"salesforce format", "2024-01-31T23:30:00.000+0000", "D = 2024-01-31", true},
		{"plain date", "2024-01-31", "D < 2024-02-01", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Eval(MustParse(tt.src), map[string]any{"D": tt.value}, opportunity)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Eval(%q) with D=%s = %v, want %v", tt.src, tt.value, got, tt.want)
			}
		})
	}
}

func TestEval_NumberShapes(t *testing.T) {
	for name, v := range map[string]any{
		"float64": 5.0, "int": 5, "int64": int64(5), "json.Number": json.Number("5"), "numeric string": "5",
		"money": map[string]any{"value": 5.0, "currency": "USD"}, "duration hours": map[string]any{"value": 40.0, "unit": "Hours"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := Eval(MustParse("N = 5"), map[string]any{"N": v}, opportunity)
			if err != nil || !got {
				t.Errorf("Eval(N = 5) with %#v = %v, %v, want true", v, got, err)
			}
		})
	}
}

func TestEval_TypeErrors(t *testing.T) {
	tests := []struct {
		src   string
		value any
		want  string
	}{
		{"N > 5", "five", "a number"},
		{"N = true", "yes", "true or false"},
		{"N = 2024-01-01", "soon", "a date"},
		{"N = 2024-01-01T00:00:00Z", 5.0, "a date-time"},
		{"N = 'x'", 5.0, "text"},
		{"N LIKE 'x'", true, "text"},
		{"N INCLUDES ('x')", 5.0, "a multi-select picklist value"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Eval(MustParse(tt.src), map[string]any{"N": tt.value}, opportunity)
			var ee *EvalError
			if !errors.As(err, &ee) {
				t.Fatalf("Eval error = %v, want *EvalError", err)
			}
			if ee.Field != "N" || ee.Want != tt.want {
				t.Errorf("EvalError = %+v, want field N and want %q", ee, tt.want)
			}
		})
	}
}

func TestLikeMatch_Patterns(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          bool
	}{
		{"%", "", true},
		{"_", "", false},
		{"_", "é", true},
		{"a%b%c", "aXXbYYc", true},
		{"a%b%c", "aXXbYY", false},
		{"%a%a%", "banana", true},
		{`100\%`, "100%", true},
		{`100\%`, "1000", false},
		{`a\_b`, "a_b", true},
		{`a\_b`, "axb", false},
		{`a\\%`, `a\xyz`, true},
		{`a\\%`, `axyz`, false},
		{"ÄBC", "äbc", true},
		{"%%%x", "x", true},
		{"x%", "X", true},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" "+tt.text, func(t *testing.T) {
			if got := likeMatch(tt.pattern, tt.text); got != tt.want {
				t.Errorf("likeMatch(%q, %q) = %v, want %v", tt.pattern, tt.text, got, tt.want)
			}
		})
	}
}

func TestDurationDays_Units(t *testing.T) {
	tests := []struct {
		value float64
		unit  string
		want  float64
	}{
		{480, "Minutes", 1}, {4, "Hours", 0.5}, {3, "Days", 3}, {2, "Weeks", 10}, {1, "Months", 20}, {1, "days", 1},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			got, ok := DurationDays(tt.value, tt.unit)
			if !ok || got != tt.want {
				t.Errorf("DurationDays(%v, %s) = %v, %v, want %v", tt.value, tt.unit, got, ok, tt.want)
			}
		})
	}
	if _, ok := DurationDays(1, "Fortnights"); ok {
		t.Error("DurationDays accepted an unknown unit")
	}
}

type fakeRecord map[string]any

func (r fakeRecord) Get(path string) (any, bool) {
	v, ok := r[path]
	return v, ok
}

func TestLookup_Shapes(t *testing.T) {
	rec := map[string]any{
		"Raw":     json.RawMessage(`{"id":"/State/Active","Amount":12.5}`),
		"Account": fakeRecord{"Owner.Name": "Ann"},
		"Plain":   map[string]any{"Name": "x"},
	}
	tests := []struct {
		path string
		want any
	}{
		{"Raw.Amount", json.Number("12.5")},
		{"Raw.id", "/State/Active"},
		{"Account.Owner.Name", "Ann"},
		{"plain.name", "x"},
		{"Plain.Name.More", nil},
		{"Nothing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := Lookup(rec, tt.path); got != tt.want {
				t.Errorf("Lookup(%q) = %#v, want %#v", tt.path, got, tt.want)
			}
		})
	}
	ok, err := Eval(MustParse("Raw = 'Active' AND Raw.Amount > 12"), rec, opportunity)
	if err != nil || !ok {
		t.Errorf("Eval on raw JSON = %v, %v, want true", ok, err)
	}
}
