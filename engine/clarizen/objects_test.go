package clarizen_test

import (
	"errors"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_CRUD(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	manager := clarizen.EntityID("/User/" + mustUserID(t, e))

	tests := []struct {
		name       string
		typeName   string
		externalID string
		create     clarizen.Values
		update     clarizen.Values
		fields     []string
		check      func(t *testing.T, got clarizen.Entity)
	}{
		{
			name: "customer with caller id", typeName: "Customer", externalID: "sf-001A000001",
			create: clarizen.Values{"Name": "Acme", "SfExternalId": "001A000001"},
			update: clarizen.Values{"Name": "Acme Corp"},
			fields: []string{"Name", "SfExternalId"},
			check: func(t *testing.T, got clarizen.Entity) {
				if got.Text("Name") != "Acme Corp" || got.Text("SfExternalId") != "001A000001" {
					t.Errorf("got Name %q SfExternalId %q", got.Text("Name"), got.Text("SfExternalId"))
				}
			},
		},
		{
			name: "project with typed values", typeName: "Project", externalID: "sf-006A000002",
			create: clarizen.Values{
				"Name":          "Launch",
				"StartDate":     clarizen.Date{Year: 2024, Month: time.March, Day: 31},
				"Duration":      clarizen.Duration{Value: 3, Unit: clarizen.Weeks},
				"PlannedBudget": clarizen.Money{Value: 1200.5, Currency: "EUR"},
				"Manager":       manager,
				"Importance":    "High",
				"C_Regions":     []string{"EMEA", "APAC"},
			},
			update: clarizen.Values{"Phase": "/Phase/Planning", "PercentCompleted": 25.0},
			fields: []string{"Name", "StartDate", "Duration", "PlannedBudget", "Manager", "Importance", "Phase", "C_Regions", "PercentCompleted"},
			check: func(t *testing.T, got clarizen.Entity) {
				if d, ok := got.Date("StartDate"); !ok || d != (clarizen.Date{Year: 2024, Month: time.March, Day: 31}) {
					t.Errorf("StartDate = %v, want 2024-03-31 without a shift", d)
				}
				if d, ok := got.Duration("Duration"); !ok || d.Value != 3 || d.Unit != clarizen.Weeks {
					t.Errorf("Duration = %+v", d)
				}
				if m, ok := got.Money("PlannedBudget"); !ok || m.Value != 1200.5 || m.Currency != "EUR" {
					t.Errorf("PlannedBudget = %+v", m)
				}
				if !got.Reference("Manager").Equal(manager) {
					t.Errorf("Manager = %s, want %s", got.Reference("Manager"), manager)
				}
				if got.Picklist("Importance") != "High" || got.Picklist("Phase") != "Planning" {
					t.Errorf("Importance %q Phase %q", got.Picklist("Importance"), got.Picklist("Phase"))
				}
				regions := got.MultiPicklist("C_Regions")
				if len(regions) != 2 || regions[0] != "EMEA" || regions[1] != "APAC" {
					t.Errorf("C_Regions = %v", regions)
				}
				if f, ok := got.Float("PercentCompleted"); !ok || f != 25 {
					t.Errorf("PercentCompleted = %v", f)
				}
			},
		},
		{
			name: "task with server id", typeName: "Task",
			create: clarizen.Values{"Name": "Draft plan"},
			update: clarizen.Values{"Name": "Final plan", "Description": nil},
			fields: []string{"Name", "Description"},
			check: func(t *testing.T, got clarizen.Entity) {
				if got.Text("Name") != "Final plan" || got.Has("Description") {
					t.Errorf("Name %q Description present %v", got.Text("Name"), got.Has("Description"))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			created, err := e.client.Create(ctx, tt.typeName, tt.externalID, tt.create)
			if err != nil {
				t.Fatalf("Create() error = %v", err)
			}
			if created.Existing {
				t.Error("Create() reports an existing entity")
			}
			if created.ID.Type() != tt.typeName {
				t.Errorf("ID = %s, want type %s", created.ID, tt.typeName)
			}
			if tt.externalID != "" && created.ID.Value() != tt.externalID {
				t.Errorf("ID = %s, want value %s", created.ID, tt.externalID)
			}
			if err := e.client.Update(ctx, created.ID, tt.update); err != nil {
				t.Fatalf("Update() error = %v", err)
			}
			got, err := e.client.Get(ctx, created.ID, tt.fields...)
			if err != nil {
				t.Fatalf("Get() error = %v", err)
			}
			if !got.ID.Equal(created.ID) {
				t.Errorf("Get().ID = %s, want %s", got.ID, created.ID)
			}
			tt.check(t, got)

			if err := e.client.Delete(ctx, created.ID); err != nil {
				t.Fatalf("Delete() error = %v", err)
			}
			_, err = e.client.Get(ctx, created.ID, "Name")
			if !errors.Is(err, clarizen.ErrEntityNotFound) {
				t.Fatalf("Get() after Delete error = %v, want EntityNotFound", err)
			}
			if got := clarizen.ClassOf(err); got != clarizen.Permanent {
				t.Errorf("ClassOf(EntityNotFound) = %v, want permanent", got)
			}
			if err := e.client.Delete(ctx, created.ID); !errors.Is(err, clarizen.ErrEntityNotFound) {
				t.Errorf("second Delete() error = %v, want EntityNotFound", err)
			}
		})
	}
}

// mustUserID logs in and returns the user's id value.
func mustUserID(t *testing.T, e *env) string {
	t.Helper()
	if err := e.client.Connect(testContext(t)); err != nil {
		t.Fatal(err)
	}
	id := e.client.Session().UserID
	if full := clarizen.EntityID(id); full.Valid() {
		return full.Value()
	}
	return id
}

func TestClient_CreateErrors(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	mustCreate(t, e.client, "Customer", "dup-1", clarizen.Values{"Name": "First"})

	tests := []struct {
		name       string
		typeName   string
		externalID string
		values     clarizen.Values
		want       *clarizen.Error
	}{
		{"read-only field", "Project", "", clarizen.Values{"Name": "X", "SYSID": "P-1"}, nil},
		{"unknown field", "Customer", "", clarizen.Values{"Name": "X", "NoSuchField": 1}, clarizen.ErrInvalidField},
		{"unknown type", "NoSuchType", "", clarizen.Values{"Name": "X"}, nil},
		{"missing required", "Customer", "", clarizen.Values{"Description": "no name"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.client.Create(ctx, tt.typeName, tt.externalID, tt.values)
			if err == nil {
				t.Fatal("Create() succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Create() error = %v, want code %s", err, tt.want.Code)
			}
			if got := clarizen.ClassOf(err); got != clarizen.Permanent {
				t.Errorf("ClassOf() = %v, want permanent", got)
			}
			var apiErr *clarizen.Error
			if !errors.As(err, &apiErr) || apiErr.Code == "" || apiErr.HTTPStatus == 0 {
				t.Errorf("error %v carries no code or status", err)
			}
			if apiErr != nil && apiErr.Attempts != 1 {
				t.Errorf("Attempts = %d, want 1 (permanent errors are not retried)", apiErr.Attempts)
			}
		})
	}
}

func TestClient_CreateExisting(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	before := len(e.sim.All("Customer"))
	first := mustCreate(t, e.client, "Customer", "sf-001B", clarizen.Values{"Name": "Acme"})

	again, err := e.client.Create(ctx, "Customer", "sf-001B", clarizen.Values{"Name": "Acme"})
	if err != nil {
		t.Fatalf("second Create() error = %v", err)
	}
	if !again.Existing || !again.ID.Equal(first) {
		t.Errorf("second Create() = %+v, want Existing with id %s", again, first)
	}
	if got := len(e.sim.All("Customer")) - before; got != 1 {
		t.Errorf("customers created = %d, want 1", got)
	}
}

func TestClient_CreateAndRetrieve(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	tests := []struct {
		name       string
		externalID string
	}{
		{"server id", ""},
		{"caller id", "car-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.client.CreateAndRetrieve(ctx, "Task", tt.externalID,
				clarizen.Values{"Name": "Computed", "Duration": clarizen.Duration{Value: 2, Unit: clarizen.Days}},
				[]string{"Name", "State", "Duration", "CreatedOn"})
			if err != nil {
				t.Fatalf("CreateAndRetrieve() error = %v", err)
			}
			if !res.ID.Valid() || res.ID.Type() != "Task" {
				t.Errorf("ID = %s", res.ID)
			}
			if tt.externalID != "" && res.ID.Value() != tt.externalID {
				t.Errorf("ID = %s, want value %s", res.ID, tt.externalID)
			}
			if res.Entity.Text("Name") != "Computed" || res.Entity.Picklist("State") != "Draft" {
				t.Errorf("Entity = %+v, want Name Computed and State Draft", res.Entity)
			}
			if _, ok := res.Entity.Time("CreatedOn"); !ok {
				t.Error("CreatedOn missing from the retrieved fields")
			}
		})
	}
	t.Run("repeat with caller id returns the existing entity", func(t *testing.T) {
		res, err := e.client.CreateAndRetrieve(ctx, "Task", "car-1", clarizen.Values{"Name": "Computed"}, []string{"Name"})
		if err != nil {
			t.Fatalf("CreateAndRetrieve() error = %v", err)
		}
		if !res.Existing || res.Entity.Text("Name") != "Computed" {
			t.Errorf("result = %+v, want Existing with Name", res)
		}
	})
}

func TestClient_RetrieveMultiple(t *testing.T) {
	e := newEnv(t, czsim.Options{}, func(o *clarizen.Options) { o.BulkLimit = 2 })
	ctx := testContext(t)
	a := mustCreate(t, e.client, "Customer", "rm-a", clarizen.Values{"Name": "A"})
	b := mustCreate(t, e.client, "Customer", "rm-b", clarizen.Values{"Name": "B"})
	c := mustCreate(t, e.client, "Customer", "rm-c", clarizen.Values{"Name": "C"})
	missing := clarizen.NewEntityID("Customer", "rm-missing")

	got, err := e.client.RetrieveMultiple(ctx, []clarizen.EntityID{c, missing, a, b}, []string{"Name"})
	if err != nil {
		t.Fatalf("RetrieveMultiple() error = %v", err)
	}
	want := []string{"C", "", "A", "B"}
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d", len(got), len(want))
	}
	for i, name := range want {
		if got[i].Text("Name") != name {
			t.Errorf("result %d Name = %q, want %q", i, got[i].Text("Name"), name)
		}
	}
	if got[1].ID != "" {
		t.Errorf("missing entity has id %s, want a zero Entity", got[1].ID)
	}
	if n := e.calls.count("data/retrievemultiple"); n != 2 {
		t.Errorf("retrieveMultiple calls = %d, want 2 (chunks of the bulk limit)", n)
	}
}

func TestClient_Upsert(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	id := clarizen.NewEntityID("Customer", "ups-1")

	steps := []struct {
		name        string
		insert      clarizen.Values
		update      clarizen.Values
		wantCreated bool
		wantName    string
	}{
		{"inserts when missing", clarizen.Values{"Name": "Inserted"}, clarizen.Values{"Name": "Updated"}, true, "Inserted"},
		{"updates when present", clarizen.Values{"Name": "Inserted"}, clarizen.Values{"Name": "Updated"}, false, "Updated"},
		{"nil update sends insert values", clarizen.Values{"Name": "Same"}, nil, false, "Same"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			created, err := e.client.Upsert(ctx, id, st.insert, st.update)
			if err != nil {
				t.Fatalf("Upsert() error = %v", err)
			}
			if created != st.wantCreated {
				t.Errorf("created = %v, want %v", created, st.wantCreated)
			}
			got, err := e.client.Get(ctx, id, "Name")
			if err != nil {
				t.Fatal(err)
			}
			if got.Text("Name") != st.wantName {
				t.Errorf("Name = %q, want %q", got.Text("Name"), st.wantName)
			}
		})
	}
}

func TestClient_ChangeState(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	p := mustCreate(t, e.client, "Project", "cs-p", clarizen.Values{"Name": "P"})
	q := mustCreate(t, e.client, "Project", "cs-q", clarizen.Values{"Name": "Q"})

	tests := []struct {
		name  string
		state string
	}{
		{"activate", "Active"},
		{"put on hold", "On Hold"},
		{"complete", "Completed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := e.client.ChangeState(ctx, []clarizen.EntityID{p, q}, tt.state); err != nil {
				t.Fatalf("ChangeState() error = %v", err)
			}
			for _, id := range []clarizen.EntityID{p, q} {
				got, err := e.client.Get(ctx, id, "State")
				if err != nil {
					t.Fatal(err)
				}
				if got.Picklist("State") != tt.state {
					t.Errorf("%s State = %q, want %q", id, got.Picklist("State"), tt.state)
				}
			}
		})
	}
	t.Run("state is read-only for update", func(t *testing.T) {
		err := e.client.Update(ctx, p, clarizen.Values{"State": "Draft"})
		if err == nil || clarizen.ClassOf(err) != clarizen.Permanent {
			t.Errorf("Update(State) error = %v, want a permanent error", err)
		}
	})
}

func TestClient_InvalidID(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	for _, id := range []clarizen.EntityID{"", "/Task", "Task/abc"} {
		if _, err := e.client.Get(ctx, id); !errors.Is(err, clarizen.ErrInvalidArgument) {
			t.Errorf("Get(%q) error = %v, want InvalidArgument", id, err)
		}
	}
	if got := e.calls.total(); got != 0 {
		t.Errorf("requests sent = %d, want 0", got)
	}
}
