package clarizen

import (
	"encoding/json"
	"testing"
	"time"
)

func TestEntityID_Parts(t *testing.T) {
	tests := []struct {
		name      string
		id        EntityID
		wantType  string
		wantValue string
		wantValid bool
	}{
		{"work item", "/Task/4batkam0jt4xn0l3cdx4y8ueg4", "Task", "4batkam0jt4xn0l3cdx4y8ueg4", true},
		{"picklist", "/State/Active", "State", "Active", true},
		{"multi-org", "/Organization/42/Project/p1", "Project", "p1", true},
		{"type only", "/Task", "Task", "", false},
		{"empty", "", "", "", false},
		{"missing value", "/Task/", "Task", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.id.Type(); got != tt.wantType {
				t.Errorf("Type() = %q, want %q", got, tt.wantType)
			}
			if got := tt.id.Value(); got != tt.wantValue {
				t.Errorf("Value() = %q, want %q", got, tt.wantValue)
			}
			if got := tt.id.Valid(); got != tt.wantValid {
				t.Errorf("Valid() = %v, want %v", got, tt.wantValid)
			}
		})
	}
}

func TestEntityID_Equal(t *testing.T) {
	tests := []struct {
		name string
		a, b EntityID
		want bool
	}{
		{"same", "/Task/abc", "/Task/abc", true},
		{"type case differs", "/task/abc", "/Task/abc", true},
		{"value case differs", "/Task/ABC", "/Task/abc", false},
		{"type differs", "/Project/abc", "/Task/abc", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Equal(tt.b); got != tt.want {
				t.Errorf("%s.Equal(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestDate_JSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Date
	}{
		{"date only", `"2024-02-29"`, Date{2024, time.February, 29}},
		{"service date-time keeps the day", `"2014-11-03T23:30:00.0000000"`, Date{2014, time.November, 3}},
		{"offset is not applied", `"2024-05-01T00:30:00+05:00"`, Date{2024, time.May, 1}},
		{"null", `null`, Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Date
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("invalid", func(t *testing.T) {
		var d Date
		if err := json.Unmarshal([]byte(`"03/11/2014"`), &d); err == nil {
			t.Errorf("Unmarshal accepted %v", d)
		}
	})
	t.Run("marshal", func(t *testing.T) {
		b, err := json.Marshal(map[string]Date{"a": {2024, time.January, 5}, "b": {}})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `{"a":"2024-01-05","b":null}`; got != want {
			t.Errorf("Marshal = %s, want %s", got, want)
		}
	})
}

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr bool
	}{
		{"service form is utc", "2014-11-03T08:00:00.0000000", time.Date(2014, 11, 3, 8, 0, 0, 0, time.UTC), false},
		{"no fraction", "2014-11-03T08:00:00", time.Date(2014, 11, 3, 8, 0, 0, 0, time.UTC), false},
		{"with offset", "2014-11-03T08:00:00+02:00", time.Date(2014, 11, 3, 6, 0, 0, 0, time.UTC), false},
		{"date only", "2014-11-03", time.Date(2014, 11, 3, 0, 0, 0, 0, time.UTC), false},
		{"garbage", "yesterday", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDateTime(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValues_Wire(t *testing.T) {
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.FixedZone("X", 2*3600))
	values := Values{
		"Name":      "Launch",
		"StartDate": when,
		"DueDate":   Date{2024, time.June, 30},
		"Manager":   EntityID("/User/u1"),
		"Duration":  Duration{Value: 3, Unit: Days},
		"Budget":    Money{Value: 1200.5, Currency: "EUR"},
		"C_Tags":    []string{"a", "b"},
		"Cleared":   nil,
	}
	b, err := json.Marshal(values.wire())
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"StartDate": "2024-05-01T10:00:00",
		"DueDate":   "2024-06-30",
		"Manager":   "/User/u1",
		"Name":      "Launch",
	}
	for field, want := range checks {
		if got[field] != want {
			t.Errorf("%s = %v, want %s", field, got[field], want)
		}
	}
	if d, ok := got["Duration"].(map[string]any); !ok || d["value"] != 3.0 || d["unit"] != "Days" {
		t.Errorf("Duration = %v, want {value 3, unit Days}", got["Duration"])
	}
	if m, ok := got["Budget"].(map[string]any); !ok || m["value"] != 1200.5 || m["currency"] != "EUR" {
		t.Errorf("Budget = %v, want {value 1200.5, currency EUR}", got["Budget"])
	}
	if v, present := got["Cleared"]; !present || v != nil {
		t.Errorf("Cleared = %v (present %v), want explicit null", v, present)
	}
}

func TestEntity_Accessors(t *testing.T) {
	raw := `{
		"id": "/Project/p1",
		"Name": "Launch",
		"State": {"id": "/State/Active"},
		"Manager": {"id": "/User/u1", "Name": "Sam"},
		"Duration": {"unit": "Weeks", "value": 3.0},
		"PlannedBudget": {"currency": "GBP", "value": 10.5},
		"StartDate": "2014-11-03T08:00:00.0000000",
		"PercentCompleted": 42.5,
		"Billable": true,
		"C_Tags": {"id": "/C_ProjectTags/red;blue"},
		"C_List": ["/C_List/x", {"id": "/C_List/y"}],
		"Empty": null
	}`
	var e Entity
	if err := json.Unmarshal([]byte(raw), &e); err != nil {
		t.Fatal(err)
	}
	if e.ID != "/Project/p1" {
		t.Errorf("ID = %s", e.ID)
	}
	if _, ok := e.Fields["id"]; ok {
		t.Error("id is kept among the fields")
	}
	if got := e.Text("name"); got != "Launch" {
		t.Errorf("Text(name) = %q, want Launch (case-insensitive lookup)", got)
	}
	if got := e.Picklist("State"); got != "Active" {
		t.Errorf("Picklist(State) = %q", got)
	}
	if got := e.Reference("Manager"); got != "/User/u1" {
		t.Errorf("Reference(Manager) = %q", got)
	}
	if related, ok := e.Related("Manager"); !ok || related.Text("Name") != "Sam" {
		t.Errorf("Related(Manager) = %v, %v", related, ok)
	}
	if d, ok := e.Duration("Duration"); !ok || d != (Duration{Value: 3, Unit: Weeks}) {
		t.Errorf("Duration = %v, %v", d, ok)
	}
	if m, ok := e.Money("PlannedBudget"); !ok || m != (Money{Value: 10.5, Currency: "GBP"}) {
		t.Errorf("Money = %v, %v", m, ok)
	}
	if d, ok := e.Date("StartDate"); !ok || d != (Date{2014, time.November, 3}) {
		t.Errorf("Date = %v, %v", d, ok)
	}
	if ts, ok := e.Time("StartDate"); !ok || !ts.Equal(time.Date(2014, 11, 3, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("Time = %v, %v", ts, ok)
	}
	if f, ok := e.Float("PercentCompleted"); !ok || f != 42.5 {
		t.Errorf("Float = %v, %v", f, ok)
	}
	if b, ok := e.Bool("Billable"); !ok || !b {
		t.Errorf("Bool = %v, %v", b, ok)
	}
	if got := e.MultiPicklist("C_Tags"); len(got) != 2 || got[0] != "red" || got[1] != "blue" {
		t.Errorf("MultiPicklist(joined id) = %v", got)
	}
	if got := e.MultiPicklist("C_List"); len(got) != 2 || got[0] != "x" || got[1] != "y" {
		t.Errorf("MultiPicklist(array) = %v", got)
	}
	if e.Has("Empty") {
		t.Error("Has(Empty) = true for null")
	}
	if _, ok := e.Float("Empty"); ok {
		t.Error("Float(Empty) ok for null")
	}
	if e.Has("Missing") {
		t.Error("Has(Missing) = true")
	}
}
