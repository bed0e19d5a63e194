// Package plan makes a sync run's per-link decisions: the three-way
// comparison of a linked pair against its last synced state, with echo
// suppression and conflict rules; the values, template and references of a
// create; the delete guard and delete policies; and whether an event fires.
//
// Everything is data and pure functions: no goroutines, no I/O, and the
// same input always gives the same plan. The sync engine reads records,
// supplies a mapping.Resolver for references, applies the plan and stores
// the new base.
//
// # Three-way comparison
//
// For every link the store keeps a Base: the value of each mapped field on
// each side after the last successful sync, and each side's change stamp
// right after Liaison's write. A side changed a field when the field's
// current value differs from its base value (compared with mapping.Equal,
// so 5 and 5.0, "a;b" and "b;a", or a Money and its amount are equal). A
// value Liaison wrote is the base, so seeing it again is no change, and a
// value that went A to B and back to A between runs is no change either.
//
// When a side's current stamp is not later than the stamp recorded after
// Liaison's write, nobody changed the record since, and its current values
// become its base. A value that a server-side trigger adjusted during
// Liaison's write therefore does not bounce back, and no extra read is
// needed to learn it. The recorded stamp may be the server's own stamp for
// the write or the local clock right after the write returned; the latter
// assumes the two clocks agree within the time a write takes.
//
// A field mapped both ways (a sync map in each direction between the same
// two fields) that changed on both sides is a conflict, unless both new
// values are equal after conversion. The mapping's conflict rule picks the
// winner: the side with the later change stamp (newest wins, Salesforce on
// a tie), or a fixed side. Maps run only for their event type: create-only
// maps on create, sync-only maps on later syncs, create-and-sync maps on
// both.
//
// The package imports engine/schema, engine/condition and engine/mapping,
// and nothing else from engine/.
package plan
