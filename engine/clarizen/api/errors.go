package api

// Error is the error object the service sends with a failed call, and as
// the body of a failed sub-request inside bulk/execute.
type Error struct {
	ErrorCode   string `json:"errorCode"`
	Message     string `json:"message"`
	ReferenceID string `json:"referenceId,omitempty"`
}

// QuotaExceeded is the body of an HTTP 429 response. It differs from Error:
// statusCode is the reason phrase ("Too Many Requests") and retryAfter is a
// number of seconds written as a string.
type QuotaExceeded struct {
	StatusCode string `json:"statusCode"`
	Message    string `json:"message"`
	RetryAfter string `json:"retryAfter"`
}
