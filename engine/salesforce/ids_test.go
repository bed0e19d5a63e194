package salesforce

import "testing"

func TestNormalizeID(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{name: "15 to 18 with mixed case", in: "a0D30000001n7Pi", want: "a0D30000001n7PiEAI"},
		{name: "15 to 18 account", in: "0019000000B98de", want: "0019000000B98deAAB"},
		{name: "18 unchanged", in: "0019000000B98deAAB", want: "0019000000B98deAAB"},
		{name: "18 lower case restored", in: "0019000000b98deaab", want: "0019000000B98deAAB"},
		{name: "18 upper case restored", in: "A0D30000001N7PIEAI", want: "a0D30000001n7PiEAI"},
		{name: "all digits", in: "001000000000000", want: "001000000000000AAA"},
		{name: "too short", in: "001", wantErr: true},
		{name: "16 characters", in: "0019000000B98deA", wantErr: true},
		{name: "invalid character", in: "0019000000B98d!", wantErr: true},
		{name: "checksum marks a digit upper case", in: "001000000000000BAA", wantErr: true},
		{name: "invalid checksum character", in: "0019000000B98de9AB", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeID(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("NormalizeID(%q) = %q, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("NormalizeID(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("NormalizeID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeID_suffixCoversEveryBit(t *testing.T) {
	// Each upper-case letter sets the bit of its position within its block.
	base := []byte("aaaaaaaaaaaaaaa")
	for pos := range 15 {
		id := append([]byte(nil), base...)
		id[pos] = 'A'
		got, err := NormalizeID(string(id))
		if err != nil {
			t.Fatalf("position %d: %v", pos, err)
		}
		block, bit := pos/5, pos%5
		want := []byte("AAA")
		want[block] = idSuffixAlphabet[1<<bit]
		if got[15:] != string(want) {
			t.Errorf("position %d: suffix %q, want %q", pos, got[15:], want)
		}
	}
}

func TestSameID(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"15 and 18", "0019000000B98de", "0019000000B98deAAB", true},
		{"18 different case", "0019000000b98deaab", "0019000000B98deAAB", true},
		{"15 differ only by case", "0019000000B98de", "0019000000b98de", false},
		{"invalid", "x", "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameID(tt.a, tt.b); got != tt.want {
				t.Errorf("SameID(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
