package engine

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestSocialLines(t *testing.T) {
	run := syncer.Summary{Mappings: []syncer.MappingSummary{{MappingID: "accounts", Name: "Account to Customer", Created: 4, APICalls: 10}}}
	run.Add(socialLines(social.Summary{Mappings: []social.MappingSummary{
		{MappingID: "accounts", Name: "Account to Customer", PostsToClarizen: 3, Failed: 1, APICalls: 106},
		{MappingID: "idle", Name: "Quiet mapping"},
	}}))
	if len(run.Mappings) != 1 {
		t.Fatalf("summary has %d lines, want 1 (a social line with no calls adds none): %+v", len(run.Mappings), run.Mappings)
	}
	got := run.Mappings[0]
	if got.APICalls != 116 || got.Failed != 1 {
		t.Errorf("merged line = %+v, want 116 API calls and 1 failed", got)
	}
	if got.Created != 4 {
		t.Errorf("merged line Created = %d, want the run's 4: posts are not records created", got.Created)
	}
}
