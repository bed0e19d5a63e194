package sfsim

import (
	"fmt"
	"maps"
)

// seedBase creates the records every org has: licences, profiles, the admin
// user, the Organization row, opportunity stages, the standard price book
// and the default ideas zone. The caller holds s.mu.
func (s *Server) seedBase() error {
	now := formatDateTime(s.now())
	raw := func(objName string, vals map[string]any) *record {
		obj := mustObject(s.org, objName)
		v := maps.Clone(vals)
		v["Id"] = s.newID(obj.KeyPrefix)
		for _, k := range []string{"CreatedDate", "LastModifiedDate", "SystemModstamp"} {
			if _, ok := obj.Field(k); ok {
				v[k] = now
			}
		}
		if _, ok := obj.Field("IsDeleted"); ok {
			v["IsDeleted"] = false
		}
		r := &record{obj: obj, vals: v}
		s.data.insert(r)
		return r
	}
	salesforce := raw("UserLicense", map[string]any{"Name": "Salesforce", "MasterLabel": "Salesforce", "LicenseDefinitionKey": "SFDC", "Status": "Active", "TotalLicenses": 20.0, "UsedLicenses": 1.0})
	chatterFree := raw("UserLicense", map[string]any{"Name": "Chatter Free", "MasterLabel": "Chatter Free", "LicenseDefinitionKey": "PID_Chatter", "Status": "Active", "TotalLicenses": 5000.0, "UsedLicenses": 0.0})
	admin := raw("Profile", map[string]any{"Name": "System Administrator", "UserLicenseId": salesforce.id(), "UserType": "Standard"})
	raw("Profile", map[string]any{"Name": "Standard User", "UserLicenseId": salesforce.id(), "UserType": "Standard"})
	raw("Profile", map[string]any{"Name": "Chatter Free User", "UserLicenseId": chatterFree.id(), "UserType": "CsnOnly"})

	user := raw("User", map[string]any{
		"Username": s.opts.Username, "FirstName": "Ada", "LastName": "Admin", "Name": "Ada Admin",
		"Email": s.opts.Username, "Alias": "aadmin", "CommunityNickname": "ada.admin", "IsActive": true,
		"TimeZoneSidKey": "GMT", "LocaleSidKey": "en_US", "EmailEncodingKey": "UTF-8", "LanguageLocaleKey": "en_US",
		"ProfileId": admin.id(), "UserType": "Standard", "CompanyName": "Liaison Demo",
	})
	s.adminID = user.id()
	for _, r := range s.data.byID {
		if _, ok := r.obj.Field("CreatedById"); ok {
			r.vals["CreatedById"], r.vals["LastModifiedById"] = s.adminID, s.adminID
		}
	}
	org := raw("Organization", map[string]any{
		"Name": "Liaison Demo", "Country": "US", "PrimaryContact": "Ada Admin", "DefaultLocaleSidKey": "en_US",
		"TimeZoneSidKey": "GMT", "LanguageLocaleKey": "en_US", "FiscalYearStartMonth": 1.0,
		"OrganizationType": "Developer Edition", "InstanceName": "SIM1", "IsSandbox": s.opts.Sandbox, "IsReadOnly": false,
		"ReceivesInfoEmails": true, "ReceivesAdminInfoEmails": true, "PreferencesConsentManagementEnabled": true,
		"PreferencesLightningLoginEnabled": true, "DefaultAccountAccess": "Edit", "DefaultContactAccess": "ControlledByParent",
		"DefaultOpportunityAccess": "Edit", "DefaultLeadAccess": "ReadEditTransfer", "DefaultCaseAccess": "ReadEditTransfer",
		"DefaultCalendarAccess": "HideDetailsInsert", "DefaultPricebookAccess": "ReadSelect", "DefaultCampaignAccess": "All",
		"UiSkin": "Theme3", "SignupCountryIsoCode": "US", "NumKnowledgeService": 0.0, "WebToCaseDefaultOrigin": "Web",
		"MonthlyPageViewsUsed": 0.0, "MonthlyPageViewsEntitlement": 0.0, "UsesStartDateAsFiscalYearName": false,
	})
	s.data.remove(org)
	org.vals["Id"] = s.orgID
	s.data.insert(org)
	for i, st := range opportunityStages {
		raw("OpportunityStage", map[string]any{
			"MasterLabel": st.Name, "ApiName": st.Name, "IsActive": true, "SortOrder": float64(i + 1),
			"IsClosed": st.Closed, "IsWon": st.Won, "ForecastCategoryName": st.Forecast,
			"ForecastCategory": forecastCategoryCodes[st.Forecast], "DefaultProbability": st.Probability,
		})
	}
	raw("Pricebook2", map[string]any{"Name": "Standard Price Book", "IsActive": true, "IsStandard": true, "IsArchived": false, "Description": "The standard price book"})
	raw("Community", map[string]any{"Name": "Internal Zone", "Description": "Ideas from employees", "IsActive": true})
	for _, r := range s.data.byID {
		if _, ok := r.obj.Field("CreatedById"); ok {
			r.vals["CreatedById"], r.vals["LastModifiedById"] = s.adminID, s.adminID
		}
		if _, ok := r.obj.Field("OwnerId"); ok && r.vals["OwnerId"] == nil {
			r.vals["OwnerId"] = s.adminID
		}
	}
	if len(s.data.byID) == 0 {
		return fmt.Errorf("seed base records: nothing stored")
	}
	return nil
}

// profileID returns the id of the profile with the given name.
func (s *Server) profileID(name string) string {
	for _, p := range s.data.rows(mustObject(s.org, "Profile"), false) {
		if p.vals["Name"] == name {
			return p.id()
		}
	}
	return ""
}
