package plan

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestShouldFire_EdgeOnce(t *testing.T) {
	// A record that matched when the event was enabled without firing
	// existing records was recorded as fired then, so it comes as fired.
	tests := []struct {
		name              string
		enabled, existing bool
		matches, fired    bool
		want              bool
	}{
		{"first match fires", true, false, true, false, true},
		{"no match", true, false, false, false, false},
		{"fires only once", true, false, true, true, false},
		{"disabled event", false, true, true, false, false},
		{"recorded at enable is skipped", true, false, true, true, false},
		{"existing match fires when chosen", true, true, true, false, true},
		{"fired stays fired even when chosen", true, true, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mapping.Event{ID: "e", Enabled: tt.enabled, FireExisting: tt.existing}
			got := ShouldFire(FireInput{Event: e, Matches: tt.matches, Fired: tt.fired})
			if got != tt.want {
				t.Errorf("ShouldFire = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMatches_Condition(t *testing.T) {
	opp := schema.Object{Name: "Opportunity", Fields: []schema.Field{{Name: "Probability", Kind: schema.KindPercent}}}
	tests := []struct {
		condition string
		values    map[string]any
		want      bool
		wantErr   bool
	}{
		{"Probability >= 70", map[string]any{"Probability": 70.0}, true, false},
		{"Probability >= 70", map[string]any{"Probability": 69.0}, false, false},
		{"Probability >= 70", map[string]any{"Probability": nil}, false, false},
		{"", map[string]any{}, true, false},
		{"Probability >=", nil, false, true},
		{"Probability >= 70", map[string]any{"Probability": "high"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.condition, func(t *testing.T) {
			got, err := Matches(mapping.Event{ID: "e", Condition: tt.condition}, tt.values, opp)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("Matches = %v, %v, want %v (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
