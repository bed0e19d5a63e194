package demo_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/liaison-sync/liaison/engine/demo"
)

// lockedBuffer collects log lines from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// take returns the lines written so far and empties the buffer.
func (b *lockedBuffer) take() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(b.buf.String()), "\n")
	b.buf.Reset()
	return lines
}

// TestWorkspace_SyncPairsUsersOnce checks that a demo sync pairs users
// once, in the engine's run, and that its report shows that pairing.
func TestWorkspace_SyncPairsUsersOnce(t *testing.T) {
	logs := &lockedBuffer{}
	ws := startDemo(t, demo.Options{Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))})

	first := syncOnce(t, ws)
	if len(first.Users) == 0 {
		t.Fatal("the first sync's report has no user lines")
	}
	changed := 0
	for _, u := range first.Users {
		changed += u.Matched + u.CreatedInClarizen + u.CreatedInSalesforce
	}
	if changed == 0 {
		t.Errorf("the first sync's report = %+v, want the users it matched or created", first.Users)
	}

	logs.take()
	second := syncOnce(t, ws)
	pairings := 0
	for _, line := range logs.take() {
		var rec struct {
			Msg string `json:"msg"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "users matched" {
			pairings++
		}
	}
	if pairings != len(second.Users) {
		t.Errorf("the second sync paired users %d times, want once per user mapping (%d)", pairings, len(second.Users))
	}
	for _, u := range second.Users {
		if u.Linked == 0 {
			t.Errorf("second report for %s = %+v, want the links the first sync made", u.MappingName, u)
		}
	}
}
