package app

import (
	"errors"
)

// Error codes that the app layer itself produces. Engine errors bring their
// own codes through an ErrorCode method.
const (
	CodeInternal   = "internal"
	CodeInvalidURL = "invalid_url"
	CodeNoWindow   = "no_window"
)

// ErrNoWindow is returned by calls that need the desktop window (dialogs)
// when the app layer runs without one.
var ErrNoWindow = &codedError{code: CodeNoWindow, msg: "no desktop window is open"}

// codedError is an app-layer error with a stable code for the frontend.
type codedError struct {
	code string
	msg  string
	hint string
}

func (e *codedError) Error() string     { return e.msg }
func (e *codedError) ErrorCode() string { return e.code }
func (e *codedError) ErrorHint() string { return e.hint }

// errorCoder is implemented by errors that carry a stable code.
type errorCoder interface{ ErrorCode() string }

// errorHinter is implemented by errors that tell the user what to do next.
type errorHinter interface{ ErrorHint() string }

// FormatError turns an error returned by a bound method into the
// ErrorPayload the frontend receives. Wails calls it for every such error.
func FormatError(err error) any {
	if err == nil {
		return nil
	}
	payload := ErrorPayload{Code: CodeInternal, Message: err.Error()}

	var coder errorCoder
	if errors.As(err, &coder) {
		payload.Code = coder.ErrorCode()
	}
	var hinter errorHinter
	if errors.As(err, &hinter) {
		payload.Hint = hinter.ErrorHint()
	}
	return payload
}
