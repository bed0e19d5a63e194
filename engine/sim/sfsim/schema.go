package sfsim

import (
	"sort"
	"strings"
	"time"
)

// Field is one field of an object as describe reports it, plus the rules the
// simulator enforces on write.
type Field struct {
	Name, Label          string
	Type                 string // describe type: id, string, textarea, picklist, reference, ...
	Length               int
	Precision, Scale     int
	Digits               int
	Createable           bool
	Updateable           bool
	Nillable             bool
	DefaultedOnCreate    bool
	Calculated           bool
	Formula              string
	AutoNumber           bool
	Custom               bool
	ExternalID           bool
	Unique               bool
	IDLookup             bool
	NameField            bool
	CaseSensitive        bool
	RestrictedPicklist   bool
	Picklist             []PicklistValue
	ReferenceTo          []string
	RelationshipName     string
	ChildRelationship    string // relationship name on the parent object, e.g. Opportunities
	CascadeDelete        bool
	Polymorphic          bool
	CompoundName         string
	ExtraTypeInfo        string
	DefaultValue         any
	HTMLFormatted        bool
	Permissionable       *bool
	SearchPrefilterable  bool
	notFilterable        bool
	notSortable          bool
	notGroupable         bool
	notAggregatable      bool
	RelationshipOrder    *int
	WriteRequiresMasterR bool
	byteLength           int // overrides the usual 3 bytes per character
}

// PicklistValue is one entry of a picklist.
type PicklistValue struct {
	Value, Label string
	Default      bool
	Active       bool
}

// Object is one sObject type.
type Object struct {
	Name, Label, LabelPlural string
	KeyPrefix                string
	Custom                   bool
	Createable               bool
	Updateable               bool
	Deletable                bool
	Queryable                bool
	Replicateable            bool
	Undeletable              bool
	FeedEnabled              bool
	Mergeable                bool
	Searchable               bool
	Fields                   []*Field
	Modified                 time.Time // last schema change, for If-Modified-Since
	ToolingID                string    // CustomObject id for objects created through the Tooling API

	byName map[string]*Field
}

// Field returns the field with the given name, compared case-insensitively.
func (o *Object) Field(name string) (*Field, bool) {
	f, ok := o.byName[strings.ToLower(name)]
	return f, ok
}

// addField appends f and indexes it; a field of the same name is replaced.
func (o *Object) addField(f *Field) {
	if o.byName == nil {
		o.byName = map[string]*Field{}
	}
	key := strings.ToLower(f.Name)
	if old, ok := o.byName[key]; ok {
		for i, g := range o.Fields {
			if g == old {
				o.Fields[i] = f
			}
		}
	} else {
		o.Fields = append(o.Fields, f)
	}
	o.byName[key] = f
}

// relationshipField finds the reference field whose relationshipName is name.
func (o *Object) relationshipField(name string) (*Field, bool) {
	for _, f := range o.Fields {
		if f.Type == "reference" && f.RelationshipName != "" && strings.EqualFold(f.RelationshipName, name) {
			return f, true
		}
	}
	return nil, false
}

// nameField returns the object's name field, if it has one.
func (o *Object) nameField() *Field {
	for _, f := range o.Fields {
		if f.NameField {
			return f
		}
	}
	return nil
}

// schema is the set of objects of one org (or of its Tooling API).
type schema struct {
	objects  map[string]*Object
	byPrefix map[string]*Object
}

func newSchema(objs ...*Object) *schema {
	s := &schema{objects: map[string]*Object{}, byPrefix: map[string]*Object{}}
	for _, o := range objs {
		s.add(o)
	}
	return s
}

func (s *schema) add(o *Object) {
	s.objects[strings.ToLower(o.Name)] = o
	if o.KeyPrefix != "" {
		s.byPrefix[o.KeyPrefix] = o
	}
}

func (s *schema) object(name string) (*Object, bool) {
	o, ok := s.objects[strings.ToLower(name)]
	return o, ok
}

func (s *schema) sorted() []*Object {
	out := make([]*Object, 0, len(s.objects))
	for _, o := range s.objects {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// childRelationship is a parent-to-child relationship derived from the
// reference fields of all objects.
type childRelationship struct {
	Child *Object
	Field *Field
	Name  string
}

func (s *schema) children(parent *Object) []childRelationship {
	var out []childRelationship
	for _, o := range s.sorted() {
		for _, f := range o.Fields {
			if f.Type != "reference" {
				continue
			}
			for _, target := range f.ReferenceTo {
				if strings.EqualFold(target, parent.Name) {
					out = append(out, childRelationship{Child: o, Field: f, Name: f.ChildRelationship})
				}
			}
		}
	}
	return out
}

func (s *schema) childRelationship(parent *Object, name string) (childRelationship, bool) {
	for _, c := range s.children(parent) {
		if c.Name != "" && strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return childRelationship{}, false
}
