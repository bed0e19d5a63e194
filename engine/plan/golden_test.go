package plan

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/mapping"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// scenario is one input file under testdata/scenarios: a linked pair of
// the Project mapping (see fixtures_test.go) at one point in time.
type scenario struct {
	Rule       mapping.ConflictRule `json:"rule"`
	Base       *Base                `json:"base"`
	Salesforce Record               `json:"salesforce"`
	Clarizen   Record               `json:"clarizen"`
}

// TestPlanSync_Golden plans each scenario and compares the plan with its
// .golden.json file. Run go test -update to rewrite them after checking a
// change.
func TestPlanSync_Golden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.input.json"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no scenarios found: %v", err)
	}
	for _, path := range inputs {
		name := strings.TrimSuffix(filepath.Base(path), ".input.json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			dec.DisallowUnknownFields()
			var sc scenario
			if err := dec.Decode(&sc); err != nil {
				t.Fatalf("read %s: %v", path, err)
			}
			p, err := PlanSync(SyncInput{Mapping: projectMapping(sc.Rule), SalesforceObject: sfObject, ClarizenObject: czObject,
				Base: sc.Base, Salesforce: sc.Salesforce, Clarizen: sc.Clarizen, Currency: "EUR", Resolver: resolver})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(path, ".input.json") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read %s (run go test -update to create it): %v", golden, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("plan differs from %s:\n%s", golden, got)
			}
		})
	}
}
