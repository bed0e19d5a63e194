package syncer

import (
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
)

// labelFields are the fields whose value names a record, in the order they
// are tried. A Case is named by its number and subject together.
var labelFields = []string{"Name", "Title", "Subject", "CaseNumber", "DisplayName", "Email"}

// labelFieldsOf returns the fields of obj that name its records, so that
// the reads of a run fetch them with the mapped fields at no extra call.
func labelFieldsOf(obj schema.Object) []string {
	var out []string
	for _, name := range labelFields {
		if f, ok := obj.Field(name); ok && f.Kind != schema.KindOther {
			out = append(out, f.Name)
		}
	}
	return out
}

// labelOfValues returns a readable name for a record from its values: the
// Case number with the subject, else the first name field that has a
// value. It returns "" when no name field has a value.
func labelOfValues(values map[string]any) string {
	text := func(name string) string {
		for k, v := range values {
			if strings.EqualFold(k, name) {
				if s, ok := v.(string); ok {
					return strings.TrimSpace(s)
				}
			}
		}
		return ""
	}
	if number, subject := text("CaseNumber"), text("Subject"); number != "" && subject != "" {
		return number + " – " + subject
	}
	for _, name := range labelFields {
		if s := text(name); s != "" {
			return s
		}
	}
	return ""
}

// noteLabel remembers the readable name of a record read while planning.
func (p *planner) noteLabel(rec Record) {
	if rec.ID == "" {
		return
	}
	if label := labelOfValues(rec.Values); label != "" {
		p.labels[strings.ToLower(rec.ID)] = label
	}
}

// noteLinkLabels remembers the names of a link's records from the values
// of its last sync, for records a run does not read again (a deleted one
// and its counterpart). Names read in this run take precedence.
func (p *planner) noteLinkLabels(l *store.Link) {
	base, err := plan.DecodeBase(l.Base)
	if err != nil || base == nil {
		return
	}
	for id, values := range map[string]map[string]any{l.SFID: base.Salesforce, l.CZID: base.Clarizen} {
		key := strings.ToLower(id)
		if _, known := p.labels[key]; known || id == "" {
			continue
		}
		if label := labelOfValues(values); label != "" {
			p.labels[key] = label
		}
	}
}

// labelOperations gives each planned operation a readable label: the name
// of the record it writes, else of its source record, else the name it
// writes. A Clarizen link entity and a pair found by key fields are named
// by both records they join.
func (p *planner) labelOperations() {
	ops := p.plan.Operations
	planned := map[string]string{}
	for i := range ops {
		op := &ops[i]
		switch op.Kind {
		case OpLink:
			op.Label = joinLabels(p.labelOfValue(op.Fields, 0), p.labelOfValue(op.Fields, 1))
		case OpMatch:
			var source string
			if op.Source != nil {
				source = p.labels[strings.ToLower(op.Source.ID)]
			}
			op.Label = joinLabels(source, p.labels[strings.ToLower(op.RecordID)])
		default:
			op.Label = p.operationLabel(op)
			if parent := p.parentLabel(op); op.Label != "" && parent != "" {
				op.Label = joinLabels(op.Label, parent)
			}
		}
		// A Clarizen create's id is chosen in advance, and the link
		// entities planned after it refer to it by that id.
		if op.creates() && op.RecordID != "" && op.Label != "" {
			p.labels[strings.ToLower(op.RecordID)] = op.Label
			planned[strings.ToLower(op.RecordID)] = op.Label
		}
		op.Reason = p.readableReason(op, planned)
	}
}

// readableReason returns op's reason with the ids of the records it names
// replaced by their labels. A record read keeps its id after the label,
// as in Account "Acme" (001...), and a record the plan creates reads
// "Globex rollout" (new), since it has no id yet.
func (p *planner) readableReason(op *Operation, planned map[string]string) string {
	ids := []string{op.RecordID}
	if op.Source != nil {
		ids = append(ids, op.Source.ID)
	}
	for _, f := range op.Fields {
		if s, ok := f.After.(string); ok && s != "" {
			ids = append(ids, s)
		}
	}
	reason := op.Reason
	seen := map[string]bool{}
	for _, id := range ids {
		key := strings.ToLower(id)
		if id == "" || seen[key] || !strings.Contains(reason, id) {
			continue
		}
		seen[key] = true
		if label, ok := planned[key]; ok {
			reason = strings.ReplaceAll(reason, id, fmt.Sprintf("%q (new)", label))
		} else if label := p.labels[key]; label != "" {
			reason = strings.ReplaceAll(reason, id, fmt.Sprintf("%q (%s)", label, id))
		}
	}
	return reason
}

func (p *planner) operationLabel(op *Operation) string {
	if op.RecordID != "" && !op.creates() {
		if l := p.labels[strings.ToLower(op.RecordID)]; l != "" {
			return l
		}
	}
	if op.Source != nil {
		if l := p.labels[strings.ToLower(op.Source.ID)]; l != "" {
			return l
		}
	}
	values := map[string]any{}
	for _, f := range op.Fields {
		if f.After != nil {
			values[f.Field] = f.After
		} else if f.Before != nil {
			values[f.Field] = f.Before
		}
	}
	return labelOfValues(values)
}

// parentLabel returns the name of the record a related-object rule creates
// op under, so that the milestones of many projects read "Kick-off –
// Globex rollout" rather than "Kick-off" alone. It returns "" for other
// operations and for a parent whose name is unknown.
func (p *planner) parentLabel(op *Operation) string {
	for _, id := range op.parents {
		if l := p.labels[strings.ToLower(id)]; l != "" && id != "" {
			return l
		}
	}
	return ""
}

// labelOfValue returns the label of the record that the i-th field of a
// link entity points at: a record read while planning, or one an earlier
// operation creates.
func (p *planner) labelOfValue(fields []FieldWrite, i int) string {
	if i >= len(fields) {
		return ""
	}
	switch v := fields[i].After.(type) {
	case Ref:
		if v.Op >= 0 && v.Op < len(p.plan.Operations) {
			return p.plan.Operations[v.Op].Label
		}
	case string:
		return p.labels[strings.ToLower(v)]
	}
	return ""
}

// joinLabels names a pair of records, each name once.
func joinLabels(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "":
		return a
	}
	return fmt.Sprintf("%s – %s", a, b)
}
