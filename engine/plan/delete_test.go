package plan

import (
	"errors"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

func TestDeleteGuard_Check(t *testing.T) {
	tests := []struct {
		name           string
		guard          DeleteGuard
		links, deletes int
		blocked        bool
	}{
		{"under the limit", DeleteGuard{MaxPercent: 20}, 100, 20, false},
		{"over the limit", DeleteGuard{MaxPercent: 20}, 100, 21, true},
		{"confirmed", DeleteGuard{MaxPercent: 20, Confirmed: true}, 100, 90, false},
		{"no limit", DeleteGuard{}, 10, 10, false},
		{"small count allowed", DeleteGuard{MaxPercent: 20, AllowUpTo: 3}, 4, 3, false},
		{"beyond the small count", DeleteGuard{MaxPercent: 20, AllowUpTo: 3}, 4, 4, true},
		{"no links", DeleteGuard{MaxPercent: 20}, 0, 0, false},
		{"all links", DeleteGuard{MaxPercent: 99.9}, 1000, 1000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.guard.Check("m-project", tt.links, tt.deletes)
			var tm *TooManyDeletesError
			if got := errors.As(err, &tm); got != tt.blocked {
				t.Fatalf("Check(%d of %d) = %v, want blocked %v", tt.deletes, tt.links, err, tt.blocked)
			}
			if tt.blocked && (tm.MappingID != "m-project" || tm.Deletes != tt.deletes || !strings.Contains(err.Error(), "confirm")) {
				t.Errorf("error = %+v (%v)", tm, err)
			}
		})
	}
}

func TestDecideDelete_Policies(t *testing.T) {
	m := projectMapping(mapping.NewestWins)
	tests := []struct {
		policy  mapping.DeletePolicy
		deleted schema.Side
		want    DeleteDecision
	}{
		{mapping.DeleteCounterpart, schema.Salesforce, DeleteDecision{MappingID: "m-project", Action: DeleteCounterpartRecord, Side: schema.Clarizen, Object: "Project", ID: "/Project/p1"}},
		{mapping.DeleteCounterpart, schema.Clarizen, DeleteDecision{MappingID: "m-project", Action: DeleteCounterpartRecord, Side: schema.Salesforce, Object: "Clarizen_Project__c", ID: "a01"}},
		{mapping.RetainCounterpart, schema.Salesforce, DeleteDecision{MappingID: "m-project", Action: DropLink, Side: schema.Clarizen, Object: "Project", ID: "/Project/p1"}},
		{mapping.RetainCounterpart, schema.Clarizen, DeleteDecision{MappingID: "m-project", Action: DropLink, Side: schema.Salesforce, Object: "Clarizen_Project__c", ID: "a01"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.policy)+"_"+string(tt.deleted), func(t *testing.T) {
			m.DeletePolicy = tt.policy
			counterpart := "/Project/p1"
			if tt.deleted == schema.Clarizen {
				counterpart = "a01"
			}
			if got := DecideDelete(m, tt.deleted, counterpart); got != tt.want {
				t.Errorf("DecideDelete = %+v, want %+v", got, tt.want)
			}
		})
	}
}
