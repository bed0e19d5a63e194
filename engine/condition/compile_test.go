package condition

import (
	"encoding/json"
	"errors"
	"testing"
)

// compileCases cover every operator. Each row lists the expected output for
// the three targets, where "" means the target rejects the condition.
var compileCases = []struct {
	name   string
	src    string
	soql   string
	czql   string
	entity string
}{
	{"equal string", "Name = 'Acme'", "Name = 'Acme'", "Name = 'Acme'",
		`{"leftExpression":{"fieldName":"Name"},"operator":"Equal","rightExpression":{"value":"Acme"}}`},
	{"not equal gets null guard", "Name != 'Acme'", "(Name != 'Acme' AND Name != null)", "(Name <> 'Acme' AND Name IS NOT NULL)",
		`{"and":[{"leftExpression":{"fieldName":"Name"},"operator":"NotEqual","rightExpression":{"value":"Acme"}},{"leftExpression":{"fieldName":"Name"},"operator":"NotEqual","rightExpression":{"value":null}}]}`},
	{"less than", "Amount < 10", "Amount < 10", "Amount < 10",
		`{"leftExpression":{"fieldName":"Amount"},"operator":"LessThan","rightExpression":{"value":10}}`},
	{"greater than", "Amount > 10.5", "Amount > 10.5", "Amount > 10.5",
		`{"leftExpression":{"fieldName":"Amount"},"operator":"GreaterThan","rightExpression":{"value":10.5}}`},
	{"less or equal", "Amount <= -1", "Amount <= -1", "Amount <= -1",
		`{"leftExpression":{"fieldName":"Amount"},"operator":"LessThanOrEqual","rightExpression":{"value":-1}}`},
	{"greater or equal", "Probability >= 70", "Probability >= 70", "Probability >= 70",
		`{"leftExpression":{"fieldName":"Probability"},"operator":"GreaterThanOrEqual","rightExpression":{"value":70}}`},
	{"like", "Name LIKE 'Ac_me%'", "Name LIKE 'Ac_me%'", "Name LIKE 'Ac_me%'",
		`{"leftExpression":{"fieldName":"Name"},"operator":"Like","rightExpression":{"value":"Ac_me%"}}`},
	{"not like", "Name NOT LIKE 'A%'", "((NOT Name LIKE 'A%') AND Name != null)", "(NOT (Name LIKE 'A%') AND Name IS NOT NULL)",
		`{"and":[{"not":{"leftExpression":{"fieldName":"Name"},"operator":"Like","rightExpression":{"value":"A%"}}},{"leftExpression":{"fieldName":"Name"},"operator":"NotEqual","rightExpression":{"value":null}}]}`},
	{"in", "StageName IN ('A', 'B')", "StageName IN ('A', 'B')", "StageName IN ('A', 'B')",
		`{"leftExpression":{"fieldName":"StageName"},"operator":"In","rightExpression":{"value":["A","B"]}}`},
	{"not in", "Amount NOT IN (1, 2)", "(Amount NOT IN (1, 2) AND Amount != null)", "(NOT (Amount IN (1, 2)) AND Amount IS NOT NULL)",
		`{"and":[{"not":{"leftExpression":{"fieldName":"Amount"},"operator":"In","rightExpression":{"value":[1,2]}}},{"leftExpression":{"fieldName":"Amount"},"operator":"NotEqual","rightExpression":{"value":null}}]}`},
	{"includes", "Colors__c INCLUDES ('Red;Blue', 'Green')", "Colors__c INCLUDES ('Red;Blue', 'Green')", "", ""},
	{"excludes", "Colors__c EXCLUDES ('Red')", "(Colors__c EXCLUDES ('Red') AND Colors__c != null)", "", ""},
	{"is null", "Amount IS NULL", "Amount = null", "Amount IS NULL",
		`{"leftExpression":{"fieldName":"Amount"},"operator":"Equal","rightExpression":{"value":null}}`},
	{"is not null", "Amount IS NOT NULL", "Amount != null", "Amount IS NOT NULL",
		`{"leftExpression":{"fieldName":"Amount"},"operator":"NotEqual","rightExpression":{"value":null}}`},
	{"boolean false reads null as false", "IsWon != true", "IsWon != true", "(IsWon = false OR IsWon IS NULL)",
		`{"or":[{"leftExpression":{"fieldName":"IsWon"},"operator":"Equal","rightExpression":{"value":false}},{"leftExpression":{"fieldName":"IsWon"},"operator":"Equal","rightExpression":{"value":null}}]}`},
	{"boolean true excludes null", "IsWon != false", "IsWon != false", "IsWon = true",
		`{"leftExpression":{"fieldName":"IsWon"},"operator":"Equal","rightExpression":{"value":true}}`},
	{"boolean equal false", "IsWon = false", "IsWon = false", "(IsWon = false OR IsWon IS NULL)",
		`{"or":[{"leftExpression":{"fieldName":"IsWon"},"operator":"Equal","rightExpression":{"value":false}},{"leftExpression":{"fieldName":"IsWon"},"operator":"Equal","rightExpression":{"value":null}}]}`},
	{"date", "CloseDate >= 2024-01-31", "CloseDate >= 2024-01-31", "CloseDate >= 2024-01-31",
		`{"leftExpression":{"fieldName":"CloseDate"},"operator":"GreaterThanOrEqual","rightExpression":{"value":"2024-01-31"}}`},
	{"datetime", "LastModifiedDate > 2024-01-31T09:30:00+01:00", "LastModifiedDate > 2024-01-31T08:30:00Z", "LastModifiedDate > 2024-01-31T08:30:00",
		`{"leftExpression":{"fieldName":"LastModifiedDate"},"operator":"GreaterThan","rightExpression":{"value":"2024-01-31T08:30:00"}}`},
	{"datetime fraction", "LastModifiedDate > 2024-01-31T09:30:00.5Z", "", "LastModifiedDate > 2024-01-31T09:30:00.5",
		`{"leftExpression":{"fieldName":"LastModifiedDate"},"operator":"GreaterThan","rightExpression":{"value":"2024-01-31T09:30:00.5"}}`},
	{"duration in days", "Duration > 2.5", "Duration > 2.5", "Duration > 2.5d",
		`{"leftExpression":{"fieldName":"Duration"},"operator":"GreaterThan","rightExpression":{"value":{"unit":"Days","value":2.5}}}`},
	{"dot path", "Account.Name = 'Acme'", "Account.Name = 'Acme'", "Account.Name = 'Acme'",
		`{"leftExpression":{"fieldName":"Account.Name"},"operator":"Equal","rightExpression":{"value":"Acme"}}`},
	{"and or groups", "a = 1 AND (b = 2 OR c = 3)", "a = 1 AND (b = 2 OR c = 3)", "a = 1 AND (b = 2 OR c = 3)",
		`{"and":[{"leftExpression":{"fieldName":"a"},"operator":"Equal","rightExpression":{"value":1}},{"or":[{"leftExpression":{"fieldName":"b"},"operator":"Equal","rightExpression":{"value":2}},{"leftExpression":{"fieldName":"c"},"operator":"Equal","rightExpression":{"value":3}}]}]}`},
	{"or of ands is parenthesised", "a = 1 AND b = 2 OR c = 3", "(a = 1 AND b = 2) OR c = 3", "(a = 1 AND b = 2) OR c = 3",
		`{"or":[{"and":[{"leftExpression":{"fieldName":"a"},"operator":"Equal","rightExpression":{"value":1}},{"leftExpression":{"fieldName":"b"},"operator":"Equal","rightExpression":{"value":2}}]},{"leftExpression":{"fieldName":"c"},"operator":"Equal","rightExpression":{"value":3}}]}`},
	{"not pushed through and", "NOT (a = 1 AND b < 2)", "(a != 1 AND a != null) OR b >= 2", "(a <> 1 AND a IS NOT NULL) OR b >= 2",
		`{"or":[{"and":[{"leftExpression":{"fieldName":"a"},"operator":"NotEqual","rightExpression":{"value":1}},{"leftExpression":{"fieldName":"a"},"operator":"NotEqual","rightExpression":{"value":null}}]},{"leftExpression":{"fieldName":"b"},"operator":"GreaterThanOrEqual","rightExpression":{"value":2}}]}`},
	{"not of not is gone", "NOT NOT a > 1", "a > 1", "a > 1",
		`{"leftExpression":{"fieldName":"a"},"operator":"GreaterThan","rightExpression":{"value":1}}`},
	{"not of null test", "NOT a IS NULL", "a != null", "a IS NOT NULL",
		`{"leftExpression":{"fieldName":"a"},"operator":"NotEqual","rightExpression":{"value":null}}`},
	{"not like becomes like", "NOT a NOT LIKE 'x'", "a LIKE 'x'", "a LIKE 'x'",
		`{"leftExpression":{"fieldName":"a"},"operator":"Like","rightExpression":{"value":"x"}}`},
	{"not or flattens into and", "a = 1 AND NOT (b = 2 OR c = 3)", "a = 1 AND (b != 2 AND b != null) AND (c != 3 AND c != null)",
		"a = 1 AND (b <> 2 AND b IS NOT NULL) AND (c <> 3 AND c IS NOT NULL)", ""},
}

func TestSOQL_Operators(t *testing.T) {
	for _, tt := range compileCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SOQL(MustParse(tt.src))
			if tt.soql == "" {
				var ue *UnsupportedError
				if !errors.As(err, &ue) {
					t.Fatalf("SOQL(%q) = %q, %v, want an *UnsupportedError", tt.src, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("SOQL(%q): %v", tt.src, err)
			}
			if got != tt.soql {
				t.Errorf("SOQL(%q) =\n %s\nwant\n %s", tt.src, got, tt.soql)
			}
		})
	}
}

func TestCZQL_Operators(t *testing.T) {
	for _, tt := range compileCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CZQL(MustParse(tt.src), project)
			if tt.czql == "" {
				var ue *UnsupportedError
				if !errors.As(err, &ue) {
					t.Fatalf("CZQL(%q) = %q, %v, want an *UnsupportedError", tt.src, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("CZQL(%q): %v", tt.src, err)
			}
			if got != tt.czql {
				t.Errorf("CZQL(%q) =\n %s\nwant\n %s", tt.src, got, tt.czql)
			}
		})
	}
}

func TestEntityQuery_Operators(t *testing.T) {
	for _, tt := range compileCases {
		if tt.entity == "" && tt.czql != "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			got, err := EntityQuery(MustParse(tt.src), project)
			if tt.entity == "" {
				var ue *UnsupportedError
				if !errors.As(err, &ue) {
					t.Fatalf("EntityQuery(%q) = %v, %v, want an *UnsupportedError", tt.src, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("EntityQuery(%q): %v", tt.src, err)
			}
			b, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.entity {
				t.Errorf("EntityQuery(%q) =\n %s\nwant\n %s", tt.src, b, tt.entity)
			}
		})
	}
}

func TestSOQL_Escaping(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"quote", `Name = 'O\'Brien'`, `Name = 'O\'Brien'`},
		{"double quote", `Name = 'say \"hi\"'`, `Name = 'say \"hi\"'`},
		{"backslash", `Name = 'C:\\dir'`, `Name = 'C:\\dir'`},
		{"control characters", `Name = 'a\nb\rc\td\be\ff'`, `Name = 'a\nb\rc\td\be\ff'`},
		{"other control character", `Name = 'a\u0007b'`, `Name = 'a\u0007b'`},
		{"percent is plain outside like", `Name = '100%'`, `Name = '100%'`},
		{"like wildcard escapes kept", `Name LIKE '100\%\_x\\y%'`, `Name LIKE '100\%\_x\\y%'`},
		{"like with quote", `Name LIKE 'O\'B%'`, `Name LIKE 'O\'B%'`},
		{"injection attempt stays inside the string", `Name = 'x\' OR Name != \'y'`, `Name = 'x\' OR Name != \'y'`},
		{"unicode kept", `Name = 'Zürich 東京'`, `Name = 'Zürich 東京'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SOQL(MustParse(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("SOQL = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSOQL_ConstructedPattern(t *testing.T) {
	e := Comparison{Field: "Name", Op: OpLike, Value: Pattern(`a\b\`)}
	got, err := SOQL(e)
	if err != nil {
		t.Fatal(err)
	}
	if want := `Name LIKE 'a\\b\\'`; got != want {
		t.Errorf("SOQL = %s, want %s", got, want)
	}
}

func TestCZQL_Escaping(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"quote", `Name = 'O\'Brien'`, `Name = 'O\'Brien'`},
		{"backslash", `Name = 'C:\\dir'`, `Name = 'C:\\dir'`},
		{"double quote is plain", `Name = 'say \"hi\"'`, `Name = 'say "hi"'`},
		{"newline is plain", `Name = 'a\nb'`, "Name = 'a\nb'"},
		{"like escapes kept", `Name LIKE '50\%%'`, `Name LIKE '50\%%'`},
		{"picklist", `State = 'Active'`, `State = 'Active'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CZQL(MustParse(tt.src), project)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("CZQL = %s, want %s", got, tt.want)
			}
		})
	}
}
