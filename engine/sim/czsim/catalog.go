package czsim

import (
	"sort"
	"strings"
)

// Wire field types, as describeEntities reports them in "type".
const (
	typeString   = "String"
	typeInteger  = "Integer"
	typeLong     = "Long"
	typeDouble   = "Double"
	typeBoolean  = "Boolean"
	typeDateTime = "DateTime"
	typeEntity   = "Entity"
	typeDuration = "Duration"
	typeMoney    = "Money"
	typeMulti    = "MultiPickList"
)

// fieldDef describes one field of an entity type. The exported-looking names
// follow the keys of Clarizen's field description JSON.
type fieldDef struct {
	Name          string
	Type          string
	Presentation  string
	Label         string
	Default       any // wire value; nil when the field has no default
	System        bool
	Calculated    bool
	Nullable      bool
	CreateOnly    bool
	Updateable    bool
	Internal      bool
	Custom        bool
	Visible       bool
	DecimalPlaces int
	Filterable    bool
	Sortable      bool
	MaxLength     int
	// Required fields must have a value on create; describe reports them
	// as nullable false.
	Required bool
	// Refs lists the entity types a reference may point to, or the picklist
	// type of a PickList or MultiPickList field.
	Refs []string
}

func newField(name, typ, presentation string) *fieldDef {
	return &fieldDef{
		Name: name, Type: typ, Presentation: presentation, Label: labelFor(name),
		Nullable: true, Updateable: true, Visible: true, Filterable: true, Sortable: true,
	}
}

func strField(name string, maxLength int) *fieldDef {
	f := newField(name, typeString, "Text")
	f.MaxLength = maxLength
	return f
}

func textArea(name string) *fieldDef {
	f := newField(name, typeString, "TextArea")
	f.MaxLength = 4000
	f.Sortable = false
	return f
}

func refField(name string, types ...string) *fieldDef {
	f := newField(name, typeEntity, "ReferenceToObject")
	f.Refs = types
	return f
}

func pickField(name, picklist, defaultValue string) *fieldDef {
	f := newField(name, typeEntity, "PickList")
	f.Refs = []string{picklist}
	if defaultValue != "" {
		f.Default = map[string]any{"id": "/" + picklist + "/" + defaultValue, "Name": defaultValue}
	}
	return f
}

func multiField(name, picklist string) *fieldDef {
	f := newField(name, typeMulti, "MultiPickList")
	f.Refs = []string{picklist}
	f.Sortable = false
	return f
}

func dateField(name string) *fieldDef { return newField(name, typeDateTime, "Date") }
func boolField(name string) *fieldDef {
	f := newField(name, typeBoolean, "Checkbox")
	f.Default = false
	return f
}

func intField(name string) *fieldDef { return newField(name, typeInteger, "Numeric") }
func longField(name string) *fieldDef {
	return newField(name, typeLong, "Numeric")
}

func doubleField(name string, presentation string) *fieldDef {
	f := newField(name, typeDouble, presentation)
	f.DecimalPlaces = 2
	return f
}

func durationField(name string) *fieldDef {
	f := newField(name, typeDuration, "Duration")
	f.DecimalPlaces = 2
	return f
}

func moneyField(name string) *fieldDef {
	f := newField(name, typeMoney, "Currency")
	f.DecimalPlaces = 2
	return f
}

// readOnly marks a field that no API write may set.
func (f *fieldDef) readOnly() *fieldDef { f.Updateable = false; return f }

// calculated marks a read-only field whose value the simulator computes.
func (f *fieldDef) calculated() *fieldDef { f.Calculated = true; f.Updateable = false; return f }

// createOnly marks a field that may be set on create but never updated.
func (f *fieldDef) createOnly() *fieldDef { f.CreateOnly = true; f.Updateable = false; return f }

func (f *fieldDef) required() *fieldDef { f.Required = true; f.Nullable = false; return f }
func (f *fieldDef) custom() *fieldDef   { f.Custom = true; return f }
func (f *fieldDef) system() *fieldDef   { f.System = true; f.Updateable = false; return f }
func (f *fieldDef) hidden() *fieldDef   { f.Visible = false; return f }
func (f *fieldDef) noFilter() *fieldDef { f.Filterable = false; return f }
func (f *fieldDef) defaultValue(v any) *fieldDef {
	f.Default = v
	return f
}

func (f *fieldDef) labelled(label string) *fieldDef { f.Label = label; return f }

func (f *fieldDef) isPicklist() bool {
	return f.Type == typeEntity && f.Presentation == "PickList"
}

// writable reports whether an API call may set the field: on create when
// creating, otherwise on update.
func (f *fieldDef) writable(creating bool) bool {
	if f.Updateable {
		return true
	}
	return creating && f.CreateOnly
}

// labelFor turns an API name such as LastUpdatedOn into "Last Updated On".
func labelFor(name string) string {
	name = strings.TrimPrefix(name, "C_")
	var b strings.Builder
	for i, r := range name {
		if i > 0 && r >= 'A' && r <= 'Z' && !(name[i-1] >= 'A' && name[i-1] <= 'Z') {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pickValue is one value of a picklist type.
type pickValue struct {
	Value       string
	Display     string
	Description string
}

// relationDef is a named relation from an entity type to related records,
// either directly (Related.Source points at this record) or through a link
// entity (Link.Source points at this record, Link.Target at the related one).
type relationDef struct {
	Name      string
	Label     string
	RoleLabel string
	ReadOnly  bool
	LinkType  string // empty for a direct relation
	Related   string
	Source    string
	Target    string // field of the link entity that points at the related record
}

// entityType is one Clarizen entity type: concrete, abstract or picklist.
type entityType struct {
	Name         string
	Label        string
	LabelPlural  string
	Parent       string
	DisplayField string
	Abstract     bool
	Disabled     bool
	ValidStates  []string
	// IDPrefix starts every generated ExternalID of the type, as "msg-"
	// does for discussion messages.
	IDPrefix string
	// SysIDPrefix starts the human-readable SYSID, as in P-000012.
	SysIDPrefix string
	Picklist    bool
	Values      []pickValue

	own          []*fieldDef
	ownRelations []*relationDef

	fields    []*fieldDef
	index     map[string]*fieldDef
	relations []*relationDef
	parent    *entityType
	subtypes  []*entityType
}

// field finds a field by name without regard to case.
func (t *entityType) field(name string) (*fieldDef, bool) {
	f, ok := t.index[strings.ToLower(name)]
	return f, ok
}

// isA reports whether t is the named type or one of its subtypes.
func (t *entityType) isA(name string) bool {
	for x := t; x != nil; x = x.parent {
		if strings.EqualFold(x.Name, name) {
			return true
		}
	}
	return false
}

// root returns the top of t's type hierarchy. ExternalIDs are unique per root.
func (t *entityType) root() *entityType {
	x := t
	for x.parent != nil {
		x = x.parent
	}
	return x
}

// concreteTypes lists t and its subtypes that can hold records.
func (t *entityType) concreteTypes() []*entityType {
	var out []*entityType
	var walk func(*entityType)
	walk = func(x *entityType) {
		if !x.Abstract && !x.Picklist {
			out = append(out, x)
		}
		for _, s := range x.subtypes {
			walk(s)
		}
	}
	walk(t)
	return out
}

func (t *entityType) relation(name string) (*relationDef, bool) {
	for _, r := range t.relations {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return nil, false
}

func (t *entityType) pickValue(value string) (pickValue, bool) {
	for _, v := range t.Values {
		if strings.EqualFold(v.Value, value) {
			return v, true
		}
	}
	return pickValue{}, false
}

func (t *entityType) validState(state string) (string, bool) {
	for _, s := range t.ValidStates {
		if strings.EqualFold(s, state) {
			return s, true
		}
	}
	return "", false
}

// catalog is the immutable set of entity types every simulated organization
// has.
type catalog struct {
	types map[string]*entityType
	names []string // sorted type names, for listEntities
}

func (c *catalog) lookup(name string) (*entityType, bool) {
	t, ok := c.types[strings.ToLower(name)]
	return t, ok
}

// newCatalog links parents to subtypes and flattens inherited fields and
// relations. It panics on an inconsistent definition, which is a bug in this
// package.
func newCatalog(types []*entityType) *catalog {
	c := &catalog{types: make(map[string]*entityType, len(types))}
	for _, t := range types {
		key := strings.ToLower(t.Name)
		if _, dup := c.types[key]; dup {
			panic("czsim: duplicate entity type " + t.Name)
		}
		c.types[key] = t
		c.names = append(c.names, t.Name)
	}
	sort.Strings(c.names)
	for _, t := range types {
		if t.Parent == "" {
			continue
		}
		p, ok := c.types[strings.ToLower(t.Parent)]
		if !ok {
			panic("czsim: entity type " + t.Name + " has unknown parent " + t.Parent)
		}
		t.parent = p
		p.subtypes = append(p.subtypes, t)
	}
	for _, t := range types {
		var chain []*entityType
		for x := t; x != nil; x = x.parent {
			chain = append([]*entityType{x}, chain...)
		}
		t.index = map[string]*fieldDef{}
		for _, x := range chain {
			for _, f := range x.own {
				key := strings.ToLower(f.Name)
				if old, ok := t.index[key]; ok {
					// A subtype redefines the field: replace it in place.
					for i := range t.fields {
						if t.fields[i] == old {
							t.fields[i] = f
						}
					}
				} else {
					t.fields = append(t.fields, f)
				}
				t.index[key] = f
			}
			t.relations = append(t.relations, x.ownRelations...)
		}
	}
	return c
}
