package mapping

import (
	"github.com/liaison-sync/liaison/engine/schema"
)

func picklist(values ...string) []schema.PicklistValue {
	out := make([]schema.PicklistValue, len(values))
	for i, v := range values {
		out[i] = schema.PicklistValue{Value: v, Label: v, Active: true}
	}
	return out
}

// rw is a field that can be set on create and on update.
func rw(name string, kind schema.Kind) schema.Field {
	return schema.Field{Name: name, Label: name, Kind: kind, Createable: true, Updateable: true, Nillable: true}
}

func ref(name, rel string, to ...string) schema.Field {
	f := rw(name, schema.KindReference)
	f.RelationshipName = rel
	f.ReferenceTo = to
	return f
}

func text(name string, length int) schema.Field {
	f := rw(name, schema.KindString)
	f.Length = length
	return f
}

func obj(name string, fields ...schema.Field) schema.Object {
	return schema.Object{Name: name, Label: name, Createable: true, Updateable: true, Deletable: true, Fields: fields}
}

var (
	sfOpportunity = func() schema.Object {
		stage := rw("StageName", schema.KindPicklist)
		stage.Picklist = picklist("Prospecting", "Closed Won", "Closed Lost")
		o := obj("Opportunity",
			schema.Field{Name: "Id", Kind: schema.KindID},
			text("Name", 120), rw("Amount", schema.KindCurrency), rw("Probability", schema.KindPercent),
			rw("CloseDate", schema.KindDate), stage, ref("AccountId", "Account", "Account"),
			rw("CurrencyIsoCode", schema.KindPicklist))
		o.FeedEnabled = true
		return o
	}()
	sfAccount = func() schema.Object {
		o := obj("Account", schema.Field{Name: "Id", Kind: schema.KindID}, text("Name", 255), text("Clarizen_Id__c", 64))
		o.FeedEnabled = true
		return o
	}()
	sfProject = func() schema.Object {
		status := rw("Status__c", schema.KindPicklist)
		status.Picklist = picklist("Draft", "Active", "Done")
		status.RestrictedPicklist = true
		formula := rw("Health__c", schema.KindString)
		formula.Calculated = true
		createOnly := text("Origin__c", 40)
		createOnly.Updateable = false
		o := obj("Clarizen_Project__c",
			schema.Field{Name: "Id", Kind: schema.KindID},
			text("Name", 80), text("Clarizen_Id__c", 64), status, formula, createOnly,
			rw("Budget__c", schema.KindCurrency), rw("Effort_Days__c", schema.KindDouble),
			rw("Start__c", schema.KindDate), rw("Due__c", schema.KindDateTime),
			rw("Tags__c", schema.KindMultiPicklist), rw("Billable__c", schema.KindBoolean),
			rw("Seats__c", schema.KindInteger), rw("Description__c", schema.KindTextArea),
			ref("Opportunity__c", "Opportunity__r", "Opportunity"), ref("Account__c", "Account__r", "Account"),
			ref("OwnerId", "Owner", "User"))
		o.FeedEnabled = true
		return o
	}()
	sfMilestone = obj("Clarizen_Milestone__c", schema.Field{Name: "Id", Kind: schema.KindID}, text("Name", 80),
		text("Clarizen_Id__c", 64), ref("Clarizen_Project__c", "Clarizen_Project__r", "Clarizen_Project__c"))
	sfLineItem = obj("OpportunityLineItem", schema.Field{Name: "Id", Kind: schema.KindID}, text("Name", 80),
		ref("OpportunityId", "Opportunity", "Opportunity"), rw("Quantity", schema.KindDouble))
	sfUser = obj("User", schema.Field{Name: "Id", Kind: schema.KindID}, rw("Email", schema.KindEmail), text("Name", 121))

	czProject = func() schema.Object {
		state := rw("State", schema.KindPicklist)
		state.Picklist = picklist("Draft", "Active", "Completed")
		state.RestrictedPicklist = true
		sysid := text("SYSID", 40)
		sysid.Createable, sysid.Updateable = false, false
		o := obj("Project", text("Name", 0), text("ExternalID", 0), text("SfExternalId", 0), state, sysid,
			rw("PlannedBudget", schema.KindCurrency), rw("Work", schema.KindDuration),
			rw("StartDate", schema.KindDateTime), rw("DueDate", schema.KindDateTime),
			rw("C_Tags", schema.KindMultiPicklist), rw("Billable", schema.KindBoolean),
			rw("PercentCompleted", schema.KindPercent), rw("Description", schema.KindTextArea),
			ref("Manager", "", "User"))
		o.Templatable, o.FeedEnabled = true, true
		return o
	}()
	czCustomer = func() schema.Object {
		o := obj("Customer", text("Name", 0), text("ExternalID", 0), text("SfExternalId", 0))
		o.FeedEnabled = true
		return o
	}()
	czMilestone  = obj("Milestone", text("Name", 0), text("ExternalID", 0), rw("DueDate", schema.KindDateTime), ref("Project", "", "Project"))
	czLink       = obj("CustomerLink", ref("Entity", "", "Project"), ref("Customer", "", "Customer"))
	czUser       = obj("User", rw("Email", schema.KindEmail), text("ExternalID", 0), text("DisplayName", 0))
	czOtherInst2 = obj("Project", text("Name", 0), text("ExternalID", 0))
)

var catalog = Catalog{
	Salesforce: []schema.Object{sfOpportunity, sfAccount, sfProject, sfMilestone, sfLineItem, sfUser},
	Clarizen: map[int][]schema.Object{
		1: {czProject, czCustomer, czMilestone, czLink, czUser},
		2: {czOtherInst2},
	},
}

func accountToCustomer() Mapping {
	return Mapping{
		ID: "m-account", Name: "Account to Customer", ClarizenInstance: 1,
		ClarizenEntity: "Customer", SalesforceObject: "Account",
		ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Clarizen_Id__c",
		CreatePolicy: CreateMissing, DeletePolicy: RetainCounterpart, SocialSync: true,
		FieldMaps: []FieldMap{
			{ID: "f1", Enabled: true, Direction: ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: CreateAndSync},
		},
		ConflictRule: NewestWins,
	}
}

func userToUser() Mapping {
	return Mapping{
		ID: "m-user", Name: "Clarizen User to SFDC User", ClarizenInstance: 1,
		ClarizenEntity: "User", SalesforceObject: "User", ClarizenKeyField: "Email", SalesforceKeyField: "Email",
		CreatePolicy: CreateMissing, DeletePolicy: RetainCounterpart, ConflictRule: NewestWins,
	}
}

func milestoneMapping() Mapping {
	return Mapping{
		ID: "m-milestone", Name: "Milestone to Clarizen milestone", ClarizenInstance: 1,
		ClarizenEntity: "Milestone", SalesforceObject: "Clarizen_Milestone__c",
		ClarizenKeyField: "ExternalID", SalesforceKeyField: "Clarizen_Id__c",
		CreatePolicy: CreateMissing, DeletePolicy: DeleteCounterpart, ConflictRule: ClarizenWins,
		FieldMaps: []FieldMap{
			{ID: "f1", Enabled: true, Direction: FromClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: CreateAndSync, Truncate: true},
		},
	}
}

// projectMapping is the Project to Project mapping with one map of each
// interesting kind pair.
func projectMapping() Mapping {
	return Mapping{
		ID: "m-project", Name: "Project to Project", ClarizenInstance: 1,
		ClarizenEntity: "Project", SalesforceObject: "Clarizen_Project__c",
		ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Clarizen_Id__c",
		CreatePolicy: CreateMissing, DeletePolicy: RetainCounterpart,
		TemplateRules: []TemplateRule{
			{Template: "Big Project", Criteria: []string{"Budget__c >= 100000", "Seats__c > 10"}, Logic: All},
			{Template: "Small Project", Criteria: []string{"Budget__c < 100000"}, Logic: Any},
		},
		SocialSync: true,
		FieldMaps: []FieldMap{
			{ID: "name-create", Enabled: true, Direction: ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: CreateOnly},
			{ID: "name-sync", Enabled: true, Direction: FromClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: SyncOnly, Truncate: true},
			{ID: "state", Enabled: true, Direction: ToClarizen, ClarizenField: "State", SalesforceField: "Status__c", EventType: CreateAndSync,
				ValueMap: map[string]string{"Done": "Completed"}},
			{ID: "state-back", Enabled: true, Direction: FromClarizen, ClarizenField: "State", SalesforceField: "Status__c", EventType: SyncOnly,
				ValueMap: map[string]string{"Completed": "Done"}},
			{ID: "budget", Enabled: true, Direction: ToClarizen, ClarizenField: "PlannedBudget", SalesforceField: "Budget__c", EventType: CreateAndSync},
			{ID: "budget-back", Enabled: true, Direction: FromClarizen, ClarizenField: "PlannedBudget", SalesforceField: "Budget__c", EventType: SyncOnly},
			{ID: "work", Enabled: true, Direction: FromClarizen, ClarizenField: "Work", SalesforceField: "Effort_Days__c", EventType: SyncOnly},
			{ID: "start", Enabled: true, Direction: ToClarizen, ClarizenField: "StartDate", SalesforceField: "Start__c", EventType: CreateAndSync},
			{ID: "due", Enabled: true, Direction: FromClarizen, ClarizenField: "DueDate", SalesforceField: "Due__c", EventType: SyncOnly},
			{ID: "tags", Enabled: true, Direction: ToClarizen, ClarizenField: "C_Tags", SalesforceField: "Tags__c", EventType: CreateAndSync},
			{ID: "billable", Enabled: true, Direction: ToClarizen, ClarizenField: "Billable", SalesforceField: "Billable__c", EventType: CreateAndSync},
			{ID: "sysid", Enabled: true, Direction: FromClarizen, ClarizenField: "SYSID", SalesforceField: "Origin__c", EventType: CreateOnly},
			{ID: "manager", Enabled: true, Direction: ToClarizen, ClarizenField: "Manager", SalesforceField: "OwnerId", EventType: CreateAndSync},
			{ID: "disabled-bad", Enabled: false, Direction: ToClarizen, ClarizenField: "Nope", SalesforceField: "Nope", EventType: CreateAndSync},
		},
		Links: []ClarizenLink{
			{ID: "customer", LinkEntity: "CustomerLink", EntityField: "Entity", LinkedField: "Customer", LinkedEntity: "Customer",
				Method: BySourceField, SourceField: "Opportunity__r.AccountId", MappingID: "m-account"},
			{ID: "customer-by-name", LinkEntity: "CustomerLink", EntityField: "Entity", LinkedField: "Customer", LinkedEntity: "Customer",
				Method: ByIdentifiedBy, IdentifiedBy: []Criterion{{Field: "Name", ValueType: SourceField, Value: "Account__r.Name"}, {Field: "ExternalID", ValueType: Constant, Value: "x"}}},
		},
		RelatedObjects: []RelatedObject{
			{ID: "milestones", RelatedEntity: "Milestone", Relationship: "Milestones", Condition: "DueDate IS NOT NULL",
				SalesforceObject: "Clarizen_Milestone__c", MappingID: "m-milestone", ParentLinkField: "Clarizen_Project__c"},
		},
		ConflictRule: NewestWins,
		Enabled:      true,
	}
}

func allMappings() []Mapping {
	return []Mapping{accountToCustomer(), userToUser(), milestoneMapping(), projectMapping()}
}

func opportunityEvent() Event {
	return Event{
		ID: "e-opp", Name: "Create a project when Opportunity probability is 70% or more", ClarizenInstance: 1,
		TriggeredBy: "salesforce", TriggeringObject: "Opportunity", Condition: "Probability >= 70",
		Target: EventTarget{Kind: CreateAndSynchronize, NewObject: &NewObject{
			SalesforceObject: "Clarizen_Project__c",
			Values: []FieldValue{
				{Field: "Name", Source: SourceField, Value: "Name"},
				{Field: "Account__c", Source: SourceField, Value: "AccountId"},
				{Field: "Status__c", Source: Constant, Value: "Draft"},
				{Field: "Seats__c", Source: Constant, Value: "3"},
			},
			SourceLinkField: "Opportunity__c", MappingID: "m-project",
		}},
		RelatedObjects: []RelatedSalesforceObject{
			{ID: "products", Relationship: "OpportunityLineItems", Object: "OpportunityLineItem", ParentField: "OpportunityId",
				Condition: "Quantity > 0", MappingID: "m-lineitem", AsSubProjects: true},
		},
	}
}

func lineItemMapping() Mapping {
	return Mapping{
		ID: "m-lineitem", Name: "Product to sub-project", ClarizenInstance: 1,
		ClarizenEntity: "Project", SalesforceObject: "OpportunityLineItem",
		ClarizenKeyField: "SfExternalId", SalesforceKeyField: "Id",
		CreatePolicy: CreateMissing, DeletePolicy: RetainCounterpart, ConflictRule: NewestWins,
		FieldMaps: []FieldMap{{ID: "f1", Enabled: true, Direction: ToClarizen, ClarizenField: "Name", SalesforceField: "Name", EventType: CreateOnly}},
	}
}
