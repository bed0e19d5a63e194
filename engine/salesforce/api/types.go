package api

import "encoding/json"

// Version is one entry of GET /services/data/.
type Version struct {
	Label   string `json:"label"`
	URL     string `json:"url"`
	Version string `json:"version"`
}

// Error is one element of an error array. REST errors carry errorCode;
// sObject Collections items carry statusCode for the same value.
type Error struct {
	Message    string   `json:"message"`
	ErrorCode  string   `json:"errorCode,omitempty"`
	StatusCode string   `json:"statusCode,omitempty"`
	Fields     []string `json:"fields,omitempty"`
}

// Code returns errorCode or, for collection items, statusCode.
func (e Error) Code() string {
	if e.ErrorCode != "" {
		return e.ErrorCode
	}
	return e.StatusCode
}

// OAuthError is the body of an OAuth-style error.
type OAuthError struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// SaveResult is the response to a create, an upsert, or one item of a
// collection call.
type SaveResult struct {
	ID      string  `json:"id"`
	Success bool    `json:"success"`
	Errors  []Error `json:"errors"`
	// Created is set by upserts (true: inserted, false: updated).
	Created *bool `json:"created,omitempty"`
}

// CollectionRequest is the body of sObject Collections create, update and
// upsert calls.
type CollectionRequest struct {
	AllOrNone bool             `json:"allOrNone"`
	Records   []map[string]any `json:"records"`
}

// Attributes is the "attributes" object of every record.
type Attributes struct {
	Type string `json:"type"`
	URL  string `json:"url,omitempty"`
}

// QueryResult is one page of a query or queryAll response. Records stay raw
// so that the client can decode values with json.Number.
type QueryResult struct {
	TotalSize      int               `json:"totalSize"`
	Done           bool              `json:"done"`
	NextRecordsURL string            `json:"nextRecordsUrl,omitempty"`
	Records        []json.RawMessage `json:"records"`
}

// DescribeGlobal is GET /sobjects.
type DescribeGlobal struct {
	Encoding     string           `json:"encoding"`
	MaxBatchSize int              `json:"maxBatchSize"`
	SObjects     []SObjectSummary `json:"sobjects"`
}

// SObjectSummary is one object of the global describe; the object
// describe repeats these keys.
type SObjectSummary struct {
	Name          string            `json:"name"`
	Label         string            `json:"label"`
	LabelPlural   string            `json:"labelPlural"`
	KeyPrefix     string            `json:"keyPrefix"`
	Custom        bool              `json:"custom"`
	Createable    bool              `json:"createable"`
	Updateable    bool              `json:"updateable"`
	Deletable     bool              `json:"deletable"`
	Queryable     bool              `json:"queryable"`
	Replicateable bool              `json:"replicateable"`
	Retrieveable  bool              `json:"retrieveable"`
	Undeletable   bool              `json:"undeletable"`
	FeedEnabled   bool              `json:"feedEnabled"`
	URLs          map[string]string `json:"urls,omitempty"`
}

// SObjectDescribe is GET /sobjects/{Type}/describe.
type SObjectDescribe struct {
	SObjectSummary
	Fields             []Field             `json:"fields"`
	ChildRelationships []ChildRelationship `json:"childRelationships,omitempty"`
	RecordTypeInfos    []RecordTypeInfo    `json:"recordTypeInfos,omitempty"`
}

// Field is one field of an object describe.
type Field struct {
	Name                string          `json:"name"`
	Label               string          `json:"label"`
	Type                string          `json:"type"`
	SoapType            string          `json:"soapType,omitempty"`
	Length              int             `json:"length"`
	Precision           int             `json:"precision"`
	Scale               int             `json:"scale"`
	Createable          bool            `json:"createable"`
	Updateable          bool            `json:"updateable"`
	Nillable            bool            `json:"nillable"`
	DefaultedOnCreate   bool            `json:"defaultedOnCreate"`
	Calculated          bool            `json:"calculated"`
	CalculatedFormula   *string         `json:"calculatedFormula,omitempty"`
	AutoNumber          bool            `json:"autoNumber"`
	ExternalID          bool            `json:"externalId"`
	Unique              bool            `json:"unique"`
	Filterable          *bool           `json:"filterable,omitempty"`
	IDLookup            bool            `json:"idLookup"`
	Custom              bool            `json:"custom"`
	RestrictedPicklist  bool            `json:"restrictedPicklist"`
	DependentPicklist   bool            `json:"dependentPicklist"`
	ControllerName      *string         `json:"controllerName,omitempty"`
	PicklistValues      []PicklistEntry `json:"picklistValues,omitempty"`
	ReferenceTo         []string        `json:"referenceTo,omitempty"`
	RelationshipName    *string         `json:"relationshipName,omitempty"`
	CompoundFieldName   *string         `json:"compoundFieldName,omitempty"`
	DeprecatedAndHidden bool            `json:"deprecatedAndHidden"`
}

// PicklistEntry is one picklist value of a field describe.
type PicklistEntry struct {
	Active       bool    `json:"active"`
	DefaultValue bool    `json:"defaultValue"`
	Label        string  `json:"label"`
	Value        string  `json:"value"`
	ValidFor     *string `json:"validFor,omitempty"`
}

// ChildRelationship is one child relationship of an object describe.
type ChildRelationship struct {
	ChildSObject     string  `json:"childSObject"`
	Field            string  `json:"field"`
	RelationshipName *string `json:"relationshipName,omitempty"`
	CascadeDelete    bool    `json:"cascadeDelete"`
}

// RecordTypeInfo is one record type of an object describe.
type RecordTypeInfo struct {
	Name                     string `json:"name"`
	DeveloperName            string `json:"developerName"`
	RecordTypeID             string `json:"recordTypeId"`
	Active                   bool   `json:"active"`
	Available                bool   `json:"available"`
	DefaultRecordTypeMapping bool   `json:"defaultRecordTypeMapping"`
	Master                   bool   `json:"master"`
}

// Updated is GET /sobjects/{Type}/updated/.
type Updated struct {
	IDs               []string `json:"ids"`
	LatestDateCovered string   `json:"latestDateCovered"`
}

// Deleted is GET /sobjects/{Type}/deleted/.
type Deleted struct {
	DeletedRecords        []DeletedRecord `json:"deletedRecords"`
	EarliestDateAvailable string          `json:"earliestDateAvailable"`
	LatestDateCovered     string          `json:"latestDateCovered"`
}

// DeletedRecord is one entry of Deleted.
type DeletedRecord struct {
	ID          string `json:"id"`
	DeletedDate string `json:"deletedDate"`
}

// Limit is one entry of GET /limits.
type Limit struct {
	Max       int `json:"Max"`
	Remaining int `json:"Remaining"`
}

// Identity is the part of the identity service response (GET on the token's
// id URL) that Liaison reads.
type Identity struct {
	ID             string `json:"id"`
	UserID         string `json:"user_id"`
	OrganizationID string `json:"organization_id"`
	Username       string `json:"username"`
	DisplayName    string `json:"display_name"`
	Email          string `json:"email"`
}
