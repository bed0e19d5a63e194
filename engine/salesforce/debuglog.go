package salesforce

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/liaison-sync/liaison/engine/logging"
)

// debugTransport writes one debug line per request attempt: the method,
// the path without its query and the status. Headers and bodies stay out,
// because they carry tokens. It costs nothing when debug lines are off.
type debugTransport struct {
	next http.RoundTripper
	log  *slog.Logger
}

func (t *debugTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.log.Enabled(req.Context(), slog.LevelDebug) {
		return t.next.RoundTrip(req)
	}
	started := time.Now()
	resp, err := t.next.RoundTrip(req)
	attrs := []any{"method", req.Method, "path", req.URL.Path, "duration", time.Since(started)}
	if resp != nil {
		attrs = append(attrs, "status", resp.StatusCode)
	}
	if err != nil {
		attrs = append(attrs, logging.KeyError, err)
	}
	t.log.DebugContext(req.Context(), "salesforce request", attrs...)
	return resp, err
}
