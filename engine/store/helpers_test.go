package store

import (
	"database/sql"
	"strconv"
	"testing"
)

// mustRawWriter opens path with the store's pragmas but without migrating.
func mustRawWriter(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

func itoa(n int) string { return strconv.Itoa(n) }
