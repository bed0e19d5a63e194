package app

import "testing"

func TestCountOf(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 records"},
		{1, "1 record"},
		{2, "2 records"},
		{1000, "1000 records"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := countOf(tt.n, "record", "records"); got != tt.want {
				t.Errorf("countOf(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}
