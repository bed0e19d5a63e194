package app

import "fmt"

// countOf returns "1 record" for n == 1 and "n records" otherwise.
func countOf(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return fmt.Sprintf("%d %s", n, plural)
}
