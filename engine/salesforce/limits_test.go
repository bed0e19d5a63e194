package salesforce

import "testing"

func TestParseLimitInfo(t *testing.T) {
	tests := []struct {
		name      string
		header    string
		used, max int
		ok        bool
	}{
		{"plain", "api-usage=18/5000", 18, 5000, true},
		{"with per-app usage", "api-usage=25/5000; per-app-api-usage=17/250(appName=sample)", 25, 5000, true},
		{"per-app first", "per-app-api-usage=17/250(appName=x); api-usage=3/100", 3, 100, true},
		{"missing", "", 0, 0, false},
		{"garbled", "api-usage=x/y", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			used, maxRequests, ok := ParseLimitInfo(tt.header)
			if ok != tt.ok || used != tt.used || maxRequests != tt.max {
				t.Errorf("ParseLimitInfo(%q) = %d, %d, %v; want %d, %d, %v", tt.header, used, maxRequests, ok, tt.used, tt.max, tt.ok)
			}
		})
	}
}

func TestAPIUsage_Remaining(t *testing.T) {
	u := APIUsage{Used: 900, Max: 1000}
	if u.Remaining() != 100 {
		t.Errorf("Remaining = %d, want 100", u.Remaining())
	}
	if f := u.RemainingFraction(); f < 0.0999 || f > 0.1001 {
		t.Errorf("RemainingFraction = %v, want 0.1", f)
	}
	if (APIUsage{Used: 1200, Max: 1000}).Remaining() != 0 {
		t.Error("Remaining went below zero")
	}
}
