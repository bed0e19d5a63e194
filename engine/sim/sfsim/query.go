package sfsim

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// cursor keeps the remaining rows of a query for nextRecordsUrl paging.
type cursor struct {
	rows      []any
	totalSize int
	batch     int
	resource  string // query, queryAll or tooling/query
	touched   time.Time
}

const (
	defaultBatchSize = 2000
	minBatchSize     = 200
	maxBatchSize     = 2000
	cursorIdle       = 15 * time.Minute
)

var batchSizePattern = regexp.MustCompile(`(?i)batchSize\s*=\s*(\d+)`)

// batchSize reads Sforce-Query-Options: batchSize=N, clamped to 200..2000.
func batchSize(r *http.Request) int {
	m := batchSizePattern.FindStringSubmatch(r.Header.Get("Sforce-Query-Options"))
	if m == nil {
		return defaultBatchSize
	}
	n, _ := strconv.Atoi(m[1])
	return min(max(n, minBatchSize), maxBatchSize)
}

func (s *Server) handleQuery(r *request) response {
	return s.query(r, s.org, s.data, false, "query")
}

func (s *Server) handleQueryAll(r *request) response {
	return s.query(r, s.org, s.data, true, "queryAll")
}

func (s *Server) query(r *request, sc *schema, st *store, all bool, resource string) response {
	q := r.URL.Query()
	text := q.Get("q")
	if text == "" {
		if q.Has("explain") {
			return errorResponse(http.StatusBadRequest, "MALFORMED_QUERY", "The simulator does not support query plans")
		}
		return errorResponse(http.StatusBadRequest, "MALFORMED_QUERY", "A query string has to be specified")
	}
	st.purge(s.now().Add(-recycleBinRetention))
	res, errResp := s.runQuery(sc, st, text, all, r.version)
	if errResp != nil {
		return *errResp
	}
	batch := batchSize(r.Request)
	if s.opts.MaxQueryBatchSize > 0 {
		batch = min(batch, s.opts.MaxQueryBatchSize)
	}
	return s.page(r.version, &cursor{rows: res.rows, totalSize: res.totalSize, batch: batch, resource: resource}, 0, "")
}

// page returns one batch of a cursor starting at offset; it registers the
// cursor when rows remain.
func (s *Server) page(version string, c *cursor, offset int, locator string) response {
	end := min(offset+c.batch, len(c.rows))
	body := map[string]any{"totalSize": c.totalSize, "done": end >= len(c.rows), "records": c.rows[offset:end]}
	if end < len(c.rows) {
		if locator == "" {
			s.expireCursors()
			locator = s.newID("01g")
			s.cursors[locator] = c
		}
		c.touched = s.clock()
		body["nextRecordsUrl"] = "/services/data/v" + version + "/" + c.resource + "/" + locator + "-" + strconv.Itoa(end)
	} else if locator != "" {
		delete(s.cursors, locator)
	}
	return jsonResponse(http.StatusOK, body)
}

func (s *Server) expireCursors() {
	for k, c := range s.cursors {
		if s.clock().Sub(c.touched) > cursorIdle {
			delete(s.cursors, k)
		}
	}
}

// handleQueryMore serves GET /query/<locator>-<offset>.
func (s *Server) handleQueryMore(r *request) response {
	raw := r.param("locator")
	locator, offText, ok := strings.Cut(raw, "-")
	offset, err := strconv.Atoi(offText)
	c, found := s.cursors[locator]
	if !ok || err != nil || !found || offset < 0 || offset > len(c.rows) {
		return errorResponse(http.StatusBadRequest, "INVALID_QUERY_LOCATOR", "invalid query locator")
	}
	return s.page(r.version, c, offset, locator)
}
