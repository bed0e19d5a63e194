package logging

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"gopkg.in/natefinch/lumberjack.v2"
)

// FileName is the log file inside the data folder; rotated copies sit next
// to it.
const FileName = "liaison.log"

// redactingHandler masks secrets in the message and every attribute before
// the wrapped handler receives the record. It also writes one KeyComponent
// per line. Without that, a package that adds its own component to a
// logger that has one (the connections manager passes its logger to the
// Salesforce client) writes "component" twice, and JSON readers keep one.
type redactingHandler struct {
	next slog.Handler
	// component is the newest KeyComponent attribute given to WithAttrs
	// outside any group. It is held back from next and added to each
	// record, so that a newer component replaces it.
	component *slog.Attr
	// grouped is set once WithGroup opened a group: from then on a
	// component attribute belongs to the group and passes through.
	grouped bool
}

// NewRedactingHandler wraps next so that no record reaches it with a secret.
func NewRedactingHandler(next slog.Handler) slog.Handler {
	return &redactingHandler{next: next}
}

func (h *redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h *redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, Redact(r.Message), r.PC)
	component := h.component
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == KeyComponent {
			// The record's own component wins over the logger's.
			component = nil
		}
		return true
	})
	if component != nil {
		out.AddAttrs(*component)
	}
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	component := h.component
	clean := make([]slog.Attr, 0, len(attrs))
	for _, a := range attrs {
		a = redactAttr(a)
		if a.Key == KeyComponent && !h.grouped {
			component = &a
			continue
		}
		clean = append(clean, a)
	}
	next := h.next
	if len(clean) > 0 {
		next = next.WithAttrs(clean)
	}
	return &redactingHandler{next: next, component: component, grouped: h.grouped}
}

// WithGroup passes the held component to next first, so that it stays
// outside the group. A component given inside the group is an attribute of
// the group like any other.
func (h *redactingHandler) WithGroup(name string) slog.Handler {
	next := h.next
	if h.component != nil {
		next = next.WithAttrs([]slog.Attr{*h.component})
	}
	return &redactingHandler{next: next.WithGroup(name), grouped: true}
}

func redactAttr(a slog.Attr) slog.Attr {
	if secretKey(a.Key) {
		return slog.String(a.Key, Mask)
	}
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Redact(v.String()))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = redactAttr(g)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, Redact(x.Error()))
		case fmt.Stringer:
			return slog.String(a.Key, Redact(x.String()))
		case []byte:
			return slog.String(a.Key, Redact(string(x)))
		default:
			return slog.String(a.Key, Redact(fmt.Sprint(x)))
		}
	default:
		return slog.Attr{Key: a.Key, Value: v}
	}
}

// Options configure New.
type Options struct {
	// Dir is the data folder; the log file goes there. Empty means no file.
	Dir   string
	Level slog.Leveler
	// Stderr adds a text handler on standard error (headless mode).
	Stderr io.Writer
	// MaxSizeMB is the size in megabytes at which the file is rotated
	// (default 10); MaxBackups is how many rotated files are kept (default 5).
	MaxSizeMB  int
	MaxBackups int
}

// New returns the application logger and a closer for its file.
func New(opts Options) (*slog.Logger, io.Closer, error) {
	level := opts.Level
	if level == nil {
		level = slog.LevelInfo
	}
	var handlers []slog.Handler
	var closer io.Closer = nopCloser{}
	if opts.Dir != "" {
		if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
			return nil, nil, fmt.Errorf("create log folder %s: %w", opts.Dir, err)
		}
		file := &lumberjack.Logger{
			Filename:   filepath.Join(opts.Dir, FileName),
			MaxSize:    orDefault(opts.MaxSizeMB, 10),
			MaxBackups: orDefault(opts.MaxBackups, 5),
		}
		closer = file
		handlers = append(handlers, slog.NewJSONHandler(file, &slog.HandlerOptions{Level: level}))
	}
	if opts.Stderr != nil {
		handlers = append(handlers, slog.NewTextHandler(opts.Stderr, &slog.HandlerOptions{Level: level}))
	}
	if len(handlers) == 0 {
		return nil, nil, errors.New("create logger: neither a log folder nor stderr was given")
	}
	return slog.New(NewRedactingHandler(slog.NewMultiHandler(handlers...))), closer, nil
}

// ParseLevel turns "debug", "info", "warn" or "error" into a level.
func ParseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo, fmt.Errorf("invalid log level %q: use debug, info, warn or error", s)
	}
	return l, nil
}

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }
