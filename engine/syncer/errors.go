package syncer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
)

// ErrNotConnected is returned by Clients for a connection that has no
// client (never connected, or removed). Errors that wrap it name the
// connection and the fix.
var ErrNotConnected = errors.New("not connected")

// Error classes as stored in registry rows. They match the clients' Class
// names.
const (
	ClassPermanent = "permanent"
	ClassTransient = "transient"
	ClassAuth      = "auth"
	ClassQuota     = "quota"
)

// Error codes the engine gives operations it did not send.
const (
	// CodeDependencyFailed marks an operation skipped because an operation
	// whose id it needs failed.
	CodeDependencyFailed = "DEPENDENCY_FAILED"
	// CodeConversion marks a value that could not be converted for the
	// target field.
	CodeConversion = "CONVERSION_FAILED"
	// CodeNoExternalID marks a Salesforce create that was not sent because
	// nothing would let a resend after a lost answer find the record it
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

// classify turns a client error into a RecordError for op. Messages are
// redacted before they leave the engine.
func classify(op *Operation, err error) *RecordError {
	re := &RecordError{Message: logging.Redact(err.Error()), Class: ClassPermanent}
	var sfErr *salesforce.Error
	var czErr *clarizen.Error
	switch {
	case errors.As(err, &sfErr):
		re.Code, re.Message, re.Fields = sfErr.Code, logging.Redact(sfErr.Message), sfErr.Fields
		if re.Message == "" {
			re.Message = logging.Redact(sfErr.Error())
		}
		re.Class = sfErr.Class().String()
	case errors.As(err, &czErr):
		re.Code, re.Message = czErr.Code, logging.Redact(czErr.Message)
		if re.Message == "" {
			re.Message = logging.Redact(czErr.Error())
		}
		re.Class = czErr.Class().String()
	case errors.Is(err, oauth.ErrNeedsReauth):
		re.Class = ClassAuth
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		re.Class = ClassTransient
	}
	var conv *conversionError
	if errors.As(err, &conv) {
		re.Code, re.Fields = CodeConversion, []string{conv.field}
	}
	re.Hint = hint(op, re)
	return re
}

// conversionError is a value that does not fit its target field.
type conversionError struct {
	field string
	err   error
}

func (e *conversionError) Error() string { return fmt.Sprintf("convert %s: %v", e.field, e.err) }
func (e *conversionError) Unwrap() error { return e.err }

// hint returns the fix for a failed operation, naming the object, the
// field and the setting to look at.
func hint(op *Operation, e *RecordError) string {
	where := op.Object
	if op.MappingName != "" {
		where = fmt.Sprintf("%s (mapping %q)", op.Object, op.MappingName)
	}
	fields := strings.Join(e.Fields, ", ")
	if fields == "" {
		fields = "the field named in the message"
	}
	switch strings.ToUpper(e.Code) {
	case "REQUIRED_FIELD_MISSING":
		return fmt.Sprintf("Map a value to %s of %s on create, or give the field a default in %s.", fields, where, systemName(op))
	case "STRING_TOO_LONG":
		return fmt.Sprintf("Shorten the value of %s, or turn on truncate for that field map of %s.", fields, where)
	case "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "INVALID_PICKLIST":
		return fmt.Sprintf("Add a value-map entry for %s of %s, or add the value to the picklist in %s.", fields, where, systemName(op))
	case "INVALID_FIELD_FOR_INSERT_UPDATE", "INVALID_FIELD", "INVALIDFIELD":
		return fmt.Sprintf("%s cannot be written on %s: remove that field map or change its direction.", fields, where)
	case "INVALID_CROSS_REFERENCE_KEY", "ENTITYNOTFOUND", "ENTITY_IS_DELETED", "NOT_FOUND":
		return fmt.Sprintf("A record %s refers to no longer exists in %s; check the reference or delete the link, then retry.", where, systemName(op))
	case "DUPLICATE_VALUE", "DUPLICATEKEY":
		return fmt.Sprintf("Another record of %s already holds this unique value (%s); change it in %s, then retry.", where, fields, systemName(op))
	case "FIELD_CUSTOM_VALIDATION_EXCEPTION", "VALIDATIONRULEERROR":
		return fmt.Sprintf("A validation rule of %s rejected the values; change the record or the rule, then retry.", where)
	case CodeDependencyFailed:
		if e.Class == ClassTransient {
			return "The operation this one depends on failed for a reason that may pass; the next run sends both again."
		}
		return "Fix the failed operation this one depends on (see its row), then retry both rows from the registry."
	case CodeLinkConflict:
		return fmt.Sprintf("Two Salesforce records of %s lead to one Clarizen entity: make their key values unique, or delete the duplicate record, then retry the row.", where)
	case CodeConversion:
		return fmt.Sprintf("The value of %s does not fit the target field of %s: add a value map or change the field map.", fields, where)
	case "INVALID_EMAIL_ADDRESS", "NUMBER_OUTSIDE_VALID_RANGE", "INVALID_TYPE_ON_FIELD_IN_RECORD", "MALFORMED_ID",
		"FIELD_INTEGRITY_EXCEPTION", "INVALIDARGUMENT":
		return fmt.Sprintf("%s rejected the value of %s on %s: correct it in the source record or map another field, then retry.",
			systemName(op), fields, where)
	}
	switch e.Class {
	case ClassTransient:
		return fmt.Sprintf("%s did not answer in time or was busy; the next run sends the operation again.", systemName(op))
	case ClassAuth:
		return fmt.Sprintf("Re-authenticate the %s connection; its mappings are paused until then.", systemName(op))
	case ClassQuota:
		return "The Salesforce daily API budget is spent; the next run after it resets sends the operation."
	}
	if len(e.Fields) > 0 {
		return fmt.Sprintf("Check %s of %s in %s, then retry the row from the registry.", fields, where, systemName(op))
	}
	return fmt.Sprintf("Check %s in %s, then retry the row from the registry.", where, systemName(op))
}

// noExternalIDError is the failure of a Salesforce create into object that
// cannot be made safe to resend.
func noExternalIDError(object, mappingName string) *RecordError {
	return &RecordError{Code: CodeNoExternalID, Class: ClassPermanent, Fields: []string{IdempotencyField},
		Message: fmt.Sprintf("%s has no external-id field to create records by, so a create whose answer is lost could be sent twice", object),
		Hint: fmt.Sprintf("Add the field %s to %s in Salesforce Setup (Text, 80 characters, External ID, Unique), "+
			"or make the Salesforce key field of mapping %q a writable field that receives the Clarizen key; then retry this row.",
			IdempotencyField, object, mappingName)}
}

func systemName(op *Operation) string {
	if op.Target == "clarizen" {
		return "Clarizen (" + op.Connection + ")"
	}
	return "Salesforce"
}
