package synctest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
)

// The client pages a change read by stamp: an entity updated after the
// first page moves to the end of the order, and no entity at a page
// boundary is skipped.
func TestClarizenClient_UpdatedSinceWhileEditing(t *testing.T) {
	env := NewEnv(t, EnvOptions{})
	cz := env.CZ["clarizen1"]
	var ids []string
	for i := 0; i < 6; i++ {
		id, err := cz.Create("Customer", map[string]any{"Name": fmt.Sprintf("C%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		env.Clock.Advance(time.Second)
	}
	client, err := clarizen.New(clarizen.Options{DiscoveryURL: cz.DiscoveryURL(),
		Credentials:       clarizen.StaticCredentials{UserName: czUser, Password: clarizen.Secret(czPassword)},
		RequestsPerSecond: -1, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := client.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	pages := 0
	err = client.UpdatedSince(ctx, "Customer", []string{"Name"}, time.Unix(0, 0), func(page []clarizen.Entity) error {
		pages++
		for _, e := range page {
			seen[string(e.ID)] = true
		}
		if pages == 1 {
			env.Clock.Advance(time.Second)
			return cz.Update(ids[0], map[string]any{"Name": "C0 edited"})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if !seen[id] {
			t.Errorf("entity %s was never read", id)
		}
	}
}
