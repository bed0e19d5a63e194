package mapping

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func TestExport_Golden(t *testing.T) {
	mappings := append(allMappings(), lineItemMapping())
	events := []Event{opportunityEvent()}
	got, err := Export(mappings, events)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "export.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Export differs from %s; rerun with -update after checking the change:\n%s", path, got)
	}
}

func TestImport_RoundTrip(t *testing.T) {
	mappings := append(allMappings(), lineItemMapping())
	events := []Event{opportunityEvent(), {ID: "e2", Name: "Clarizen side", ClarizenInstance: 2, TriggeredBy: "clarizen",
		TriggeringObject: "Project", Target: EventTarget{Kind: SalesforceMapping, MappingID: "m-project"}, FireExisting: true, Enabled: true}}
	data, err := Export(mappings, events)
	if err != nil {
		t.Fatal(err)
	}
	gotMappings, gotEvents, err := Import(data)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if !reflect.DeepEqual(gotMappings, mappings) {
		t.Errorf("mappings changed on the round trip:\n got %+v\nwant %+v", gotMappings, mappings)
	}
	if !reflect.DeepEqual(gotEvents, events) {
		t.Errorf("events changed on the round trip:\n got %+v\nwant %+v", gotEvents, events)
	}
	again, err := Export(gotMappings, gotEvents)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Error("exporting an imported file changed its bytes")
	}
}

func TestImport_GoldenFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	mappings, events, err := Import(data)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if len(mappings) != 5 || len(events) != 1 {
		t.Fatalf("Import read %d mappings and %d events, want 5 and 1", len(mappings), len(events))
	}
	if problems := ValidateMapping(mappings[3], catalog, mappings); len(problems) != 0 {
		t.Errorf("the imported Project mapping has problems: %+v", problems)
	}
}

func TestImport_Rejects(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr string
		is      error
	}{
		{"not json", `{"format":`, "not valid JSON", nil},
		{"other format", `{"format":"n8n","version":1}`, `format is "n8n", expected "liaison-mappings"`, nil},
		{"no version", `{"format":"liaison-mappings"}`, "has no version", ErrUnsupportedVersion},
		{"newer version", `{"format":"liaison-mappings","version":2,"mappings":[],"events":[]}`, "version 2, this Liaison reads version 1", ErrUnsupportedVersion},
		{"version zero", `{"format":"liaison-mappings","version":0}`, "version 0", ErrUnsupportedVersion},
		{"unknown top-level key", `{"format":"liaison-mappings","version":1,"token":"x"}`, `unknown field "token"`, nil},
		{"unknown mapping key", `{"format":"liaison-mappings","version":1,"mappings":[{"id":"a","password":"x"}]}`, `unknown field "password"`, nil},
		{"trailing data", `{"format":"liaison-mappings","version":1} {}`, "invalid character '{' after top-level value", nil},
		{"missing id", `{"format":"liaison-mappings","version":1,"mappings":[{"name":"A"}]}`, `mapping "A" has no id`, nil},
		{"duplicate id across kinds", `{"format":"liaison-mappings","version":1,"mappings":[{"id":"x","name":"A"}],"events":[{"id":"x","name":"B"}]}`,
			`event "B" has the id x, already used by mapping "A"`, nil},
		{"wrong type", `{"format":"liaison-mappings","version":1,"mappings":[{"id":"a","clarizenInstance":"one"}]}`, "cannot unmarshal", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Import([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Import error = %v, want it to contain %q", err, tt.wantErr)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
		})
	}
}

func TestExport_EmptyAndNoSecrets(t *testing.T) {
	data, err := Export(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"format\": \"liaison-mappings\",\n  \"version\": 1,\n  \"mappings\": [],\n  \"events\": []\n}\n"
	if string(data) != want {
		t.Errorf("Export(nil, nil) = %q, want %q", data, want)
	}
	full, err := Export(append(allMappings(), lineItemMapping()), []Event{opportunityEvent()})
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"token", "password", "secret", "apikey", "sessionid", "refresh"} {
		if strings.Contains(strings.ToLower(string(full)), word) {
			t.Errorf("the export contains %q", word)
		}
	}
}
