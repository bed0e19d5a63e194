package api

// LoginOptions are the optional caller tags of login and getServerDefinition.
type LoginOptions struct {
	PartnerID     string `json:"partnerId,omitempty"`
	ApplicationID string `json:"applicationId,omitempty"`
}

// LoginRequest is the body of authentication/login, and of
// authentication/getServerDefinition when a user name and password are used.
// With an API key, getServerDefinition is sent with an empty object instead.
type LoginRequest struct {
	UserName     string        `json:"userName,omitempty"`
	Password     string        `json:"password,omitempty"`
	LoginOptions *LoginOptions `json:"loginOptions,omitempty"`
}

// ServerDefinition is the response of getServerDefinition: the data centre
// that serves the organisation. ServerLocation already ends in
// "/v2.0/services".
type ServerDefinition struct {
	ServerLocation string `json:"serverLocation"`
	AppLocation    string `json:"appLocation"`
	OrganizationID int64  `json:"organizationId"`
}

// LoginResult is the response of authentication/login.
type LoginResult struct {
	SessionID      string `json:"sessionId"`
	UserID         string `json:"userId"`
	OrganizationID string `json:"organizationId"`
	LicenseType    string `json:"licenseType"`
}

// FieldValue is one {fieldName, value} pair, used by getSessionInfo's
// customInfo and by executeCustomAction.
type FieldValue struct {
	FieldName string `json:"fieldName"`
	Value     any    `json:"value"`
}

// SessionInfo is the response of authentication/getSessionInfo.
type SessionInfo struct {
	SessionID      string       `json:"sessionId"`
	UserID         string       `json:"userId"`
	OrganizationID string       `json:"organizationId"`
	LicenseType    string       `json:"licenseType"`
	CustomInfo     []FieldValue `json:"customInfo,omitempty"`
}
