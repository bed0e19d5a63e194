package salesforce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce/api"
)

// Class sorts errors by what the caller should do about them.
type Class int

// Error classes.
const (
	// Permanent errors repeat until the data or the mapping changes.
	Permanent Class = iota
	// Transient errors (5xx, UNABLE_TO_LOCK_ROW, ConcurrentRequests,
	// timeouts, dropped connections) may succeed when repeated.
	Transient
	// Auth errors need a token refresh or a new login.
	Auth
	// Quota errors (REQUEST_LIMIT_EXCEEDED TotalRequests) mean the org's
	// daily API budget is spent: stop and do not retry until it resets.
	Quota
)

func (c Class) String() string {
	switch c {
	case Transient:
		return "transient"
	case Auth:
		return "auth"
	case Quota:
		return "quota"
	}
	return "permanent"
}

// Error is a failed Salesforce call, or one failed record of a collection
// call. It carries what the API returned and where Liaison was.
type Error struct {
	Op       string // create, update, upsert, delete, query, describe, ...
	Object   string
	RecordID string
	// Status is the HTTP status; 0 for a record inside a collection result
	// or a call that never got a response.
	Status  int
	Code    string // errorCode, or statusCode in collection results
	Message string
	Fields  []string
	// Others holds any further errors of the same response.
	Others []api.Error
	// RetryAfter is the wait the response's Retry-After header asked for,
	// 0 when it had none.
	RetryAfter time.Duration
	// Err is the underlying cause for calls without a usable response
	// (network error, context end, refresh failure).
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Object != "" {
		b.WriteString(" " + e.Object)
	}
	if e.RecordID != "" {
		b.WriteString(" " + e.RecordID)
	}
	b.WriteString(": ")
	switch {
	case e.Code != "" || e.Message != "":
		if e.Code != "" {
			b.WriteString(e.Code)
			if e.Message != "" {
				b.WriteString(": ")
			}
		}
		b.WriteString(e.Message)
		if len(e.Fields) > 0 {
			b.WriteString(" (fields: " + strings.Join(e.Fields, ", ") + ")")
		}
		if len(e.Others) > 0 {
			fmt.Fprintf(&b, " (and %d more errors)", len(e.Others))
		}
		if e.Status != 0 {
			fmt.Fprintf(&b, " [HTTP %d]", e.Status)
		}
		if e.RetryAfter > 0 {
			fmt.Fprintf(&b, " (the service asked to retry after %s)", e.RetryAfter)
		}
		if e.Err != nil {
			b.WriteString(": " + e.Err.Error())
		}
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		fmt.Fprintf(&b, "HTTP %d", e.Status)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Class returns the error's class.
func (e *Error) Class() Class {
	switch {
	case e.Code == "REQUEST_LIMIT_EXCEEDED":
		if isConcurrentLimit(e.Message) {
			return Transient
		}
		return Quota
	case e.Code == "INVALID_SESSION_ID" || e.Status == http.StatusUnauthorized:
		return Auth
	case e.Code == "UNABLE_TO_LOCK_ROW" || e.Code == "SERVER_UNAVAILABLE":
		return Transient
	case e.Status == http.StatusTooManyRequests || e.Status >= 500:
		return Transient
	case e.Status == 0 && e.Code == "" && e.Err != nil:
		return ClassOf(e.Err)
	}
	return Permanent
}

// isConcurrentLimit separates the concurrent-request limit (wait and
// retry) from the daily total (stop). Salesforce names the limit in the
// message: "ConcurrentRequests (Concurrent API Requests) Limit exceeded"
// versus "TotalRequests Limit exceeded".
func isConcurrentLimit(msg string) bool {
	return strings.Contains(msg, "ConcurrentRequests") || strings.Contains(msg, "ConcurrentPerOrgLongTxn")
}

// ClassOf classifies any error a client call returns.
func ClassOf(err error) Class {
	if err == nil {
		return Permanent
	}
	var se *Error
	if errors.As(err, &se) {
		return se.Class()
	}
	if errors.Is(err, oauth.ErrNeedsReauth) {
		return Auth
	}
	if errors.Is(err, context.Canceled) {
		return Permanent
	}
	if isNetworkTransient(err) {
		return Transient
	}
	return Permanent
}

// IsTransient reports whether err may succeed when repeated.
func IsTransient(err error) bool { return ClassOf(err) == Transient }

// IsQuota reports whether err means the daily API budget is spent.
func IsQuota(err error) bool { return ClassOf(err) == Quota }

// IsAuth reports whether err needs a refresh or a new login.
func IsAuth(err error) bool { return ClassOf(err) == Auth }

// HasCode reports whether err is a Salesforce error with the given
// errorCode (or collection statusCode).
func HasCode(err error, code string) bool {
	var se *Error
	return errors.As(err, &se) && se.Code == code
}

// isNetworkTransient reports timeouts, resets and connections closed
// before a complete response.
func isNetworkTransient(err error) bool {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}

// errorFromResponse builds an Error from a non-2xx response body: the REST
// error array, an OAuth-style object, or anything else (an HTML page from a
// wrong host), which is shortened into the message.
func errorFromResponse(status int, body []byte) *Error {
	e := &Error{Status: status}
	trimmed := strings.TrimSpace(string(body))
	var list []api.Error
	if strings.HasPrefix(trimmed, "[") && json.Unmarshal(body, &list) == nil && len(list) > 0 {
		e.Code, e.Message, e.Fields = list[0].Code(), list[0].Message, list[0].Fields
		e.Others = list[1:]
		return e
	}
	var one api.Error
	if strings.HasPrefix(trimmed, "{") && json.Unmarshal(body, &one) == nil && one.Code() != "" {
		e.Code, e.Message, e.Fields = one.Code(), one.Message, one.Fields
		return e
	}
	var oe api.OAuthError
	if strings.HasPrefix(trimmed, "{") && json.Unmarshal(body, &oe) == nil && oe.Error != "" {
		e.Code, e.Message = oe.Error, oe.ErrorDescription
		return e
	}
	e.Message = http.StatusText(status)
	if snippet := shorten(trimmed, 200); snippet != "" {
		e.Message += ": " + snippet
	}
	return e
}

func shorten(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// recordError converts one collection or save-result error.
func recordError(op, object, id string, errs []api.Error) *Error {
	e := &Error{Op: op, Object: object, RecordID: id}
	if len(errs) == 0 {
		e.Message = "the API reported failure without an error"
		return e
	}
	e.Code, e.Message, e.Fields = errs[0].Code(), errs[0].Message, errs[0].Fields
	e.Others = errs[1:]
	return e
}
