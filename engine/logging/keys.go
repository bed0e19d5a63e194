package logging

// Attribute keys shared by every package's log lines, so that one search
// finds every error or every line about one mapping.
const (
	KeyError      = "error"
	KeyComponent  = "component"
	KeyMapping    = "mapping_id"
	KeyEvent      = "event_id"
	KeyConnection = "connection"
	KeyObject     = "object"
	KeyRecord     = "record_id"
	KeyRun        = "run_id"
)
