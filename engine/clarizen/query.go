package clarizen

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen/api"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
)

// PageFunc receives one page of a query. Returning ErrStopPaging ends the
// query early without an error; any other error ends it with that error.
type PageFunc func(page []Entity) error

// ErrStopPaging is returned by a PageFunc to stop reading further pages.
var ErrStopPaging = errors.New("stop paging")

// Order is one sort key of an EntityQuery.
type Order struct {
	Field      string
	Descending bool
}

// Relation requests the related entities nested under each result.
type Relation struct {
	Name     string
	Fields   []string
	Where    *Condition
	FromLink bool
}

// EntityQuery is a data/entityQuery request. Deleted reads deleted
// entities instead of live ones.
type EntityQuery struct {
	TypeName  string
	Fields    []string
	Where     *Condition
	Orders    []Order
	Relations []Relation
	Deleted   bool
}

// RelationQuery is a data/relationQuery request: the entities related to
// EntityID through Relation (a name from describeEntityRelations, such as
// "Customers"). FromLink returns the link entities (CustomerLink) instead.
type RelationQuery struct {
	EntityID EntityID
	Relation string
	Fields   []string
	Where    *Condition
	Orders   []Order
	FromLink bool
}

// Query runs a CZQL statement (data/query) and passes each page to fn.
func (c *Client) Query(ctx context.Context, statement string, fn PageFunc) error {
	body := func(p *api.Paging) any { return api.QueryRequest{Q: statement, Paging: p} }
	return c.queryPages(ctx, "query", "", "data/query", body, fn)
}

// QueryAll runs a CZQL statement and returns every row.
func (c *Client) QueryAll(ctx context.Context, statement string) ([]Entity, error) {
	var all []Entity
	err := c.Query(ctx, statement, func(page []Entity) error {
		all = append(all, page...)
		return nil
	})
	return all, err
}

// EntityQuery runs q (data/entityQuery) and passes each page to fn.
func (c *Client) EntityQuery(ctx context.Context, q EntityQuery, fn PageFunc) error {
	body := func(p *api.Paging) any {
		return api.EntityQuery{
			TypeName:  q.TypeName,
			Fields:    q.Fields,
			Orders:    wireOrders(q.Orders),
			Where:     wireWhere(q.Where),
			Relations: wireRelations(q.Relations),
			Deleted:   q.Deleted,
			Paging:    p,
		}
	}
	return c.queryPages(ctx, "entity query", q.TypeName, "data/entityQuery", body, fn)
}

// RelationQuery runs q (data/relationQuery) and passes each page to fn.
func (c *Client) RelationQuery(ctx context.Context, q RelationQuery, fn PageFunc) error {
	body := func(p *api.Paging) any {
		return api.RelationQuery{
			EntityID:     string(q.EntityID),
			RelationName: q.Relation,
			Fields:       q.Fields,
			Orders:       wireOrders(q.Orders),
			Where:        wireWhere(q.Where),
			FromLink:     q.FromLink,
			Paging:       p,
		}
	}
	return c.queryPages(ctx, "relation query", string(q.EntityID), "data/relationQuery", body, fn)
}

// Customers returns the customers linked to a work item through
// CustomerLink.
func (c *Client) Customers(ctx context.Context, workItem EntityID, fields ...string) ([]Entity, error) {
	var all []Entity
	q := RelationQuery{EntityID: workItem, Relation: "Customers", Fields: fields}
	err := c.RelationQuery(ctx, q, func(page []Entity) error {
		all = append(all, page...)
		return nil
	})
	return all, err
}

// UpdatedSince reads the entities of a type whose LastUpdatedOn is at or
// after since, oldest first. Entities stamped exactly at since come again
// on the next read, so a caller that keeps the newest stamp as its
// watermark misses nothing and must drop repeats. Entities updated while
// the pages are read are not skipped (see readByStamp); they may come
// twice, with their old and their new stamp.
func (c *Client) UpdatedSince(ctx context.Context, typeName string, fields []string, since time.Time, fn PageFunc) error {
	return c.UpdatedSinceWhere(ctx, typeName, fields, nil, since, fn)
}

// UpdatedSinceWhere is UpdatedSince limited to the entities that also
// match where; a nil where matches every entity.
func (c *Client) UpdatedSinceWhere(ctx context.Context, typeName string, fields []string, where czql.Condition, since time.Time, fn PageFunc) error {
	fields = withField(fields, stampField)
	body := func(from time.Time, p *api.Paging) (any, error) {
		cond := czql.Ge(stampField, czql.Stamp(from))
		if where != nil {
			cond = czql.And(where, cond)
		}
		statement, err := czql.Select(fields...).From(typeName).Where(cond).
			OrderBy(stampField, czql.Asc).OrderBy("id", czql.Asc).Build()
		if err != nil {
			return nil, fmt.Errorf("read %s updated since %s: %w", typeName, from.Format(time.RFC3339), err)
		}
		return api.QueryRequest{Q: statement, Paging: p}, nil
	}
	return c.readByStamp(ctx, "query", typeName, "data/query", since, body, fn)
}

// DeletedSince reads the deleted entities of a type whose LastUpdatedOn is
// at or after since (entityQuery with deleted: true), oldest first, paged
// like UpdatedSince.
//
// NOTE: that LastUpdatedOn of a deleted entity is its deletion time is an
// inference from the documented parts; check it against a live tenant.
func (c *Client) DeletedSince(ctx context.Context, typeName string, fields []string, since time.Time, fn PageFunc) error {
	fields = withField(fields, stampField)
	body := func(from time.Time, p *api.Paging) (any, error) {
		where := Compare(stampField, GreaterThanOrEqual, stampText(from))
		return api.EntityQuery{
			TypeName: typeName,
			Fields:   fields,
			Where:    wireWhere(&where),
			Orders:   wireOrders([]Order{{Field: stampField}, {Field: "id"}}),
			Deleted:  true,
			Paging:   p,
		}, nil
	}
	return c.readByStamp(ctx, "entity query", typeName, "data/entityQuery", since, body, fn)
}

// stampField is the last-change stamp every entity has.
const stampField = "LastUpdatedOn"

// stampText writes t with the seven fractional digits the service prints,
// so that a condition compares a stamp read back without rounding it.
func stampText(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.0000000")
}

// readByStamp reads a query ordered by LastUpdatedOn, then id, page by
// page, keyed on the stamp instead of the row offset. Offset paging runs
// the query again for every page. An entity updated after its page was read
// then moves to the end and the rows behind it move up by one, so the row
// at the next page boundary is never returned.
//
// Here each page that reaches a newer stamp starts the query again with
// "LastUpdatedOn >= newest stamp read", and the entities already read at
// exactly that stamp are dropped from the answer. The offset is used only
// inside a run of entities sharing one stamp that is longer than a page,
// where an update can still shift rows. body builds the request for the
// given lower bound and paging.
//
// NOTE: the simulator gives every write its own stamp, so that offset
// branch runs only against a service that stamps two entities alike.
func (c *Client) readByStamp(ctx context.Context, op, label, path string, since time.Time,
	body func(from time.Time, p *api.Paging) (any, error), fn PageFunc,
) error {
	cursor := since.UTC()
	// atCursor holds the lower-case ids read with LastUpdatedOn == cursor.
	atCursor := map[string]bool{}
	paging := api.Paging{From: 0, Limit: c.pageSize}
	for {
		req, err := body(cursor, &paging)
		if err != nil {
			return err
		}
		var result api.QueryResult
		if _, err := c.post(ctx, op, label, path, true, req, &result); err != nil {
			return err
		}

		page := make([]Entity, 0, len(result.Entities))
		newest := cursor
		var newestIDs []string
		for _, w := range result.Entities {
			e := entityFromWire(w)
			stamp, ok := e.Time(stampField)
			if !ok {
				return &Error{Op: op, EntityID: label, Message: fmt.Sprintf("entity %s has no %s to page by", e.ID, stampField)}
			}
			id := strings.ToLower(string(e.ID))
			if stamp.Equal(cursor) && atCursor[id] {
				continue
			}
			page = append(page, e)
			switch {
			case stamp.After(newest):
				newest, newestIDs = stamp, []string{id}
			case stamp.Equal(newest):
				newestIDs = append(newestIDs, id)
			}
		}
		if len(page) > 0 {
			if err := fn(page); err != nil {
				if errors.Is(err, ErrStopPaging) {
					return nil
				}
				return err
			}
		}
		if !result.Paging.HasMore {
			return nil
		}

		if newest.After(cursor) {
			cursor, atCursor = newest, map[string]bool{}
			paging = api.Paging{From: 0, Limit: c.pageSize}
		} else {
			// The whole page shares the cursor's stamp: go on by offset.
			if result.Paging.From == paging.From {
				return &Error{Op: op, EntityID: label, Message: fmt.Sprintf("paging did not advance past from=%d", paging.From)}
			}
			paging = result.Paging
		}
		for _, id := range newestIDs {
			atCursor[id] = true
		}
	}
}

// queryPages reads a query that returns entities, page by page.
func (c *Client) queryPages(ctx context.Context, op, label, path string, body func(*api.Paging) any, fn PageFunc) error {
	handle := func(result *api.QueryResult) error {
		page := make([]Entity, len(result.Entities))
		for i, w := range result.Entities {
			page[i] = entityFromWire(w)
		}
		return fn(page)
	}
	pagingOf := func(result *api.QueryResult) api.Paging { return result.Paging }
	return paginate(ctx, c, op, label, path, body, pagingOf, handle)
}

// paginate sends the first page request, then sends each returned paging
// object back unchanged while hasMore is true. The service moves "from"
// itself, so the client never adds the limit. A page that does not move it
// ends the loop with an error instead of repeating forever.
func paginate[R any](ctx context.Context, c *Client, op, label, path string,
	body func(*api.Paging) any, pagingOf func(*R) api.Paging, handle func(*R) error,
) error {
	paging := api.Paging{From: 0, Limit: c.pageSize}
	for {
		var result R
		if _, err := c.post(ctx, op, label, path, true, body(&paging), &result); err != nil {
			return err
		}
		if err := handle(&result); err != nil {
			if errors.Is(err, ErrStopPaging) {
				return nil
			}
			return err
		}
		next := pagingOf(&result)
		if !next.HasMore {
			return nil
		}
		if next.From == paging.From {
			return &Error{Op: op, EntityID: label, Message: fmt.Sprintf("paging did not advance past from=%d", paging.From)}
		}
		paging = next
	}
}

func withField(fields []string, name string) []string {
	for _, f := range fields {
		if f == name {
			return fields
		}
	}
	return append(append([]string(nil), fields...), name)
}

func wireOrders(orders []Order) []api.OrderBy {
	if len(orders) == 0 {
		return nil
	}
	out := make([]api.OrderBy, len(orders))
	for i, o := range orders {
		out[i] = api.OrderBy{FieldName: o.Field, Order: "Ascending"}
		if o.Descending {
			out[i].Order = "Descending"
		}
	}
	return out
}

func wireWhere(c *Condition) *api.Condition {
	if c == nil {
		return nil
	}
	w := c.wire
	return &w
}

func wireRelations(rels []Relation) []api.Relation {
	out := make([]api.Relation, len(rels))
	for i, r := range rels {
		out[i] = api.Relation{Name: r.Name, Fields: r.Fields, Where: wireWhere(r.Where), FromLink: r.FromLink}
	}
	return out
}
