package czsim

import (
	"strings"

	"github.com/liaison-sync/liaison/engine/sim/czsim/czql"
)

// handleEntityQuery serves data/entityQuery.
func handleEntityQuery(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	spec, err := s.specFromEntityQuery(in)
	if err != nil {
		return reply{}, err
	}
	p, err := parsePaging(in)
	if err != nil {
		return reply{}, err
	}
	return s.answer(spec, p)
}

// specFromEntityQuery builds a spec from an entityQuery body: typeName,
// fields, where, orders, relations and deleted.
func (s *Server) specFromEntityQuery(in jsonObject) (querySpec, error) {
	typeName, err := in.str("typeName")
	if err != nil {
		return querySpec{}, err
	}
	if typeName == "" {
		return querySpec{}, errorf(codeMissingArgument, "typeName is required")
	}
	t, err := s.typeForQuery(typeName)
	if err != nil {
		return querySpec{}, err
	}
	spec, err := s.specBody(t, in)
	if err != nil {
		return querySpec{}, err
	}
	if spec.deleted, err = in.boolean("deleted"); err != nil {
		return querySpec{}, err
	}

	relations, err := in.list("relations")
	if err != nil {
		return querySpec{}, err
	}
	for _, item := range relations {
		obj, ok := item.(map[string]any)
		if !ok {
			return querySpec{}, errorf(codeInvalidArgument, "relations must be a list of objects")
		}
		rs, err := s.relationFromObject(t, jsonObject(obj))
		if err != nil {
			return querySpec{}, err
		}
		spec.relations = append(spec.relations, rs)
	}
	return spec, nil
}

// specBody reads the fields, where and orders members shared by
// entityQuery, relationQuery and relation requests.
func (s *Server) specBody(t *entityType, in jsonObject) (querySpec, error) {
	spec := querySpec{typ: t}
	fields, err := in.strs("fields")
	if err != nil {
		return spec, err
	}
	spec.fields = splitFields(fields)
	if where, present := in.get("where"); present && where != nil {
		if spec.where, err = s.parseCondition(where); err != nil {
			return spec, err
		}
	}
	if spec.orders, err = parseOrders(in); err != nil {
		return spec, err
	}
	return spec, nil
}

func parseOrders(in jsonObject) ([]czql.Order, error) {
	list, err := in.list("orders")
	if err != nil {
		return nil, err
	}
	var orders []czql.Order
	for _, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, errorf(codeInvalidArgument, "orders must be a list of {fieldName, order} objects")
		}
		o := jsonObject(obj)
		name, err := o.str("fieldName")
		if err != nil {
			return nil, err
		}
		if name == "" {
			return nil, errorf(codeMissingArgument, "orders[].fieldName is required")
		}
		dir, err := o.str("order")
		if err != nil {
			return nil, err
		}
		var desc bool
		switch strings.ToLower(dir) {
		case "", "ascending", "asc":
		case "descending", "desc":
			desc = true
		default:
			return nil, errorf(codeInvalidArgument, "order must be Ascending or Descending, not %q", dir)
		}
		orders = append(orders, czql.Order{Path: strings.Split(name, "."), Desc: desc})
	}
	return orders, nil
}

// handleCountQuery serves data/countQuery: {"query": <query with _type>}
// returns {"count": N}.
func handleCountQuery(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	query, err := in.obj("query")
	if err != nil {
		return reply{}, err
	}
	if query == nil {
		query = in
	}
	spec, err := s.specFromTypedQuery(query)
	if err != nil {
		return reply{}, err
	}
	if err := s.validate(&spec); err != nil {
		return reply{}, err
	}
	recs, err := s.run(s.newReader(), spec)
	if err != nil {
		return reply{}, err
	}
	return okReply(map[string]any{"count": len(recs)})
}

// specFromTypedQuery reads a nested query object: a cZQLQuery ({"q": ...})
// or an entityQuery ({"typeName": ...}). The _type member is optional; the
// shape decides when it is missing.
func (s *Server) specFromTypedQuery(query jsonObject) (querySpec, error) {
	kind, err := query.str("_type")
	if err != nil {
		return querySpec{}, err
	}
	switch {
	case strings.EqualFold(kind, "cZQLQuery") || (kind == "" && query.has("q")):
		text, err := query.str("q")
		if err != nil {
			return querySpec{}, err
		}
		q, err := parseCZQL(text)
		if err != nil {
			return querySpec{}, err
		}
		spec, _, err := s.specFromCZQL(q)
		return spec, err
	case strings.EqualFold(kind, "entityQuery") || (kind == "" && query.has("typeName")):
		return s.specFromEntityQuery(query)
	}
	return querySpec{}, errorf(codeInvalidArgument, "unsupported query type %q; use cZQLQuery or entityQuery", kind)
}
