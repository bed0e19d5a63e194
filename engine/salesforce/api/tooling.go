package api

// CustomObjectInput is the body of POST /tooling/sobjects/CustomObject.
type CustomObjectInput struct {
	FullName string               `json:"FullName"`
	Metadata CustomObjectMetadata `json:"Metadata"`
}

// CustomObjectMetadata is the Metadata of a CustomObject.
type CustomObjectMetadata struct {
	Label            string    `json:"label"`
	PluralLabel      string    `json:"pluralLabel"`
	NameField        NameField `json:"nameField"`
	DeploymentStatus string    `json:"deploymentStatus"`
	SharingModel     string    `json:"sharingModel"`
	Description      string    `json:"description,omitempty"`
	EnableFeeds      bool      `json:"enableFeeds,omitempty"`
}

// NameField is the Name field of a new custom object.
type NameField struct {
	Type          string `json:"type"` // Text or AutoNumber
	Label         string `json:"label"`
	DisplayFormat string `json:"displayFormat,omitempty"`
}

// CustomFieldInput is the body of POST /tooling/sobjects/CustomField.
type CustomFieldInput struct {
	FullName string              `json:"FullName"` // Object__c.Field__c
	Metadata CustomFieldMetadata `json:"Metadata"`
}

// CustomFieldMetadata is the Metadata of a CustomField.
type CustomFieldMetadata struct {
	Label             string    `json:"label"`
	Type              string    `json:"type"` // Text, Number, Date, Lookup, Picklist, ...
	Length            int       `json:"length,omitempty"`
	Precision         int       `json:"precision,omitempty"`
	Scale             *int      `json:"scale,omitempty"`
	Required          bool      `json:"required,omitempty"`
	ExternalID        bool      `json:"externalId,omitempty"`
	Unique            bool      `json:"unique,omitempty"`
	ReferenceTo       string    `json:"referenceTo,omitempty"`
	RelationshipName  string    `json:"relationshipName,omitempty"`
	RelationshipLabel string    `json:"relationshipLabel,omitempty"`
	DeleteConstraint  string    `json:"deleteConstraint,omitempty"`
	ValueSet          *ValueSet `json:"valueSet,omitempty"`
	Description       string    `json:"description,omitempty"`
}

// ValueSet lists a new picklist field's values.
type ValueSet struct {
	Restricted         bool               `json:"restricted,omitempty"`
	ValueSetDefinition ValueSetDefinition `json:"valueSetDefinition"`
}

// ValueSetDefinition holds the values of a ValueSet.
type ValueSetDefinition struct {
	Value []CustomValue `json:"value"`
}

// CustomValue is one value of a new picklist.
type CustomValue struct {
	FullName string `json:"fullName"`
	Label    string `json:"label"`
	Default  bool   `json:"default"`
}
