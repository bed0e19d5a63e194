package demo_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
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

// pairings counts the JSON log lines of one user mapping's pairing.
func pairings(lines []string) int {
	n := 0
	for _, line := range lines {
		var rec struct {
			Msg string `json:"msg"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "users matched" {
			n++
		}
	}
	return n
}
