// Package logging builds Liaison's slog logger: a size-rotated JSON file in
// the data folder, text on stderr in headless mode, and a redaction step in
// front of both that keeps tokens, passwords, API keys and session ids out
// of every line.
//
// The same Redact function cleans error messages before they leave the
// engine for the UI or the terminal. logging imports nothing from engine/.
package logging
