package czsim

// The entity types below follow the public dumps of a real organization's
// listEntities, describeEntities and describeEntityRelations output: type
// names, parents, field names, field types and flags. Each type keeps only the
// fields a sync needs, so a real Project has about 357 fields where this one
// has about 45.

// defaultCatalog is shared by every Server; it is never modified after init.
var defaultCatalog = buildCatalog()

func buildCatalog() *catalog {
	c := newCatalog(catalogTypes())
	// The EntityType picklist lists every type that can hold records.
	entityTypes, _ := c.lookup("EntityType")
	for _, name := range c.names {
		t, _ := c.lookup(name)
		if !t.Abstract && !t.Picklist {
			entityTypes.Values = append(entityTypes.Values, pickValue{Value: t.Name, Display: t.Label})
		}
	}
	return c
}

func systemFields() []*fieldDef {
	return []*fieldDef{
		refField("CreatedBy", "User").system(),
		dateField("CreatedOn").system(),
		refField("LastUpdatedBy", "User").system(),
		dateField("LastUpdatedOn").system(),
		strField("ExternalID", 40).labelled("External ID"),
		dateField("LastUpdatedBySystemOn").system().hidden().noFilter().labelled("System Last Updated On"),
		refField("EntityType", "EntityType").system().noFilter().labelled("Item Type"),
	}
}

var workItemStates = []string{"Requested", "Draft", "Active", "On Hold", "Cancelled", "Completed"}

// caseStates are inferred from the lifecycle date fields of Case
// (SubmissionDate, OpeningDate, AssignmentDate, ResolvedDate, ...).
// NOTE: the real CaseState values were not found in public sources.
var caseStates = []string{"Draft", "Submitted", "Opened", "Assigned", "Resolved", "Closed", "Rejected", "Deferred", "Reopened"}

func catalogTypes() []*entityType {
	types := []*entityType{
		workItemType(),
		{Name: "GenericProject", Label: "Project or Program", LabelPlural: "Projects or Programs", Parent: "WorkItem",
			DisplayField: "Name", Abstract: true, ValidStates: workItemStates,
			own: []*fieldDef{
				refField("ProjectManager", "User"),
				pickField("ProjectType", "ProjectType", ""),
				textArea("OverallSummary"),
			},
			ownRelations: []*relationDef{
				{Name: "Customers", Label: "Customers", LinkType: "CustomerLink", Related: "Customer", Source: "Entity", Target: "Customer"},
			},
		},
		{Name: "Project", Label: "Project", LabelPlural: "Projects", Parent: "GenericProject", DisplayField: "Name",
			ValidStates: workItemStates, SysIDPrefix: "P",
			own: []*fieldDef{
				multiField("C_Regions", "C_ProjectRegions").custom(),
				moneyField("C_ExpectedRevenue").custom(),
			},
		},
		{Name: "Program", Label: "Program", LabelPlural: "Programs", Parent: "GenericProject", DisplayField: "Name",
			ValidStates: workItemStates, SysIDPrefix: "PG"},
		{Name: "PlanningComponent", Label: "Planning Component", Parent: "WorkItem", DisplayField: "Name", Abstract: true},
		{Name: "Milestone", Label: "Milestone", LabelPlural: "Milestones", Parent: "PlanningComponent", DisplayField: "Name",
			ValidStates: workItemStates, SysIDPrefix: "M"},
		{Name: "GenericTask", Label: "Task", LabelPlural: "Tasks", Parent: "PlanningComponent", DisplayField: "Name",
			Abstract: true, ValidStates: workItemStates,
			own: []*fieldDef{
				refField("Milestone", "Milestone").calculated(),
				durationField("Duration").defaultValue(map[string]any{"unit": "Days", "value": 1.0}),
			},
		},
		{Name: "Task", Label: "Task", LabelPlural: "Tasks", Parent: "GenericTask", DisplayField: "Name",
			ValidStates: workItemStates, SysIDPrefix: "T"},
		customerType(),
		linkType("CustomerLink", "Customer Link", "Entity",
			refField("Entity", "WorkItem").createOnly().required().labelled("Work Item"),
			refField("Customer", "Customer").createOnly().required(),
			doubleField("CostAllocation", "Percent"),
		),
		linkType("CaseCustomerLink", "Case Customer Link", "Entity",
			refField("Entity", "Case").createOnly().required().labelled("Case"),
			refField("Customer", "Customer").createOnly().required(),
		),
		linkType("DependencyLink", "Dependency", "WorkItem",
			refField("WorkItem", "WorkItem").createOnly().required().labelled("Successor"),
			refField("DependsOn", "WorkItem").createOnly().required().labelled("Predecessor"),
			pickField("DependencyType", "DependencyType", "FS").labelled("Dependency Type"),
			durationField("Lag").defaultValue(map[string]any{"unit": "Days", "value": 0.0}),
		),
		userType(),
		caseType(),
		caseSubtype("Issue", "Issue", "Issues", "I", true),
		caseSubtype("Bug", "Bug", "Bugs", "B", true),
		caseSubtype("Risk", "Risk", "Risks", "R", false),
		caseSubtype("EnhancementRequest", "Request", "Requests", "ER", false),
		discussionMessageType(),
		{Name: "DiscussionPost", Label: "Discussion Post", LabelPlural: "Discussion Posts", Parent: "DiscussionMessage",
			DisplayField: "Text", IDPrefix: "msg-",
			own: []*fieldDef{
				strField("ExternalID", 40).createOnly().labelled("External ID"),
				refField("Post", "DiscussionPost").calculated(),
				longField("RepliesCount").calculated().defaultValue(0),
			},
			ownRelations: []*relationDef{
				{Name: "Replies", Label: "Replies", ReadOnly: true, Related: "DiscussionReply", Source: "Post"},
			},
		},
		{Name: "DiscussionReply", Label: "Discussion Reply", LabelPlural: "Discussion Replies", Parent: "DiscussionMessage",
			DisplayField: "Text", IDPrefix: "msg-",
			own: []*fieldDef{
				strField("ExternalID", 40).createOnly().labelled("External ID"),
				refField("Post", "DiscussionPost").createOnly().required(),
				pickField("MarkedType", "ReplyMarkedType", ""),
			},
		},
		{Name: "Organization", Label: "Organization", LabelPlural: "Organizations", DisplayField: "Name",
			own: append(systemFields(), strField("Name", 256).readOnly()),
		},
	}
	return append(types, picklistTypes()...)
}

func workItemType() *entityType {
	own := append(systemFields(),
		strField("Name", 256).required(),
		textArea("Description"),
		strField("SYSID", 40).readOnly().labelled("ID"),
		pickField("State", "State", "Draft").readOnly(),
		pickField("Phase", "Phase", ""),
		pickField("TrackStatus", "TrackStatus", "On Track").labelled("Track Status"),
		pickField("Importance", "Importance", "Normal"),
		pickField("WorkPolicy", "WorkPolicy", "Fixed Duration"),
		refField("Manager", "User"),
		refField("Parent", "WorkItem").createOnly(),
		refField("Project", "GenericProject").calculated(),
		refField("ParentProject", "GenericProject").calculated().labelled("Parent Project"),
		dateField("StartDate"),
		dateField("DueDate"),
		dateField("ActualStartDate"),
		dateField("ActualEndDate"),
		durationField("Duration"),
		durationField("Work"),
		durationField("ActualEffort"),
		durationField("RemainingEffort"),
		doubleField("PercentCompleted", "Percent").defaultValue(0.0).labelled("% Complete"),
		doubleField("ExpectedProgress", "Percent").calculated(),
		intField("Priority"),
		moneyField("PlannedBudget"),
		moneyField("ActualCost").calculated(),
		boolField("Reportable"),
		boolField("Billable"),
		boolField("Deliverable"),
		intField("ChildrenCount").calculated().defaultValue(0),
		intField("PostsCount").calculated().defaultValue(0),
		strField("SfExternalId", 255).labelled("SF External Id"),
		strField("SfExternalName", 255).labelled("SF External Name"),
	)
	return &entityType{
		Name: "WorkItem", Label: "Work Item", LabelPlural: "Work Items", DisplayField: "Name", Abstract: true,
		own: own,
		ownRelations: []*relationDef{
			{Name: "Children", Label: "Children", Related: "WorkItem", Source: "Parent"},
			{Name: "Predecessors", Label: "Predecessors", RoleLabel: "Successor", LinkType: "DependencyLink",
				Related: "WorkItem", Source: "WorkItem", Target: "DependsOn"},
			{Name: "Successors", Label: "Successors", RoleLabel: "Predecessor", LinkType: "DependencyLink",
				Related: "WorkItem", Source: "DependsOn", Target: "WorkItem"},
			{Name: "Discussions", Label: "Discussions", ReadOnly: true, Related: "DiscussionPost", Source: "Container"},
		},
	}
}

func customerType() *entityType {
	own := append(systemFields(),
		strField("Name", 256).required(),
		textArea("Description"),
		textArea("BusinessAddress"),
		textArea("BillingAddress"),
		strField("SYSID", 40).readOnly().labelled("ID"),
		strField("InternalId", 255),
		refField("Owner", "User").labelled("Account Owner"),
		refField("TechnicalAccountManager", "User"),
		intField("PostsCount").calculated().defaultValue(0),
		strField("SfExternalId", 255).labelled("SF External Id"),
		strField("SfExternalName", 255).labelled("SF External Name"),
	)
	return &entityType{
		Name: "Customer", Label: "Customer", LabelPlural: "Customers", DisplayField: "Name", SysIDPrefix: "C",
		own: own,
		ownRelations: []*relationDef{
			{Name: "Projects", Label: "Projects", LinkType: "CustomerLink", Related: "Project", Source: "Customer", Target: "Entity"},
			{Name: "Cases", Label: "Cases", LinkType: "CaseCustomerLink", Related: "Case", Source: "Customer", Target: "Entity"},
			{Name: "Discussions", Label: "Discussions", ReadOnly: true, Related: "DiscussionPost", Source: "Container"},
		},
	}
}

func linkType(name, label, displayField string, fields ...*fieldDef) *entityType {
	return &entityType{Name: name, Label: label, DisplayField: displayField, own: append(systemFields(), fields...)}
}

func userType() *entityType {
	own := append(systemFields(),
		strField("UserName", 256).required().labelled("User Name"),
		strField("Email", 256).required(),
		strField("FirstName", 128).labelled("First Name"),
		strField("LastName", 128).required().labelled("Last Name"),
		strField("DisplayName", 256).calculated().labelled("Display Name"),
		strField("Name", 256).calculated(),
		refField("DirectManager", "User").labelled("Direct Manager"),
		pickField("LicenseType", "LicenseType", "Full").labelled("License Type"),
		pickField("State", "State", "Active").readOnly(),
		boolField("Admin").readOnly(),
		boolField("SuperUser").labelled("Super User"),
		boolField("Financial"),
		boolField("ExternalUser").labelled("External User"),
		boolField("AllowEmails").labelled("Allow Emails"),
		boolField("SendInvitationMail").createOnly().hidden(),
		strField("MobilePhone", 64),
		strField("OfficePhone", 64),
		strField("TimeZone", 64).labelled("Time Zone"),
		strField("Location", 256),
	)
	return &entityType{
		Name: "User", Label: "User", LabelPlural: "People", DisplayField: "DisplayName", SysIDPrefix: "U",
		ValidStates: []string{"Active", "Deleted", "Disabled", "Pending"},
		own:         own,
		ownRelations: []*relationDef{
			{Name: "ProjectManagerOfProjects", Label: "Managed Projects", RoleLabel: "Project Manager", ReadOnly: true,
				Related: "GenericProject", Source: "ProjectManager"},
			{Name: "ManagerOfWorkItems", Label: "Managed Work Items", RoleLabel: "Manager", ReadOnly: true,
				Related: "WorkItem", Source: "Manager"},
			{Name: "AssignedIssues", Label: "Assigned Cases", RoleLabel: "Assigned to", Related: "Case", Source: "AssignedTo"},
			{Name: "Subordinates", Label: "Direct Reports", Related: "User", Source: "DirectManager"},
			{Name: "Discussions", Label: "Discussions", ReadOnly: true, Related: "DiscussionPost", Source: "Container"},
		},
	}
}

func caseType() *entityType {
	own := append(systemFields(),
		strField("Title", 256).required(),
		textArea("Description"),
		strField("SYSID", 40).readOnly().labelled("ID"),
		pickField("State", "CaseState", "Draft").readOnly(),
		pickField("Severity", "Severity", "Medium"),
		intField("Priority"),
		boolField("Mandatory"),
		dateField("DueDate"),
		refField("ReportedBy", "User"),
		strField("ReportedByMail", 256),
		refField("AssignedTo", "User"),
		refField("Owner", "User"),
		refField("SubmittedBy", "User").readOnly(),
		dateField("SubmissionDate").readOnly(),
		dateField("ResolvedDate").readOnly(),
		dateField("ClosureDate").readOnly(),
		refField("PlannedFor", "WorkItem"),
		doubleField("PercentCompleted", "Percent").defaultValue(0.0).labelled("% Complete"),
		durationField("Work"),
		durationField("ActualEffort"),
		durationField("RemainingEffort"),
		textArea("ResolutionDetails"),
		intField("PostsCount").calculated().defaultValue(0),
	)
	return &entityType{
		Name: "Case", Label: "Case", LabelPlural: "Cases", DisplayField: "Title", Abstract: true,
		ValidStates: caseStates, own: own,
		ownRelations: []*relationDef{
			{Name: "Customers", Label: "Customers", LinkType: "CaseCustomerLink", Related: "Customer", Source: "Entity", Target: "Customer"},
			{Name: "Discussions", Label: "Discussions", ReadOnly: true, Related: "DiscussionPost", Source: "Container"},
		},
	}
}

func caseSubtype(name, label, plural, sysPrefix string, salesforceFields bool) *entityType {
	t := &entityType{Name: name, Label: label, LabelPlural: plural, Parent: "Case", DisplayField: "Title",
		ValidStates: caseStates, SysIDPrefix: sysPrefix}
	if salesforceFields {
		t.own = []*fieldDef{
			strField("SfExternalId", 255).labelled("SF External Id"),
			strField("SfExternalName", 255).labelled("SF External Name"),
			strField("ZdExternalId", 255).labelled("ZD External Id"),
			strField("ZdExternalName", 255).labelled("ZD External Name"),
		}
	}
	return t
}

func discussionMessageType() *entityType {
	body := newField("Body", typeString, "RichText").required()
	body.MaxLength = -1
	body.Sortable = false
	text := newField("Text", typeString, "TextArea").calculated()
	text.MaxLength = -1
	text.Sortable = false
	own := append(systemFields(),
		body,
		text,
		refField("Container", "WorkItem", "Customer", "Case", "User").createOnly().required(),
		strField("Via", 256).createOnly(),
		pickField("Type", "PostType", "StatusUpdate"),
		pickField("State", "PostState", "Active"),
		intField("AttachmentsCount").calculated().defaultValue(0),
		intField("LikesCount").calculated().defaultValue(0),
	)
	return &entityType{Name: "DiscussionMessage", Label: "Discussion Message", DisplayField: "Text", Abstract: true, own: own}
}

func picklist(name, label string, custom bool, values ...string) *entityType {
	t := &entityType{Name: name, Label: label, DisplayField: "Name", Picklist: true}
	for _, v := range values {
		t.Values = append(t.Values, pickValue{Value: v, Display: v})
	}
	nameField := strField("Name", 256).readOnly()
	desc := strField("Description", 1000).readOnly()
	t.own = []*fieldDef{nameField, desc}
	if custom {
		for _, f := range t.own {
			f.Custom = true
		}
	}
	return t
}

// picklistTypes returns the picklists the seeded types use. Values marked
// NOTE below are plausible stand-ins: public sources list the picklist
// names but not all their values.
func picklistTypes() []*entityType {
	state := picklist("State", "State", false, append(append([]string{}, workItemStates...), "Deleted", "Disabled", "Pending")...)
	dependency := picklist("DependencyType", "Dependency Type", false)
	// NOTE: dependency type values are stand-ins named after the usual
	// scheduling abbreviations.
	dependency.Values = []pickValue{
		{Value: "FS", Display: "Finish to Start"},
		{Value: "SS", Display: "Start to Start"},
		{Value: "FF", Display: "Finish to Finish"},
		{Value: "SF", Display: "Start to Finish"},
	}
	return []*entityType{
		state,
		picklist("CaseState", "Case State", false, caseStates...),
		picklist("Phase", "Phase", false, "Initiation", "Planning", "Execution", "Closing"),
		picklist("TrackStatus", "Track Status", false, "On Track", "At Risk", "Off Track"),
		picklist("Importance", "Importance", false, "Low", "Normal", "High"),
		picklist("WorkPolicy", "Work Policy", false, "Fixed Duration", "Fixed Work", "Fixed Units"),
		picklist("ProjectType", "Project Type", false, "Internal", "Customer Delivery", "Research"),
		picklist("Severity", "Severity", false, "Low", "Medium", "High", "Critical"),
		picklist("LicenseType", "License Type", false, "Full", "Limited", "Email", "None"),
		picklist("PostType", "Post Type", false, "StatusUpdate", "Question", "Announcement"),
		picklist("PostState", "Post State", false, "Active", "Deleted"),
		picklist("ReplyMarkedType", "Reply Marked Type", false, "Answer"),
		picklist("EntityType", "Item Type", false),
		dependency,
		picklist("C_ProjectRegions", "Regions", true, "North America", "EMEA", "APAC", "LATAM"),
	}
}
