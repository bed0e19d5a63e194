package clarizen

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
)

// redacted replaces a secret wherever it would be printed or logged.
const redacted = "[redacted]"

// Secret is a password, API key or session id. It prints, logs and encodes
// to JSON as "[redacted]". Reveal returns the value where it must be sent.
type Secret string

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String returns "[redacted]", or "" for an empty secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return s.String() }

// LogValue keeps slog from printing the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON keeps the value out of JSON.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }

// Credentials are what a client logs in with: an API key, or a user name
// and password. When both are set the API key is used.
type Credentials struct {
	UserName string
	Password Secret
	APIKey   Secret
}

// UsesAPIKey reports whether the client authenticates with the API key.
func (c Credentials) UsesAPIKey() bool { return c.APIKey != "" }

func (c Credentials) validate() error {
	if c.APIKey != "" {
		return nil
	}
	if c.UserName == "" || c.Password == "" {
		return errors.New("invalid credentials: set an API key, or a user name and password")
	}
	return nil
}

// LogValue logs the user name and which kind of credential is present.
func (c Credentials) LogValue() slog.Value {
	kind := "password"
	if c.UsesAPIKey() {
		kind = "api_key"
	}
	return slog.GroupValue(slog.String("user", c.UserName), slog.String("kind", kind))
}

// String describes the credentials without their secrets.
func (c Credentials) String() string {
	if c.UsesAPIKey() {
		return "api key " + redacted
	}
	return "user " + c.UserName + " password " + redacted
}

// GoString keeps %#v from printing the secrets.
func (c Credentials) GoString() string { return c.String() }

// CredentialProvider supplies the credentials at login time, so a client
// picks up a changed password (the keychain backs it in the app).
type CredentialProvider interface {
	Credentials(ctx context.Context) (Credentials, error)
}

// StaticCredentials is a CredentialProvider that returns itself.
type StaticCredentials Credentials

// Credentials returns c.
func (c StaticCredentials) Credentials(context.Context) (Credentials, error) {
	return Credentials(c), nil
}

// Session is a logged-in session. Its ID is a secret.
type Session struct {
	ID             Secret
	UserID         string
	OrganizationID string
	LicenseType    string
}

// LogValue logs the session without its id.
func (s Session) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("user_id", s.UserID),
		slog.String("organization_id", s.OrganizationID),
		slog.String("license_type", s.LicenseType),
	)
}

// scrubber removes known secrets from text that came from the server or
// the network, such as error messages.
type scrubber struct {
	mu      sync.Mutex
	secrets []string
}

// minSecretLength keeps scrubbing from replacing short, common strings.
const minSecretLength = 4

func (s *scrubber) add(secret Secret) {
	if len(secret) < minSecretLength {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.secrets = append(s.secrets, secret.Reveal())
}

func (s *scrubber) scrub(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, secret := range s.secrets {
		text = strings.ReplaceAll(text, secret, redacted)
	}
	return text
}
