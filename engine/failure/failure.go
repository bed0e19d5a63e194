package failure

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

// Classes as registry rows store them. They match the String values of the
// clients' Class types.
const (
	ClassPermanent = "permanent"
	ClassTransient = "transient"
	ClassAuth      = "auth"
	ClassQuota     = "quota"
)

// Codes Liaison gives failures that no service reported.
const (
	// CodeDependencyFailed marks an operation skipped because an operation
	// whose id it needs failed.
	CodeDependencyFailed = "DEPENDENCY_FAILED"
	// CodeConversion marks a value that could not be converted for the
	// target field.
	CodeConversion = "CONVERSION_FAILED"
)

// Target is the service, object and mapping a failed operation wrote to.
type Target struct {
	// System is "salesforce" or "clarizen".
	System string
	// Connection is the Clarizen connection id, such as "clarizen1".
	Connection string
	// Object is the Salesforce object or Clarizen entity type written.
	Object string
	// Mapping is the name of the mapping the operation belongs to.
	Mapping string
	// RetriedEachRun is set when the next run tries the operation again by
	// itself (user pairing, social copies), so that the hint does not send
	// the admin to the registry's Retry.
	RetriedEachRun bool
}

// Failure is a failed operation as the registry stores it.
type Failure struct {
	Code    string
	Message string
	Class   string
	Hint    string
	// Fields lists the fields the service's error named.
	Fields []string
}

func (f *Failure) Error() string {
	if f.Code != "" {
		return f.Code + ": " + f.Message
	}
	return f.Message
}

// Classify turns a client error of an operation on t into a Failure. The
// message is redacted before it leaves the engine.
func Classify(t Target, err error) Failure {
	f := Failure{Message: logging.Redact(err.Error()), Class: ClassPermanent}
	var sfErr *salesforce.Error
	var czErr *clarizen.Error
	switch {
	case errors.As(err, &sfErr):
		f.Code, f.Fields, f.Class = sfErr.Code, sfErr.Fields, sfErr.Class().String()
		if sfErr.Message != "" {
			f.Message = logging.Redact(sfErr.Message)
		}
	case errors.As(err, &czErr):
		f.Code, f.Class = czErr.Code, czErr.Class().String()
		if czErr.Message != "" {
			f.Message = logging.Redact(czErr.Message)
		}
	case errors.Is(err, oauth.ErrNeedsReauth):
		f.Class = ClassAuth
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		f.Class = ClassTransient
	}
	f.Hint = Hint(t, f)
	return f
}

// Hint returns the fix for f, naming the object, the fields and the
// setting to look at.
func Hint(t Target, f Failure) string {
	where := t.Object
	if t.Mapping != "" {
		where = fmt.Sprintf("%s (mapping %q)", t.Object, t.Mapping)
	}
	fields := strings.Join(f.Fields, ", ")
	if fields == "" {
		fields = "the field named in the message"
	}
	system := t.systemName()
	if h := codeHint(strings.ToUpper(f.Code), where, fields, system); h != "" {
		return h
	}

	switch f.Class {
	case ClassTransient:
		return fmt.Sprintf("%s did not answer in time or was busy; the next run sends the operation again.", system)
	case ClassAuth:
		return fmt.Sprintf("Re-authenticate %s on the Connections screen; its mappings are paused until then.", system)
	case ClassQuota:
		return "The Salesforce daily API budget is spent; the next run after it resets sends the operation."
	}
	next := "then retry the row from the registry."
	if t.RetriedEachRun {
		next = "the next run tries again."
	}
	if len(f.Fields) > 0 {
		return fmt.Sprintf("Check %s of %s in %s; %s", fields, where, system, next)
	}
	return fmt.Sprintf("Check %s in %s; %s", where, system, next)
}

// codeHint returns the fix for an error code that names one, or "".
func codeHint(code, where, fields, system string) string {
	switch code {
	case "REQUIRED_FIELD_MISSING":
		return fmt.Sprintf("Map a value to %s of %s on create, or give the field a default in %s.", fields, where, system)
	case "STRING_TOO_LONG":
		return fmt.Sprintf("Shorten the value of %s, or turn on truncate for that field map of %s.", fields, where)
	case "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "INVALID_PICKLIST":
		return fmt.Sprintf("Add a value-map entry for %s of %s, or add the value to the picklist in %s.", fields, where, system)
	case "INVALID_FIELD_FOR_INSERT_UPDATE", "INVALID_FIELD", "INVALIDFIELD":
		return fmt.Sprintf("%s cannot be written on %s: remove that field map or change its direction.", fields, where)
	case "INVALID_CROSS_REFERENCE_KEY", "ENTITYNOTFOUND", "ENTITY_IS_DELETED", "NOT_FOUND":
		return fmt.Sprintf("A record %s refers to no longer exists in %s; check the reference or delete the link, then retry.", where, system)
	case "DUPLICATE_VALUE", "DUPLICATEKEY", "DUPLICATE_USERNAME":
		return fmt.Sprintf("Another record of %s already holds this unique value (%s); change it in %s, then retry.", where, fields, system)
	case "FIELD_CUSTOM_VALIDATION_EXCEPTION", "VALIDATIONRULEERROR":
		return fmt.Sprintf("A validation rule of %s rejected the values; change the record or the rule, then retry.", where)
	case "LICENSE_LIMIT_EXCEEDED":
		return fmt.Sprintf("%s has no free licence for a new %s; free or add licences, then the next run creates it.", system, where)
	case "INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY", "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY":
		return fmt.Sprintf("The connected user may not write %s in %s; give the user that permission, then retry.", where, system)
	case CodeDependencyFailed:
		return "Fix the failed operation this one depends on, then retry both rows from the registry."
	case CodeConversion:
		return fmt.Sprintf("The value of %s does not fit the target field of %s: add a value map or change the field map.", fields, where)
	case "INVALID_EMAIL_ADDRESS", "NUMBER_OUTSIDE_VALID_RANGE", "INVALID_TYPE_ON_FIELD_IN_RECORD", "MALFORMED_ID",
		"FIELD_INTEGRITY_EXCEPTION", "INVALIDARGUMENT":
		return fmt.Sprintf("%s rejected the value of %s on %s: correct it in the source record or map another field, then retry.",
			system, fields, where)
	}
	return ""
}

// systemName names the service written to as the Connections screen does:
// "Salesforce", or "Clarizen instance 1" for connection clarizen1.
func (t Target) systemName() string {
	if t.System != "clarizen" {
		return "Salesforce"
	}
	if n, ok := strings.CutPrefix(t.Connection, "clarizen"); ok && n != "" {
		return "Clarizen instance " + n
	}
	return "Clarizen"
}
