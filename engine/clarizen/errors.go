package clarizen

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Error codes the service sends in the errorCode of its error object.
const (
	CodeEntityNotFound      = "EntityNotFound"
	CodeInvalidArgument     = "InvalidArgument"
	CodeMissingArgument     = "MissingArgument"
	CodeInvalidOperation    = "InvalidOperation"
	CodeDuplicateKey        = "DuplicateKey"
	CodeInvalidField        = "InvalidField"
	CodeInvalidType         = "InvalidType"
	CodeUnauthorized        = "Unauthorized"
	CodeGeneral             = "General"
	CodeInternal            = "Internal"
	CodeValidationRuleError = "ValidationRuleError"
	CodeLoginFailure        = "LoginFailure"
	CodeSessionTimeout      = "SessionTimeout"
)

// CodeRateLimited is the code this client gives an HTTP 429 response, whose
// body carries no errorCode.
const CodeRateLimited = "RateLimited"

// Class groups failures by what a caller should do about them.
type Class int

// Failure classes.
const (
	// Permanent failures repeat if the request is sent again unchanged
	// (EntityNotFound, InvalidField, DuplicateKey, ValidationRuleError).
	Permanent Class = iota
	// Transient failures may pass on a later attempt: HTTP 429, HTTP 5xx
	// with errorCode General or Internal or without an error object,
	// timeouts and dropped connections.
	Transient
	// Auth failures need new credentials: Unauthorized, LoginFailure, and
	// SessionTimeout that one re-login did not cure.
	Auth
)

// String returns the class name.
func (c Class) String() string {
	switch c {
	case Transient:
		return "transient"
	case Auth:
		return "auth"
	default:
		return "permanent"
	}
}

// Error is a failed Clarizen call: an error object from the service, an
// HTTP status without one, or a network failure (Err).
type Error struct {
	// Op is the operation, such as "create", "query" or "login".
	Op string
	// EntityID is the entity the call was about, or its type name, when
	// known.
	EntityID string
	// HTTPStatus is the response status, 0 when no response arrived.
	HTTPStatus int
	// Code is the service's errorCode, or CodeRateLimited for HTTP 429.
	Code string
	// Message is the service's message, scrubbed of secrets.
	Message string
	// ReferenceID is the service's trace id for support requests.
	ReferenceID string
	// RetryAfter is the wait the service asked for (HTTP 429).
	RetryAfter time.Duration
	// Attempts is the number of times the request was sent.
	Attempts int
	// Err is the underlying network or decoding error.
	Err error

	// rejected names the login that the service rejected, such as
	// "Clarizen at api.clarizen.com rejected the API key". It is set on
	// auth failures of discovery and login, whose message then starts
	// with it instead of the operation and error code.
	rejected string
}

// Error returns "op entity: code: message (HTTP status, reference id)",
// or for a rejected login "Clarizen at host rejected the API key: message
// (code, HTTP status, reference id)".
func (e *Error) Error() string {
	if e.rejected != "" && e.Class() == Auth {
		return e.rejectedMessage()
	}
	var b strings.Builder
	b.WriteString(e.Op)
	if e.EntityID != "" {
		b.WriteString(" ")
		b.WriteString(e.EntityID)
	}
	b.WriteString(": ")
	switch {
	case e.Code != "" && e.Message != "":
		b.WriteString(e.Code + ": " + e.Message)
	case e.Code != "":
		b.WriteString(e.Code)
	case e.Message != "":
		b.WriteString(e.Message)
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		b.WriteString("request failed")
	}

	b.WriteString(e.details(""))
	return b.String()
}

// rejectedMessage puts what was rejected first and the protocol detail
// (error code, HTTP status, reference) last, for the login form.
func (e *Error) rejectedMessage() string {
	var b strings.Builder
	b.WriteString(e.rejected)
	switch {
	case e.Message != "":
		b.WriteString(": " + e.Message)
	case e.Err != nil:
		b.WriteString(": " + e.Err.Error())
	}
	b.WriteString(e.details(e.Code))
	return b.String()
}

// details returns " (first, HTTP status, reference id, attempts)" for the
// parts that are known, or "" when none is.
func (e *Error) details(first string) string {
	var details []string
	if first != "" {
		details = append(details, first)
	}
	if e.HTTPStatus != 0 {
		details = append(details, fmt.Sprintf("HTTP %d", e.HTTPStatus))
	}
	if e.ReferenceID != "" {
		details = append(details, "reference "+e.ReferenceID)
	}
	if e.Attempts > 1 {
		details = append(details, fmt.Sprintf("%d attempts", e.Attempts))
	}
	if len(details) == 0 {
		return ""
	}
	return " (" + strings.Join(details, ", ") + ")"
}

// Unwrap returns the underlying network or decoding error.
func (e *Error) Unwrap() error { return e.Err }

// Is matches the sentinel errors below by code, so that
// errors.Is(err, ErrEntityNotFound) works on any *Error with that code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok || t.Op != "" || t.Code == "" {
		return false
	}
	return strings.EqualFold(e.Code, t.Code)
}

// Sentinels for errors.Is. Each matches any *Error with the same code.
var (
	ErrEntityNotFound  = &Error{Code: CodeEntityNotFound}
	ErrDuplicateKey    = &Error{Code: CodeDuplicateKey}
	ErrInvalidField    = &Error{Code: CodeInvalidField}
	ErrUnauthorized    = &Error{Code: CodeUnauthorized}
	ErrLoginFailure    = &Error{Code: CodeLoginFailure}
	ErrSessionTimeout  = &Error{Code: CodeSessionTimeout}
	ErrRateLimited     = &Error{Code: CodeRateLimited}
	ErrValidationRule  = &Error{Code: CodeValidationRuleError}
	ErrInvalidArgument = &Error{Code: CodeInvalidArgument}
)

// Class returns the failure class of e.
func (e *Error) Class() Class {
	switch {
	case strings.EqualFold(e.Code, CodeUnauthorized),
		strings.EqualFold(e.Code, CodeLoginFailure),
		strings.EqualFold(e.Code, CodeSessionTimeout):
		return Auth
	case e.HTTPStatus == 429 || e.Code == CodeRateLimited:
		return Transient
	case e.HTTPStatus >= 500:
		if e.Code == "" || strings.EqualFold(e.Code, CodeGeneral) || strings.EqualFold(e.Code, CodeInternal) {
			return Transient
		}
		return Permanent
	case e.Code == "" && (e.HTTPStatus == 401 || e.HTTPStatus == 403):
		return Auth
	case e.HTTPStatus == 0 && e.Err != nil:
		return classOfNetworkError(e.Err)
	default:
		return Permanent
	}
}

// ClassOf returns the failure class of any error returned by this package.
// Context cancellation and errors of other packages are Permanent, because
// retrying them does not help.
func ClassOf(err error) Class {
	var e *Error
	if errors.As(err, &e) {
		return e.Class()
	}
	return Permanent
}
