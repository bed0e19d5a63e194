package salesforce

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEscapeString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Acme", "Acme"},
		{"single quote", "Bob's BBQ", `Bob\'s BBQ`},
		{"double quote", `say "hi"`, `say \"hi\"`},
		{"backslash", `C:\temp`, `C:\\temp`},
		{"backslash before quote", `\'`, `\\\'`},
		{"newline", "a\nb", `a\nb`},
		{"carriage return", "a\rb", `a\rb`},
		{"tab", "a\tb", `a\tb`},
		{"backspace", "a\bb", `a\bb`},
		{"form feed", "a\fb", `a\fb`},
		{"percent kept", "100%", "100%"},
		{"underscore kept", "a_b", "a_b"},
		{"unicode kept", "Zürich €", "Zürich €"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeString(tt.in); got != tt.want {
				t.Errorf("EscapeString(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscapeLike(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"percent", "100%", `100\%`},
		{"underscore", "a_b", `a\_b`},
		{"quote and backslash", `O'Neil\`, `O\'Neil\\`},
		{"newline", "a\nb", `a\nb`},
		{"escaped percent from data", `\%`, `\\\%`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeLike(tt.in); got != tt.want {
				t.Errorf("EscapeLike(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// unescapeSOQL reverses the escape table; it fails on any sequence SOQL
// rejects, so a round trip proves the output is valid SOQL.
func unescapeSOQL(t *testing.T, s string, like bool) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			if s[i] == '\'' {
				t.Fatalf("unescaped quote in %q", s)
			}
			b.WriteByte(s[i])
			continue
		}
		i++
		if i == len(s) {
			t.Fatalf("trailing backslash in %q", s)
		}
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '"', '\'', '\\':
			b.WriteByte(s[i])
		case '%', '_':
			if !like {
				t.Fatalf("LIKE escape outside LIKE in %q", s)
			}
			b.WriteByte(s[i])
		default:
			t.Fatalf("invalid escape \\%c in %q", s[i], s)
		}
	}
	return b.String()
}

func FuzzEscapeString(f *testing.F) {
	for _, s := range []string{"", "Bob's", `a\b`, "x\ny\r\tz", `"%_'\`, "\b\f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := unescapeSOQL(t, EscapeString(s), false); got != s {
			t.Errorf("string round trip of %q gave %q", s, got)
		}
		like := EscapeLike(s)
		if got := unescapeSOQL(t, like, true); got != s {
			t.Errorf("LIKE round trip of %q gave %q", s, got)
		}
		if strings.ContainsAny(strings.NewReplacer(`\%`, "", `\_`, "", `\\`, "").Replace(like), "%_") {
			t.Errorf("LIKE escape of %q left a wildcard: %q", s, like)
		}
	})
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		name    string
		in      any
		want    string
		wantErr bool
	}{
		{name: "nil", in: nil, want: "null"},
		{name: "string", in: "it's", want: `'it\'s'`},
		{name: "bool", in: true, want: "true"},
		{name: "int", in: 42, want: "42"},
		{name: "float", in: 2.5, want: "2.5"},
		{name: "json number", in: json.Number("1e3"), want: "1e3"},
		{name: "date", in: Date{2024, time.February, 29}, want: "2024-02-29"},
		{name: "dateTime in another zone", in: time.Date(2024, 1, 2, 1, 4, 5, 0, time.FixedZone("x", 2*3600)), want: "2024-01-01T23:04:05Z"},
		{name: "string list", in: []string{"a", "b'c"}, want: `('a', 'b\'c')`},
		{name: "any list", in: []any{1, "x", nil}, want: `(1, 'x', null)`},
		{name: "multipicklist", in: MultiPicklist{"a", "b"}, want: `'a;b'`},
		{name: "unsupported", in: struct{}{}, wantErr: true},
		{name: "bad json number", in: json.Number("1; DROP"), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Literal(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Literal(%v) = %q, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Literal(%v): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Literal(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSOQL_Build(t *testing.T) {
	since := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		q       SOQL
		want    string
		wantErr bool
	}{
		{
			name: "sync query",
			q: SOQL{Fields: []string{"Id", "Name", "Account.Name"}, From: "Opportunity",
				Where:   And(Compare("SystemModstamp", ">", since), Compare("Name", "!=", "x'y")),
				OrderBy: []string{"SystemModstamp", "Id desc"}, Limit: 10},
			want: `SELECT Id, Name, Account.Name FROM Opportunity WHERE (SystemModstamp > 2024-05-01T12:00:00Z) AND (Name != 'x\'y') ORDER BY SystemModstamp, Id DESC LIMIT 10`,
		},
		{
			name: "in, like and not",
			q: SOQL{Fields: []string{"Id"}, From: "Account",
				Where: Or(In("Id", []string{"001A", "001B"}), Not(Like("Name", EscapeLike("50%_off")+"%")))},
			want: `SELECT Id FROM Account WHERE (Id IN ('001A', '001B')) OR ((NOT Name LIKE '50\%\_off%'))`,
		},
		{name: "count", q: SOQL{Fields: []string{"COUNT()"}, From: "Account"}, want: "SELECT COUNT() FROM Account"},
		{name: "empty in matches nothing", q: SOQL{Fields: []string{"Id"}, From: "Account", Where: In("Id", nil)},
			want: "SELECT Id FROM Account WHERE Id = null"},
		{name: "injected field", q: SOQL{Fields: []string{"Id FROM User --"}, From: "Account"}, wantErr: true},
		{name: "injected object", q: SOQL{Fields: []string{"Id"}, From: "Account WHERE"}, wantErr: true},
		{name: "bad operator", q: SOQL{Fields: []string{"Id"}, From: "Account", Where: Compare("Name", "LIKE", "x")}, wantErr: true},
		{name: "bad order", q: SOQL{Fields: []string{"Id"}, From: "Account", OrderBy: []string{"Name; DELETE"}}, wantErr: true},
		{name: "no fields", q: SOQL{From: "Account"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.q.Build()
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Build() = %q, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Build(): %v", err)
			}
			if got != tt.want {
				t.Errorf("Build()\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}
