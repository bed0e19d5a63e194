package app

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/store"
)

// maxRegistryRows caps the rows one call returns. The registry table is
// virtualised and filters in the window, so it loads the newest rows once
// and filters them without another call.
const maxRegistryRows = 100_000

// RegistryQuery is the registry screen's filter. Empty fields match
// everything; dates are local calendar days (YYYY-MM-DD), both inclusive.
type RegistryQuery struct {
	States    []string `json:"states"`
	MappingID string   `json:"mappingId"`
	Object    string   `json:"object"`
	From      string   `json:"from"`
	To        string   `json:"to"`
	Text      string   `json:"text"`
	// Limit caps the rows returned; 0 or more than 100,000 means 100,000.
	Limit int `json:"limit"`
}

// RegistryRow is one row of the registry table.
type RegistryRow struct {
	ID        string `json:"id"`
	RunID     int64  `json:"runId"`
	Time      string `json:"time"`
	State     string `json:"state"`
	Operation string `json:"operation"`
	MappingID string `json:"mappingId"`
	Mapping   string `json:"mapping"`
	EventID   string `json:"eventId,omitempty"`
	// Side is the system the operation wrote, Object its object type and
	// RecordID the record written there (empty before a create returned).
	Side       string `json:"side"`
	Object     string `json:"object"`
	RecordID   string `json:"recordId"`
	RecordName string `json:"recordName"`
	// Label is the record's readable name the sync stored (a Case's number
	// and subject, both names of a pair), empty for older rows.
	Label string `json:"label"`
	// SalesforceID and ClarizenID are both records of the pair, when known.
	SalesforceID string `json:"salesforceId"`
	ClarizenID   string `json:"clarizenId"`
	ErrorCode    string `json:"errorCode,omitempty"`
	Error        string `json:"error,omitempty"`
	Attempts     int    `json:"attempts"`
}

// RegistryPage is the answer to RegistryService.Rows.
type RegistryPage struct {
	Rows []RegistryRow `json:"rows"`
	// Total counts the rows matching the filter, also beyond Rows.
	Total int `json:"total"`
}

// RegistryDetail is one registry row with its field values and the whole
// error, for the detail pane.
type RegistryDetail struct {
	Row    RegistryRow  `json:"row"`
	Fields []FieldValue `json:"fields"`
	// ErrorClass is transient, auth or permanent for a failed row.
	ErrorClass string `json:"errorClass,omitempty"`
	// Hint is the fix the engine suggests for a failed row.
	Hint      string `json:"hint,omitempty"`
	CreatedAt string `json:"createdAt"`
}

// ExportResult is the outcome of a CSV export; Path is empty when the user
// cancelled the dialog.
type ExportResult struct {
	Path string `json:"path"`
	Rows int    `json:"rows"`
}

// RegistryService backs the Sync registry screen.
type RegistryService struct{ svc *service }

func (q RegistryQuery) engineQuery() (engine.RegistryQuery, error) {
	out := engine.RegistryQuery{States: q.States, MappingID: q.MappingID, Object: q.Object, Text: strings.TrimSpace(q.Text)}
	if q.From != "" {
		from, err := time.ParseInLocation(time.DateOnly, q.From, time.Local)
		if err != nil {
			return out, invalidInput(fmt.Sprintf("invalid from date %q: use YYYY-MM-DD", q.From), err)
		}
		out.Since = from
	}
	if q.To != "" {
		to, err := time.ParseInLocation(time.DateOnly, q.To, time.Local)
		if err != nil {
			return out, invalidInput(fmt.Sprintf("invalid to date %q: use YYYY-MM-DD", q.To), err)
		}
		out.Until = to.AddDate(0, 0, 1)
	}
	return out, nil
}

// Rows returns the newest registry rows matching q.
func (s *RegistryService) Rows(q RegistryQuery) (RegistryPage, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return RegistryPage{}, err
	}
	query, err := q.engineQuery()
	if err != nil {
		return RegistryPage{}, err
	}
	limit := q.Limit
	if limit <= 0 || limit > maxRegistryRows {
		limit = maxRegistryRows
	}
	ctx := s.svc.context()
	rows, total, err := eng.RegistryRows(ctx, query, limit)
	if err != nil {
		return RegistryPage{}, err
	}
	names, err := s.mappingNames()
	if err != nil {
		return RegistryPage{}, err
	}
	page := RegistryPage{Rows: make([]RegistryRow, 0, len(rows)), Total: total}
	for _, r := range rows {
		page.Rows = append(page.Rows, registryRow(r, names))
	}
	return page, nil
}

// Row returns one registry row with its field values, error and hint.
func (s *RegistryService) Row(id string) (RegistryDetail, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return RegistryDetail{}, err
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return RegistryDetail{}, invalidInput(fmt.Sprintf("invalid registry row id %q", id), err)
	}
	ctx := s.svc.context()
	r, err := eng.DB.RegistryRow(ctx, n)
	if err != nil {
		return RegistryDetail{}, err
	}
	names, err := s.mappingNames()
	if err != nil {
		return RegistryDetail{}, err
	}
	detail := RegistryDetail{Row: registryRow(r, names), Fields: []FieldValue{}, ErrorClass: r.ErrorClass, Hint: r.Hint,
		CreatedAt: rfc3339(r.CreatedAt)}
	for _, f := range r.Fields {
		fv := FieldValue{Field: f.Field, Before: displayValue(f.Before), After: displayValue(f.After)}
		if f.Conflict != nil {
			fv.Conflict = "Changed on both sides; the other side's value was " + textOf(f.Conflict) + "."
		}
		detail.Fields = append(detail.Fields, fv)
	}
	return detail, nil
}

// Retry sets failed rows back to Pending, so the next run plans them anew;
// it returns how many rows were requeued.
func (s *RegistryService) Retry(ids []string) (int, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return 0, err
	}
	rowIDs := make([]int64, 0, len(ids))
	for _, id := range ids {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return 0, invalidInput(fmt.Sprintf("invalid registry row id %q", id), err)
		}
		rowIDs = append(rowIDs, n)
	}
	return eng.Runner.Retry(s.svc.context(), rowIDs)
}

var csvFilter = FileFilter{Name: "CSV files (*.csv)", Pattern: "*.csv"}

// ExportCSV writes the rows matching q to a CSV file the user picks.
func (s *RegistryService) ExportCSV(q RegistryQuery) (ExportResult, error) {
	if _, err := s.svc.engine(); err != nil {
		return ExportResult{}, err
	}
	name := "liaison-registry-" + time.Now().Format("2006-01-02") + ".csv"
	path, err := s.svc.shell.SaveFile(s.svc.context(), "Export the sync registry", name, csvFilter)
	if err != nil || path == "" {
		return ExportResult{}, err
	}
	return s.exportTo(path, q)
}

func (s *RegistryService) exportTo(path string, q RegistryQuery) (ExportResult, error) {
	query, err := q.engineQuery()
	if err != nil {
		return ExportResult{}, err
	}
	var buf bytes.Buffer
	n, err := s.svc.eng.WriteRegistryCSV(s.svc.context(), &buf, query)
	if err != nil {
		return ExportResult{}, err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		return ExportResult{}, fmt.Errorf("write registry export %s: %w", path, err)
	}
	s.svc.log.Info("registry exported", "path", path, "rows", n)
	return ExportResult{Path: path, Rows: n}, nil
}

func (s *RegistryService) mappingNames() (map[string]string, error) {
	defs, err := s.svc.eng.DB.Mappings(s.svc.context())
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(defs))
	for _, d := range defs {
		names[d.ID] = d.Name
	}
	return names, nil
}

func registryRow(r store.RegistryRow, mappingNames map[string]string) RegistryRow {
	row := RegistryRow{ID: strconv.FormatInt(r.ID, 10), RunID: r.RunID, Time: rfc3339(r.UpdatedAt), State: r.State,
		Operation: r.Operation, MappingID: r.MappingID, Mapping: mappingNames[r.MappingID], EventID: r.EventID,
		Side: r.Target, SalesforceID: r.SFID, ClarizenID: r.CZID, ErrorCode: r.ErrorCode, Error: r.ErrorMessage,
		Attempts: r.Attempts, Label: r.Label}
	if row.Mapping == "" {
		row.Mapping = r.MappingID
	}
	if r.Target == "salesforce" {
		row.Object, row.RecordID = r.SFObject, r.SFID
	} else {
		row.Object, row.RecordID = r.CZType, r.CZID
	}
	row.RecordName = registryName(r, row.RecordID)
	return row
}

// registryName returns the row's label, else the value it wrote to a name
// field, else the record id, else the other side's id.
func registryName(r store.RegistryRow, recordID string) string {
	if r.Label != "" {
		return r.Label
	}
	for _, name := range nameFields {
		for _, f := range r.Fields {
			if strings.EqualFold(f.Field, name) {
				for _, v := range []any{f.After, f.Before} {
					if s := displayValue(v); s != nil && *s != "" {
						return *s
					}
				}
			}
		}
	}
	switch {
	case recordID != "":
		return recordID
	case r.SFID != "":
		return r.SFID
	}
	return r.CZID
}
