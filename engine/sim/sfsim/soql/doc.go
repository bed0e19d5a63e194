// Package soql parses the subset of the Salesforce Object Query Language that
// the simulator evaluates: field lists with relationship paths, child and
// semi-join subqueries, aggregate functions, WHERE conditions with the
// comparison, LIKE, IN, INCLUDES and EXCLUDES operators, date literals,
// GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET and the FOR, WITH and USING SCOPE
// clauses.
//
// The package only builds a syntax tree; resolving names against an object
// schema and evaluating rows is the caller's job. It imports nothing outside
// the standard library and must not import anything else from engine/.
package soql
