package demo

import (
	"context"
	"fmt"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/workspace"
)

// Ids of the definitions the demo gives the second Clarizen instance, a
// support team's workspace: high-priority Salesforce cases become Clarizen
// issues linked to the account's customer, with their Chatter feeds.
const (
	SupportUsersMapping    = "demo-support-users"
	SupportAccountsMapping = "demo-support-accounts"
	SupportCasesMapping    = "demo-support-cases"
	SupportCaseEvent       = "demo-support-high-priority"
)

// supportInstance is the Clarizen instance of the support definitions.
const supportInstance = 2

func supportMappings(pkg bestpractice.Package) ([]mapping.Mapping, error) {
	second, err := pkg.ForInstance(supportInstance)
	if err != nil {
		return nil, err
	}
	users, ok := second.Mapping(bestpractice.MappingID(bestpractice.UsersMapping, supportInstance))
	if !ok {
		return nil, fmt.Errorf("prepare demo support definitions: the package has no user mapping")
	}
	users.ID = SupportUsersMapping
	users.Enabled = true

	accounts := mapping.Mapping{
		ID: SupportAccountsMapping, Name: "Support: Account to Customer", ClarizenInstance: supportInstance,
		Description:    "Finds or creates the customer of a case's account in the support instance.",
		ClarizenEntity: "Customer", SalesforceObject: "Account", ClarizenKeyField: "Name", SalesforceKeyField: "Name",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart, ConflictRule: mapping.SalesforceWins,
		Enabled: true,
		FieldMaps: []mapping.FieldMap{
			{ID: "name", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: mapping.CreateAndSync},
			{ID: "account-id", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "SfExternalId", SalesforceField: "Id", EventType: mapping.CreateAndSync},
		},
	}
	cases := mapping.Mapping{
		ID: SupportCasesMapping, Name: "Support: Case to Issue", ClarizenInstance: supportInstance,
		Description:    "Creates a Clarizen issue for a Salesforce case and syncs the case's Chatter feed with the issue's discussions.",
		ClarizenEntity: "Issue", SalesforceObject: "Case", ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Id",
		CreatePolicy: mapping.CreateMissing, DeletePolicy: mapping.RetainCounterpart, ConflictRule: mapping.NewestWins,
		SocialSync: true, Enabled: true,
		FieldMaps: []mapping.FieldMap{
			{ID: "title", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Title", SalesforceField: "Subject", EventType: mapping.CreateAndSync},
			{ID: "description", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "Description", SalesforceField: "Description", EventType: mapping.CreateOnly},
			{ID: "case-id", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "SfExternalId", SalesforceField: "Id", EventType: mapping.CreateOnly},
			{ID: "case-number", Enabled: true, Direction: mapping.ToClarizen, ClarizenField: "SfExternalName", SalesforceField: "CaseNumber", EventType: mapping.CreateOnly},
		},
		Links: []mapping.ClarizenLink{{ID: "customer", LinkEntity: "CaseCustomerLink", EntityField: "Entity", LinkedField: "Customer",
			LinkedEntity: "Customer", Method: mapping.BySourceField, SourceField: "AccountId", MappingID: SupportAccountsMapping}},
	}
	return []mapping.Mapping{users, accounts, cases}, nil
}

func supportEvent() mapping.Event {
	return mapping.Event{
		ID: SupportCaseEvent, Name: "Support: create an issue for each high-priority case", ClarizenInstance: supportInstance,
		Description: "A Salesforce case with priority High creates a Clarizen issue in the support instance.",
		TriggeredBy: schema.Salesforce, TriggeringObject: "Case", Condition: "Priority = 'High'",
		Target: mapping.EventTarget{Kind: mapping.EntityMapping, MappingID: SupportCasesMapping},
	}
}

// saveSupport stores and enables the support definitions, validated
// against the live describes, and enables the event for the cases that
// already match.
func saveSupport(ctx context.Context, ws *workspace.Workspace, pkg bestpractice.Package) (workspace.EnableResult, error) {
	mappings, err := supportMappings(pkg)
	if err != nil {
		return workspace.EnableResult{}, err
	}
	for _, m := range mappings {
		if _, err := ws.SaveMapping(ctx, m); err != nil {
			return workspace.EnableResult{}, err
		}
		if _, err := ws.EnableMapping(ctx, m.ID); err != nil {
			return workspace.EnableResult{}, fmt.Errorf("enable demo mapping %s: %w", m.ID, err)
		}
	}
	if _, err := ws.SaveEvent(ctx, supportEvent()); err != nil {
		return workspace.EnableResult{}, err
	}
	res, err := ws.EnableEvent(ctx, SupportCaseEvent, true)
	if err != nil {
		return res, fmt.Errorf("enable demo event %s: %w", SupportCaseEvent, err)
	}
	return res, nil
}
