package syncer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/liaison-sync/liaison/engine/failure"
	"github.com/liaison-sync/liaison/engine/mapping"
)

// ErrNotConnected is returned by Clients for a connection that has no
// client (never connected, or removed). Errors that wrap it name the
// connection and the fix.
var ErrNotConnected = errors.New("not connected")

// Error classes as stored in registry rows; engine/failure defines them.
const (
	ClassPermanent = failure.ClassPermanent
	ClassTransient = failure.ClassTransient
	ClassAuth      = failure.ClassAuth
	ClassQuota     = failure.ClassQuota
)

// Error codes the engine gives operations it did not send.
const (
	// CodeDependencyFailed marks an operation skipped because an operation
	// whose id it needs failed.
	CodeDependencyFailed = failure.CodeDependencyFailed
	// CodeConversion marks a value that could not be converted for the
	// target field.
	CodeConversion = failure.CodeConversion
	// CodeNoExternalID marks a Salesforce create that was not sent because
	// nothing would let a resend after a lost response find the record it
	// created: the object has no external-id field to upsert by, and the
	// mapping writes no key value to look the record up by.
	CodeNoExternalID = "NO_EXTERNAL_ID"
	// CodeLinkConflict marks an operation whose write succeeded but whose
	// link was not saved, because the Clarizen entity is linked to another
	// Salesforce record under the same mapping.
	CodeLinkConflict = "LINK_CONFLICT"
	// CodeNotResumed marks an operation an interrupted run left Pending
	// that a later run could not plan again.
	CodeNotResumed = "NOT_RESUMED"
)

// RecordError is a failed operation as the registry stores it: the remote
// code and message, the class, and a hint that names the object, field and
// fix.
type RecordError struct {
	Code    string
	Message string
	Class   string
	Hint    string
	// Fields lists the fields the remote error named.
	Fields []string
}

func (e *RecordError) Error() string {
	if e.Code != "" {
		return e.Code + ": " + e.Message
	}
	return e.Message
}

// classify turns a client error into a RecordError for op through
// engine/failure, which the other writers of registry rows share.
// Messages are redacted before they leave the engine.
func classify(op *Operation, err error) *RecordError {
	f := failure.Classify(target(op), err)
	re := &RecordError{Code: f.Code, Message: f.Message, Class: f.Class, Fields: f.Fields}
	re.Hint = hint(op, re)
	return re
}

// target describes op's target for engine/failure.
func target(op *Operation) failure.Target {
	return failure.Target{System: string(op.Target), Connection: op.Connection, Object: op.Object, Mapping: op.MappingName}
}

// hint returns the fix for a failed operation, naming the object, the
// fields and the setting to look at. The codes only the sync engine gives
// have their hints here; the others come from engine/failure.
func hint(op *Operation, e *RecordError) string {
	where := op.Object
	if op.MappingName != "" {
		where = fmt.Sprintf("%s (mapping %q)", op.Object, op.MappingName)
	}
	switch e.Code {
	case CodeDependencyFailed:
		if e.Class == ClassTransient {
			return "The operation this one depends on failed for a reason that may pass; the next run sends both again."
		}
		return "Fix the failed operation this one depends on (see its row), then retry both rows from the registry."
	case CodeLinkConflict:
		return fmt.Sprintf("Two Salesforce records of %s lead to one Clarizen entity: make their key values unique, or delete the duplicate record, then retry the row.", where)
	}
	if h := requiredFieldHint(op, e); h != "" {
		return h
	}
	return failure.Hint(target(op), failure.Failure{Code: e.Code, Message: e.Message, Class: e.Class, Fields: e.Fields})
}

// noExternalIDError is the failure of a Salesforce create into object that
// cannot be made safe to resend.
func noExternalIDError(object, mappingName string) *RecordError {
	return &RecordError{Code: CodeNoExternalID, Class: ClassPermanent, Fields: []string{IdempotencyField},
		Message: fmt.Sprintf("%s has no external-id field to create records by, so a create whose response is lost could be sent twice", object),
		Hint: fmt.Sprintf("Add the field %s to %s in Salesforce Setup (Text, 80 characters, External ID, Unique), "+
			"or make the Salesforce key field of mapping %q a writable field that receives the Clarizen key; then retry this row.",
			IdempotencyField, object, mappingName)}
}

// clarizenRequiredPattern finds the field in Clarizen's message for a
// create that lacks a required value ("field Title is required to create
// Issue").
// NOTE: this is the simulator's wording, because the real API's message
// for the case is not confirmed. A message it does not match gets the
// generic hint.
var clarizenRequiredPattern = regexp.MustCompile(`(?i)\bfield (\w+) is required\b`)

// requiredField returns the field a create failed for because it had no
// value, or "" when the failure has another cause.
func requiredField(e *RecordError) string {
	if strings.EqualFold(e.Code, "REQUIRED_FIELD_MISSING") && len(e.Fields) > 0 {
		return e.Fields[0]
	}
	if m := clarizenRequiredPattern.FindStringSubmatch(e.Message); m != nil {
		return m[1]
	}
	return ""
}

// requiredFieldHint returns the fix for a mapping's create that failed
// because a required field had no value: the field map to change from
// Sync only, or the map to add. It also puts the field in e.Fields.
func requiredFieldHint(op *Operation, e *RecordError) string {
	if op.Kind != OpCreate || op.MappingName == "" {
		return ""
	}
	field := requiredField(e)
	if field == "" {
		return ""
	}
	if len(e.Fields) == 0 {
		e.Fields = []string{field}
	}
	next := "then retry the row from the registry."
	for _, fm := range op.fieldMaps {
		if fm.Enabled && fm.EventType == mapping.SyncOnly && fm.Direction.Target() == op.Target && strings.EqualFold(fm.TargetField(), field) {
			return fmt.Sprintf("Change the event type of the field map %s → %s in mapping %q from Sync only to Create and sync, or Create only; %s",
				fm.SourceField(), fm.TargetField(), op.MappingName, next)
		}
	}
	return fmt.Sprintf("Map a field to %s.%s in mapping %q with event type Create and sync, or Create only; %s",
		op.Object, field, op.MappingName, next)
}
