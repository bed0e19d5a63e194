package clarizen

import (
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// classOfNetworkError classes a failure that left no HTTP response.
// Timeouts, refused and reset connections and connections closed before a
// response are Transient. Name lookups that found nothing, TLS failures and
// anything unknown are Permanent.
func classOfNetworkError(err error) Class {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsTimeout || dnsErr.IsTemporary {
			return Transient
		}
		return Permanent
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return Transient
	}
	switch {
	case errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED),
		errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed):
		return Transient
	}
	// net/http reports some broken connections only as text, for example
	// "server closed idle connection" and "transport connection broken".
	text := err.Error()
	for _, marker := range []string{"connection reset", "broken pipe", "server closed", "connection broken", "EOF"} {
		if strings.Contains(text, marker) {
			return Transient
		}
	}
	return Permanent
}

// notSent reports whether err proves the request never reached the
// service: a refused or failed dial.
func notSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// shouldRetry is the one retry decision of this package. A Transient
// failure is retried when the request is idempotent, or when the failure
// shows the service did not act on it: HTTP 429, or a connection that was
// never opened. An idempotent request is one that can be applied twice with
// the effect of once: reads, updates, deletes and creates that carry their
// own ExternalID (a repeat fails with DuplicateKey, which Create resolves).
func shouldRetry(e *Error, idempotent bool) bool {
	if e.Class() != Transient {
		return false
	}
	if idempotent {
		return true
	}
	if e.HTTPStatus == 429 {
		return true
	}
	return e.HTTPStatus == 0 && e.Err != nil && notSent(e.Err)
}
