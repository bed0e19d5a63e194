package bestpractice_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
)

// startOrgs starts the demo's simulated orgs with an engine connected to
// them and nothing installed.
func startOrgs(t *testing.T) *demo.Workspace {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ws, err := demo.Start(ctx, demo.Options{DataDir: t.TempDir(), Secrets: secretstest.NewMemory(), Walkthrough: true,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("start the demo orgs: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	if err := ws.Connect(ctx); err != nil {
		t.Fatalf("connect to the demo orgs: %v", err)
	}
	return ws
}

// text returns a simulator value as text: a string, or the value part of
// a Clarizen reference or picklist object ({"id": "/LicenseType/Email"}).
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		id, _ := x["id"].(string)
		return id[strings.LastIndex(id, "/")+1:]
	}
	return ""
}

// refID returns the id of a Clarizen reference value.
func refID(v any) string {
	if m, ok := v.(map[string]any); ok {
		s, _ := m["id"].(string)
		return s
	}
	s, _ := v.(string)
	return s
}
