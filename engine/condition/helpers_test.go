package condition

import (
	"github.com/liaison-sync/liaison/engine/schema"
)

// opportunity is a Salesforce describe trimmed to the kinds the tests need.
var opportunity = schema.Object{
	Name: "Opportunity",
	Fields: []schema.Field{
		{Name: "Id", Kind: schema.KindID},
		{Name: "Name", Kind: schema.KindString, Length: 120},
		{Name: "Description", Kind: schema.KindTextArea},
		{Name: "Amount", Kind: schema.KindCurrency},
		{Name: "Probability", Kind: schema.KindPercent},
		{Name: "TotalOpportunityQuantity", Kind: schema.KindDouble},
		{Name: "IsWon", Kind: schema.KindBoolean},
		{Name: "CloseDate", Kind: schema.KindDate},
		{Name: "LastModifiedDate", Kind: schema.KindDateTime},
		{Name: "StageName", Kind: schema.KindPicklist, RestrictedPicklist: true, Picklist: []schema.PicklistValue{
			{Value: "Prospecting"}, {Value: "Negotiation/Review"}, {Value: "Closed Won"}, {Value: "Closed Lost"},
		}},
		{Name: "Colors__c", Kind: schema.KindMultiPicklist, Picklist: []schema.PicklistValue{
			{Value: "Red"}, {Value: "Green"}, {Value: "Blue"},
		}},
		{Name: "AccountId", Kind: schema.KindReference, RelationshipName: "Account", ReferenceTo: []string{"Account"}},
		{Name: "Location__c", Kind: schema.KindOther},
		{Name: "Notes__c", Kind: schema.KindTextArea, NotFilterable: true},
	},
}

var account = schema.Object{
	Name: "Account",
	Fields: []schema.Field{
		{Name: "Name", Kind: schema.KindString},
		{Name: "Industry", Kind: schema.KindPicklist, Picklist: []schema.PicklistValue{{Value: "Energy"}, {Value: "Banking"}}},
		{Name: "OwnerId", Kind: schema.KindReference, RelationshipName: "Owner", ReferenceTo: []string{"User"}},
	},
}

// project is a Clarizen describe trimmed to the kinds the tests need.
var project = schema.Object{
	Name: "Project",
	Fields: []schema.Field{
		{Name: "Name", Kind: schema.KindString},
		{Name: "Duration", Kind: schema.KindDuration},
		{Name: "State", Kind: schema.KindPicklist},
		{Name: "Manager", Kind: schema.KindReference, ReferenceTo: []string{"User"}},
		{Name: "StartDate", Kind: schema.KindDateTime},
		{Name: "PlannedBudget", Kind: schema.KindCurrency},
	},
}

func relatedObjects(name string) (schema.Object, bool) {
	if name == "Account" {
		return account, true
	}
	return schema.Object{}, false
}
