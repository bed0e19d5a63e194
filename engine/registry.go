package engine

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/liaison-sync/liaison/engine/store"
)

// RegistryQuery selects sync registry rows for the registry screen and its
// CSV export. Empty fields match everything.
type RegistryQuery struct {
	// States holds the registry states to show (Pending, Success, Failed);
	// a row matches when it has any of them.
	States    []string
	MappingID string
	// Object is a Salesforce object or a Clarizen type.
	Object string
	// Since and Until bound the time of the row's last change; Until is
	// exclusive.
	Since, Until time.Time
	// Text is matched against record ids, error text and field values.
	Text string
}

func (q RegistryQuery) filter(state string) store.RegistryFilter {
	return store.RegistryFilter{State: state, MappingID: q.MappingID, Object: q.Object, Since: q.Since,
		Until: q.Until, Text: q.Text}
}

// RegistryRows returns the newest rows matching q, at most limit of them
// (0 means all), and how many match in all.
func (e *Engine) RegistryRows(ctx context.Context, q RegistryQuery, limit int) ([]store.RegistryRow, int, error) {
	states := slices.Compact(slices.Sorted(slices.Values(q.States)))
	if len(states) <= 1 {
		f := q.filter("")
		if len(states) == 1 {
			f.State = states[0]
		}
		f.Limit = limit
		return e.DB.Registry(ctx, f)
	}

	// Several states: read each, then keep the newest rows of all.
	var rows []store.RegistryRow
	total := 0
	for _, state := range states {
		f := q.filter(state)
		f.Limit = limit
		got, n, err := e.DB.Registry(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		rows = append(rows, got...)
		total += n
	}
	slices.SortFunc(rows, func(a, b store.RegistryRow) int { return cmp.Compare(b.ID, a.ID) })
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
	}
	return rows, total, nil
}

// registryCSVHeader names the columns of WriteRegistryCSV.
var registryCSVHeader = []string{
	"id", "run", "updated_at", "state", "operation", "mapping", "event", "target",
	"salesforce_object", "salesforce_id", "clarizen_instance", "clarizen_type", "clarizen_id", "label",
	"attempts", "error_code", "error_message", "error_hint", "fields",
}

// WriteRegistryCSV writes every row matching q to w as CSV (RFC 4180,
// header first, newest row first) and returns the number of rows written.
// Mappings and events appear by name; fields is the JSON list of the field
// values the operation wrote, before and after.
func (e *Engine) WriteRegistryCSV(ctx context.Context, w io.Writer, q RegistryQuery) (int, error) {
	rows, _, err := e.RegistryRows(ctx, q, 0)
	if err != nil {
		return 0, fmt.Errorf("export registry: %w", err)
	}
	names, err := e.definitionNames(ctx)
	if err != nil {
		return 0, fmt.Errorf("export registry: %w", err)
	}

	out := csv.NewWriter(w)
	if err := out.Write(registryCSVHeader); err != nil {
		return 0, fmt.Errorf("export registry: %w", err)
	}
	for _, r := range rows {
		fields, err := json.Marshal(r.Fields)
		if err != nil {
			return 0, fmt.Errorf("export registry row %d: %w", r.ID, err)
		}
		record := []string{
			strconv.FormatInt(r.ID, 10), strconv.FormatInt(r.RunID, 10), r.UpdatedAt.UTC().Format(time.RFC3339),
			r.State, r.Operation, nameOr(names, "mapping:"+r.MappingID, r.MappingID), nameOr(names, "event:"+r.EventID, r.EventID),
			r.Target, r.SFObject, r.SFID, r.CZConnection, r.CZType, r.CZID, r.Label,
			strconv.Itoa(r.Attempts), r.ErrorCode, r.ErrorMessage, r.Hint, string(fields),
		}
		if err := out.Write(record); err != nil {
			return 0, fmt.Errorf("export registry row %d: %w", r.ID, err)
		}
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return 0, fmt.Errorf("export registry: %w", err)
	}
	return len(rows), nil
}

// definitionNames maps "mapping:<id>" and "event:<id>" to names.
func (e *Engine) definitionNames(ctx context.Context) (map[string]string, error) {
	names := map[string]string{}
	mappings, err := e.DB.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range mappings {
		names["mapping:"+d.ID] = d.Name
	}
	evs, err := e.DB.Events(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range evs {
		names["event:"+d.ID] = d.Name
	}
	return names, nil
}

func nameOr(names map[string]string, key, fallback string) string {
	if n, ok := names[key]; ok {
		return n
	}
	return fallback
}
