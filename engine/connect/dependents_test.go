package connect_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/store"
)

func TestManager_Dependents(t *testing.T) {
	e := newEnv(t, envConfig{})
	e.saveMapping("m-projects", "Projects", connect.Clarizen1)
	e.saveMapping("m-cases", "Cases", connect.Clarizen2)
	e.saveEvent("e-won", "Won opportunity", connect.Clarizen2, true)
	e.saveEvent("e-closed", "Closed project", connect.Clarizen1, false)

	tests := []struct {
		name       string
		connection string
		want       []connect.Dependent
	}{
		{"salesforce uses all", connect.Salesforce, []connect.Dependent{
			{Kind: connect.DependentMapping, ID: "m-cases", Name: "Cases", Enabled: true},
			{Kind: connect.DependentMapping, ID: "m-projects", Name: "Projects", Enabled: true},
			{Kind: connect.DependentEvent, ID: "e-closed", Name: "Closed project", Enabled: false},
			{Kind: connect.DependentEvent, ID: "e-won", Name: "Won opportunity", Enabled: true},
		}},
		{"clarizen1 by instance", connect.Clarizen1, []connect.Dependent{
			{Kind: connect.DependentMapping, ID: "m-projects", Name: "Projects", Enabled: true},
			{Kind: connect.DependentEvent, ID: "e-closed", Name: "Closed project", Enabled: false},
		}},
		{"clarizen2 by instance", connect.Clarizen2, []connect.Dependent{
			{Kind: connect.DependentMapping, ID: "m-cases", Name: "Cases", Enabled: true},
			{Kind: connect.DependentEvent, ID: "e-won", Name: "Won opportunity", Enabled: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.m.Dependents(e.ctx, tt.connection)
			if err != nil {
				t.Fatalf("Dependents(%s): %v", tt.connection, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Dependents(%s) =\n%+v\nwant\n%+v", tt.connection, got, tt.want)
			}
		})
	}

	t.Run("none", func(t *testing.T) {
		empty := newEnv(t, envConfig{})
		got, err := empty.m.Dependents(empty.ctx, connect.Clarizen1)
		if err != nil {
			t.Fatalf("Dependents: %v", err)
		}
		if len(got) != 0 {
			t.Errorf("Dependents = %+v, want none", got)
		}
	})

	t.Run("unknown id", func(t *testing.T) {
		_, err := e.m.Dependents(e.ctx, "clarizen3")
		if !errors.Is(err, connect.ErrUnknownConnection) {
			t.Errorf("err = %v, want ErrUnknownConnection", err)
		}
	})
}

// saveEvent stores an event of the given Clarizen connection, triggered
// in Salesforce.
func (e *testEnv) saveEvent(id, name, czConnection string, enabled bool) {
	e.t.Helper()
	err := e.db.SaveEvent(e.ctx, store.Definition{ID: id, Name: name, ClarizenConnection: czConnection,
		TriggeredBy: "salesforce", JSON: []byte(`{}`), Enabled: enabled})
	if err != nil {
		e.t.Fatalf("save event %s: %v", id, err)
	}
}
