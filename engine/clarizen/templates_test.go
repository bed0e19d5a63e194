package clarizen_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/sim/czsim"
)

func TestClient_TemplateNames(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	tests := []struct {
		typeName string
		want     string
	}{
		{"Project", "Standard delivery"},
		{"Project", "Quick start"},
		{"Milestone", "Release gate"},
	}
	for _, tt := range tests {
		t.Run(tt.typeName+" "+tt.want, func(t *testing.T) {
			got, err := e.client.TemplateNames(ctx, tt.typeName)
			if err != nil {
				t.Fatalf("TemplateNames() error = %v", err)
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("TemplateNames(%s) = %v, want it to contain %q", tt.typeName, got, tt.want)
			}
		})
	}
}

func TestClient_CreateFromTemplate(t *testing.T) {
	e := newEnv(t, czsim.Options{}, nil)
	ctx := testContext(t)
	program := mustCreate(t, e.client, "Project", "tpl-parent", clarizen.Values{"Name": "Portfolio"})

	tests := []struct {
		name    string
		req     clarizen.TemplateRequest
		wantErr *clarizen.Error
	}{
		{name: "project with caller id", req: clarizen.TemplateRequest{
			TypeName: "Project", TemplateName: "Standard delivery", ExternalID: "sf-006T1",
			Values: clarizen.Values{"Name": "Delivery for Acme", "StartDate": clarizen.Date{Year: 2024, Month: time.June, Day: 3}}}},
		{name: "project under a parent", req: clarizen.TemplateRequest{
			TypeName: "Project", TemplateName: "Quick start", ParentID: program,
			Values: clarizen.Values{"Name": "Sub-project"}}},
		{name: "milestone template", req: clarizen.TemplateRequest{
			TypeName: "Milestone", TemplateName: "Release gate", ParentID: program,
			Values: clarizen.Values{"Name": "Gate 1"}}},
		{name: "unknown template", req: clarizen.TemplateRequest{
			TypeName: "Project", TemplateName: "No such template", Values: clarizen.Values{"Name": "X"}},
			wantErr: clarizen.ErrEntityNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.client.CreateFromTemplate(ctx, tt.req)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("CreateFromTemplate() error = %v, want %s", err, tt.wantErr.Code)
				}
				return
			}
			if err != nil {
				t.Fatalf("CreateFromTemplate() error = %v", err)
			}
			if res.ID.Type() != tt.req.TypeName || (tt.req.ExternalID != "" && res.ID.Value() != tt.req.ExternalID) {
				t.Errorf("ID = %s", res.ID)
			}
			children, err := e.client.QueryAll(ctx, "SELECT Name FROM WorkItem WHERE Parent = '"+string(res.ID)+"'")
			if err != nil {
				t.Fatal(err)
			}
			if len(children) == 0 {
				t.Error("the template created no work items under the new entity")
			}
			if tt.req.ParentID != "" {
				got, err := e.client.Get(ctx, res.ID, "Parent")
				if err != nil {
					t.Fatal(err)
				}
				if !got.Reference("Parent").Equal(tt.req.ParentID) {
					t.Errorf("Parent = %s, want %s", got.Reference("Parent"), tt.req.ParentID)
				}
			}
		})
	}

	t.Run("repeat with caller id is resolved", func(t *testing.T) {
		req := clarizen.TemplateRequest{TypeName: "Project", TemplateName: "Standard delivery", ExternalID: "sf-006T1",
			Values: clarizen.Values{"Name": "Delivery for Acme"}}
		res, err := e.client.CreateFromTemplate(ctx, req)
		if err != nil {
			t.Fatalf("CreateFromTemplate() error = %v", err)
		}
		if !res.Existing {
			t.Errorf("result = %+v, want Existing", res)
		}
	})
}
