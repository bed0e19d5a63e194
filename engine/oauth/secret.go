package oauth

import (
	"encoding/json"
	"log/slog"
)

const redacted = "[redacted]"

// Secret is a credential (access token, refresh token, client secret).
// Printing, logging or JSON-encoding it yields "[redacted]". Reveal returns
// the value for the places that need it: an Authorization header, a token
// request, the keychain.
type Secret string

// Reveal returns the secret value.
func (s Secret) Reveal() string { return string(s) }

// String returns "[redacted]", or "" for an empty secret so that logs still
// show whether a value is present.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return `oauth.Secret("` + s.String() + `")` }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON encodes the redacted form, so that a Secret inside a struct
// never reaches a JSON log or a DTO by accident. EncodeToken is the explicit
// path for storage.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }
