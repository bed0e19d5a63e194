package app

import (
	"context"
	"errors"

	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/preview"
	"github.com/liaison-sync/liaison/engine/scheduler"
	"github.com/liaison-sync/liaison/engine/secrets"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/workspace"
)

// Error codes that the app layer gives to errors. Engine errors that carry
// their own code through an ErrorCode method keep it.
const (
	CodeInternal       = "internal"
	CodeInvalidURL     = "invalid_url"
	CodeBrowserFailed  = "browser_failed"
	CodeNoWindow       = "no_window"
	CodeNoEngine       = "no_engine"
	CodeInvalidInput   = "invalid_input"
	CodeNotFound       = "not_found"
	CodeNameTaken      = "name_taken"
	CodeInUse          = "in_use"
	CodeImportConflict = "import_conflict"
	CodeValidation     = "validation_failed"
	CodeRunInProgress  = "run_in_progress"
	CodeSchedulerBusy  = "scheduler_busy"
	CodePlanGone       = "plan_gone"
	CodeNotConnected   = "not_connected"
	CodeKeychain       = "keychain_unavailable"
	CodeCancelled      = "cancelled"
	CodeNotProject     = "not_project"
)

// ErrNoWindow is returned by calls that need the desktop window (dialogs)
// when the app layer runs without one.
var ErrNoWindow = &codedError{code: CodeNoWindow, msg: "no desktop window is open"}

// ErrNoEngine is returned by every screen service when the app layer was
// started without an engine.
var ErrNoEngine = &codedError{
	code: CodeNoEngine,
	msg:  "the sync engine is not available in this build",
	hint: "Start Liaison with the liaison command, or the demo workspace with liaison demo.",
}

// codedError is an app-layer error with a stable code for the frontend.
// It may wrap the engine error it explains.
type codedError struct {
	code    string
	msg     string
	hint    string
	details map[string]string
	err     error
}

func (e *codedError) Error() string                   { return e.msg }
func (e *codedError) Unwrap() error                   { return e.err }
func (e *codedError) ErrorCode() string               { return e.code }
func (e *codedError) ErrorHint() string               { return e.hint }
func (e *codedError) ErrorDetails() map[string]string { return e.details }

// errorCoder is implemented by errors that carry a stable code.
type errorCoder interface{ ErrorCode() string }

// errorHinter is implemented by errors that tell the user what to do next.
type errorHinter interface{ ErrorHint() string }

// errorDetailer is implemented by errors that carry values the frontend
// needs to offer the next step, such as the login page's address.
type errorDetailer interface{ ErrorDetails() map[string]string }

// FormatError turns an error returned by a bound method into the
// ErrorPayload the frontend receives. Wails calls it for every such error.
func FormatError(err error) any {
	if err == nil {
		return nil
	}
	code, hint := classify(err)
	payload := ErrorPayload{Code: code, Message: err.Error(), Hint: hint}

	var coder errorCoder
	if errors.As(err, &coder) {
		payload.Code = coder.ErrorCode()
	}
	var hinter errorHinter
	if errors.As(err, &hinter) && hinter.ErrorHint() != "" {
		payload.Hint = hinter.ErrorHint()
	}
	var detailer errorDetailer
	if errors.As(err, &detailer) {
		payload.Details = detailer.ErrorDetails()
	}
	return payload
}

// classify gives the engine's sentinel errors a code and a next step, for
// errors that do not bring their own code.
func classify(err error) (code, hint string) {
	var problems *workspace.ProblemsError
	switch {
	case errors.As(err, &problems):
		return CodeValidation, "Fix the problems shown next to the fields, then try again."
	case errors.Is(err, context.Canceled):
		return CodeCancelled, ""
	case errors.Is(err, store.ErrNotFound):
		return CodeNotFound, "It may have been deleted in the meantime; reload the screen."
	case errors.Is(err, store.ErrNameTaken):
		return CodeNameTaken, "Choose a name that no other mapping or event uses."
	case errors.Is(err, workspace.ErrInUse):
		return CodeInUse, "Change or delete the definitions that refer to it first."
	case errors.Is(err, workspace.ErrImportConflict):
		return CodeImportConflict, "Rename the definitions in the file, or import again and choose to replace them."
	case errors.Is(err, mapping.ErrTriggeredByChanged), errors.Is(err, mapping.ErrUnsupportedVersion):
		return CodeInvalidInput, ""
	case errors.Is(err, syncer.ErrRunInProgress):
		return CodeRunInProgress, "Wait until the current run ends, or cancel it."
	case errors.Is(err, scheduler.ErrBusy):
		return CodeSchedulerBusy, ""
	case errors.Is(err, syncer.ErrNotConnected), errors.Is(err, workspace.ErrNoClients):
		return CodeNotConnected, "Connect Salesforce and the Clarizen instance on the Connections screen."
	case errors.Is(err, secrets.ErrUnavailable):
		return CodeKeychain, "Start and unlock your system keychain, then try again."
	case errors.Is(err, preview.ErrNotProject):
		return CodeNotProject, ""
	}
	return CodeInternal, ""
}

// invalidInput returns a coded error for a value the user can correct.
func invalidInput(msg string, err error) error {
	return &codedError{code: CodeInvalidInput, msg: msg, err: err}
}
