package store

import "strings"

// isUniqueViolation reports whether err is SQLite's UNIQUE constraint
// failure on a column whose name contains column.
func isUniqueViolation(err error, column string) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") && strings.Contains(msg, column)
}
