package czql

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestString(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "Acme", `'Acme'`},
		{"empty", "", `''`},
		{"single quote", "O'Brien", `'O\'Brien'`},
		{"backslash", `C:\dir`, `'C:\\dir'`},
		{"backslash before quote", `a\'b`, `'a\\\'b'`},
		{"double quote kept", `say "hi"`, `'say "hi"'`},
		{"unicode", "Zürich ✓", `'Zürich ✓'`},
		{"injection attempt", "x' OR Name LIKE '%", `'x\' OR Name LIKE \'%'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

// unquote reverses String, so the fuzz test can check the round trip.
func unquote(lit string) (string, bool) {
	if len(lit) < 2 || lit[0] != '\'' || lit[len(lit)-1] != '\'' {
		return "", false
	}
	var b strings.Builder
	body := lit[1 : len(lit)-1]
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body):
			i++
			b.WriteByte(body[i])
		case c == '\\' || c == '\'':
			return "", false // an unescaped quote or a trailing backslash
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "a", "O'Brien", `\`, `'\'`, "x' OR 1=1 --"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit := String(s)
		got, ok := unquote(lit)
		if !ok {
			t.Fatalf("String(%q) = %s is not a closed literal", s, lit)
		}
		if got != s {
			t.Fatalf("round trip of %q gave %q", s, got)
		}
	})
}

func TestDateTime(t *testing.T) {
	berlin := time.FixedZone("CEST", 2*60*60)
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"utc", time.Date(2024, 5, 1, 10, 20, 30, 0, time.UTC), "2024-05-01T10:20:30"},
		{"offset converted to utc", time.Date(2024, 5, 1, 1, 0, 0, 0, berlin), "2024-04-30T23:00:00"},
		{"fraction dropped", time.Date(2024, 5, 1, 10, 0, 0, 999_000_000, time.UTC), "2024-05-01T10:00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateTime(tt.in); got != tt.want {
				t.Errorf("DateTime() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	if got := Date(2024, time.February, 9); got != "2024-02-09" {
		t.Errorf("Date() = %s, want 2024-02-09", got)
	}
}

func TestDurationLiteral(t *testing.T) {
	tests := []struct {
		name    string
		value   float64
		unit    string
		want    string
		wantErr error
	}{
		{"hours", 2000, UnitHours, "2000h", nil},
		{"days", 2.5, UnitDays, "2.5d", nil},
		{"weeks lower case", 1, "weeks", "1w", nil},
		{"minutes as hours", 90, UnitMinutes, "1.5h", nil},
		{"months rejected", 1, UnitMonths, "", ErrUnsupportedUnit},
		{"unknown unit", 1, "Fortnights", "", ErrUnsupportedUnit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DurationLiteral(tt.value, tt.unit)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("DurationLiteral() = %q, want %q", got, tt.want)
			}
		})
	}
}

type fakeValuer string

func (f fakeValuer) CZQLLiteral() (string, error) { return "<" + string(f) + ">", nil }

func TestLiteral(t *testing.T) {
	tests := []struct {
		name    string
		in      any
		want    string
		wantErr bool
	}{
		{"nil", nil, "null", false},
		{"string", "a'b", `'a\'b'`, false},
		{"bool", true, "true", false},
		{"int", 42, "42", false},
		{"int64", int64(-7), "-7", false},
		{"float", 0.25, "0.25", false},
		{"large float without exponent", 1e21, "1000000000000000000000", false},
		{"time", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02T03:04:05", false},
		{"valuer", fakeValuer("x"), "<x>", false},
		{"stamp keeps the fraction", Stamp(time.Date(2024, 1, 2, 3, 4, 5, 120000300, time.FixedZone("X", 3600))),
			"2024-01-02T02:04:05.1200003", false},
		{"string list", []string{"a", "b'c"}, `('a', 'b\'c')`, false},
		{"mixed list", []any{1, "x"}, `(1, 'x')`, false},
		{"empty list", []string{}, "", true},
		{"unsupported type", struct{}{}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Literal(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Literal() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestField(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr bool
	}{
		{"plain", "Name", "Name", false},
		{"custom", "C_Revenue", "C_Revenue", false},
		{"dot path", "Manager.Email", "Manager.Email", false},
		{"reserved word", "Order", "@Order", false},
		{"reserved in path", "Parent.Group", "Parent.@Group", false},
		{"already prefixed", "@Name", "@Name", false},
		{"empty", "", "", true},
		{"space", "First Name", "", true},
		{"quote", "Name'", "", true},
		{"leading digit", "1Name", "", true},
		{"empty segment", "Manager..Name", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Field(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Field(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuery_Build(t *testing.T) {
	since := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		query   *Query
		want    string
		wantErr bool
	}{
		{
			name:  "select from",
			query: Select("Name", "StartDate").From("Project"),
			want:  "SELECT Name, StartDate FROM Project",
		},
		{
			name: "incremental read",
			query: Select("Name").From("Project").
				Where(Gt("LastUpdatedOn", since)).
				OrderBy("LastUpdatedOn", Asc).Limit(1000),
			want: "SELECT Name FROM Project WHERE LastUpdatedOn > 2024-05-01T00:00:00 ORDER BY LastUpdatedOn ASC LIMIT 1000",
		},
		{
			name: "nested junctions",
			query: Select("Name").From("Task").Where(And(
				Eq("Name", "O'Brien"),
				Or(Ne("State", "Completed"), IsNull("DueDate")),
				Not(Like("Description", "%draft%")),
			)),
			want: `SELECT Name FROM Task WHERE (Name = 'O\'Brien' AND (State <> 'Completed' OR DueDate IS NULL) AND NOT (Description LIKE '%draft%'))`,
		},
		{
			name:  "in list and offset",
			query: Select("Name").From("User").Where(In("Email", "a@x.org", "b@x.org")).Limit(10).Offset(20),
			want:  "SELECT Name FROM User WHERE Email IN ('a@x.org', 'b@x.org') LIMIT 10 OFFSET 20",
		},
		{
			name:  "single operand junction has no parentheses",
			query: Select("Name").From("Task").Where(And(IsNotNull("Manager"))).OrderBy("Name", Desc),
			want:  "SELECT Name FROM Task WHERE Manager IS NOT NULL ORDER BY Name DESC",
		},
		{
			name:  "raw condition",
			query: Select("Name").From("Task").Where(And(Raw("Work > 2000h"), Eq("Billable", true))),
			want:  "SELECT Name FROM Task WHERE ((Work > 2000h) AND Billable = true)",
		},
		{name: "no fields", query: Select().From("Task"), wantErr: true},
		{name: "no from", query: Select("Name"), wantErr: true},
		{name: "bad type name", query: Select("Name").From("Task; DROP"), wantErr: true},
		{name: "bad field in where", query: Select("Name").From("Task").Where(Eq("Na me", 1)), wantErr: true},
		{name: "empty in list", query: Select("Name").From("Task").Where(In("Name")), wantErr: true},
		{name: "empty and", query: Select("Name").From("Task").Where(And()), wantErr: true},
		{name: "negative limit", query: Select("Name").From("Task").Limit(-1), wantErr: true},
		{name: "empty raw", query: Select("Name").From("Task").Where(Raw(" ")), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.query.Build()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Build() error = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Build() =\n %s\nwant\n %s", got, tt.want)
			}
		})
	}
}
