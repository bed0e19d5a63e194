package oauth

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"syscall"
	"time"
)

// callbackListener is the loopback HTTP listener of one login.
type callbackListener struct {
	ln  net.Listener
	srv *http.Server
}

type callbackResult struct {
	code string
	err  error
}

func listenCallback(addr string) (*callbackListener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("listen for oauth callback: invalid address %q: %w", addr, err)
	}
	if !isLoopbackHost(host) {
		return nil, fmt.Errorf("listen for oauth callback: address %q is not a loopback address", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &PortBusyError{Addr: addr, Err: err}
		}
		return nil, fmt.Errorf("listen for oauth callback on %s: %w", addr, err)
	}
	return &callbackListener{ln: ln}, nil
}

func (l *callbackListener) addr() string { return l.ln.Addr().String() }

// redirectURI uses the bound address, so that port 0 (tests) resolves to
// the real port.
func (l *callbackListener) redirectURI(path string) string {
	return "http://" + l.addr() + path
}

// serve handles callbacks on path until close. The first callback on path,
// good or bad, ends the login: its result is sent once on the returned
// channel. A callback with the wrong state fails the login instead of
// waiting on, because its origin cannot be distinguished from an attack.
func (l *callbackListener) serve(path, state string) <-chan callbackResult {
	results := make(chan callbackResult, 1)
	check := &Attempt{state: state}
	mux := http.NewServeMux()
	mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		code, err := check.codeFromQuery(r.URL.Query())
		select {
		case results <- callbackResult{code: code, err: err}:
		default:
			err = errors.New("this login already received its callback")
		}
		writeCallbackPage(w, err)
	})
	l.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = l.srv.Serve(l.ln) }()
	return results
}

func (l *callbackListener) close() {
	if l.srv == nil {
		_ = l.ln.Close()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := l.srv.Shutdown(ctx); err != nil {
		_ = l.srv.Close()
	}
}

func writeCallbackPage(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	title, body := "Liaison is connected", "You can close this tab and return to Liaison."
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		title, body = "Liaison login failed", err.Error()+". Start the login again from Liaison."
	}
	fmt.Fprintf(w, "<!doctype html><title>%s</title><h1>%s</h1><p>%s</p>\n",
		html.EscapeString(title), html.EscapeString(title), html.EscapeString(body))
}
