package oauth

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// HostKind is the kind of login host a connection uses.
type HostKind string

// Login host kinds a connection can store.
const (
	HostProduction HostKind = "production"
	HostSandbox    HostKind = "sandbox"
	// HostCustom is a My Domain URL (https://<name>.my.salesforce.com), which
	// SSO users need, or a local simulator's login listener.
	HostCustom HostKind = "custom"
)

// Salesforce's shared login hosts.
const (
	ProductionLoginURL = "https://login.salesforce.com"
	SandboxLoginURL    = "https://test.salesforce.com"
)

// LoginHost is the login host stored per connection. The authorize, token
// and revoke endpoints all live under it.
type LoginHost struct {
	Kind HostKind `json:"kind"`
	// URL is used only when Kind is HostCustom.
	URL string `json:"url,omitempty"`
}

// BaseURL returns the host's base URL without a trailing slash. A custom
// URL must use https, except on a loopback address (the simulator).
func (h LoginHost) BaseURL() (string, error) {
	switch h.Kind {
	case HostProduction:
		return ProductionLoginURL, nil
	case HostSandbox:
		return SandboxLoginURL, nil
	case HostCustom:
		return validateCustomLoginURL(h.URL)
	}
	return "", fmt.Errorf("resolve login host: unknown kind %q (expected production, sandbox or custom)", h.Kind)
}

func validateCustomLoginURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("resolve login host: invalid URL %q: enter a URL such as https://mydomain.my.salesforce.com", raw)
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("resolve login host: URL %q must have no path or query", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopbackHost(u.Hostname()) {
			return "", fmt.Errorf("resolve login host: URL %q must use https", raw)
		}
	default:
		return "", fmt.Errorf("resolve login host: URL %q must use https", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// endpoints returns the authorize, token and revoke URLs under base.
func endpoints(base string) (authorize, token, revoke string) {
	return base + "/services/oauth2/authorize",
		base + "/services/oauth2/token",
		base + "/services/oauth2/revoke"
}
