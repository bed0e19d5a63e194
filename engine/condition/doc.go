// Package condition is Liaison's one expression language for event
// conditions, template criteria, related-object conditions and Clarizen link
// "identified by" criteria. It parses a condition into a typed syntax tree,
// checks it against an object's describe, compiles it to SOQL, to a CZQL
// WHERE clause and to Clarizen entityQuery conditions, and evaluates it in
// memory on records already read.
//
// The package does no I/O. It imports engine/schema and nothing else from
// engine/; engine/mapping and engine/plan build on it, never the reverse.
//
// # Grammar
//
//	condition  = or
//	or         = and { "OR" and }
//	and        = unary { "AND" unary }
//	unary      = "NOT" unary | "(" or ")" | comparison
//	comparison = field op scalar
//	           | field ( "=" | "!=" | "<>" ) "null"
//	           | field "IS" [ "NOT" ] "NULL"
//	           | field [ "NOT" ] "LIKE" string
//	           | field [ "NOT" ] "IN" list
//	           | field ( "INCLUDES" | "EXCLUDES" ) "(" string { "," string } ")"
//	op         = "=" | "!=" | "<>" | "<" | ">" | "<=" | ">="
//	list       = "(" scalar { "," scalar } ")"
//	field      = name { "." name }              e.g. Amount, Account.Name
//	name       = letter-or-underscore { letter | digit | "_" }
//	scalar     = string | number | "true" | "false" | date | datetime
//	string     = "'" { character | escape } "'"
//	escape     = \' \" \\ \n \r \t \b \f \uXXXX, and in LIKE also \% \_
//	number     = [ "-" ] digits [ "." digits ]  e.g. 70, -1.5
//	date       = YYYY-MM-DD                       e.g. 2024-01-31
//	datetime   = RFC 3339 with seconds and zone   e.g. 2024-01-31T09:30:00Z
//
// Keywords are case-insensitive and cannot be field names. NOT binds
// tighter than AND, and AND tighter than OR. "= null" and "!= null" read as
// IS NULL and IS NOT NULL; null appears nowhere else. Parse flattens nested
// groups of the same kind, and String prints a canonical form (!= for <>,
// uppercase keywords, parentheses around every nested group) that parses
// back to an Equal tree.
//
// In a LIKE pattern % matches any run of characters and _ one character;
// \% and \_ match the characters themselves. Outside LIKE, \% and \_ are
// errors, as in SOQL.
//
// # Operators by field kind
//
// Operators returns the list for a schema.Kind, and Check enforces it:
// text kinds take = != < > <= >= [NOT] LIKE [NOT] IN; ids and references
// = != [NOT] IN; booleans = !=; numbers, dates and date-times = != < > <=
// >= [NOT] IN; Durations = != < > <= >= with a number of working days;
// picklists = != [NOT] IN [NOT] LIKE; multi-select picklists = != INCLUDES
// EXCLUDES. Every kind takes IS [NOT] NULL. A date field compares with a
// date literal and a date-time field with a date-time literal, as SOQL
// requires.
//
// # Targets
//
// SOQL takes every operator; IS NULL becomes "= null". CZQL and entityQuery
// take every operator except INCLUDES and EXCLUDES. Before compiling, NOT
// is pushed down to the comparisons (NOT a = 1 becomes a != 1), and each
// comparison that matches by absence (!=, NOT LIKE, NOT IN, EXCLUDES) is
// joined with "field is not null", so that every target agrees with Eval:
// a comparison with a null field is never true, and only IS NULL and IS NOT
// NULL match nulls. Boolean comparisons get no such guard: Eval reads a
// null boolean as false, as SOQL does for checkboxes, and the Clarizen
// targets spell that out ("F = false OR F IS NULL").
package condition
