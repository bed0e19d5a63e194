package oauth

import (
	"context"
	"fmt"

	"github.com/pkg/browser"
)

// Opener shows the authorize page to the user. Production uses
// SystemBrowser; tests use a fake that drives the simulator's login form.
type Opener interface {
	OpenURL(ctx context.Context, url string) error
}

// SystemBrowser opens URLs in the user's default browser.
type SystemBrowser struct{}

// OpenURL starts the system browser on url.
func (SystemBrowser) OpenURL(_ context.Context, url string) error {
	if err := browser.OpenURL(url); err != nil {
		return fmt.Errorf("open system browser: %w", err)
	}
	return nil
}

// OpenerFunc adapts a function to Opener.
type OpenerFunc func(ctx context.Context, url string) error

// OpenURL calls f.
func (f OpenerFunc) OpenURL(ctx context.Context, url string) error { return f(ctx, url) }
