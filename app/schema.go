package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// ObjectSummary is one object type in a picker.
type ObjectSummary struct {
	Name   string `json:"name"`
	Label  string `json:"label"`
	Custom bool   `json:"custom"`
}

// ObjectDescribe is an object type with its fields, from a live describe.
// (The engine's schema.Object cannot be bound as it is: a TypeScript
// class named Object would hide the global Object in the generated
// models.)
type ObjectDescribe struct {
	Name        string         `json:"name"`
	Label       string         `json:"label"`
	Custom      bool           `json:"custom"`
	Templatable bool           `json:"templatable"`
	FeedEnabled bool           `json:"feedEnabled"`
	Createable  bool           `json:"createable"`
	Updateable  bool           `json:"updateable"`
	Fields      []schema.Field `json:"fields"`
}

func objectDescribe(o schema.Object) ObjectDescribe {
	d := ObjectDescribe{Name: o.Name, Label: o.Label, Custom: o.Custom, Templatable: o.Templatable,
		FeedEnabled: o.FeedEnabled, Createable: o.Createable, Updateable: o.Updateable, Fields: o.Fields}
	if d.Fields == nil {
		d.Fields = []schema.Field{}
	}
	if d.Label == "" {
		d.Label = d.Name
	}
	return d
}

// Relationship is a way from an object to related records: a Salesforce
// child relationship or a Clarizen relation.
type Relationship struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	// Object is the related object type.
	Object string `json:"object"`
	// Field is the related object's field that points back, when known.
	Field string `json:"field,omitempty"`
}

// ConditionProblem is one reason condition text is invalid, for the
// condition builder.
type ConditionProblem struct {
	// Column is the 1-based character position, 0 when the problem is
	// not at one place of the text.
	Column  int    `json:"column"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	Fix     string `json:"fix,omitempty"`
}

// SchemaService returns the live describes, type tables and validation the
// editors need.
type SchemaService struct{ svc *service }

// SalesforceObjects lists the org's objects that can be queried, by label.
func (s *SchemaService) SalesforceObjects() ([]ObjectSummary, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	ctx := s.svc.context()
	sf, err := eng.Connections.SalesforceClient(ctx)
	if err != nil {
		return nil, err
	}
	global, err := sf.DescribeGlobal(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ObjectSummary, 0, len(global.SObjects))
	for _, o := range global.SObjects {
		if o.Queryable {
			out = append(out, ObjectSummary{Name: o.Name, Label: o.Label, Custom: o.Custom})
		}
	}
	sortObjects(out)
	return out, nil
}

// ClarizenEntities lists the entity types of a Clarizen instance.
func (s *SchemaService) ClarizenEntities(instance int) ([]ObjectSummary, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	ctx := s.svc.context()
	cz, err := eng.Connections.ClarizenClient(ctx, mapping.ConnectionID(instance))
	if err != nil {
		return nil, err
	}
	names, err := cz.ListEntities(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ObjectSummary, 0, len(names))
	for _, n := range names {
		out = append(out, ObjectSummary{Name: n, Label: n, Custom: strings.HasPrefix(n, "C_")})
	}
	sortObjects(out)
	return out, nil
}

func sortObjects(objs []ObjectSummary) {
	sort.Slice(objs, func(i, j int) bool { return strings.ToLower(objs[i].Label) < strings.ToLower(objs[j].Label) })
}

// DescribeSalesforce returns a Salesforce object's live describe.
func (s *SchemaService) DescribeSalesforce(object string) (ObjectDescribe, error) {
	o, err := s.salesforceObject(object)
	return objectDescribe(o), err
}

// DescribeClarizen returns a Clarizen entity's live describe.
func (s *SchemaService) DescribeClarizen(instance int, entity string) (ObjectDescribe, error) {
	o, err := s.clarizenObject(instance, entity)
	return objectDescribe(o), err
}

func (s *SchemaService) salesforceObject(object string) (schema.Object, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return schema.Object{}, err
	}
	ctx := s.svc.context()
	sf, err := eng.Connections.SalesforceClient(ctx)
	if err != nil {
		return schema.Object{}, err
	}
	return sf.Object(ctx, object)
}

func (s *SchemaService) clarizenObject(instance int, entity string) (schema.Object, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return schema.Object{}, err
	}
	ctx := s.svc.context()
	cz, err := eng.Connections.ClarizenClient(ctx, mapping.ConnectionID(instance))
	if err != nil {
		return schema.Object{}, err
	}
	return cz.Object(ctx, entity)
}

// ClarizenTemplates lists the templates a templatable entity type can be
// created from in a Clarizen instance.
func (s *SchemaService) ClarizenTemplates(instance int, entity string) ([]string, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	ctx := s.svc.context()
	cz, err := eng.Connections.ClarizenClient(ctx, mapping.ConnectionID(instance))
	if err != nil {
		return nil, err
	}
	names, err := cz.TemplateNames(ctx, entity)
	if names == nil {
		names = []string{}
	}
	return names, err
}

// ClarizenRelations lists the relations of a Clarizen entity type, for the
// related-objects section of the mapping editor.
func (s *SchemaService) ClarizenRelations(instance int, entity string) ([]Relationship, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	ctx := s.svc.context()
	cz, err := eng.Connections.ClarizenClient(ctx, mapping.ConnectionID(instance))
	if err != nil {
		return nil, err
	}
	described, err := cz.DescribeEntityRelations(ctx, entity)
	if err != nil {
		return nil, err
	}
	out := []Relationship{}
	for _, d := range described {
		for _, r := range d.Relations {
			out = append(out, Relationship{Name: r.Name, Label: r.Label, Object: r.RelatedTypeName, Field: r.SourceFieldName})
		}
	}
	return out, nil
}

// SalesforceChildRelationships lists an object's child relationships, for
// the related-objects section of the event editor.
func (s *SchemaService) SalesforceChildRelationships(object string) ([]Relationship, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	ctx := s.svc.context()
	sf, err := eng.Connections.SalesforceClient(ctx)
	if err != nil {
		return nil, err
	}
	d, err := sf.DescribeObject(ctx, object)
	if err != nil {
		return nil, err
	}
	out := []Relationship{}
	for _, c := range d.ChildRelationships {
		if c.RelationshipName == nil || *c.RelationshipName == "" {
			continue
		}
		name := *c.RelationshipName
		out = append(out, Relationship{Name: name, Label: name, Object: c.ChildSObject, Field: c.Field})
	}
	return out, nil
}

// FieldCompatibility returns the engine's table of field kinds a field map
// may connect: values of kind From may be written into a field of kind To.
func (s *SchemaService) FieldCompatibility() []mapping.Compatibility {
	return mapping.CompatibilityTable()
}

// kinds lists every schema kind, for the operator table.
var kinds = []schema.Kind{
	schema.KindID, schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL,
	schema.KindBoolean, schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency,
	schema.KindDate, schema.KindDateTime, schema.KindPicklist, schema.KindMultiPicklist, schema.KindReference,
	schema.KindDuration, schema.KindOther,
}

// ConditionOperators returns, for each field kind, the condition operators
// the engine allows, in the order the condition builder offers them.
func (s *SchemaService) ConditionOperators() map[string][]string {
	out := make(map[string][]string, len(kinds))
	for _, k := range kinds {
		for _, op := range condition.Operators(k) {
			out[string(k)] = append(out[string(k)], string(op))
		}
	}
	return out
}

// ValidateCondition checks condition text against the describe of the
// object it filters: side is salesforce or clarizen, instance the Clarizen
// instance. An empty text matches every record and has no problem.
func (s *SchemaService) ValidateCondition(side string, instance int, object, text string) ([]ConditionProblem, error) {
	if strings.TrimSpace(text) == "" {
		return []ConditionProblem{}, nil
	}
	expr, err := condition.Parse(text)
	var syntax *condition.SyntaxError
	if errors.As(err, &syntax) {
		return []ConditionProblem{{Column: syntax.Column,
			Message: fmt.Sprintf("Expected %s but found %s.", syntax.Expected, syntax.Found), Fix: syntax.Fix}}, nil
	}
	if err != nil {
		return []ConditionProblem{{Message: err.Error()}}, nil
	}

	var obj schema.Object
	var related condition.RelatedFunc
	switch schema.Side(side) {
	case schema.Salesforce:
		obj, err = s.salesforceObject(object)
		related = func(name string) (schema.Object, bool) {
			o, err := s.salesforceObject(name)
			return o, err == nil
		}
	case schema.Clarizen:
		obj, err = s.clarizenObject(instance, object)
		related = func(name string) (schema.Object, bool) {
			o, err := s.clarizenObject(instance, name)
			return o, err == nil
		}
	default:
		return nil, invalidInput(fmt.Sprintf("invalid side %q: use salesforce or clarizen", side), nil)
	}
	if err != nil {
		return nil, err
	}
	out := []ConditionProblem{}
	for _, p := range condition.Check(expr, obj, related) {
		out = append(out, ConditionProblem{Field: p.Field, Message: p.Message, Fix: p.Fix})
	}
	return out, nil
}

// ConditionNode is a parsed condition as the condition builder edits it: a
// group of conditions joined by AND or OR (negated with NOT), or one rule.
type ConditionNode struct {
	// Type is "group" or "rule".
	Type     string          `json:"type"`
	Join     string          `json:"join,omitempty"`
	Negated  bool            `json:"negated,omitempty"`
	Children []ConditionNode `json:"children,omitempty"`
	Field    string          `json:"field,omitempty"`
	Op       string          `json:"op,omitempty"`
	// Value is the literal as a person types it: text without quotes, and
	// one list element a line.
	Value string `json:"value,omitempty"`
}

// ConditionTree parses condition text into the builder's tree, so that a
// saved condition opens in the builder. The root is always a group; an
// empty text gives an empty group.
func (s *SchemaService) ConditionTree(text string) (ConditionNode, error) {
	root := ConditionNode{Type: "group", Join: "AND", Children: []ConditionNode{}}
	if strings.TrimSpace(text) == "" {
		return root, nil
	}
	expr, err := condition.Parse(text)
	if err != nil {
		return root, invalidInput(err.Error(), err)
	}
	node := conditionNode(expr)
	if node.Type == "group" {
		return node, nil
	}
	root.Children = append(root.Children, node)
	return root, nil
}

func conditionNode(e condition.Expr) ConditionNode {
	switch x := e.(type) {
	case condition.And:
		return groupNode("AND", x.Terms)
	case condition.Or:
		return groupNode("OR", x.Terms)
	case condition.Not:
		inner := conditionNode(x.X)
		if inner.Type == "group" && !inner.Negated {
			inner.Negated = true
			return inner
		}
		return ConditionNode{Type: "group", Join: "AND", Negated: true, Children: []ConditionNode{inner}}
	case condition.Comparison:
		return ConditionNode{Type: "rule", Field: x.Field, Op: string(x.Op), Value: literalText(x.Value)}
	}
	return ConditionNode{Type: "group", Join: "AND", Children: []ConditionNode{}}
}

func groupNode(join string, terms []condition.Expr) ConditionNode {
	g := ConditionNode{Type: "group", Join: join, Children: make([]ConditionNode, 0, len(terms))}
	for _, t := range terms {
		g.Children = append(g.Children, conditionNode(t))
	}
	return g
}

// literalText writes a condition literal as a person types it.
func literalText(v condition.Value) string {
	switch x := v.(type) {
	case nil:
		return ""
	case condition.String:
		return string(x)
	case condition.Pattern:
		return string(x)
	case condition.List:
		parts := make([]string, len(x))
		for i, el := range x {
			parts[i] = literalText(el)
		}
		return strings.Join(parts, "\n")
	}
	return v.String()
}
