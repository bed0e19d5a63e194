// Package czql parses and evaluates the Clarizen Query Language (CZQL) subset
// that the Clarizen simulator serves: SELECT with dot paths and relation
// sub-selects, FROM, WHERE with = <> != < > <= >= LIKE IN IS NULL AND OR NOT,
// string, number, boolean, date and duration literals, ORDER BY, LIMIT and
// OFFSET. GROUP BY and aggregate functions are rejected with a SyntaxError.
//
// The package knows nothing about entity types or storage: callers hand in a
// Record that resolves field paths to Values. It imports nothing from engine/.
package czql
