package sfsim

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestTooling_CustomObjectsAndFields(t *testing.T) {
	now := time.Date(2025, 2, 1, 8, 0, 0, 0, time.UTC)
	s := mustServer(t, Options{Seed: 1, Clock: func() time.Time { return now }})
	c := newAPIClient(t, s)
	describedAt := now.Format(http.TimeFormat)
	now = now.Add(time.Hour)

	res := c.do(http.MethodPost, "/tooling/sobjects/CustomObject", map[string]any{
		"FullName": "Clarizen_Project__c",
		"Metadata": map[string]any{"label": "Clarizen Project", "pluralLabel": "Clarizen Projects",
			"nameField": map[string]any{"type": "Text", "label": "Clarizen Project Name"}, "deploymentStatus": "Deployed", "sharingModel": "ReadWrite"},
	})
	if res.status != http.StatusCreated {
		t.Fatalf("create object %d %s", res.status, res.body)
	}
	fieldsToAdd := []struct {
		name string
		md   map[string]any
	}{
		{"Clarizen_Project__c.Liaison_Key__c", map[string]any{"label": "Liaison Key", "type": "Text", "length": 80, "externalId": true, "unique": true}},
		{"Clarizen_Project__c.Opportunity__c", map[string]any{"label": "Opportunity", "type": "Lookup", "referenceTo": "Opportunity", "relationshipName": "Clarizen_Projects"}},
		{"Clarizen_Project__c.Phase__c", map[string]any{"label": "Phase", "type": "Picklist", "valueSet": map[string]any{"restricted": true,
			"valueSetDefinition": map[string]any{"value": []any{map[string]any{"fullName": "Plan", "default": true}, map[string]any{"fullName": "Build"}}}}}},
		{"Clarizen_Project__c.Progress__c", map[string]any{"label": "Progress", "type": "Percent", "precision": 5, "scale": 2}},
		{"Opportunity.Clarizen_Id__c", map[string]any{"label": "Clarizen Id", "type": "Text", "length": 40, "externalId": true}},
	}
	for _, f := range fieldsToAdd {
		if res := c.do(http.MethodPost, "/tooling/sobjects/CustomField", map[string]any{"FullName": f.name, "Metadata": f.md}); res.status != http.StatusCreated {
			t.Fatalf("create field %s: %d %s", f.name, res.status, res.body)
		}
	}
	t.Run("duplicate", func(t *testing.T) {
		res := c.do(http.MethodPost, "/tooling/sobjects/CustomField", map[string]any{"FullName": "Opportunity.Clarizen_Id__c", "Metadata": map[string]any{"label": "x", "type": "Text", "length": 10}})
		if res.status != http.StatusBadRequest || errorCode(t, res) != "DUPLICATE_DEVELOPER_NAME" {
			t.Errorf("got %d %s", res.status, res.body)
		}
	})
	t.Run("describe shows the new schema", func(t *testing.T) {
		var d struct {
			Custom    bool `json:"custom"`
			KeyPrefix string
			Fields    []map[string]any
		}
		res := c.do(http.MethodGet, "/sobjects/Clarizen_Project__c/describe", nil)
		res.decode(t, &d)
		byName := map[string]map[string]any{}
		for _, f := range d.Fields {
			byName[f["name"].(string)] = f
		}
		key := byName["Liaison_Key__c"]
		if !d.Custom || key["externalId"] != true || key["unique"] != true || key["length"] != float64(80) {
			t.Errorf("custom %v key %v", d.Custom, key)
		}
		if ref := byName["Opportunity__c"]; ref["relationshipName"] != "Opportunity__r" || ref["type"] != "reference" {
			t.Errorf("lookup %v", ref)
		}
		if p := byName["Phase__c"]; p["restrictedPicklist"] != true {
			t.Errorf("picklist %v", p)
		}
		if res := c.do(http.MethodGet, "/sobjects/Opportunity/describe", nil, "If-Modified-Since", describedAt); res.status != http.StatusOK {
			t.Errorf("Opportunity describe after a new field: %d, want 200", res.status)
		}
		if res := c.do(http.MethodGet, "/sobjects/Account/describe", nil, "If-Modified-Since", describedAt); res.status != http.StatusNotModified {
			t.Errorf("unchanged Account describe: %d, want 304", res.status)
		}
	})
	t.Run("records, upsert and relationship query", func(t *testing.T) {
		opp, _ := s.Insert("Opportunity", map[string]any{"Name": "Big deal", "StageName": "Perception Analysis", "CloseDate": "2025-05-01"})
		res := c.do(http.MethodPatch, "/sobjects/Clarizen_Project__c/Liaison_Key__c/K-1", map[string]any{"Name": "Project", "Opportunity__c": opp})
		if res.status != http.StatusCreated {
			t.Fatalf("upsert %d %s", res.status, res.body)
		}
		var q queryBody
		c.query("SELECT Name, Phase__c, Opportunity__r.Name FROM Clarizen_Project__c").decode(t, &q)
		if len(q.Records) != 1 || q.Records[0]["Phase__c"] != "Plan" || q.Records[0]["Opportunity__r"].(map[string]any)["Name"] != "Big deal" {
			t.Errorf("query %+v", q.Records)
		}
		var parent queryBody
		c.query("SELECT Name, (SELECT Name FROM Clarizen_Projects__r) FROM Opportunity WHERE Id = '"+opp+"'").decode(t, &parent)
		if kids, _ := parent.Records[0]["Clarizen_Projects__r"].(map[string]any); kids == nil || kids["totalSize"] != float64(1) {
			t.Errorf("child relationship %v", parent.Records[0])
		}
		bad := c.do(http.MethodPost, "/sobjects/Clarizen_Project__c", map[string]any{"Name": "P2", "Phase__c": "Later"})
		if bad.status != http.StatusBadRequest || errorCode(t, bad) != "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" {
			t.Errorf("restricted picklist %d %s", bad.status, bad.body)
		}
		dup := c.do(http.MethodPost, "/sobjects/Clarizen_Project__c", map[string]any{"Name": "P3", "Liaison_Key__c": "k-1"})
		if dup.status != http.StatusBadRequest || errorCode(t, dup) != "DUPLICATE_VALUE" {
			t.Errorf("unique key %d %s", dup.status, dup.body)
		}
	})
	t.Run("tooling query", func(t *testing.T) {
		var q queryBody
		c.do(http.MethodGet, "/tooling/query?q="+url.QueryEscape("SELECT Id, DeveloperName FROM CustomObject WHERE DeveloperName = 'Clarizen_Project'"), nil).decode(t, &q)
		if q.TotalSize != 1 {
			t.Fatalf("custom objects %+v", q)
		}
		objID := q.Records[0]["Id"].(string)
		c.do(http.MethodGet, "/tooling/query?q="+url.QueryEscape("SELECT DeveloperName FROM CustomField WHERE TableEnumOrId = '"+objID[:15]+"' ORDER BY DeveloperName"), nil).decode(t, &q)
		if q.TotalSize != 4 || q.Records[0]["DeveloperName"] != "Liaison_Key" {
			t.Errorf("custom fields %+v", q.Records)
		}
		c.do(http.MethodGet, "/tooling/query?q="+url.QueryEscape("SELECT DeveloperName FROM CustomField WHERE TableEnumOrId = 'Opportunity'"), nil).decode(t, &q)
		if q.TotalSize != 1 {
			t.Errorf("Opportunity custom fields %+v", q.Records)
		}
	})
	t.Run("Go method shares the code path", func(t *testing.T) {
		if _, err := s.CreateCustomObject("Clarizen_Milestone__c", map[string]any{"label": "Clarizen milestone", "pluralLabel": "Clarizen milestones"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateCustomField("Clarizen_Milestone__c.Due__c", map[string]any{"label": "Due", "type": "Date"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateCustomObject("Clarizen_Milestone__c", map[string]any{"label": "x", "pluralLabel": "y"}); err == nil {
			t.Error("duplicate object accepted")
		}
		if _, err := s.Insert("Clarizen_Milestone__c", map[string]any{"Name": "M1", "Due__c": "2025-03-01"}); err != nil {
			t.Errorf("insert into the new object: %v", err)
		}
	})
}
