package clarizen_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_ListEntities(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	for range 2 {
		got, err := e.client.ListEntities(ctx)
		if err != nil {
			t.Fatalf("ListEntities() error = %v", err)
		}
		for _, want := range []string{"Project", "Milestone", "Task", "Customer", "CustomerLink", "User", "DiscussionPost"} {
			if !slices.Contains(got, want) {
				t.Errorf("ListEntities() lacks %s", want)
			}
		}
	}
	if got := e.calls.count("metadata/listentities"); got != 1 {
		t.Errorf("listEntities calls = %d, want 1 (cached)", got)
	}
	e.client.ResetMetadataCache()
	if _, err := e.client.ListEntities(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.calls.count("metadata/listentities"); got != 2 {
		t.Errorf("listEntities calls after reset = %d, want 2", got)
	}
}

func TestClient_DescribeEntities(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	descs, err := e.client.DescribeEntities(testContext(t), "Project", "Customer")
	if err != nil {
		t.Fatalf("DescribeEntities() error = %v", err)
	}
	if len(descs) != 2 {
		t.Fatalf("descriptions = %d, want 2", len(descs))
	}
	for _, d := range descs {
		if len(d.Fields) == 0 || d.Label == "" {
			t.Errorf("%s: %d fields, label %q", d.TypeName, len(d.Fields), d.Label)
		}
		for _, f := range d.Fields {
			if f.Name == "" || f.Type == "" || f.PresentationType == "" {
				t.Errorf("%s field %+v lacks name, type or presentationType", d.TypeName, f)
			}
		}
	}
}

func TestClient_Object(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	tests := []struct {
		typeName, field        string
		kind                   schema.Kind
		createable, updateable bool
	}{
		{"Project", "Name", schema.KindString, true, true},
		{"Project", "Description", schema.KindTextArea, true, true},
		{"Project", "State", schema.KindPicklist, false, false},
		{"Project", "Importance", schema.KindPicklist, true, true},
		{"Project", "ProjectManager", schema.KindReference, true, true},
		{"Project", "Parent", schema.KindReference, true, false},
		{"Project", "Project", schema.KindReference, false, false},
		{"Project", "Duration", schema.KindDuration, true, true},
		{"Project", "PlannedBudget", schema.KindCurrency, true, true},
		{"Project", "C_ExpectedRevenue", schema.KindCurrency, true, true},
		{"Project", "PercentCompleted", schema.KindPercent, true, true},
		{"Project", "C_Regions", schema.KindMultiPicklist, true, true},
		{"Project", "StartDate", schema.KindDateTime, true, true},
		{"Project", "Priority", schema.KindInteger, true, true},
		{"Project", "Billable", schema.KindBoolean, true, true},
		{"Project", "SYSID", schema.KindString, false, false},
		{"Project", "CreatedOn", schema.KindDateTime, false, false},
		{"Project", "id", schema.KindID, false, false},
		{"Task", "Milestone", schema.KindReference, false, false},
		{"CustomerLink", "Entity", schema.KindReference, true, false},
		{"DiscussionPost", "Container", schema.KindReference, true, false},
		{"DiscussionPost", "Body", schema.KindTextArea, true, true},
		{"User", "Admin", schema.KindBoolean, false, false},
		{"User", "LicenseType", schema.KindPicklist, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.typeName+"."+tt.field, func(t *testing.T) {
			obj, err := e.client.Object(ctx, tt.typeName)
			if err != nil {
				t.Fatalf("Object(%s) error = %v", tt.typeName, err)
			}
			f, ok := obj.Field(tt.field)
			if !ok {
				t.Fatalf("%s has no field %s", tt.typeName, tt.field)
			}
			if f.Kind != tt.kind {
				t.Errorf("Kind = %s, want %s (native %s)", f.Kind, tt.kind, f.NativeType)
			}
			if f.Createable != tt.createable || f.Updateable != tt.updateable {
				t.Errorf("Createable %v Updateable %v, want %v %v", f.Createable, f.Updateable, tt.createable, tt.updateable)
			}
		})
	}

	t.Run("object flags", func(t *testing.T) {
		flags := []struct {
			typeName                 string
			templatable, feedEnabled bool
		}{
			{"Project", true, true},
			{"Milestone", true, true},
			{"Task", false, true},
			{"Customer", false, true},
			{"CustomerLink", false, false},
		}
		for _, fl := range flags {
			obj, err := e.client.Object(ctx, fl.typeName)
			if err != nil {
				t.Fatal(err)
			}
			if obj.Templatable != fl.templatable || obj.FeedEnabled != fl.feedEnabled {
				t.Errorf("%s: Templatable %v FeedEnabled %v, want %v %v", fl.typeName, obj.Templatable, obj.FeedEnabled, fl.templatable, fl.feedEnabled)
			}
		}
	})

	t.Run("picklist values and custom fields", func(t *testing.T) {
		obj, err := e.client.Object(ctx, "Project")
		if err != nil {
			t.Fatal(err)
		}
		state, _ := obj.Field("State")
		for _, v := range []string{"Draft", "Active", "Completed"} {
			if !state.HasPicklistValue(v) {
				t.Errorf("State lacks value %s: %v", v, state.Picklist)
			}
		}
		regions, _ := obj.Field("C_Regions")
		if !regions.Custom || !regions.HasPicklistValue("EMEA") || !regions.RestrictedPicklist {
			t.Errorf("C_Regions = %+v, want a custom restricted picklist with EMEA", regions)
		}
		name, _ := obj.Field("Name")
		if !name.Required || name.Length == 0 || name.Custom {
			t.Errorf("Name = %+v, want required, with a length, standard", name)
		}
		manager, _ := obj.Field("ProjectManager")
		if !slices.Contains(manager.ReferenceTo, "User") {
			t.Errorf("ProjectManager.ReferenceTo = %v, want User", manager.ReferenceTo)
		}
		ext, _ := obj.Field("ExternalID")
		if !ext.ExternalID {
			t.Error("ExternalID is not marked as the external id")
		}
	})

	t.Run("cached", func(t *testing.T) {
		before := e.calls.count("metadata/describemetadata")
		if _, err := e.client.Object(ctx, "project"); err != nil {
			t.Fatal(err)
		}
		if got := e.calls.count("metadata/describemetadata"); got != before {
			t.Errorf("describeMetadata calls grew from %d to %d for a cached type", before, got)
		}
	})
}

func TestClient_PicklistValues(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	got, err := e.client.PicklistValues(testContext(t), "Phase", "c_projectregions")
	if err != nil {
		t.Fatalf("PicklistValues() error = %v", err)
	}
	phases := got["Phase"]
	if len(phases) == 0 || phases[0].Value == "" || phases[0].DisplayValue == "" {
		t.Errorf("Phase values = %+v", phases)
	}
	var regions []string
	for _, p := range got["c_projectregions"] {
		regions = append(regions, p.Value)
	}
	if !slices.Contains(regions, "APAC") {
		t.Errorf("C_ProjectRegions values = %v, want APAC among them", regions)
	}
}

func TestClient_DescribeEntityRelations(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	for range 2 {
		rels, err := e.client.DescribeEntityRelations(ctx, "Project")
		if err != nil {
			t.Fatalf("DescribeEntityRelations() error = %v", err)
		}
		if len(rels) != 1 {
			t.Fatalf("relations = %d types, want 1", len(rels))
		}
		found := false
		for _, r := range rels[0].Relations {
			if strings.EqualFold(r.Name, "Customers") {
				found = true
				if r.LinkTypeName != "CustomerLink" || r.RelatedTypeName != "Customer" {
					t.Errorf("Customers relation = %+v", r)
				}
			}
		}
		if !found {
			t.Errorf("Project relations lack Customers: %+v", rels[0].Relations)
		}
	}
	if got := e.calls.count("metadata/describeentityrelations"); got != 1 {
		t.Errorf("describeEntityRelations calls = %d, want 1 (cached)", got)
	}
}

// TestClient_NoSecretsInOutput drives logins, re-logins, retries and
// failures and checks that no password, API key or session id reaches the
// log or an error message, even when the server echoes one that the client
// holds.
func TestClient_NoSecretsInOutput(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	var errs []error
	record := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	record(e.client.Connect(ctx))
	session := e.client.Session().ID.Reveal()
	e.sim.ExpireSessions()
	_, err := e.client.ListEntities(ctx)
	record(err)
	e.sim.Faults().Add(czsim.Fault{Kind: czsim.FaultServerError, Times: 2, ErrorCode: "General",
		Message: "backend lost session " + session + " of password " + testPassword})
	_, err = e.client.Get(ctx, clarizen.NewEntityID("Customer", "none"), "Name")
	record(err)
	e.sim.Faults().Add(czsim.Fault{Kind: czsim.FaultServerError, Times: clarizen.DefaultMaxAttempts, ErrorCode: "General",
		Message: "still failing for session " + e.client.Session().ID.Reveal()})
	_, err = e.client.Get(ctx, clarizen.NewEntityID("Customer", "none"), "Name")
	record(err)

	badPassword := e.newClient(t, func(o *clarizen.Options) {
		o.Credentials = clarizen.StaticCredentials{UserName: testUser, Password: testPassword + "-wrong"}
	})
	record(badPassword.Connect(ctx))
	badKey := e.newClient(t, func(o *clarizen.Options) {
		o.Credentials = clarizen.StaticCredentials{APIKey: testAPIKey + "-wrong"}
	})
	record(badKey.Connect(ctx))
	apiKey := e.newClient(t, func(o *clarizen.Options) {
		o.Credentials = clarizen.StaticCredentials{APIKey: testAPIKey}
	})
	_, err = apiKey.SessionInfo(ctx)
	record(err)
	e.sim.Faults().Add(czsim.Fault{Kind: czsim.FaultServerError, Times: 2, ErrorCode: "General",
		Message: "backend rejected key " + testAPIKey})
	_, err = apiKey.TemplateNames(ctx, "Project")
	record(err)
	e.sim.Faults().FailNext(clarizen.DefaultMaxAttempts, "General")
	_, err = apiKey.TemplateNames(ctx, "Project")
	record(err)

	secrets := []string{testPassword, testAPIKey, session}
	for _, s := range e.newSessions() {
		secrets = append(secrets, s.ID.Reveal())
	}
	if len(errs) < 3 {
		t.Fatalf("only %d errors were produced; the test needs failures to inspect", len(errs))
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "retrying request") {
		t.Fatal("no retry was logged; the test needs log output to inspect")
	}
	for _, secret := range secrets {
		if secret == "" {
			t.Fatal("a secret to look for is empty")
		}
		if strings.Contains(logs, secret) {
			t.Errorf("log output contains a secret:\n%s", strings.ReplaceAll(logs, secret, "<<SECRET>>"))
		}
		for _, err := range errs {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q contains a secret", err)
			}
		}
	}
}
