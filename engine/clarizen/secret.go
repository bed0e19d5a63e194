package clarizen

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"

	"github.com/liaison-sync/liaison/engine/oauth"
)

// redacted replaces a secret wherever it would be printed or logged.
const redacted = "[redacted]"

// Secret is a password, API key or session id. It prints, logs and encodes
// to JSON as "[redacted]", and Reveal returns the value where it must be
// sent. It is the type the Salesforce login uses for its tokens, so that
// one implementation redacts every credential Liaison holds. engine/oauth
// is a leaf package, not the Salesforce client.
type Secret = oauth.Secret

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
