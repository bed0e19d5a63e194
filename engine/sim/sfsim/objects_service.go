package sfsim

var timeZones = []string{"America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
	"Europe/London", "Europe/Berlin", "Europe/Paris", "Asia/Jerusalem", "Asia/Tokyo", "Australia/Sydney", "GMT"}

var locales = []string{"en_US", "en_GB", "de_DE", "fr_FR", "he_IL", "ja_JP"}

var languages = []string{"en_US", "de", "fr", "iw", "ja"}

func userObject() *Object {
	o := newObject("User", "User", "Users", "005",
		idFields("User"),
		fields(
			text("Username", "Username", 80, required, unique, idLookup, notPermissionable),
			text("LastName", "Last Name", 80, required, notPermissionable),
			text("FirstName", "First Name", 40),
			text("Name", "Full Name", 121, readOnly, nameField, extra("personname")),
			text("CompanyName", "Company Name", 80),
			text("Division", "Division", 80),
			text("Department", "Department", 80),
			text("Title", "Title", 80),
		),
		addressFields("", "", false),
		fields(
			email("Email", "Email", required, notPermissionable),
			phone("Phone", "Phone"),
			phone("MobilePhone", "Mobile"),
			text("Alias", "Alias", 8, required),
			text("CommunityNickname", "Nickname", 40, required, defaulted, unique),
			boolean("IsActive", "Active", func(f *Field) { f.DefaultValue = true }),
			picklist("TimeZoneSidKey", "Time Zone", timeZones, required, restricted, length(40)),
			reference("UserRoleId", "Role ID", "UserRole", "", to("UserRole")),
			picklist("LocaleSidKey", "Locale", locales, required, restricted, length(40)),
			picklist("EmailEncodingKey", "Email Encoding", []string{"UTF-8", "ISO-8859-1"}, required, restricted, length(40)),
			reference("ProfileId", "Profile ID", "Profile", "Users", to("Profile"), required),
			picklist("UserType", "User Type", []string{"Standard", "PowerPartner", "CSPLitePortal", "CustomerSuccess", "PowerCustomerSuccess", "CsnOnly"},
				length(40), readOnly, defaulted, restricted),
			picklist("LanguageLocaleKey", "Language", languages, required, restricted, length(40)),
			text("EmployeeNumber", "Employee Number", 20),
			reference("ManagerId", "Manager ID", "Manager", "ManagedUsers", to("User")),
			text("FederationIdentifier", "SAML Federation ID", 512, idLookup),
			dateTime("LastLoginDate", "Last Login", readOnly, noGroup),
		),
		stampFields(),
		viewedFields(),
	)
	o.Deletable, o.Undeletable = false, false
	o.FeedEnabled = true
	return o
}

func profileObject() *Object {
	o := newObject("Profile", "Profile", "Profiles", "00e",
		fields(newField("Id", "Profile ID", "id", readOnly, required, defaulted, idLookup, length(18))),
		fields(
			text("Name", "Name", 255, readOnly, nameField),
			reference("UserLicenseId", "User License ID", "UserLicense", "", to("UserLicense"), readOnly),
			picklist("UserType", "User Type", []string{"Standard", "CsnOnly", "PowerPartner"}, readOnly),
			text("Description", "Description", 255, readOnly),
		),
		stampFields(),
	)
	readOnlyObject(o)
	return o
}

func userLicenseObject() *Object {
	o := newObject("UserLicense", "User License", "User Licenses", "100",
		fields(newField("Id", "User License ID", "id", readOnly, required, defaulted, idLookup, length(18))),
		fields(
			text("LicenseDefinitionKey", "License Definition Key", 40, readOnly),
			text("Name", "Name", 40, readOnly, nameField),
			text("MasterLabel", "Master Label", 40, readOnly),
			text("Status", "Status", 40, readOnly),
			number("int", "TotalLicenses", "Total Licenses", 0, 0, readOnly),
			number("int", "UsedLicenses", "Used Licenses", 0, 0, readOnly),
		),
		stampFields(),
	)
	readOnlyObject(o)
	return o
}

func organizationObject() *Object {
	o := newObject("Organization", "Organization", "Organizations", "00D",
		fields(newField("Id", "Organization ID", "id", readOnly, required, defaulted, idLookup, length(18))),
		fields(
			text("Name", "Name", 80, readOnly, nameField),
			text("Division", "Division", 80, readOnly),
		),
		addressFields("", "", true),
		fields(
			phone("Phone", "Phone", readOnly),
			phone("Fax", "Fax", readOnly),
			text("PrimaryContact", "Primary Contact", 80, readOnly),
			picklist("DefaultLocaleSidKey", "Locale", locales, readOnly),
			picklist("TimeZoneSidKey", "Time Zone", timeZones, readOnly),
			picklist("LanguageLocaleKey", "Language", languages, readOnly),
			number("int", "FiscalYearStartMonth", "Fiscal Year Starts In", 0, 0, readOnly),
			picklist("OrganizationType", "Edition", []string{"Developer Edition", "Enterprise Edition", "Unlimited Edition", "Professional Edition"}, readOnly),
			text("NamespacePrefix", "Namespace Prefix", 15, readOnly),
			text("InstanceName", "Instance Name", 5, readOnly),
			boolean("IsSandbox", "Is Sandbox", readOnly),
			boolean("IsReadOnly", "Is Read Only", readOnly),
			dateTime("TrialExpirationDate", "Trial Expiration Date", readOnly),
			boolean("ReceivesInfoEmails", "Info Emails"),
			boolean("ReceivesAdminInfoEmails", "Info Emails Admin"),
			boolean("PreferencesRequireOpportunityProducts", "Require Opportunity Products"),
			boolean("PreferencesTransactionSecurityPolicy", "Transaction Security Policy"),
			boolean("PreferencesTerminateOldestSession", "Terminate Oldest Session"),
			boolean("PreferencesConsentManagementEnabled", "Consent Management Enabled"),
			boolean("PreferencesAutoSelectIndividualOnMerge", "Auto Select Individual On Merge"),
			boolean("PreferencesLightningLoginEnabled", "Lightning Login Enabled"),
			boolean("PreferencesOnlyLLPermUserAllowed", "Only Lightning Login Users Allowed"),
			boolean("UsesStartDateAsFiscalYearName", "Fiscal Year Name by Start"),
			picklist("DefaultAccountAccess", "Default Account Access", sharingAccess, readOnly),
			picklist("DefaultContactAccess", "Default Contact Access", sharingAccess, readOnly),
			picklist("DefaultOpportunityAccess", "Default Opportunity Access", sharingAccess, readOnly),
			picklist("DefaultLeadAccess", "Default Lead Access", sharingAccess, readOnly),
			picklist("DefaultCaseAccess", "Default Case Access", sharingAccess, readOnly),
			picklist("DefaultCalendarAccess", "Default Calendar Access", []string{"HideDetails", "HideDetailsInsert", "ShowDetails", "ShowDetailsInsert", "AllowEdits"}, readOnly),
			picklist("DefaultPricebookAccess", "Default Price Book Access", []string{"None", "Read", "ReadSelect"}, readOnly),
			picklist("DefaultCampaignAccess", "Default Campaign Access", sharingAccess, readOnly),
			email("ComplianceBccEmail", "Compliance BCC Email", readOnly),
			picklist("UiSkin", "UI Skin", []string{"Theme1", "Theme2", "Theme3", "Theme4d"}, readOnly),
			text("SignupCountryIsoCode", "Signup Country", 2, readOnly),
			number("int", "NumKnowledgeService", "Knowledge Licenses", 0, 0, readOnly),
			picklist("WebToCaseDefaultOrigin", "Web to Cases Default Origin", []string{"Phone", "Email", "Web"}, readOnly),
			number("int", "MonthlyPageViewsUsed", "Monthly Page Views Used", 0, 0, readOnly),
			number("int", "MonthlyPageViewsEntitlement", "Monthly Page Views Allowed", 0, 0, readOnly),
		),
		stampFields(),
	)
	readOnlyObject(o)
	// The API can update a few organization settings and replicate the row.
	o.Updateable, o.Replicateable = true, true
	return o
}

var sharingAccess = []string{"None", "Read", "Edit", "ReadEditTransfer", "ControlledByParent", "All"}

var caseStatuses = []string{"New", "Working", "Escalated", "Closed"}

func caseObject() *Object {
	o := newObject("Case", "Case", "Cases", "500",
		idFields("Case"),
		fields(
			reference("MasterRecordId", "Master Record ID", "MasterRecord", "", to("Case"), readOnly, noSearchPrefilter),
			text("CaseNumber", "Case Number", 30, readOnly, defaulted, nameField, idLookup, func(f *Field) { f.AutoNumber = true; f.Nillable = false }),
			reference("ContactId", "Contact ID", "Contact", "Cases", to("Contact")),
			reference("AccountId", "Account ID", "Account", "Cases", to("Account")),
			reference("ParentId", "Parent Case ID", "Parent", "Cases", to("Case")),
			text("SuppliedName", "Name", 80),
			email("SuppliedEmail", "Email Address"),
			phone("SuppliedPhone", "Phone"),
			text("SuppliedCompany", "Company", 80),
			picklist("Type", "Case Type", []string{"Mechanical", "Electrical", "Electronic", "Structural", "Other"}, length(40)),
			picklist("Status", "Status", caseStatuses, length(40), defaultPick("New")),
			picklist("Reason", "Case Reason", []string{"Installation", "Equipment Complexity", "Performance", "Breakdown", "Equipment Design", "Feedback", "Other"}, length(40)),
			picklist("Origin", "Case Origin", []string{"Phone", "Email", "Web"}, length(40)),
			text("Subject", "Subject", 255),
			picklist("Priority", "Priority", []string{"High", "Medium", "Low"}, length(40), defaultPick("Medium")),
			textArea("Description", "Description", 32000),
			boolean("IsClosed", "Closed", readOnly),
			dateTime("ClosedDate", "Closed Date", readOnly, noGroup),
			boolean("IsEscalated", "Escalated"),
			ownerField("Cases"),
		),
		stampFields(),
		viewedFields(),
	)
	o.FeedEnabled = true
	return o
}

func communityObject() *Object {
	o := newObject("Community", "Zone", "Zones", "09a",
		fields(newField("Id", "Zone ID", "id", readOnly, required, defaulted, idLookup, length(18))),
		fields(
			text("Name", "Zone Name", 80, readOnly, nameField),
			textArea("Description", "Description", 255, readOnly),
			boolean("IsActive", "Active", readOnly),
		),
		stampFields(),
	)
	readOnlyObject(o)
	return o
}

func ideaObject() *Object {
	o := newObject("Idea", "Idea", "Ideas", "087",
		idFields("Idea"),
		fields(
			text("Title", "Title", 255, required, nameField),
			reference("CommunityId", "Zone ID", "Community", "", to("Community"), required, createOnly),
			textArea("Body", "Idea Body", 32000, func(f *Field) { f.HTMLFormatted = true; f.ExtraTypeInfo = "richtextarea" }),
			number("int", "NumComments", "Number of Comments", 0, 0, readOnly),
			dateTime("LastCommentDate", "Last Comment Date", readOnly, noGroup),
			reference("ParentIdeaId", "Parent Idea ID", "ParentIdea", "", to("Idea"), readOnly),
			boolean("IsMerged", "Merged", readOnly),
			boolean("IsHtml", "IsHtml", readOnly),
			text("CreatorName", "Creator Name", 121, readOnly),
			number("double", "VoteScore", "Vote Score", 18, 2, readOnly),
			number("double", "VoteTotal", "Vote Total", 18, 0, readOnly),
			multiPicklist("Categories", "Categories", []string{"Product", "Service", "Integration", "Reporting"}),
			picklist("Status", "Status", []string{"New", "Under Consideration", "Reviewed", "Coming Soon", "Now Available"}, length(40)),
		),
		stampFields(),
	)
	return o
}

// FeedItem and FeedComment are written through the Chatter REST API in real
// orgs, but the sObject API can create them too.
func feedItemObject() *Object {
	o := newObject("FeedItem", "Feed Item", "Feed Items", "0D5",
		idFields("Feed Item"),
		fields(
			reference("ParentId", "Parent ID", "Parent", "Feeds", nil, required, createOnly, polymorphic, func(f *Field) { f.CascadeDelete = true }),
			picklist("Type", "Feed Item Type", []string{"TextPost", "LinkPost", "ContentPost", "TrackedChange", "QuestionPost"}, length(40), createOnly, defaulted, restricted),
			text("Title", "Title", 255),
			textArea("Body", "Body", 10000),
			number("int", "CommentCount", "Comment Count", 0, 0, readOnly),
			number("int", "LikeCount", "Like Count", 0, 0, readOnly),
			urlField("LinkUrl", "Link Url", length(1000)),
			boolean("IsRichText", "Is Rich Text"),
			picklist("Status", "Status", []string{"Published", "PendingReview"}, length(40), defaulted, restricted),
			dateTime("LastEditDate", "Last Edit Date", readOnly),
			reference("LastEditById", "Last Edited By ID", "LastEditBy", "", to("User"), readOnly),
		),
		stampFields(),
	)
	o.Replicateable = true
	o.Updateable = true
	return o
}

func feedCommentObject() *Object {
	return newObject("FeedComment", "Feed Comment", "Feed Comments", "0D7",
		idFields("Feed Comment"),
		fields(
			reference("FeedItemId", "Feed Item ID", "FeedItem", "FeedComments", to("FeedItem"), required, createOnly, func(f *Field) { f.CascadeDelete = true }),
			reference("ParentId", "Parent ID", "Parent", "", nil, readOnly, polymorphic),
			textArea("CommentBody", "Comment Body", 10000, required),
			picklist("CommentType", "Comment Type", []string{"TextComment", "ContentComment"}, length(40), readOnly, defaulted),
			boolean("IsRichText", "Is Rich Text"),
			picklist("Status", "Status", []string{"Published", "PendingReview"}, length(40), defaulted, restricted),
			dateTime("LastEditDate", "Last Edit Date", readOnly),
			reference("LastEditById", "Last Edited By ID", "LastEditBy", "", to("User"), readOnly),
		),
		stampFields(),
	)
}

func recordTypeObject() *Object {
	o := newObject("RecordType", "Record Type", "Record Types", "012",
		fields(newField("Id", "Record Type ID", "id", readOnly, required, defaulted, idLookup, length(18))),
		fields(
			text("Name", "Name", 80, readOnly, nameField),
			text("DeveloperName", "Record Type Name", 80, readOnly),
			text("SobjectType", "SObject Type Name", 40, readOnly),
			boolean("IsActive", "Active", readOnly),
			textArea("Description", "Description", 255, readOnly),
		),
		stampFields(),
	)
	readOnlyObject(o)
	return o
}

// standardObjects returns fresh definitions of every standard object the
// simulator serves. Each Server gets its own copies because the Tooling API
// can add fields to them.
func standardObjects() []*Object {
	return []*Object{
		accountObject(), contactObject(), opportunityObject(), opportunityLineItemObject(),
		product2Object(), pricebook2Object(), pricebookEntryObject(), opportunityStageObject(),
		userObject(), profileObject(), userLicenseObject(), organizationObject(), caseObject(),
		communityObject(), ideaObject(), feedItemObject(), feedCommentObject(), recordTypeObject(),
	}
}
