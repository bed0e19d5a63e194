package connect_test

import (
	"errors"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
)

func TestManager_ClientOfUnconnected(t *testing.T) {
	e := newEnv(t, envConfig{})
	tests := []struct {
		name string
		get  func() error
		want string
	}{
		{
			name: "clarizen instance",
			get: func() error {
				_, err := e.m.ClarizenClient(e.ctx, connect.Clarizen2)
				return err
			},
			want: "Clarizen instance 2 is not connected: connect it on the Connections screen, or disable its mappings",
		},
		{
			name: "salesforce",
			get: func() error {
				_, err := e.m.SalesforceClient(e.ctx)
				return err
			},
			want: "Salesforce is not connected: connect it on the Connections screen, or disable its mappings",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.get()
			if err == nil {
				t.Fatal("got a client of a connection that was never connected")
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err.Error(), tt.want)
			}
			if !errors.Is(err, connect.ErrNotConnected) {
				t.Errorf("error %v does not match ErrNotConnected", err)
			}
			var ce *connect.Error
			if !errors.As(err, &ce) || ce.ErrorCode() != connect.CodeNotConnected {
				t.Errorf("error code of %v, want %s", err, connect.CodeNotConnected)
			}
		})
	}
}
