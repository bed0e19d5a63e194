package app

// ReadyInfo is the report the frontend sends once its first screen has
// rendered.
type ReadyInfo struct {
	// Screen is the screen that was rendered first, e.g. "connections".
	Screen string `json:"screen"`
	// UserAgent is the web view's user agent string.
	UserAgent string `json:"userAgent"`
	// Theme is "light" or "dark", as the operating system asked for.
	Theme string `json:"theme"`
}

// FrontendError is an uncaught error or unhandled promise rejection that the
// frontend caught with window.onerror or unhandledrejection.
type FrontendError struct {
	// Kind is "error" for window.onerror and "rejection" for an unhandled
	// promise rejection.
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Source  string `json:"source"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Stack   string `json:"stack"`
}

// Info describes the running app for the About box and the Settings screen.
type Info struct {
	Version string `json:"version"`
	DataDir string `json:"dataDir"`
	// HasWindow is false when the app layer runs without a window.
	HasWindow bool `json:"hasWindow"`
}

// ErrorPayload is the shape in which every error of a bound method reaches
// the frontend, so that the frontend branches on Code and never on Message.
type ErrorPayload struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Hint is the next step for the user, or empty.
	Hint string `json:"hint,omitempty"`
	// Details carries values the next step needs, such as the address of
	// a login page to open again; nil for most errors.
	Details map[string]string `json:"details,omitempty"`
}
