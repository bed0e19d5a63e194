// Package mapping is Liaison's model of mappings and events, the one type
// compatibility table, the conversion of values between the two systems'
// wire shapes, validation against live describes, and the JSON export
// format (FORMAT.md).
//
// A Mapping defines how a Clarizen entity type corresponds to a Salesforce
// object and which fields move on create and on later syncs. An Event
// defines when a record starts to sync. Both are plain data with JSON tags, so the
// store keeps them as JSON and the UI edits them as such.
//
// CompatibilityTable is the only list of kind pairs a field map may
// connect; the UI field pickers read it through the app layer instead of
// keeping a copy. Conversion turns a source value into the target field's
// wire value, and Equal compares two values of a field whichever client
// shape they come in, which the planner uses for its three-way comparison.
//
// Durations convert to working days: 8 hours a day, 5 days a week, 20 days
// a month (condition.DurationDays). Date-only values never pass through a
// time zone. Date-times are UTC.
//
// The package does no I/O: describes come in through a Describer, reference
// lookups through a Resolver. It imports engine/schema and engine/condition
// and nothing else from engine/; engine/plan builds on it, never the
// reverse.
package mapping
