package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sync/atomic"

	"github.com/liaison-sync/liaison/engine/logging"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"
)

// Shell is the part of the desktop that the app layer uses: events to the
// frontend, the system browser, dialogs and the window. Bound methods call
// it instead of the Wails runtime, so they also work without a window.
type Shell interface {
	// Emit sends an event to the frontend. Without a window it does nothing.
	Emit(name string, data any)
	// OpenURL opens an http or https address in the system browser.
	OpenURL(ctx context.Context, address string) error
	// ChooseDirectory opens a folder dialog, starting at dir. It returns
	// "" when the user cancels and ErrNoWindow without a window.
	ChooseDirectory(ctx context.Context, title, dir string) (string, error)
	// SaveFile opens a save dialog offering defaultName and returns the
	// chosen path, or "" when the user cancels. It returns ErrNoWindow
	// without a window.
	SaveFile(ctx context.Context, title, defaultName string, filter FileFilter) (string, error)
	// OpenFile opens a file dialog and returns the chosen path, or "" when
	// the user cancels. It returns ErrNoWindow without a window.
	OpenFile(ctx context.Context, title string, filter FileFilter) (string, error)
	// ShowWindow brings the window back when it was hidden or minimised.
	ShowWindow()
	// Quit closes the window and ends wails.Run.
	Quit()
	// HasWindow reports whether a window is attached.
	HasWindow() bool
}

// WindowShell is the Shell of the desktop app. Until Attach receives the
// Wails context, and in headless mode where it never does, it behaves like
// a shell without a window: events are dropped and URLs open through the
// system's default opener.
type WindowShell struct {
	ctx     atomic.Pointer[context.Context]
	log     *slog.Logger
	openURL func(string) error
}

// NewWindowShell returns a shell that has no window yet.
func NewWindowShell(logger *slog.Logger) *WindowShell {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &WindowShell{log: logger, openURL: systemOpen}
}

// Attach stores the context that Wails passes to OnStartup; every runtime
// call needs it.
func (s *WindowShell) Attach(ctx context.Context) { s.ctx.Store(&ctx) }

// Detach drops the Wails context once the window is gone.
func (s *WindowShell) Detach() { s.ctx.Store(nil) }

func (s *WindowShell) wailsContext() (context.Context, bool) {
	p := s.ctx.Load()
	if p == nil {
		return nil, false
	}
	return *p, true
}

// HasWindow implements Shell.
func (s *WindowShell) HasWindow() bool {
	_, ok := s.wailsContext()
	return ok
}

// Emit implements Shell.
func (s *WindowShell) Emit(name string, data any) {
	wctx, ok := s.wailsContext()
	if !ok {
		return
	}
	wruntime.EventsEmit(wctx, name, data)
}

// OpenURL implements Shell. Only absolute http and https addresses are
// opened, because the address may come from a record value. It runs the
// system's opener itself, with or without a window, because the Wails
// runtime drops the opener's failure. A failure returns an error with code
// browser_failed whose message contains the address, and the log line
// carries it too. Redact masks tokens in the query string of both.
func (s *WindowShell) OpenURL(ctx context.Context, address string) error {
	if err := checkBrowserURL(address); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("open %s in the system browser: %w", logging.Redact(address), err)
	}
	if err := s.openURL(address); err != nil {
		s.log.Warn("open url in the system browser failed", slog.String("url", address), slog.Any("error", err))
		masked := logging.Redact(address)
		return &codedError{
			code:    CodeBrowserFailed,
			msg:     logging.Redact(fmt.Sprintf("open %s in the system browser: %v", masked, err)),
			hint:    "Copy the address and open it in your browser.",
			details: map[string]string{"url": masked},
			err:     err,
		}
	}
	return nil
}

// ChooseDirectory implements Shell.
func (s *WindowShell) ChooseDirectory(ctx context.Context, title, dir string) (string, error) {
	wctx, ok := s.wailsContext()
	if !ok {
		return "", ErrNoWindow
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("choose directory: %w", err)
	}
	path, err := wruntime.OpenDirectoryDialog(wctx, wruntime.OpenDialogOptions{
		Title:                title,
		DefaultDirectory:     dir,
		CanCreateDirectories: true,
	})
	if err != nil {
		return "", fmt.Errorf("choose directory: %w", err)
	}
	return path, nil
}

// FileFilter limits a file dialog to one kind of file.
type FileFilter struct {
	// Name is shown in the dialog, e.g. "Liaison definitions (*.json)".
	Name string
	// Pattern is a glob such as "*.json"; empty shows every file.
	Pattern string
}

func wailsFilters(f FileFilter) []wruntime.FileFilter {
	if f.Pattern == "" {
		return nil
	}
	return []wruntime.FileFilter{{DisplayName: f.Name, Pattern: f.Pattern}}
}

// SaveFile implements Shell.
func (s *WindowShell) SaveFile(ctx context.Context, title, defaultName string, filter FileFilter) (string, error) {
	wctx, ok := s.wailsContext()
	if !ok {
		return "", ErrNoWindow
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("choose file to save: %w", err)
	}
	// Without a directory the dialog starts in the process's working
	// folder, which is rarely where the user keeps files. An unknown home
	// folder leaves that default.
	home, _ := os.UserHomeDir()
	path, err := wruntime.SaveFileDialog(wctx, wruntime.SaveDialogOptions{
		Title:                title,
		DefaultDirectory:     home,
		DefaultFilename:      defaultName,
		Filters:              wailsFilters(filter),
		CanCreateDirectories: true,
	})
	if err != nil {
		return "", fmt.Errorf("choose file to save: %w", err)
	}
	return path, nil
}

// OpenFile implements Shell.
func (s *WindowShell) OpenFile(ctx context.Context, title string, filter FileFilter) (string, error) {
	wctx, ok := s.wailsContext()
	if !ok {
		return "", ErrNoWindow
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("choose file to open: %w", err)
	}
	path, err := wruntime.OpenFileDialog(wctx, wruntime.OpenDialogOptions{Title: title, Filters: wailsFilters(filter)})
	if err != nil {
		return "", fmt.Errorf("choose file to open: %w", err)
	}
	return path, nil
}

// ShowWindow implements Shell.
func (s *WindowShell) ShowWindow() {
	wctx, ok := s.wailsContext()
	if !ok {
		return
	}
	wruntime.WindowUnminimise(wctx)
	wruntime.WindowShow(wctx)
}

// Quit implements Shell.
func (s *WindowShell) Quit() {
	wctx, ok := s.wailsContext()
	if !ok {
		return
	}
	wruntime.Quit(wctx)
}

// checkBrowserURL accepts absolute http and https addresses with a host.
func checkBrowserURL(address string) error {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &codedError{
			code: CodeInvalidURL,
			msg:  fmt.Sprintf("invalid address %q: only http and https addresses open in the browser", address),
			hint: "Check the instance URL on the Connections screen.",
		}
	}
	return nil
}
