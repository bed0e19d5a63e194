package salesforce

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDate_JSON(t *testing.T) {
	tests := []struct {
		name string
		in   Date
		want string
	}{
		{"leap day", Date{2024, time.February, 29}, `"2024-02-29"`},
		{"year start", Date{2025, time.January, 1}, `"2025-01-01"`},
		{"zero is null", Date{}, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("Marshal = %s, want %s", b, tt.want)
			}
			var back Date
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back != tt.in {
				t.Errorf("round trip = %v, want %v", back, tt.in)
			}
		})
	}
}

func TestDateOf_noZoneShift(t *testing.T) {
	// 23:30 on 31 Dec in UTC-10 is already 1 Jan in UTC; the date must
	// stay the one the value shows.
	hawaii := time.FixedZone("HST", -10*3600)
	kiribati := time.FixedZone("LINT", 14*3600)
	tests := []struct {
		name string
		in   time.Time
		want Date
	}{
		{"west of UTC late evening", time.Date(2024, 12, 31, 23, 30, 0, 0, hawaii), Date{2024, time.December, 31}},
		{"east of UTC early morning", time.Date(2025, 1, 1, 0, 30, 0, 0, kiribati), Date{2025, time.January, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DateOf(tt.in)
			if got != tt.want {
				t.Errorf("DateOf = %v, want %v", got, tt.want)
			}
			if got.String() != tt.want.String() {
				t.Errorf("String = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestFormatDateTime(t *testing.T) {
	in := time.Date(2013, 5, 7, 15, 7, 19, 123e6, time.FixedZone("PDT", -7*3600))
	if got, want := FormatDateTime(in), "2013-05-07T22:07:19.123+0000"; got != want {
		t.Errorf("FormatDateTime = %s, want %s", got, want)
	}
}

func TestParseDateTime(t *testing.T) {
	want := time.Date(2013, 5, 7, 22, 7, 19, 0, time.UTC)
	for _, in := range []string{
		"2013-05-07T22:07:19.000+0000",
		"2013-05-07T22:07:19+0000",
		"2013-05-07T22:07:19Z",
		"2013-05-08T00:07:19+02:00",
		"2013-05-07T15:07:19.000-0700",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := ParseDateTime(in)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("ParseDateTime = %v, want %v in UTC", got, want)
			}
		})
	}
	if _, err := ParseDateTime("2013-05-07"); err == nil {
		t.Error("ParseDateTime accepted a date without time")
	}
}

func TestMultiPicklist(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		equal bool
	}{
		{"same order", "a;b;c", "a;b;c", true},
		{"other order", "c;a;b", "a;b;c", true},
		{"repeated value", "a;a;b", "b;a", true},
		{"subset", "a;b", "a;b;c", false},
		{"empty and empty", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := ParseMultiPicklist(tt.a), ParseMultiPicklist(tt.b)
			if got := a.Equal(b); got != tt.equal {
				t.Errorf("%q Equal %q = %v, want %v", tt.a, tt.b, got, tt.equal)
			}
		})
	}

	b, err := json.Marshal(Fields{"Tags__c": MultiPicklist{"x", "y"}, "Empty__c": MultiPicklist{}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"Empty__c":null,"Tags__c":"x;y"}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
}

func TestWireFields(t *testing.T) {
	at := time.Date(2024, 3, 1, 8, 0, 0, 0, time.FixedZone("CET", 3600))
	got, err := wireFields(Fields{
		"Description": nil,
		"CloseDate":   Date{2024, time.March, 1},
		"Due__c":      at,
		"Amount":      12.5,
		"Tags__c":     []string{"a", "b"},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Amount":12.5,"CloseDate":"2024-03-01","Description":null,"Due__c":"2024-03-01T07:00:00.000+0000","Tags__c":"a;b"}`
	if string(b) != want {
		t.Errorf("wire body\n got %s\nwant %s", b, want)
	}
	if _, err := wireFields(Fields{"Bad": struct{}{}}); err == nil {
		t.Error("wireFields accepted a struct value")
	}
}
