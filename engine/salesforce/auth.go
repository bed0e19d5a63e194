package salesforce

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/liaison-sync/liaison/engine/oauth"
)

// TokenSource supplies access tokens. *oauth.TokenSource implements it;
// Refresh must be single-flight so that concurrent 401s cause one refresh.
type TokenSource interface {
	Token(ctx context.Context) (oauth.Token, error)
	Refresh(ctx context.Context, stale oauth.Token) (oauth.Token, error)
}

// authTransport sets the bearer token. On a 401 whose body reports an
// expired session, it refreshes once and replays the request once.
type authTransport struct {
	next   http.RoundTripper
	tokens TokenSource
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	tok, err := t.tokens.Token(ctx)
	if err != nil {
		return nil, fmt.Errorf("get access token: %w", err)
	}
	resp, err := t.send(req, tok)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	canReplay := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	if !sessionExpired(body) || !canReplay {
		return resp, nil
	}
	// A 401 means the request was not processed, so even a create may be
	// replayed with the new token.
	fresh, err := t.tokens.Refresh(ctx, tok)
	if err != nil {
		return nil, fmt.Errorf("refresh after 401: %w", err)
	}
	return t.send(req, fresh)
}

func (t *authTransport) send(req *http.Request, tok oauth.Token) (*http.Response, error) {
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		b, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = b
	}
	r.Header.Set("Authorization", "Bearer "+tok.AccessToken.Reveal())
	return t.next.RoundTrip(r)
}

// sessionExpired reports whether a 401 body means "refresh and try again".
// Like jsforce, it skips bodies that a new token cannot fix (a session not
// valid for the REST API, a connected app not attached to an agent),
// because refreshing there would loop.
func sessionExpired(body []byte) bool {
	s := string(body)
	if strings.Contains(s, "not valid for use with the REST API") ||
		strings.Contains(s, "Connected app is not attached to Agent") {
		return false
	}
	return strings.Contains(s, "INVALID_SESSION_ID") || strings.Contains(s, "invalid_token") || len(bytes.TrimSpace(body)) == 0
}
