package logging

import (
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Mask replaces every secret that Redact finds.
const Mask = "[REDACTED]"

// minSecretLen keeps short registered values (which would match ordinary
// words) out of the exact-match list.
const minSecretLen = 6

var secretPatterns = []struct {
	re   *regexp.Regexp
	repl string
}{
	// Authorization header values: "Bearer x", "Session x", "ApiKey x".
	{regexp.MustCompile(`(?i)\b(bearer|session|apikey)(\s+)[A-Za-z0-9._~+/=!\-]{8,}`), "${1}${2}" + Mask},
	// key=value and "key":"value" for secret-bearing keys. A colon counts
	// only between quotes, so prose such as "get access token: load the
	// tokens" keeps its words.
	{regexp.MustCompile(`(?i)(^|[^A-Za-z0-9_])((?:access|refresh|id|oauth)_token|sid|client_secret|code_verifier|password|passwd|session_?id|api_?key|token)(\s*=\s*["']?|["']\s*:\s*["'])([^"'&\s,;}]+)`), "${1}${2}${3}" + Mask},
	// The OAuth authorization code in a callback URL.
	{regexp.MustCompile(`([?&]code=)[^&\s"']+`), "${1}" + Mask},
	// Salesforce access tokens (session ids) look like 00D<org id>!<opaque>.
	{regexp.MustCompile(`\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._\-]+`), Mask},
	// Clarizen session ids are <uuid>_<organization id>.
	{regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_\d+\b`), Mask},
}

var registry = struct {
	sync.RWMutex
	values []string // longest first, so that a secret containing another is masked whole
}{}

// RegisterSecret adds a value that Redact must mask wherever it appears,
// whatever its shape. The keychain layer registers every secret it stores
// or loads.
func RegisterSecret(value string) {
	if len(value) < minSecretLen {
		return
	}
	registry.Lock()
	defer registry.Unlock()
	for _, v := range registry.values {
		if v == value {
			return
		}
	}
	registry.values = append(registry.values, value)
	sort.Slice(registry.values, func(i, j int) bool { return len(registry.values[i]) > len(registry.values[j]) })
}

// Redact returns s with every registered secret and every secret-shaped
// substring replaced by Mask.
func Redact(s string) string {
	if s == "" {
		return s
	}
	registry.RLock()
	for _, v := range registry.values {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, Mask)
		}
	}
	registry.RUnlock()
	for _, p := range secretPatterns {
		s = p.re.ReplaceAllString(s, p.repl)
	}
	return s
}

// secretKey reports whether an attribute key names a secret, so its value
// is masked whatever it looks like.
func secretKey(key string) bool {
	k := strings.ToLower(strings.ReplaceAll(key, "-", "_"))
	for _, word := range []string{"token", "password", "passwd", "secret", "apikey", "api_key", "session_id", "sessionid", "authorization", "verifier", "cookie"} {
		if strings.Contains(k, word) {
			return true
		}
	}
	return false
}

// Secret is a string that never prints its value: fmt, slog and JSON all see
// Mask. Use Reveal where the value must go on the wire.
type Secret string

// String returns Mask.
func (s Secret) String() string { return Mask }

// GoString returns Mask, so %#v does not leak the value either.
func (s Secret) GoString() string { return Mask }

// MarshalText returns Mask, so encoders do not leak the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(Mask), nil }

// Reveal returns the secret value itself.
func (s Secret) Reveal() string { return string(s) }

// LogValue returns Mask, so slog never records the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(Mask) }
