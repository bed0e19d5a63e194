package plan

import (
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
)

func BenchmarkPlanSync(b *testing.B) {
	sf, cz := sfValues(), czValues()
	sf["Name"], cz["Name"] = "From SF", "From CZ"
	cz["Work"] = map[string]any{"value": 1.0, "unit": "Weeks"}
	in := SyncInput{Mapping: projectMapping(mapping.NewestWins), SalesforceObject: sfObject, ClarizenObject: czObject,
		Base: syncedBase(), Salesforce: Record{ID: "a01", Values: sf, Stamp: t1}, Clarizen: Record{ID: "/Project/p1", Values: cz, Stamp: t2},
		Currency: "EUR", Resolver: resolver}
	for b.Loop() {
		if _, err := PlanSync(in); err != nil {
			b.Fatal(err)
		}
	}
}
