package syncer

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteText prints the plan for a terminal: the counts per mapping, the
// API calls applying it will spend, then every operation with its field
// values before and after. liaison sync --dry-run shows this.
func (p *Plan) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "Plan of %s\n", plural(len(p.Operations), "operation"))
	for _, m := range p.Mappings {
		fmt.Fprintf(w, "  %-40s %s, %s, %s, %s (%d by key fields), %s\n", m.Name, plural(m.Creates, "create"),
			plural(m.Updates, "update"), plural(m.Deletes, "delete"), plural(m.Links, "link"), m.Matches, plural(m.Conflicts, "conflict"))
	}
	fmt.Fprintf(w, "  API calls to apply: %s; read while planning (already spent): %s\n", formatCalls(p.APICalls), formatCalls(p.Reads))
	for _, s := range p.Social {
		fmt.Fprintf(w, "  posts and comments of %s: a manual run copies them after applying, reading the feeds of %s "+
			"(at least %s); they are counted when the run applies\n", s.Name, plural(s.Records, "linked record"), formatCalls(s.MinCalls))
	}
	for _, name := range p.Paused {
		fmt.Fprintf(w, "  paused: %s\n", name)
	}
	if len(p.AlsoSynced) > 0 {
		fmt.Fprintf(w, "  also synced because records of the selected mappings refer to theirs: %s (their records count under them)\n",
			strings.Join(p.AlsoSynced, ", "))
	}
	for _, op := range p.Operations {
		fmt.Fprintf(w, "\n%d. %s %s %s %s", op.ID, op.Kind, sideTitle(op.Target), op.Object, op.recordLabel())
		if op.Label != "" {
			fmt.Fprintf(w, " %q", op.Label)
		}
		if op.Template != "" {
			fmt.Fprintf(w, " from template %q", op.Template)
		}
		fmt.Fprintln(w)
		if op.MappingName != "" {
			fmt.Fprintf(w, "   mapping %q: %s\n", op.MappingName, op.Reason)
		} else {
			fmt.Fprintf(w, "   %s\n", op.Reason)
		}
		for _, f := range op.Fields {
			if f.Before == nil && f.After == nil && f.Conflict == nil {
				// A create that writes nothing to the field.
				continue
			}
			fmt.Fprintf(w, "   %s: %s -> %s", f.Field, formatValue(f.Before), formatValue(f.After))
			if c := f.Conflict; c != nil {
				fmt.Fprintf(w, " (conflict: Salesforce %s, Clarizen %s; %s wins by %s)",
					formatValue(c.Salesforce), formatValue(c.Clarizen), c.Winner, c.Rule)
			}
			fmt.Fprintln(w)
		}
		if len(op.DependsOn) > 0 {
			fmt.Fprintf(w, "   after operations %v\n", op.DependsOn)
		}
		for _, warning := range op.Warnings {
			fmt.Fprintf(w, "   warning: %s\n", warning)
		}
	}
	for _, warning := range p.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warning)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// recordLabel returns the id of the record an operation writes, or a note
// that the id comes with the create.
func (op Operation) recordLabel() string {
	switch {
	case op.creates() && op.KeyField != "":
		return fmt.Sprintf("(new, %s = %s)", op.KeyField, op.Key)
	case op.creates():
		return "(new)"
	case op.RecordID != "":
		return op.RecordID
	case op.RecordFrom != nil:
		return op.RecordFrom.String()
	case op.KeyField != "":
		return fmt.Sprintf("(new, %s = %s)", op.KeyField, op.Key)
	}
	return "(new)"
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", x)
	case Ref:
		return x.String()
	}
	return fmt.Sprint(v)
}

func formatCalls(calls map[string]int) string {
	if len(calls) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(calls))
	for k := range calls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", connectionName(k), calls[k])
	}
	return strings.Join(parts, ", ")
}

// connectionName returns the name the Connections screen gives a connection:
// "Salesforce", "Clarizen instance 1" or "Clarizen instance 2".
func connectionName(id string) string {
	if id == SalesforceConnection {
		return "Salesforce"
	}
	if n, ok := strings.CutPrefix(id, "clarizen"); ok && n != "" {
		return "Clarizen instance " + n
	}
	return id
}
