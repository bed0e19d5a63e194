package social

import "testing"

func TestPostLabel(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"empty", "", ""},
		{"short text whole", "Kick-off moved to  Monday", "Kick-off moved to Monday"},
		{"line breaks become spaces", "Budget\napproved", "Budget approved"},
		{"long text cut after eight words", "one two three four five six seven eight nine ten", "one two three four five six seven eight …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := postLabel(tt.text); got != tt.want {
				t.Errorf("postLabel(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
