// Package app is the thin desktop layer between the Wails window and the
// engine: it starts the window, owns the methods the frontend calls through
// the generated bindings, and wraps the Wails runtime so that the same code
// also runs without a window.
//
// It holds no sync rule, no SQL and no HTTP client. It may import the engine
// and Wails; nothing under engine/ may import it.
package app
