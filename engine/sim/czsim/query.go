package czsim

import (
	"errors"
	"slices"
	"strings"

	"github.com/liaison-sync/liaison/engine/sim/czsim/czql"
)

const (
	defaultPageLimit = 100
	// maxPageLimit caps one page. NOTE: the real maximum is not documented;
	// real clients page with 1000, so the cap sits above that.
	maxPageLimit = 5000
)

// querySpec is a query in the form the evaluator runs: from CZQL, from an
// entityQuery body, or from a relation.
type querySpec struct {
	typ       *entityType
	fields    [][]string
	where     czql.Expr // nil matches everything
	orders    []czql.Order
	deleted   bool
	relations []relationSpec
}

// relationSpec requests the related records of each result.
type relationSpec struct {
	rel      *relationDef
	spec     querySpec
	fromLink bool
	limit    int
}

// paging is the request's paging object.
type paging struct {
	from, limit int
	// sent is true when the request carried a paging object.
	sent bool
}

func parsePaging(in jsonObject) (paging, error) {
	p := paging{limit: defaultPageLimit}
	obj, err := in.obj("paging")
	if err != nil || obj == nil {
		return p, err
	}
	p.sent = true
	if from, ok, err := obj.integer("from"); err != nil {
		return p, err
	} else if ok {
		if from < 0 {
			return p, errorf(codeInvalidArgument, "paging.from must not be negative")
		}
		p.from = from
	}
	if limit, ok, err := obj.integer("limit"); err != nil {
		return p, err
	} else if ok && limit > 0 {
		p.limit = limit
	}
	p.limit = min(p.limit, maxPageLimit)
	return p, nil
}

// pageOf cuts one page out of the results. The returned paging object has
// from advanced past this page, so a client that sends it back unchanged
// gets the next page.
func pageOf[T any](items []T, p paging) ([]T, map[string]any) {
	start := min(p.from, len(items))
	end := min(start+p.limit, len(items))
	return items[start:end], map[string]any{"from": end, "limit": p.limit, "hasMore": end < len(items)}
}

// typeForQuery resolves the type a query reads. Abstract types read all
// their subtypes; picklist types cannot be queried.
func (s *Server) typeForQuery(name string) (*entityType, error) {
	t, ok := s.cat.lookup(name)
	if !ok {
		return nil, errorf(codeInvalidType, "unknown entity type %q", name)
	}
	if t.Picklist {
		return nil, errorf(codeInvalidType, "%s is a picklist; read its values with metadata/describeMetadata", t.Name)
	}
	return t, nil
}

// recordView adapts a record to czql.Record.
type recordView struct {
	r   *reader
	rec *record
}

func (v recordView) Value(path []string) (czql.Value, error) { return v.r.czqlValue(v.rec, path) }

// filter returns the candidates that match the spec's condition, sorted by
// its order (insertion order when none is given).
func (s *Server) filter(r *reader, spec querySpec, candidates []*record) ([]*record, error) {
	var out []*record
	for _, rec := range candidates {
		if spec.where != nil {
			matched, err := czql.Match(spec.where, recordView{r, rec})
			if err != nil {
				return nil, queryError(err)
			}
			if !matched {
				continue
			}
		}
		out = append(out, rec)
	}
	if len(spec.orders) == 0 {
		return out, nil
	}
	var sortErr error
	slices.SortStableFunc(out, func(a, b *record) int {
		for _, o := range spec.orders {
			va, err := r.czqlValue(a, o.Path)
			if err != nil {
				sortErr = err
				return 0
			}
			vb, err := r.czqlValue(b, o.Path)
			if err != nil {
				sortErr = err
				return 0
			}
			c := czql.CompareValues(va, vb)
			if o.Desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	return out, sortErr
}

// queryError turns an evaluation failure into an API error.
func queryError(err error) error {
	var e *apiError
	if errors.As(err, &e) {
		return e
	}
	return errorf(codeInvalidArgument, "%v", err)
}

// run evaluates a spec against all records of its type.
func (s *Server) run(r *reader, spec querySpec) ([]*record, error) {
	return s.filter(r, spec, s.st.scan(spec.typ, spec.deleted))
}

// encodeAll renders records with the spec's fields and relations.
func (s *Server) encodeAll(r *reader, spec querySpec, recs []*record) ([]any, error) {
	out := make([]any, 0, len(recs))
	for _, rec := range recs {
		entity, err := r.encode(rec, spec.fields)
		if err != nil {
			return nil, err
		}
		for _, rs := range spec.relations {
			related, err := s.filter(r, rs.spec, s.related(rec, rs.rel, rs.fromLink))
			if err != nil {
				return nil, err
			}
			page, pagingOut := pageOf(related, paging{limit: rs.limit})
			encoded, err := s.encodeAll(r, rs.spec, page)
			if err != nil {
				return nil, err
			}
			entity[rs.rel.Name] = map[string]any{"entities": encoded, "paging": pagingOut}
		}
		out = append(out, entity)
	}
	return out, nil
}

// answer runs a spec and returns one page in the {entities, paging} form.
func (s *Server) answer(spec querySpec, p paging) (reply, error) {
	if err := s.validate(&spec); err != nil {
		return reply{}, err
	}
	r := s.newReader()
	recs, err := s.run(r, spec)
	if err != nil {
		return reply{}, err
	}
	page, pagingOut := pageOf(recs, p)
	entities, err := s.encodeAll(r, spec, page)
	if err != nil {
		return reply{}, err
	}
	return okReply(map[string]any{"entities": entities, "paging": pagingOut})
}

// specFromCZQL builds a spec from parsed CZQL. LIMIT and OFFSET act as the
// paging of a request that has no paging object.
func (s *Server) specFromCZQL(q *czql.Query) (querySpec, paging, error) {
	t, err := s.typeForQuery(q.From)
	if err != nil {
		return querySpec{}, paging{}, err
	}
	spec := querySpec{typ: t, where: q.Where, orders: q.OrderBy}
	for _, f := range q.Fields {
		if f.Sub == nil {
			spec.fields = append(spec.fields, f.Path)
			continue
		}
		rel, ok := t.relation(f.Sub.From)
		if !ok {
			return querySpec{}, paging{}, errorf(codeInvalidArgument, "entity type %s has no relation %q", t.Name, f.Sub.From)
		}
		related, _ := s.cat.lookup(rel.Related)
		sub := relationSpec{rel: rel, limit: defaultPageLimit,
			spec: querySpec{typ: related, where: f.Sub.Where, orders: f.Sub.OrderBy}}
		for _, sf := range f.Sub.Fields {
			if sf.Sub != nil {
				return querySpec{}, paging{}, errorf(codeInvalidArgument, "relation queries cannot be nested")
			}
			sub.spec.fields = append(sub.spec.fields, sf.Path)
		}
		if f.Sub.Limit > 0 {
			sub.limit = min(f.Sub.Limit, maxPageLimit)
		}
		spec.relations = append(spec.relations, sub)
	}
	p := paging{from: max(q.Offset, 0), limit: defaultPageLimit}
	if q.Limit > 0 {
		p.limit = min(q.Limit, maxPageLimit)
	}
	return spec, p, nil
}

func parseCZQL(text string) (*czql.Query, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errorf(codeMissingArgument, "q is required: a CZQL query such as SELECT Name FROM Task")
	}
	q, err := czql.Parse(text)
	if err != nil {
		return nil, errorf(codeInvalidArgument, "%v", err)
	}
	return q, nil
}

// handleQuery serves data/query: {"q": "<CZQL>", "paging": {...}}.
func handleQuery(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	text, err := in.str("q")
	if err != nil {
		return reply{}, err
	}
	q, err := parseCZQL(text)
	if err != nil {
		return reply{}, err
	}
	spec, p, err := s.specFromCZQL(q)
	if err != nil {
		return reply{}, err
	}
	requested, err := parsePaging(in)
	if err != nil {
		return reply{}, err
	}
	if requested.sent {
		p = requested
	}
	return s.answer(spec, p)
}

// handleSearch serves data/search: entities whose display name contains q.
func handleSearch(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	term, err := in.str("q")
	if err != nil {
		return reply{}, err
	}
	if strings.TrimSpace(term) == "" {
		return reply{}, errorf(codeMissingArgument, "q is required: the text to search for")
	}
	typeName, err := in.str("typeName")
	if err != nil {
		return reply{}, err
	}
	if typeName == "" {
		typeName = "WorkItem"
	}
	t, err := s.typeForQuery(typeName)
	if err != nil {
		return reply{}, err
	}
	fields, err := in.strs("fields")
	if err != nil {
		return reply{}, err
	}

	spec := querySpec{typ: t, fields: splitFields(fields),
		where: &czql.Compare{Path: []string{t.DisplayField}, Op: czql.OpContains, Value: czql.Literal{Kind: czql.LitString, Str: term}}}
	p, err := parsePaging(in)
	if err != nil {
		return reply{}, err
	}
	return s.answer(spec, p)
}
