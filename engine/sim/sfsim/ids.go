package sfsim

import (
	"strings"
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

const suffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

// idSuffix computes the three-character case-safe suffix of a 15-character
// id: for each block of five characters, bit i is set when character i is an
// upper-case letter, and the 5-bit number indexes A-Z0-5.
func idSuffix(id15 string) string {
	var b strings.Builder
	for block := 0; block < 3; block++ {
		n := 0
		for i := 0; i < 5; i++ {
			c := id15[block*5+i]
			if c >= 'A' && c <= 'Z' {
				n |= 1 << i
			}
		}
		b.WriteByte(suffixAlphabet[n])
	}
	return b.String()
}

// normalizeID turns a 15- or 18-character id into its 18-character form. It
// reports false when the text is not an id: wrong length, a character outside
// [0-9A-Za-z], or an 18-character id whose suffix does not match.
func normalizeID(id string) (string, bool) {
	if len(id) != 15 && len(id) != 18 {
		return "", false
	}
	for i := 0; i < len(id); i++ {
		if strings.IndexByte(base62, id[i]) < 0 {
			return "", false
		}
	}
	full := id[:15] + idSuffix(id[:15])
	if len(id) == 18 && !strings.EqualFold(id[15:], full[15:]) {
		return "", false
	}
	return full, true
}

// formatID builds an 18-character id from a key prefix, a two-character pod
// and a counter.
func formatID(prefix, pod string, n int64) string {
	body := make([]byte, 9)
	for i := len(body) - 1; i >= 0; i-- {
		body[i] = base62[n%62]
		n /= 62
	}
	id15 := prefix + pod + "0" + string(body)
	return id15 + idSuffix(id15)
}

// newID returns the next id for objects with the given key prefix.
// The caller holds s.mu.
func (s *Server) newID(prefix string) string {
	s.idCounter++
	return formatID(prefix, s.pod, s.idCounter)
}
