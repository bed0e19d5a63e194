package sfsim

// Field constructors used by the object definitions. Each returns a field
// with the flags a plain, optional, writable field of that type has; options
// then adjust it.

type fieldOption func(*Field)

func newField(name, label, typ string, opts ...fieldOption) *Field {
	f := &Field{Name: name, Label: label, Type: typ, Createable: true, Updateable: true, Nillable: true}
	switch typ {
	case "int":
		f.Digits = 8
	case "currency":
		f.Precision, f.Scale = 18, 2
	case "double", "percent":
		f.Precision, f.Scale = 18, 2
	case "textarea":
		f.ExtraTypeInfo = "plaintextarea"
	case "boolean":
		f.Nillable = false
		f.DefaultedOnCreate = true
		f.DefaultValue = false
	}
	for _, o := range opts {
		o(f)
	}
	return f
}

func text(name, label string, length int, opts ...fieldOption) *Field {
	f := newField(name, label, "string", opts...)
	f.Length = length
	return f
}

func textArea(name, label string, length int, opts ...fieldOption) *Field {
	f := newField(name, label, "textarea", opts...)
	f.Length = length
	if length > 255 {
		f.notFilterable, f.notSortable, f.notGroupable, f.notAggregatable = true, true, true, true
	}
	return f
}

func typed(typ string, length int) func(name, label string, opts ...fieldOption) *Field {
	return func(name, label string, opts ...fieldOption) *Field {
		f := newField(name, label, typ, opts...)
		if f.Length == 0 {
			f.Length = length
		}
		return f
	}
}

var (
	phone    = typed("phone", 40)
	email    = typed("email", 80)
	urlField = typed("url", 255)
)

func boolean(name, label string, opts ...fieldOption) *Field {
	return newField(name, label, "boolean", opts...)
}

func number(typ, name, label string, precision, scale int, opts ...fieldOption) *Field {
	f := newField(name, label, typ)
	if typ != "int" {
		f.Precision, f.Scale = precision, scale
	}
	for _, o := range opts {
		o(f)
	}
	return f
}

func date(name, label string, opts ...fieldOption) *Field {
	return newField(name, label, "date", opts...)
}

func dateTime(name, label string, opts ...fieldOption) *Field {
	return newField(name, label, "datetime", opts...)
}

func picklist(name, label string, values []string, opts ...fieldOption) *Field {
	f := newField(name, label, "picklist")
	f.Length = 255
	f.Picklist = plainValues(values)
	for _, o := range opts {
		o(f)
	}
	return f
}

func multiPicklist(name, label string, values []string, opts ...fieldOption) *Field {
	f := newField(name, label, "multipicklist")
	f.Length = 4099
	f.Picklist = plainValues(values)
	for _, o := range opts {
		o(f)
	}
	return f
}

func plainValues(values []string) []PicklistValue {
	out := make([]PicklistValue, len(values))
	for i, v := range values {
		out[i] = PicklistValue{Value: v, Label: v, Active: true}
	}
	return out
}

// reference builds a lookup field. relationship is the name used in SOQL
// paths, such as Account for AccountId. child is the child relationship name
// on the parent, such as Opportunities, and is empty when there is none.
func reference(name, label, relationship, child string, targets []string, opts ...fieldOption) *Field {
	f := newField(name, label, "reference")
	f.Length = 18
	f.ReferenceTo = targets
	f.RelationshipName = relationship
	f.ChildRelationship = child
	f.SearchPrefilterable = true
	for _, o := range opts {
		o(f)
	}
	return f
}

func to(targets ...string) []string { return targets }

// Options.

func readOnly(f *Field)   { f.Createable, f.Updateable = false, false }
func createOnly(f *Field) { f.Updateable = false }
func required(f *Field)   { f.Nillable = false }
func defaulted(f *Field)  { f.DefaultedOnCreate = true }
func nameField(f *Field)  { f.NameField = true }
func idLookup(f *Field)   { f.IDLookup = true }
func externalID(f *Field) { f.ExternalID = true; f.IDLookup = true }
func unique(f *Field)     { f.Unique = true }
func restricted(f *Field) { f.RestrictedPicklist = true }
func custom(f *Field)     { f.Custom = true }
func polymorphic(f *Field) {
	f.Polymorphic = true
}
func noSearchPrefilter(f *Field) { f.SearchPrefilterable = false }
func noFilter(f *Field)          { f.notFilterable, f.notSortable = true, true }
func noGroup(f *Field)           { f.notGroupable = true }
func notPermissionable(f *Field) { v := false; f.Permissionable = &v }
func permissionable(f *Field)    { v := true; f.Permissionable = &v }

func calculated(formula string) fieldOption {
	return func(f *Field) {
		readOnly(f)
		f.Calculated = true
		f.Formula = formula
	}
}

func compound(name string) fieldOption { return func(f *Field) { f.CompoundName = name } }
func extra(info string) fieldOption    { return func(f *Field) { f.ExtraTypeInfo = info } }
func digits(n int) fieldOption         { return func(f *Field) { f.Digits = n } }
func length(n int) fieldOption         { return func(f *Field) { f.Length = n } }

func labels(pairs ...string) fieldOption {
	return func(f *Field) {
		for i := 0; i+1 < len(pairs); i += 2 {
			for j := range f.Picklist {
				if f.Picklist[j].Value == pairs[i] {
					f.Picklist[j].Label = pairs[i+1]
				}
			}
		}
	}
}

func defaultPick(value string) fieldOption {
	return func(f *Field) {
		for j := range f.Picklist {
			f.Picklist[j].Default = f.Picklist[j].Value == value
		}
		f.DefaultedOnCreate = true
	}
}

// auditFields returns the system fields every object has, in describe order:
// Id and IsDeleted first, the created/modified stamps later.
func idFields(label string) []*Field {
	return []*Field{
		newField("Id", label+" ID", "id", readOnly, required, defaulted, idLookup, length(18)),
		boolean("IsDeleted", "Deleted", readOnly),
	}
}

func stampFields() []*Field {
	return []*Field{
		dateTime("CreatedDate", "Created Date", readOnly, required, defaulted, noGroup),
		reference("CreatedById", "Created By ID", "CreatedBy", "", to("User"), readOnly, required, defaulted, noSearchPrefilter),
		dateTime("LastModifiedDate", "Last Modified Date", readOnly, required, defaulted, noGroup),
		reference("LastModifiedById", "Last Modified By ID", "LastModifiedBy", "", to("User"), readOnly, required, defaulted, noSearchPrefilter),
		dateTime("SystemModstamp", "System Modstamp", readOnly, required, defaulted, noGroup),
	}
}

func ownerField(child string) *Field {
	return reference("OwnerId", "Owner ID", "Owner", child, to("User"), required, defaulted, noSearchPrefilter)
}

func viewedFields() []*Field {
	return []*Field{
		dateTime("LastViewedDate", "Last Viewed Date", readOnly),
		dateTime("LastReferencedDate", "Last Referenced Date", readOnly),
	}
}

// addressFields returns the component fields and the read-only compound
// address field for a prefix such as Billing.
func addressFields(prefix, label string, withGeo bool) []*Field {
	c := compound(prefix + "Address")
	fs := []*Field{
		textArea(prefix+"Street", label+" Street", 255, c),
		text(prefix+"City", label+" City", 40, c),
		text(prefix+"State", label+" State/Province", 80, c),
		text(prefix+"PostalCode", label+" Zip/Postal Code", 20, c),
		text(prefix+"Country", label+" Country", 80, c),
	}
	if withGeo {
		fs = append(fs,
			number("double", prefix+"Latitude", label+" Latitude", 18, 15, c),
			number("double", prefix+"Longitude", label+" Longitude", 18, 15, c),
			picklist(prefix+"GeocodeAccuracy", label+" Geocode Accuracy", geocodeAccuracies, c, restricted),
		)
	}
	addr := newField(prefix+"Address", label+" Address", "address", readOnly)
	addr.notSortable, addr.notGroupable, addr.notAggregatable = true, true, true
	return append(fs, addr)
}

var geocodeAccuracies = []string{"Address", "NearAddress", "Block", "Street", "ExtendedZip", "Zip", "Neighborhood", "City", "County", "State", "Unknown"}

// newObject builds an object with the usual capability flags of a standard,
// writable, replicable object.
func newObject(name, label, plural, prefix string, fieldGroups ...[]*Field) *Object {
	o := &Object{
		Name: name, Label: label, LabelPlural: plural, KeyPrefix: prefix,
		Createable: true, Updateable: true, Deletable: true, Queryable: true,
		Replicateable: true, Undeletable: true, Searchable: true,
	}
	for _, g := range fieldGroups {
		for _, f := range g {
			o.addField(f)
		}
	}
	return o
}

func fields(fs ...*Field) []*Field { return fs }
