package syncer

import (
	"slices"
	"testing"
)

func TestSummary_Add(t *testing.T) {
	tests := []struct {
		name      string
		base      Summary
		other     Summary
		wantLines []MappingSummary
		wantCalls map[string]int
		wantWarn  []string
	}{
		{"same mapping adds up",
			Summary{Mappings: []MappingSummary{{MappingID: "acct", Name: "Accounts", Created: 2, APICalls: 3}},
				APICalls: map[string]int{"salesforce": 3}},
			Summary{Mappings: []MappingSummary{{MappingID: "acct", Name: "Accounts", Created: 5, Failed: 1, APICalls: 106}},
				APICalls: map[string]int{"salesforce": 60, "clarizen1": 46}, Warnings: []string{"post skipped"}},
			[]MappingSummary{{MappingID: "acct", Name: "Accounts", Created: 7, Failed: 1, APICalls: 109}},
			map[string]int{"salesforce": 63, "clarizen1": 46}, []string{"post skipped"}},
		{"new mapping appended",
			Summary{Mappings: []MappingSummary{{MappingID: "acct", Name: "Accounts"}}},
			Summary{Mappings: []MappingSummary{{MappingID: "users", Name: "Users", Created: 3, Matched: 2}},
				APICalls: map[string]int{"salesforce": 4}},
			[]MappingSummary{{MappingID: "acct", Name: "Accounts"}, {MappingID: "users", Name: "Users", Created: 3, Matched: 2}},
			map[string]int{"salesforce": 4}, nil},
		{"nothing to add",
			Summary{APICalls: map[string]int{"salesforce": 1}}, Summary{},
			nil, map[string]int{"salesforce": 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.base
			s.Add(tt.other)
			if !slices.Equal(s.Mappings, tt.wantLines) {
				t.Errorf("lines = %+v, want %+v", s.Mappings, tt.wantLines)
			}
			if len(s.APICalls) != len(tt.wantCalls) {
				t.Errorf("calls = %v, want %v", s.APICalls, tt.wantCalls)
			}
			for conn, n := range tt.wantCalls {
				if s.APICalls[conn] != n {
					t.Errorf("calls on %s = %d, want %d", conn, s.APICalls[conn], n)
				}
			}
			if !slices.Equal(s.Warnings, tt.wantWarn) {
				t.Errorf("warnings = %v, want %v", s.Warnings, tt.wantWarn)
			}
		})
	}
}
