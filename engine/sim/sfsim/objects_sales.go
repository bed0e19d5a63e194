package sfsim

// Standard sales objects. Field names, types, lengths and flags follow the
// describe results of a real Developer Edition org (Account and Opportunity
// are checked field by field against recorded describes in the tests).

var opportunityStages = []struct {
	Name        string
	Probability float64
	Forecast    string
	Closed, Won bool
}{
	{"Prospecting", 10, "Pipeline", false, false},
	{"Qualification", 10, "Pipeline", false, false},
	{"Needs Analysis", 20, "Pipeline", false, false},
	{"Value Proposition", 50, "Pipeline", false, false},
	{"Id. Decision Makers", 60, "Pipeline", false, false},
	{"Perception Analysis", 70, "Pipeline", false, false},
	{"Proposal/Price Quote", 75, "Pipeline", false, false},
	{"Negotiation/Review", 90, "Pipeline", false, false},
	{"Closed Won", 100, "Closed", true, true},
	{"Closed Lost", 0, "Omitted", true, false},
}

func stageNames() []string {
	out := make([]string, len(opportunityStages))
	for i, s := range opportunityStages {
		out[i] = s.Name
	}
	return out
}

var leadSources = []string{"Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"}

var cleanStatuses = []string{"Matched", "Different", "Acknowledged", "NotFound", "Inactive", "Pending", "SelectMatch", "Skipped"}

var cleanStatusLabels = labels("Matched", "In Sync", "Acknowledged", "Reviewed", "NotFound", "Not Found", "Pending", "Not Compared", "SelectMatch", "Select Match")

var industries = []string{"Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications",
	"Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering", "Entertainment",
	"Environmental", "Finance", "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance",
	"Machinery", "Manufacturing", "Media", "Not For Profit", "Recreation", "Retail", "Shipping",
	"Technology", "Telecommunications", "Transportation", "Utilities", "Other"}

var accountTypes = []string{"Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller",
	"Installation Partner", "Technology Partner", "Other"}

func accountObject() *Object {
	addr := func(prefix, label string) []*Field {
		fs := addressFields(prefix, label, true)
		for _, f := range fs {
			if f.Type == "picklist" {
				f.Length = 40
			}
			if f.Type == "address" {
				permissionable(f)
			}
		}
		return fs
	}
	o := newObject("Account", "Account", "Accounts", "001",
		idFields("Account"),
		fields(
			reference("MasterRecordId", "Master Record ID", "MasterRecord", "", to("Account"), readOnly, noSearchPrefilter),
			text("Name", "Account Name", 255, required, nameField, extra("switchablepersonname"), compound("Name"), notPermissionable),
			picklist("Type", "Account Type", accountTypes, length(40)),
			reference("RecordTypeId", "Record Type ID", "RecordType", "", to("RecordType"), notPermissionable, noSearchPrefilter),
			reference("ParentId", "Parent Account ID", "Parent", "ChildAccounts", to("Account")),
		),
		addr("Billing", "Billing"),
		addr("Shipping", "Shipping"),
		fields(
			phone("Phone", "Account Phone"),
			phone("Fax", "Account Fax"),
			text("AccountNumber", "Account Number", 40),
			urlField("Website", "Website"),
			urlField("PhotoUrl", "Photo URL", readOnly, extra("imageurl")),
			text("Sic", "SIC Code", 20),
			picklist("Industry", "Industry", industries, length(40)),
			number("currency", "AnnualRevenue", "Annual Revenue", 18, 0),
			number("int", "NumberOfEmployees", "Employees", 0, 0),
			picklist("Ownership", "Ownership", []string{"Public", "Private", "Subsidiary", "Other"}, length(40)),
			text("TickerSymbol", "Ticker Symbol", 20),
			textArea("Description", "Account Description", 32000),
			picklist("Rating", "Account Rating", []string{"Hot", "Warm", "Cold"}, length(40)),
			text("Site", "Account Site", 80),
			ownerField(""),
		),
		stampFields(),
		fields(date("LastActivityDate", "Last Activity", readOnly)),
		viewedFields(),
		fields(
			boolean("IsPartner", "Partner Account", func(f *Field) { f.Createable = false }, notPermissionable),
			boolean("IsCustomerPortal", "Customer Portal Account", func(f *Field) { f.Createable = false }, notPermissionable),
			text("ChannelProgramName", "Channel Program Name", 255, readOnly, noFilter),
			text("ChannelProgramLevelName", "Channel Program Level Name", 255, readOnly, noFilter),
			text("Jigsaw", "Data.com Key", 20),
			text("JigsawCompanyId", "Jigsaw Company ID", 20, readOnly, func(f *Field) { f.RelationshipName = "JigsawCompany" }),
			picklist("CleanStatus", "Clean Status", cleanStatuses, length(40), restricted, cleanStatusLabels),
			picklist("AccountSource", "Account Source", leadSources, length(40)),
			text("DunsNumber", "D-U-N-S Number", 9),
			text("Tradestyle", "Tradestyle", 255),
			text("NaicsCode", "NAICS Code", 8),
			text("NaicsDesc", "NAICS Description", 120),
			text("YearStarted", "Year Started", 4),
			text("SicDesc", "SIC Description", 80),
			reference("DandbCompanyId", "D&B Company ID", "DandbCompany", "", to("DandBCompany")),
			reference("OperatingHoursId", "Operating Hour ID", "OperatingHours", "", to("OperatingHours")),
		),
	)
	o.FeedEnabled, o.Mergeable = true, true
	return o
}

func contactObject() *Object {
	o := newObject("Contact", "Contact", "Contacts", "003",
		idFields("Contact"),
		fields(
			reference("MasterRecordId", "Master Record ID", "MasterRecord", "", to("Contact"), readOnly, noSearchPrefilter),
			reference("AccountId", "Account ID", "Account", "Contacts", to("Account"), func(f *Field) { f.CascadeDelete = true }),
			text("LastName", "Last Name", 80, required, notPermissionable),
			text("FirstName", "First Name", 40),
			picklist("Salutation", "Salutation", []string{"Mr.", "Ms.", "Mrs.", "Dr.", "Prof."}, length(40)),
			text("Name", "Full Name", 121, readOnly, nameField, extra("personname")),
		),
		addressFields("Other", "Other", true),
		addressFields("Mailing", "Mailing", true),
		fields(
			phone("Phone", "Business Phone"),
			phone("Fax", "Business Fax"),
			phone("MobilePhone", "Mobile Phone"),
			phone("HomePhone", "Home Phone"),
			phone("OtherPhone", "Other Phone"),
			phone("AssistantPhone", "Asst. Phone"),
			reference("ReportsToId", "Reports To ID", "ReportsTo", "", to("Contact")),
			email("Email", "Email", idLookup),
			text("Title", "Title", 128),
			text("Department", "Department", 80),
			text("AssistantName", "Assistant's Name", 40),
			picklist("LeadSource", "Lead Source", leadSources),
			date("Birthdate", "Birthdate"),
			textArea("Description", "Contact Description", 32000),
			ownerField(""),
		),
		stampFields(),
		fields(
			text("EmailBouncedReason", "Email Bounced Reason", 255),
			dateTime("EmailBouncedDate", "Email Bounced Date"),
			text("Jigsaw", "Data.com Key", 20),
			picklist("CleanStatus", "Clean Status", cleanStatuses, length(40), restricted, cleanStatusLabels),
		),
		viewedFields(),
	)
	o.FeedEnabled, o.Mergeable = true, true
	return o
}

func opportunityObject() *Object {
	o := newObject("Opportunity", "Opportunity", "Opportunities", "006",
		idFields("Opportunity"),
		fields(
			reference("AccountId", "Account ID", "Account", "Opportunities", to("Account"), permissionable, func(f *Field) { f.CascadeDelete = true }),
			boolean("IsPrivate", "Private", permissionable),
			text("Name", "Name", 120, required, nameField, idLookup),
			textArea("Description", "Description", 32000),
			picklist("StageName", "Stage", stageNames(), required),
			number("currency", "Amount", "Amount", 18, 2),
			number("percent", "Probability", "Probability (%)", 3, 0, defaulted),
			number("currency", "ExpectedRevenue", "Expected Amount", 18, 2, readOnly, permissionable),
			number("double", "TotalOpportunityQuantity", "Quantity", 18, 2),
			date("CloseDate", "Close Date", required),
			picklist("Type", "Opportunity Type", []string{"Existing Customer - Upgrade", "Existing Customer - Replacement", "Existing Customer - Downgrade", "New Customer"}),
			text("NextStep", "Next Step", 255),
			picklist("LeadSource", "Lead Source", leadSources),
			boolean("IsClosed", "Closed", readOnly),
			boolean("IsWon", "Won", readOnly),
			picklist("ForecastCategory", "Forecast Category", []string{"Omitted", "Pipeline", "BestCase", "MostLikely", "Forecast", "Closed"},
				length(40), readOnly, required, restricted, labels("BestCase", "Best Case", "MostLikely", "Most Likely", "Forecast", "Commit")),
			picklist("ForecastCategoryName", "Forecast Category", []string{"Omitted", "Pipeline", "Best Case", "Commit", "Closed"}, defaulted, restricted, notPermissionable),
			reference("CampaignId", "Campaign ID", "Campaign", "Opportunities", to("Campaign")),
			boolean("HasOpportunityLineItem", "Has Line Item", readOnly),
			reference("Pricebook2Id", "Price Book ID", "Pricebook2", "Opportunities", to("Pricebook2"), defaulted, notPermissionable),
			ownerField("Opportunities"),
		),
		stampFields(),
		fields(
			date("LastActivityDate", "Last Activity", readOnly),
			dateTime("LastStageChangeDate", "Last Stage Change Date", readOnly, noGroup),
			number("int", "FiscalQuarter", "Fiscal Quarter", 0, 0, readOnly, compound("Fiscal")),
			number("int", "FiscalYear", "Fiscal Year", 0, 0, readOnly, compound("Fiscal")),
			text("Fiscal", "Fiscal Period", 6, readOnly, func(f *Field) { f.byteLength = 6 }),
			reference("ContactId", "Contact ID", "", "Opportunities", to("Contact"), createOnly, notPermissionable, noSearchPrefilter),
		),
		viewedFields(),
		fields(
			boolean("HasOpenActivity", "Has Open Activity", readOnly, noFilter),
			boolean("HasOverdueTask", "Has Overdue Task", readOnly, noFilter),
			reference("LastAmountChangedHistoryId", "Opportunity History ID", "LastAmountChangedHistory", "", to("OpportunityHistory"), readOnly),
			reference("LastCloseDateChangedHistoryId", "Opportunity History ID", "LastCloseDateChangedHistory", "", to("OpportunityHistory"), readOnly),
		),
	)
	o.FeedEnabled = true
	return o
}

func opportunityLineItemObject() *Object {
	o := newObject("OpportunityLineItem", "Opportunity Product", "Opportunity Product", "00k",
		idFields("Line Item"),
		fields(
			reference("OpportunityId", "Opportunity ID", "Opportunity", "OpportunityLineItems", to("Opportunity"),
				required, createOnly, func(f *Field) { f.CascadeDelete = true }),
			number("int", "SortOrder", "Sort Order", 0, 0),
			reference("PricebookEntryId", "Price Book Entry ID", "PricebookEntry", "OpportunityLineItems", to("PricebookEntry"), createOnly, defaulted),
			reference("Product2Id", "Product ID", "Product2", "", to("Product2"), createOnly, defaulted),
			text("ProductCode", "Product Code", 255, readOnly),
			text("Name", "Opportunity Product Name", 376, readOnly, nameField),
			number("double", "Quantity", "Quantity", 12, 2, required),
			number("currency", "TotalPrice", "Total Price", 18, 2),
			number("currency", "UnitPrice", "Sales Price", 18, 2),
			number("currency", "ListPrice", "List Price", 18, 2, readOnly),
			date("ServiceDate", "Date"),
			text("Description", "Line Description", 255),
			number("currency", "Subtotal", "Subtotal", 18, 2, readOnly),
			number("percent", "Discount", "Discount", 5, 2),
		),
		stampFields(),
	)
	o.Undeletable = false
	return o
}

func product2Object() *Object {
	o := newObject("Product2", "Product", "Products", "01t",
		idFields("Product"),
		fields(
			text("Name", "Product Name", 255, required, nameField, idLookup),
			text("ProductCode", "Product Code", 255),
			textArea("Description", "Product Description", 4000),
			boolean("IsActive", "Active"),
			picklist("Family", "Product Family", []string{"Dynamo", "Fuse", "Electra", "Volt", "Services"}),
			text("ExternalId", "External ID", 255, externalID),
			urlField("DisplayUrl", "Display URL", length(1000)),
			picklist("QuantityUnitOfMeasure", "Quantity Unit Of Measure", []string{"Each"}),
			text("StockKeepingUnit", "Product SKU", 180, externalID),
			boolean("IsArchived", "Archived", readOnly),
		),
		stampFields(),
		viewedFields(),
	)
	o.FeedEnabled = true
	return o
}

func pricebook2Object() *Object {
	return newObject("Pricebook2", "Price Book", "Price Books", "01s",
		idFields("Price Book"),
		fields(
			text("Name", "Price Book Name", 255, required, nameField, idLookup),
			boolean("IsActive", "Active"),
			boolean("IsArchived", "Archived", readOnly),
			textArea("Description", "Description", 255),
			boolean("IsStandard", "Is Standard Price Book", readOnly),
		),
		stampFields(),
		viewedFields(),
	)
}

func pricebookEntryObject() *Object {
	o := newObject("PricebookEntry", "Price Book Entry", "Price Book Entries", "01u",
		idFields("Price Book Entry"),
		fields(
			text("Name", "Product Name", 255, readOnly, nameField),
			reference("Pricebook2Id", "Price Book ID", "Pricebook2", "PricebookEntries", to("Pricebook2"), required, createOnly),
			reference("Product2Id", "Product ID", "Product2", "PricebookEntries", to("Product2"), required, createOnly),
			number("currency", "UnitPrice", "List Price", 18, 2, required),
			boolean("IsActive", "Active"),
			boolean("UseStandardPrice", "Use Standard Price"),
			text("ProductCode", "Product Code", 255, readOnly),
			boolean("IsArchived", "Archived", readOnly),
		),
		stampFields(),
	)
	o.Undeletable = false
	return o
}

func opportunityStageObject() *Object {
	o := newObject("OpportunityStage", "Opportunity Stage", "Opportunity Stages", "01J",
		idFields("Opportunity Stage"),
		fields(
			text("MasterLabel", "Master Label", 255, readOnly, nameField),
			text("ApiName", "Api Name", 255, readOnly),
			boolean("IsActive", "Active", readOnly),
			number("int", "SortOrder", "Sort Order", 0, 0, readOnly),
			boolean("IsClosed", "Closed", readOnly),
			boolean("IsWon", "Won", readOnly),
			picklist("ForecastCategory", "Forecast Type", []string{"Omitted", "Pipeline", "BestCase", "MostLikely", "Forecast", "Closed"}, readOnly),
			picklist("ForecastCategoryName", "Forecast Category", []string{"Omitted", "Pipeline", "Best Case", "Commit", "Closed"}, readOnly),
			number("percent", "DefaultProbability", "Probability (%)", 3, 0, readOnly),
			text("Description", "Description", 255, readOnly),
		),
		stampFields(),
	)
	readOnlyObject(o)
	return o
}

// readOnlyObject marks an object that the API can query but not write.
func readOnlyObject(o *Object) {
	o.Createable, o.Updateable, o.Deletable, o.Undeletable, o.Replicateable = false, false, false, false, false
	for _, f := range o.Fields {
		readOnly(f)
	}
}
