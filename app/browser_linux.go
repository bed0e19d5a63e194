//go:build linux

package app

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// openers are the programs tried in order to open an address, the same
// list as github.com/pkg/browser uses on Linux.
var openers = []string{"xdg-open", "x-www-browser", "www-browser"}

// openerWait is how long systemOpen waits for the opener to fail. An
// opener still running after that has started a browser in the foreground
// (xdg-open does so when no browser was running), so the address counts
// as opened.
const openerWait = 5 * time.Second

// systemOpen opens address with the first opener found on PATH and
// returns its failure with the last line it wrote to standard error, such
// as a browser that refuses to start.
func systemOpen(address string) error {
	for _, name := range openers {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		return runOpener(path, address)
	}
	return fmt.Errorf("none of %s is installed: install xdg-utils", strings.Join(openers, ", "))
}

func runOpener(path, address string) error {
	stderr := &tailBuffer{max: 2048}
	cmd := exec.Command(path, address)
	cmd.Stderr = stderr
	// A browser started by the opener inherits the pipe; WaitDelay stops
	// Wait from waiting for the browser to exit once the opener has.
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", filepath.Base(path), err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	select {
	case err := <-done:
		if err == nil || errors.Is(err, exec.ErrWaitDelay) {
			return nil
		}
		if line := stderr.lastLine(); line != "" {
			return fmt.Errorf("%s failed: %w: %s", filepath.Base(path), err, line)
		}
		return fmt.Errorf("%s failed: %w", filepath.Base(path), err)
	case <-time.After(openerWait):
		return nil
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if extra := len(b.buf) - b.max; extra > 0 {
		b.buf = b.buf[extra:]
	}
	return len(p), nil
}

// lastLine returns the last non-empty line written.
func (b *tailBuffer) lastLine() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	lines := bytes.Split(bytes.TrimSpace(b.buf), []byte("\n"))
	return strings.TrimSpace(string(lines[len(lines)-1]))
}
