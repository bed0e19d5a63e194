package syncer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/salesforce"
)

// Reads are chunked so that a SOQL statement with an IN list stays well
// under the API's length limit (100,000 characters in SOQL; 18-character
// ids take 21 with quotes and comma).
const sfIDChunk = 200

// watermark returns a scope's stored watermark, zero when none.
func (p *planner) watermark(scope string) (time.Time, error) {
	v, err := p.r.db.Watermark(p.ctx, scope)
	if err != nil || v == "" {
		return time.Time{}, storeFailure(err)
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("read watermark %s: invalid value %q: %w", scope, v, err)
	}
	return t, nil
}

// mark plans the watermark a completed run stores for scope.
func (p *planner) mark(scope string, next time.Time) {
	p.plan.marks = append(p.plan.marks, mark{scope: scope, next: next})
}

// uniqueFields returns names without repeats (compared case-insensitively),
// in first-seen order, dropping empty names.
func uniqueFields(names ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, strings.TrimSpace(n))
	}
	return out
}

// sfQuery reads every record of a SOQL statement, page by page.
func (p *planner) sfQuery(mappingID, object string, q salesforce.SOQL) ([]Record, error) {
	soql, err := q.Build()
	if err != nil {
		return nil, err
	}
	if err := p.checkBudget(); err != nil {
		return nil, err
	}
	var out []Record
	byID := map[string]int{}
	err = p.sf.QueryPages(p.ctx, soql, salesforce.QueryOptions{}, func(page salesforce.Page) error {
		p.read(SalesforceConnection, mappingID)
		for _, raw := range page.Records {
			rec := recordFromSalesforce(object, raw)
			p.noteLabel(rec)
			// A record changed while the pages were read can come twice;
			// the later copy wins.
			if i, ok := byID[rec.ID]; ok {
				out[i] = rec
				continue
			}
			byID[rec.ID] = len(out)
			out = append(out, rec)
		}
		p.rep.update(func(pr *Progress) { pr.Read += len(page.Records) })
		// Checked before the next page's call.
		return p.checkBudget()
	})
	if err != nil {
		return nil, fmt.Errorf("read salesforce %s: %w", object, err)
	}
	return out, nil
}

// sfChanged reads the records of object changed since the watermark minus
// the overlap (every record when since is zero) that also match extra, and
// returns them with the newest SystemModstamp read.
func (p *planner) sfChanged(mappingID, object string, fields []string, extra salesforce.Condition, since time.Time) ([]Record, time.Time, error) {
	where := extra
	if !since.IsZero() {
		stamp := salesforce.Compare(sfStampField, ">=", since.Add(-p.overlap))
		if extra.String() != "" || extra.Err() != nil {
			where = salesforce.And(extra, stamp)
		} else {
			where = stamp
		}
	}
	q := salesforce.SOQL{Fields: uniqueFields(append([]string{"Id", sfStampField}, fields...)...), From: object,
		Where: where, OrderBy: []string{sfStampField, "Id"}}
	recs, err := p.sfQuery(mappingID, object, q)
	return recs, newestStamp(recs), err
}

// sfByIDs reads records by id, in chunks.
func (p *planner) sfByIDs(mappingID, object string, fields []string, ids []string) (map[string]Record, error) {
	out := make(map[string]Record, len(ids))
	ids = uniqueFields(ids...)
	for start := 0; start < len(ids); start += sfIDChunk {
		chunk := ids[start:min(start+sfIDChunk, len(ids))]
		q := salesforce.SOQL{Fields: uniqueFields(append([]string{"Id", sfStampField}, fields...)...), From: object,
			Where: salesforce.In("Id", chunk)}
		recs, err := p.sfQuery(mappingID, object, q)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			out[r.ID] = r
		}
	}
	return out, nil
}

// czChanged reads the entities of a type updated since the watermark minus
// the overlap (every entity when since is zero), with the newest
// LastUpdatedOn read.
func (p *planner) czChanged(conn, mappingID, typeName string, fields []string, since time.Time) ([]Record, time.Time, error) {
	from := time.Unix(0, 0).UTC()
	if !since.IsZero() {
		from = since.Add(-p.overlap)
	}
	recs, err := p.czUpdatedSince(conn, mappingID, typeName, fields, nil, from)
	if err != nil {
		return nil, time.Time{}, err
	}
	return recs, newestStamp(recs), nil
}

// czByIDs reads entities by id, in chunks of the bulk size. Ids the service
// did not return (deleted) are missing from the map, whose keys are the
// lower-case ids.
func (p *planner) czByIDs(conn, mappingID string, ids []string, fields []string) (map[string]Record, error) {
	cz := p.cz[conn]
	out := make(map[string]Record, len(ids))
	fields = uniqueFields(append(withoutID(fields), czStampField)...)
	for start := 0; start < len(ids); start += ClarizenBatchSize {
		chunk := ids[start:min(start+ClarizenBatchSize, len(ids))]
		eids := make([]clarizen.EntityID, len(chunk))
		for i, id := range chunk {
			eids[i] = clarizen.EntityID(id)
		}
		p.read(conn, mappingID)
		ents, err := cz.RetrieveMultiple(p.ctx, eids, fields)
		if err != nil {
			return nil, fmt.Errorf("read clarizen %s entities: %w", conn, err)
		}
		for _, e := range ents {
			if e.ID == "" {
				continue
			}
			rec, err := recordFromClarizen(e)
			if err != nil {
				return nil, err
			}
			p.noteLabel(rec)
			out[strings.ToLower(rec.ID)] = rec
		}
	}
	return out, nil
}

// czUpdatedSince reads the entities of a type that match where (nil for
// every entity) and changed at or after since, paged by stamp so that
// entities updated during the read are not skipped. Repeats are dropped;
// the later copy wins.
func (p *planner) czUpdatedSince(conn, mappingID, typeName string, fields []string, where czql.Condition, since time.Time) ([]Record, error) {
	var out []Record
	byID := map[string]int{}
	err := p.cz[conn].UpdatedSinceWhere(p.ctx, typeName, withoutID(fields), where, since, func(page []clarizen.Entity) error {
		p.read(conn, mappingID)
		for _, e := range page {
			rec, err := recordFromClarizen(e)
			if err != nil {
				return err
			}
			rec.Object = typeName
			p.noteLabel(rec)
			key := strings.ToLower(rec.ID)
			if i, ok := byID[key]; ok {
				out[i] = rec
				continue
			}
			byID[key] = len(out)
			out = append(out, rec)
		}
		p.rep.update(func(pr *Progress) { pr.Read += len(page) })
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read clarizen %s %s: %w", conn, typeName, err)
	}
	return out, nil
}

// czQuery reads every row of a CZQL statement.
func (p *planner) czQuery(conn, mappingID, typeName, statement string) ([]Record, error) {
	var out []Record
	err := p.cz[conn].Query(p.ctx, statement, func(page []clarizen.Entity) error {
		p.read(conn, mappingID)
		for _, e := range page {
			rec, err := recordFromClarizen(e)
			if err != nil {
				return err
			}
			if rec.Object == "" {
				rec.Object = typeName
			}
			p.noteLabel(rec)
			out = append(out, rec)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query clarizen %s %s: %w", conn, typeName, err)
	}
	return out, nil
}

// withoutID drops "id", which every Clarizen read returns anyway and which
// the service rejects as a field name.
func withoutID(fields []string) []string {
	return slices.DeleteFunc(slices.Clone(fields), func(f string) bool { return strings.EqualFold(f, "id") })
}

// newestOf returns the newest stamp of records read by id.
func newestOf(recs map[string]Record) time.Time {
	var t time.Time
	for _, r := range recs {
		t = laterOf(t, r.Stamp)
	}
	return t
}

func newestStamp(recs []Record) time.Time {
	var t time.Time
	for _, r := range recs {
		if r.Stamp.After(t) {
			t = r.Stamp
		}
	}
	return t
}
