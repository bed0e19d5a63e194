package czql

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParse_Valid(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  string // the query rendered back by Query.String
	}{
		{"plain", "SELECT Name FROM Task", "SELECT Name FROM Task"},
		{"lower case keywords", "select name, StartDate from task where Project = '/Project/p1'",
			"SELECT name, StartDate FROM task WHERE Project = '/Project/p1'"},
		{"dot paths", "SELECT Name, Manager.Name, ProjectManager.Email FROM Project",
			"SELECT Name, Manager.Name, ProjectManager.Email FROM Project"},
		{"reserved word field", "SELECT @Name FROM Task WHERE @Name LIKE '%x%'",
			"SELECT Name FROM Task WHERE Name LIKE '%x%'"},
		{"unquoted date", "SELECT Name FROM Task WHERE StartDate>2014-01-01",
			"SELECT Name FROM Task WHERE StartDate > 2014-01-01"},
		{"date time", "SELECT Name FROM Project WHERE LastUpdatedOn > 2024-05-01T08:30:00 ORDER BY LastUpdatedOn LIMIT 1000",
			"SELECT Name FROM Project WHERE LastUpdatedOn > 2024-05-01T08:30:00 ORDER BY LastUpdatedOn LIMIT 1000"},
		{"date time with zone", "SELECT Name FROM Task WHERE CreatedOn >= 2024-05-01T10:00:00+02:00",
			"SELECT Name FROM Task WHERE CreatedOn >= 2024-05-01T08:00:00"},
		{"double quoted string", `SELECT Name FROM Task WHERE State<>"Completed"`,
			"SELECT Name FROM Task WHERE State <> 'Completed'"},
		{"bang equals", "SELECT Name FROM Task WHERE State != 'Completed'",
			"SELECT Name FROM Task WHERE State <> 'Completed'"},
		{"duration", "SELECT Name FROM Task WHERE Work > 2000h", "SELECT Name FROM Task WHERE Work > 2000h"},
		{"duration days", "SELECT Name FROM Task WHERE Duration <= 2.5d", "SELECT Name FROM Task WHERE Duration <= 2.5d"},
		{"in list", "SELECT Name FROM Task WHERE State IN ('Active', 'Draft')",
			"SELECT Name FROM Task WHERE State IN ('Active', 'Draft')"},
		{"not in", "SELECT Name FROM Task WHERE State NOT IN ('Completed')",
			"SELECT Name FROM Task WHERE State NOT IN ('Completed')"},
		{"precedence", "SELECT Name FROM Task WHERE a = 1 OR b = 2 AND c = 3",
			"SELECT Name FROM Task WHERE (a = 1 OR (b = 2 AND c = 3))"},
		{"parentheses", "SELECT Name FROM Task WHERE (a = 1 OR b = 2) AND NOT c = 3",
			"SELECT Name FROM Task WHERE ((a = 1 OR b = 2) AND NOT (c = 3))"},
		{"is null", "SELECT Name FROM Task WHERE Manager IS NULL AND Parent IS NOT NULL",
			"SELECT Name FROM Task WHERE (Manager IS NULL AND Parent IS NOT NULL)"},
		{"equals null", "SELECT Name FROM Task WHERE Manager = null", "SELECT Name FROM Task WHERE Manager = NULL"},
		{"booleans and negative numbers", "SELECT Name FROM Task WHERE Billable = true AND Priority > -1",
			"SELECT Name FROM Task WHERE (Billable = TRUE AND Priority > -1)"},
		{"order limit offset", "SELECT Name FROM Task ORDER BY DueDate DESC, Name ASC LIMIT 50 OFFSET 100",
			"SELECT Name FROM Task ORDER BY DueDate DESC, Name LIMIT 50 OFFSET 100"},
		{"relation sub-select", "SELECT Name, (SELECT Name FROM Children WHERE State = 'Active') FROM Project",
			"SELECT Name, (SELECT Name FROM Children WHERE State = 'Active') FROM Project"},
		{"escaped quotes", `SELECT Name FROM Task WHERE Name = 'O''Brien' OR Name = 'it\'s'`,
			`SELECT Name FROM Task WHERE (Name = 'O\'Brien' OR Name = 'it\'s')`},
		{"not like", "SELECT Name FROM Task WHERE Name NOT LIKE 'x%'", "SELECT Name FROM Task WHERE Name NOT LIKE 'x%'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.query)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.query, err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParse_Structure(t *testing.T) {
	q, err := Parse("SELECT Name, Manager.Name FROM Task WHERE Work > 16h LIMIT 10")
	if err != nil {
		t.Fatal(err)
	}
	if q.From != "Task" {
		t.Errorf("From = %q, want Task", q.From)
	}
	if !reflect.DeepEqual(q.Fields[1].Path, []string{"Manager", "Name"}) {
		t.Errorf("Fields[1].Path = %v, want [Manager Name]", q.Fields[1].Path)
	}
	c, ok := q.Where.(*Compare)
	if !ok {
		t.Fatalf("Where is %T, want *Compare", q.Where)
	}
	if c.Value.Kind != LitDuration || c.Value.Num != 16 || c.Value.Unit != "Hours" {
		t.Errorf("literal = %+v, want 16 Hours", c.Value)
	}
	if q.Limit != 10 || q.Offset != -1 {
		t.Errorf("Limit, Offset = %d, %d, want 10, -1", q.Limit, q.Offset)
	}
}

func TestParse_Invalid(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  string // part of the error message
	}{
		{"empty", "", "expected SELECT"},
		{"no from", "SELECT Name", "expected FROM"},
		{"no fields", "SELECT FROM Task", "expected field name"},
		{"star", "SELECT * FROM Task", "SELECT * is not supported"},
		{"unterminated string", "SELECT Name FROM Task WHERE Name = 'abc", "unterminated string"},
		{"missing value", "SELECT Name FROM Task WHERE Name =", "expected a value"},
		{"missing operator", "SELECT Name FROM Task WHERE Name 'x'", "expected comparison operator"},
		{"trailing garbage", "SELECT Name FROM Task Task", "expected end of query"},
		{"group by", "SELECT State FROM Task GROUP BY State", "GROUP is not supported"},
		{"bad date", "SELECT Name FROM Task WHERE StartDate > 2014-13-45", "invalid date"},
		{"bad number", "SELECT Name FROM Task WHERE Priority > 12abc", "invalid number"},
		{"negative limit", "SELECT Name FROM Task LIMIT -1", "whole number after LIMIT"},
		{"like number", "SELECT Name FROM Task WHERE Name LIKE 5", "LIKE needs a quoted pattern"},
		{"unclosed paren", "SELECT Name FROM Task WHERE (a = 1", "expected ')'"},
		{"function", "SELECT COUNT(Name) FROM Task", "functions are not supported"},
		{"bad character", "SELECT Name FROM Task WHERE a = #", "unexpected character"},
		{"deep nesting", "SELECT Name FROM Task WHERE " + strings.Repeat("(", 200) + "a = 1" + strings.Repeat(")", 200), "nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.query)
			var syntaxErr *SyntaxError
			if !errors.As(err, &syntaxErr) {
				t.Fatalf("Parse(%q) error = %v, want a *SyntaxError", tt.query, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

// mapRecord resolves single-segment paths from a map; other paths are unknown.
type mapRecord map[string]Value

func (m mapRecord) Value(path []string) (Value, error) {
	key := strings.ToLower(strings.Join(path, "."))
	if key == "unknown" {
		return Value{}, errors.New("field Unknown does not exist")
	}
	return m[key], nil
}

func TestMatch_Conditions(t *testing.T) {
	start := time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)
	rec := mapRecord{
		"name":      {Kind: KindString, Str: "Design review"},
		"priority":  {Kind: KindNumber, Num: 3},
		"billable":  {Kind: KindBool, Bool: true},
		"startdate": {Kind: KindTime, Time: start},
		"work":      {Kind: KindDuration, Num: 24},
		"state":     {Kind: KindRef, Str: "/State/On Hold", Name: "On Hold"},
		"manager":   {Kind: KindRef, Str: "/User/u1"},
	}
	tests := []struct {
		cond string
		want bool
	}{
		{"Name = 'design REVIEW'", true},
		{"Name <> 'Design review'", false},
		{"Name LIKE 'design%'", true},
		{"Name LIKE '%rev_ew'", true},
		{"Name LIKE 'review%'", false},
		{"Name NOT LIKE '%x%'", true},
		{"Priority >= 3 AND Priority < 4", true},
		{"Priority > '2'", true},
		{"Billable = TRUE", true},
		{"Billable = 'false'", false},
		{"StartDate = 2024-05-01", true},
		{"StartDate > 2024-05-01", false},
		{"StartDate > 2024-05-01T09:00:00", true},
		{"StartDate < '2024-05-02'", true},
		{"Work > 2d", true},
		{"Work = 24h", true},
		{"Work < 1w", true},
		{"Work = 3", true},
		{"State = 'On Hold'", true},
		{"State = '/State/On Hold'", true},
		{"State IN ('Active', 'Draft')", false},
		{"State NOT IN ('Active', 'Draft')", true},
		{"State LIKE 'On%'", true},
		{"Manager = '/user/U1'", true},
		{"Manager = 'u1'", true},
		{"Parent IS NULL", true},
		{"Parent = NULL", true},
		{"Parent <> 'x'", true},
		{"Parent = 'x'", false},
		{"Manager IS NOT NULL AND NOT Name = 'x'", true},
		{"Name = 'x' OR Priority = 3", true},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			e, err := ParseCondition(tt.cond)
			if err != nil {
				t.Fatalf("ParseCondition: %v", err)
			}
			got, err := Match(e, rec)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if got != tt.want {
				t.Errorf("Match(%q) = %v, want %v", tt.cond, got, tt.want)
			}
		})
	}
}

func TestMatch_Errors(t *testing.T) {
	rec := mapRecord{
		"priority":  {Kind: KindNumber, Num: 3},
		"startdate": {Kind: KindTime, Time: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
	}
	tests := []struct {
		name string
		cond string
		want string
	}{
		{"unknown field", "Unknown = 1", "does not exist"},
		{"number against text", "Priority = 'high'", `"high" is not a number`},
		{"date against text", "StartDate > 'soon'", "invalid date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseCondition(tt.cond)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Match(e, rec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Match(%q) error = %v, want it to contain %q", tt.cond, err, tt.want)
			}
		})
	}
}

func TestCompareValues_Order(t *testing.T) {
	values := []Value{
		{Kind: KindNull},
		{Kind: KindString, Str: "alpha"},
		{Kind: KindString, Str: "Beta"},
	}
	for i := 0; i+1 < len(values); i++ {
		if c := CompareValues(values[i], values[i+1]); c >= 0 {
			t.Errorf("CompareValues(%+v, %+v) = %d, want < 0", values[i], values[i+1], c)
		}
	}
	a := Value{Kind: KindTime, Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := Value{Kind: KindTime, Time: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}
	if CompareValues(b, a) <= 0 {
		t.Error("later time does not sort after earlier time")
	}
}

func TestDurationHours_Units(t *testing.T) {
	tests := []struct {
		value float64
		unit  string
		want  float64
	}{
		{90, "Minutes", 1.5}, {3, "Hours", 3}, {2, "days", 16}, {1, "Weeks", 40}, {1, "Months", 160},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			got, ok := DurationHours(tt.value, tt.unit)
			if !ok || got != tt.want {
				t.Errorf("DurationHours(%v, %q) = %v, %v, want %v, true", tt.value, tt.unit, got, ok, tt.want)
			}
		})
	}
	if _, ok := DurationHours(1, "Fortnights"); ok {
		t.Error("unknown unit accepted")
	}
}
