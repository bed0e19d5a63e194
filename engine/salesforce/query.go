package salesforce

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// ErrStopPaging ends QueryPages early without an error when a page callback
// returns it.
var ErrStopPaging = errors.New("stop paging")

// QueryOptions tune a query.
type QueryOptions struct {
	// All runs queryAll, which also returns deleted (IsDeleted = true) and
	// archived rows.
	All bool
	// BatchSize requests this many rows per page through the
	// Sforce-Query-Options header: 200 to 2000, 0 for the server default
	// (2000). The server may return fewer.
	BatchSize int
}

// Page is one page of a query response.
type Page struct {
	Records   []Record
	TotalSize int
	// Number counts pages from 1.
	Number int
	// Last is true on the final page.
	Last bool
}

// QueryPages runs soql and calls fn with each page, following
// nextRecordsUrl to the end, so that memory stays bounded on big orgs. fn
// may return ErrStopPaging to end early.
func (c *Client) QueryPages(ctx context.Context, soql string, opts QueryOptions, fn func(Page) error) error {
	op, path := "query", "/query"
	if opts.All {
		op, path = "queryAll", "/queryAll"
	}
	var header http.Header
	if opts.BatchSize > 0 {
		size := min(max(opts.BatchSize, 200), 2000)
		header = http.Header{"Sforce-Query-Options": {"batchSize=" + strconv.Itoa(size)}}
	}
	next := call{op: op, path: path, query: url.Values{"q": {soql}}, header: header}
	for number := 1; ; number++ {
		var res api.QueryResult
		if err := c.getJSON(ctx, next, &res); err != nil {
			return err
		}
		page := Page{TotalSize: res.TotalSize, Number: number, Records: make([]Record, 0, len(res.Records))}
		for _, raw := range res.Records {
			rec, err := decodeRecord(raw)
			if err != nil {
				return &Error{Op: op, Err: err}
			}
			page.Records = append(page.Records, rec)
		}
		// With no rows the API may omit done, so an absent nextRecordsUrl
		// also ends the paging.
		page.Last = res.Done || res.NextRecordsURL == ""
		if err := fn(page); err != nil {
			if errors.Is(err, ErrStopPaging) {
				return nil
			}
			return err
		}
		if page.Last {
			return nil
		}
		next = call{op: op, path: res.NextRecordsURL, header: header}
	}
}

// Query returns the records of soql one at a time, fetching pages as the
// loop advances. Stopping the loop early stops the paging.
func (c *Client) Query(ctx context.Context, soql string, opts QueryOptions) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		err := c.QueryPages(ctx, soql, opts, func(p Page) error {
			for _, r := range p.Records {
				if !yield(r, nil) {
					return ErrStopPaging
				}
			}
			return nil
		})
		if err != nil {
			yield(Record{}, err)
		}
	}
}

// QueryRecords collects every record of soql in memory; use QueryPages for
// queries that may return many rows.
func (c *Client) QueryRecords(ctx context.Context, soql string, opts QueryOptions) ([]Record, error) {
	var out []Record
	err := c.QueryPages(ctx, soql, opts, func(p Page) error {
		out = append(out, p.Records...)
		return nil
	})
	return out, err
}
