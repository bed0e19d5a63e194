package app

import (
	"context"
	"sync"
	"testing"
	"time"
)

// quittingShell is a window whose main loop starts running at the
// loopRunsAt-th Quit call: the earlier calls are lost, as GTK drops a quit
// before its main loop runs. The call that reaches the loop closes stopped.
type quittingShell struct {
	fakeShell
	loopRunsAt int
	stopped    chan struct{}

	mu    sync.Mutex
	quits int
}

func (s *quittingShell) Quit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.quits++
	if s.quits == s.loopRunsAt {
		close(s.stopped)
	}
}

func (s *quittingShell) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.quits
}

func TestQuitWhenDone(t *testing.T) {
	cases := []struct {
		name       string
		domReady   bool
		loopRunsAt int
		wantQuits  int
	}{
		{"page loaded", true, 1, 1},
		{"quit before the main loop runs", false, 3, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			shell := &quittingShell{loopRunsAt: c.loopRunsAt, stopped: make(chan struct{})}
			domReady := make(chan struct{})
			if c.domReady {
				close(domReady)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() {
				quitWhenDone(ctx, shell, domReady, shell.stopped, time.Millisecond)
				close(done)
			}()
			cancel()
			<-done
			if got := shell.count(); got != c.wantQuits {
				t.Errorf("Quit called %d times, want %d", got, c.wantQuits)
			}
		})
	}

	t.Run("window closed by the user", func(t *testing.T) {
		shell := &quittingShell{loopRunsAt: 1, stopped: make(chan struct{})}
		close(shell.stopped)
		quitWhenDone(context.Background(), shell, make(chan struct{}), shell.stopped, time.Millisecond)
		if got := shell.count(); got != 0 {
			t.Errorf("Quit called %d times after the window stopped, want 0", got)
		}
	})
}
