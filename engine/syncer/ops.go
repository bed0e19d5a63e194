package syncer

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/schema"
)

// OpKind is the kind of write an operation makes to its target.
type OpKind string

// Operation kinds; they are also the registry's operation names.
const (
	OpCreate OpKind = "create"
	OpUpdate OpKind = "update"
	OpDelete OpKind = "delete"
	// OpLink creates a Clarizen link entity (CustomerLink) between two
	// entities.
	OpLink OpKind = "link"
)

// Operation is one write a plan will make.
type Operation struct {
	// ID is the operation's index in Plan.Operations.
	ID     int         `json:"id"`
	Kind   OpKind      `json:"kind"`
	Target schema.Side `json:"target"`
	// Connection is "salesforce" or the Clarizen connection id.
	Connection string `json:"connection"`
	// Object is the Salesforce object or Clarizen type written.
	Object string `json:"object"`
	// RecordID is the record updated or deleted, or the id a Clarizen
	// create will give its entity (known in advance because Liaison picks
	// the ExternalID). Empty for a Salesforce create until it is applied.
	RecordID string `json:"recordId,omitempty"`
	// Label is the record's readable name (its Name, Title or Subject, a
	// Case's number with its subject, or both names of a pair it links),
	// empty when none was read.
	Label string `json:"label,omitempty"`
	// RecordFrom, when set, names the operation that creates the record
	// this one updates; its id replaces RecordID before the call.
	RecordFrom *Ref `json:"recordFrom,omitempty"`
	// Key is the idempotency key: the ExternalID of a Clarizen create or
	// link, the KeyField value of a Salesforce create, and the registry
	// key of other operations.
	Key string `json:"key"`
	// KeyField is the Salesforce external-id field a create upserts by;
	// empty when the object has none and the create is a plain insert.
	KeyField string `json:"keyField,omitempty"`
	// Template is the Clarizen template a create starts from.
	Template string `json:"template,omitempty"`
	// Parent is the Clarizen work item a template create goes under: an
	// entity id or a Ref.
	Parent any          `json:"parent,omitempty"`
	Fields []FieldWrite `json:"fields"`

	MappingID   string `json:"mappingId,omitempty"`
	MappingName string `json:"mapping,omitempty"`
	EventID     string `json:"eventId,omitempty"`
	// Source is the record the operation comes from (the record that
	// changed, fired an event or was deleted).
	Source *RecordRef `json:"source,omitempty"`
	// Reason is the cause of the operation, shown in the preview.
	Reason   string   `json:"reason"`
	Warnings []string `json:"warnings,omitempty"`
	// DependsOn lists operations that must succeed first, because this one
	// uses the ids they create.
	DependsOn []int `json:"dependsOn,omitempty"`

	// Link is the link saved when the operation succeeds.
	Link *LinkPlan `json:"link,omitempty"`
	// DropLink is the id of a link removed when the operation succeeds.
	DropLink int64 `json:"dropLink,omitempty"`

	// cause is the record a later run reads again to plan the operation
	// anew while its registry row is Pending: the record that fired the
	// event, or else Source.
	cause *RecordRef
	// planErr fails the operation without a remote call (a value that
	// could not be converted).
	planErr *RecordError
	// lookupField and lookupValue identify the record a plain Salesforce
	// insert creates, so that a resend after an earlier attempt finds it
	// instead of creating it twice.
	lookupField string
	lookupValue string
	// holds are the watermarks this operation keeps back while it is
	// unfinished.
	holds []hold
	// fieldMaps are the field maps of a create's mapping, so that a
	// failure hint can name the map to change.
	fieldMaps []mapping.FieldMap
	// parents are the ids of the record a related-object rule creates
	// this one under (see createRequest.parents).
	parents []string
}

// creates reports whether the operation creates its record (an entity or
// a Clarizen link entity), whose id is known only once the call succeeded.
func (op Operation) creates() bool { return op.Kind == OpCreate || op.Kind == OpLink }

// hold keeps a detection scope's watermark from moving past stamp while an
// operation is unfinished, so that the next run reads the record the
// operation came from again. stamp is on the scope's own server clock.
type hold struct {
	scope string
	stamp time.Time
}

// holdAt returns a hold of scope at the stamp of rec.
func holdAt(scope string, rec Record) []hold {
	return []hold{{scope: scope, stamp: rec.Stamp}}
}

// FieldWrite is one field an operation writes, with its current value in
// the target (nil for a create) and the value written. After holds the
// target API's value, or a Ref to an id another operation creates.
type FieldWrite struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
	// Conflict is set when both sides changed the field since the last
	// sync and the mapping's rule picked After.
	Conflict *Conflict `json:"conflict,omitempty"`
	// kind is the target field's kind, to compare Before with a value read
	// again before an applied preview sends the write.
	kind schema.Kind
}

// Conflict records both values of a field changed on both sides.
type Conflict struct {
	Salesforce any `json:"salesforce"`
	Clarizen   any `json:"clarizen"`
	// Winner is the side whose value the rule kept.
	Winner schema.Side `json:"winner"`
	Rule   string      `json:"rule"`
}

// Ref stands for the id of the record that operation Op creates. Apply
// replaces it before the operation that holds it is sent.
type Ref struct {
	Op int `json:"op"`
}

func (r Ref) String() string { return fmt.Sprintf("<id from operation %d>", r.Op) }

// RecordRef names a record on one side.
type RecordRef struct {
	Side       schema.Side `json:"side"`
	Connection string      `json:"connection"`
	Object     string      `json:"object"`
	ID         string      `json:"id"`
	Stamp      time.Time   `json:"stamp,omitzero"`
}

// LinkPlan is a link to save once its operation succeeds. SFID and CZID
// hold an id or a Ref.
type LinkPlan struct {
	MappingID    string `json:"mappingId"`
	SFObject     string `json:"sfObject"`
	SFID         any    `json:"sfId"`
	CZConnection string `json:"czConnection"`
	CZType       string `json:"czType"`
	CZID         any    `json:"czId"`
	// SFStamp and CZStamp are the stamps of the side the operation did not
	// write, as read; the written side gets the time of the write.
	SFStamp time.Time `json:"-"`
	CZStamp time.Time `json:"-"`
	// base returns the link's last synced state once every Ref is
	// resolved; resolve maps a value holding a Ref to the created id.
	base func(resolve func(any) any) ([]byte, error)
}

// Plan is a run's list of operations in order, with counts and the API
// calls applying it will spend. It is a plain value, which the preview
// screen and the dry run show as it is.
type Plan struct {
	CreatedAt  time.Time   `json:"createdAt"`
	Operations []Operation `json:"operations"`
	// Mappings summarises the plan per mapping, in the order of the
	// mappings.
	Mappings []MappingPlan `json:"mappings"`
	// APICalls estimates the calls applying the plan from the preview
	// will make per connection: one per batch of writes, and one more per
	// batch of updates, which reads the targets again first. Links and
	// matches make no call.
	APICalls map[string]int `json:"apiCalls"`
	// Social lists the mappings whose new posts and comments a manual run
	// copies once the plan is applied, with the calls that copy needs at
	// least. The posts are counted only when the copy runs.
	Social []SocialEstimate `json:"social,omitempty"`
	// Reads counts the calls planning made per connection.
	Reads    map[string]int `json:"reads"`
	Warnings []string       `json:"warnings,omitempty"`
	// Paused lists mappings skipped because their connection needs
	// re-authentication or is not connected.
	Paused []string `json:"paused,omitempty"`
	// Skipped lists the mappings and events left out because they failed
	// to plan.
	Skipped []SkippedDefinition `json:"skipped,omitempty"`
	// HeldDeletes lists the mappings whose deletions the delete guard held
	// back; Runner.ConfirmDeletes lets the next run delete them.
	HeldDeletes []HeldDeletes `json:"heldDeletes,omitempty"`
	// AlsoSynced names the mappings a run limited to some mappings also
	// wrote through, because records of the selected ones refer to their
	// records (a case's account becomes a customer through the account
	// mapping). Their operations count under their own mapping.
	AlsoSynced []string `json:"alsoSynced,omitempty"`

	marks []mark
	// selection is the run's choice of mappings, RunOptions.MappingIDs.
	selection []string
	// mappingIDs lists the mappings the plan synced to the end.
	mappingIDs []string
	// pausedIDs lists the mappings of Paused by id.
	pausedIDs []string
	// refused lists the Clarizen logins refused while planning, which a
	// run that applies the plan records.
	refused []refusedLogin
	// confirmedDeletes lists the mappings whose confirmation of held
	// deletions the plan used, which a run that applies it uses up.
	confirmedDeletes []string
	// resynced holds the pairs the plan read and compared again, by
	// mapping id and then lower-case record id of either side, so that an
	// update an earlier run left Pending counts as settled only when its
	// pair was compared again.
	resynced map[string]map[string]bool
	// notResumed gives, by registry row id, why a delete or unlink an
	// earlier run left Pending was not planned again.
	notResumed map[int64]string
	firings    []firing
	// eventIDs lists the events the plan looked for new matches of, so
	// that applying it records each one's last result.
	eventIDs []string
	// applied is set once Apply took the plan; two Apply calls on one
	// plan may race for it.
	applied atomic.Bool
	// previewed is set when the plan is applied after a preview, so that
	// its updates check their targets first.
	previewed bool
}

// SocialEstimate is the post and comment copy of one mapping after a
// manual run.
type SocialEstimate struct {
	MappingID string `json:"mappingId"`
	Name      string `json:"name"`
	// Records counts the linked records whose feeds the copy reads: the
	// pairs linked before and those the plan creates or matches.
	Records int `json:"records"`
	// MinCalls is the least number of calls the copy makes per
	// connection: one feed read per linked record on each side. Reading
	// comments and replies and writing copies add to it.
	MinCalls map[string]int `json:"minCalls"`
}

// MappingPlan counts a mapping's planned operations.
type MappingPlan struct {
	MappingID string `json:"mappingId"`
	Name      string `json:"name"`
	Creates   int    `json:"creates"`
	Updates   int    `json:"updates"`
	Deletes   int    `json:"deletes"`
	// Links counts Clarizen link entities to create (a CustomerLink) and
	// pairs found by key fields to link; Matches counts the latter alone.
	Links     int `json:"links"`
	Matches   int `json:"matches"`
	Conflicts int `json:"conflicts"`
}

// mark is a watermark a completed run may store, with the scope's records
// read so that an unfinished operation can hold it back.
type mark struct {
	scope string
	// next is the value to store when every operation from the scope
	// finished; empty means leave the watermark as it is.
	next time.Time
}

// AllWarnings returns the plan's warnings followed by its operations'
// warnings, each once.
func (p *Plan) AllWarnings() []string {
	var out []string
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, w := range p.Warnings {
		add(w)
	}
	for _, op := range p.Operations {
		for _, w := range op.Warnings {
			add(w)
		}
	}
	return out
}
