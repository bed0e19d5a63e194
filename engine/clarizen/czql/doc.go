// Package czql builds Clarizen Query Language (CZQL) statements: literals
// that are escaped and formatted the way the service parses them, and a
// small SELECT builder.
//
// It does no I/O and imports nothing from engine/, so the condition
// compiler can use it without pulling in the HTTP client.
//
// NOTE: the public documentation shows string literals in single or double
// quotes but does not say how a quote inside a literal is escaped. This
// package uses a backslash (\' and \\), as SOQL does; the simulator accepts
// the same form. Check it against a live tenant before relying on values
// that contain quotes or backslashes.
package czql
