package salesforce

import "fmt"

// idSuffixAlphabet maps a 5-bit case mask to one checksum character.
const idSuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

// NormalizeID returns the 18-character, case-safe form of a record id.
//
// A 15-character id is case-sensitive: its checksum suffix encodes, for each
// block of five characters, which characters are upper-case letters. An
// 18-character id is accepted in any letter case, as Salesforce accepts it:
// the suffix restores the case of the first 15 characters, so "001...aab"
// and "001...AAB" normalize to the same id.
func NormalizeID(id string) (string, error) {
	switch len(id) {
	case 15:
		if err := checkIDChars(id); err != nil {
			return "", err
		}
		return id + idSuffix(id), nil
	case 18:
		if err := checkIDChars(id); err != nil {
			return "", err
		}
		return restoreIDCase(id)
	}
	return "", fmt.Errorf("normalize id %q: length %d, expected 15 or 18 characters", id, len(id))
}

// SameID reports whether a and b name the same record, comparing 15- and
// 18-character forms. Invalid ids are never equal.
func SameID(a, b string) bool {
	na, err := NormalizeID(a)
	if err != nil {
		return false
	}
	nb, err := NormalizeID(b)
	return err == nil && na == nb
}

// KeyPrefix returns the object key prefix of an id (001 for Account).
func KeyPrefix(id string) string {
	if len(id) < 3 {
		return ""
	}
	return id[:3]
}

func idSuffix(id15 string) string {
	suffix := make([]byte, 3)
	for block := range 3 {
		mask := 0
		for i := range 5 {
			c := id15[block*5+i]
			if c >= 'A' && c <= 'Z' {
				mask |= 1 << i
			}
		}
		suffix[block] = idSuffixAlphabet[mask]
	}
	return string(suffix)
}

func restoreIDCase(id18 string) (string, error) {
	out := []byte(id18[:15])
	for block := range 3 {
		mask := suffixValue(id18[15+block])
		if mask < 0 {
			return "", fmt.Errorf("normalize id %q: invalid checksum character %q", id18, id18[15+block])
		}
		for i := range 5 {
			p := block*5 + i
			upper := mask&(1<<i) != 0
			c := out[p]
			isLetter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			switch {
			case upper && !isLetter:
				return "", fmt.Errorf("normalize id %q: checksum does not match the id", id18)
			case upper:
				out[p] = c &^ 0x20
			case isLetter:
				out[p] = c | 0x20
			}
		}
	}
	canonical := string(out)
	return canonical + idSuffix(canonical), nil
}

// suffixValue returns the 5-bit value of a checksum character, matched
// case-insensitively, or -1.
func suffixValue(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= '0' && c <= '5':
		return 26 + int(c-'0')
	}
	return -1
}

func checkIDChars(id string) error {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return fmt.Errorf("normalize id %q: invalid character %q at position %d", id, c, i+1)
		}
	}
	return nil
}
