package czsim

import (
	"fmt"
	"net/http"
)

// Clarizen error codes the simulator returns in the errorCode member.
const (
	codeEntityNotFound   = "EntityNotFound"
	codeInvalidArgument  = "InvalidArgument"
	codeMissingArgument  = "MissingArgument"
	codeInvalidOperation = "InvalidOperation"
	codeDuplicateKey     = "DuplicateKey"
	codeInvalidField     = "InvalidField"
	codeInvalidType      = "InvalidType"
	codeUnauthorized     = "Unauthorized"
	codeLoginFailure     = "LoginFailure"
	codeSessionTimeout   = "SessionTimeout"
	codeGeneral          = "General"
	codeInternal         = "Internal"
)

// apiError is a failure the adapter turns into Clarizen's error object,
// {"errorCode", "message", "referenceId"}, with HTTP status Status.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// errorf builds a data error. The real service returns most failures with
// HTTP 500 and an error object, so that is the status here.
func errorf(code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusInternalServerError, Code: code, Message: fmt.Sprintf(format, args...)}
}

// authErrorf builds an authentication failure (HTTP 401).
func authErrorf(code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusUnauthorized, Code: code, Message: fmt.Sprintf(format, args...)}
}

func notFound(id string) *apiError {
	return errorf(codeEntityNotFound, "entity %s not found", id)
}
