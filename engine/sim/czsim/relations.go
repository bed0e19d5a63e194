package czsim

import "strings"

// related returns the live records that rel relates to rec, or the link
// records themselves when fromLink is set and rel goes through a link.
func (s *Server) related(rec *record, rel *relationDef, fromLink bool) []*record {
	id := rec.ref().String()
	pointsAt := func(other *record, field string) bool {
		ref, ok := other.refField(field)
		return ok && strings.EqualFold(ref.String(), id)
	}
	if rel.LinkType == "" {
		t, _ := s.cat.lookup(rel.Related)
		var out []*record
		for _, other := range s.st.scan(t, false) {
			if pointsAt(other, rel.Source) || (rel.Source == "Container" && containsFold(other.related, id)) {
				out = append(out, other)
			}
		}
		return out
	}
	linkType, _ := s.cat.lookup(rel.LinkType)
	var out []*record
	for _, link := range s.st.scan(linkType, false) {
		if !pointsAt(link, rel.Source) {
			continue
		}
		if fromLink {
			out = append(out, link)
			continue
		}
		ref, ok := link.refField(rel.Target)
		if !ok {
			continue
		}
		if far, found := s.st.getRef(s.cat, ref); found && far.typ.isA(rel.Related) {
			out = append(out, far)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, item := range list {
		if strings.EqualFold(item, s) {
			return true
		}
	}
	return false
}

// relationFromObject reads one item of entityQuery's relations list:
// {"name", "fields", "where", "orders", "fromLink"}.
func (s *Server) relationFromObject(t *entityType, obj jsonObject) (relationSpec, error) {
	name, err := obj.str("name")
	if err != nil {
		return relationSpec{}, err
	}
	rel, ok := t.relation(name)
	if !ok {
		return relationSpec{}, errorf(codeInvalidArgument, "entity type %s has no relation %q", t.Name, name)
	}
	fromLink, err := obj.boolean("fromLink")
	if err != nil {
		return relationSpec{}, err
	}
	target := rel.Related
	if fromLink && rel.LinkType != "" {
		target = rel.LinkType
	}
	related, _ := s.cat.lookup(target)
	spec, err := s.specBody(related, obj)
	if err != nil {
		return relationSpec{}, err
	}
	return relationSpec{rel: rel, spec: spec, fromLink: fromLink, limit: defaultPageLimit}, nil
}

// handleRelationQuery serves data/relationQuery: the records related to
// entityId through relationName, paged like any query.
func handleRelationQuery(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	entityID, err := in.str("entityId")
	if err != nil {
		return reply{}, err
	}
	if entityID == "" {
		return reply{}, errorf(codeMissingArgument, "entityId is required")
	}
	rec, err := s.lookupID(entityID)
	if err != nil {
		return reply{}, err
	}
	name, err := in.str("relationName")
	if err != nil {
		return reply{}, err
	}
	if name == "" {
		return reply{}, errorf(codeMissingArgument, "relationName is required")
	}
	obj := jsonObject{}
	for k, v := range in {
		obj[k] = v
	}
	obj["name"] = name
	rs, err := s.relationFromObject(rec.typ, obj)
	if err != nil {
		return reply{}, err
	}
	relations, err := in.list("relations")
	if err != nil {
		return reply{}, err
	}
	for _, item := range relations {
		m, ok := item.(map[string]any)
		if !ok {
			return reply{}, errorf(codeInvalidArgument, "relations must be a list of objects")
		}
		nested, err := s.relationFromObject(rs.spec.typ, jsonObject(m))
		if err != nil {
			return reply{}, err
		}
		rs.spec.relations = append(rs.spec.relations, nested)
	}
	if err := s.validate(&rs.spec); err != nil {
		return reply{}, err
	}
	p, err := parsePaging(in)
	if err != nil {
		return reply{}, err
	}
	r := s.newReader()
	recs, err := s.filter(r, rs.spec, s.related(rec, rs.rel, rs.fromLink))
	if err != nil {
		return reply{}, err
	}
	page, pagingOut := pageOf(recs, p)
	entities, err := s.encodeAll(r, rs.spec, page)
	if err != nil {
		return reply{}, err
	}
	return okReply(map[string]any{"entities": entities, "paging": pagingOut})
}
