package engine

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/social"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func TestSocialLines(t *testing.T) {
	run := syncer.Summary{Mappings: []syncer.MappingSummary{{MappingID: "accounts", Name: "Account to Customer", Created: 4, APICalls: 10}},
		APICalls: map[string]int{"salesforce": 12, "clarizen1": 3}}
	run.Add(socialLines(social.Summary{Mappings: []social.MappingSummary{
		{MappingID: "accounts", Name: "Account to Customer", Connection: "clarizen1", PostsToClarizen: 3, Failed: 1,
			APICalls: 106, SalesforceCalls: 86, ClarizenCalls: 20},
		{MappingID: "idle", Name: "Quiet mapping", Connection: "clarizen2"},
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
	if run.APICalls["salesforce"] != 98 {
		t.Errorf("salesforce calls = %d, want the run's 12 and the copy's 86", run.APICalls["salesforce"])
	}
	if run.APICalls["clarizen1"] != 23 {
		t.Errorf("clarizen1 calls = %d, want the run's 3 and the copy's 20", run.APICalls["clarizen1"])
	}
	if _, ok := run.APICalls["clarizen2"]; ok {
		t.Errorf("calls = %v, want no clarizen2 entry for a mapping that made no call", run.APICalls)
	}
}
