package api

import "encoding/json"

// ListEntitiesResult is the response of metadata/listEntities.
type ListEntitiesResult struct {
	TypeNames []string `json:"typeNames"`
}

// FieldDescription describes one field in describeEntities and
// describeMetadata. Type is the storage type (Entity, Money, DateTime,
// String, Boolean, Double, Integer, Duration, Date, Long, MultiPickList,
// Binary); PresentationType tells picklists (PickList) from references
// (ReferenceToObject) among Entity fields, and percentages (Percent) among
// Double fields.
type FieldDescription struct {
	Name               string          `json:"name"`
	Type               string          `json:"type"`
	PresentationType   string          `json:"presentationType"`
	Label              string          `json:"label"`
	DefaultValue       json.RawMessage `json:"defaultValue,omitempty"`
	System             bool            `json:"system"`
	Calculated         bool            `json:"calculated"`
	Nullable           bool            `json:"nullable"`
	CreateOnly         bool            `json:"createOnly"`
	Updateable         bool            `json:"updateable"`
	Internal           bool            `json:"internal"`
	Custom             bool            `json:"custom"`
	Visible            bool            `json:"visible"`
	DecimalPlaces      int             `json:"decimalPlaces"`
	Filterable         *bool           `json:"filterable,omitempty"`
	Sortable           bool            `json:"sortable"`
	MaxLength          int             `json:"maxLength"`
	Flags              []string        `json:"flags"`
	ReferencedEntities []string        `json:"referencedEntities,omitempty"`
}

// PickupDescription is one value of a picklist type, returned by
// describeMetadata on that type.
type PickupDescription struct {
	Value        string `json:"value"`
	DisplayValue string `json:"displayValue"`
	Description  string `json:"description,omitempty"`
}

// RelationDescription is one relation of an entity type.
type RelationDescription struct {
	Name            string `json:"name"`
	Label           string `json:"label"`
	RoleLabel       string `json:"roleLabel,omitempty"`
	ReadOnly        bool   `json:"readOnly"`
	LinkTypeName    string `json:"linkTypeName,omitempty"`
	RelatedTypeName string `json:"relatedTypeName"`
	SourceFieldName string `json:"sourceFieldName,omitempty"`
}

// EntityDescription describes one entity type. Relations and Pickups are
// filled by describeMetadata only.
type EntityDescription struct {
	TypeName     string                `json:"typeName"`
	Label        string                `json:"label"`
	LabelPlural  string                `json:"labelPlural"`
	ParentEntity string                `json:"parentEntity,omitempty"`
	DisplayField string                `json:"displayField,omitempty"`
	Disabled     bool                  `json:"disabled"`
	ValidStates  []string              `json:"validStates,omitempty"`
	Fields       []FieldDescription    `json:"fields"`
	Relations    []RelationDescription `json:"relations,omitempty"`
	Pickups      []PickupDescription   `json:"pickups,omitempty"`
}

// DescribeResult is the response of describeEntities and describeMetadata.
type DescribeResult struct {
	EntityDescriptions []EntityDescription `json:"entityDescriptions"`
}

// DescribeRelationsRequest is the body of describeEntityRelations.
type DescribeRelationsRequest struct {
	TypeNames []string `json:"typeNames"`
}

// EntityRelations lists the relations of one type.
type EntityRelations struct {
	TypeName  string                `json:"typeName"`
	Relations []RelationDescription `json:"relations"`
}

// DescribeRelationsResult is the response of describeEntityRelations.
type DescribeRelationsResult struct {
	EntityRelations []EntityRelations `json:"entityRelations"`
}
