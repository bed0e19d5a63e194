// Package syncer runs Liaison's sync: one run plans, then applies.
//
// Planning reads both sides (Salesforce records changed since each
// object's watermark, with an overlap window and de-duplication; Clarizen
// entities by LastUpdatedOn; deletions through getDeleted and deleted
// entity queries), fires events edge-triggered once per record, matches
// linked pairs and gets each pair's per-field writes from engine/plan,
// resolves references through links, key fields and create policies,
// chooses templates, adds Clarizen links and related objects, and applies
// delete policies. The result is a Plan value that lists every operation
// with its field-level before and after values and the API calls it will
// spend. Planning reads and never writes: no remote write, no registry
// row, no watermark, no firing and no connection or mapping state, so a
// Plan doubles as the preview and the dry run. A login refused while
// planning is recorded by the run that applies the plan. The clients
// themselves may record it earlier: the connections manager marks a
// connection whose login it sees refused.
//
// Applying writes each operation as a Pending registry row before its
// remote call, sends the calls in batches (Salesforce collections of up to
// 200 records, Clarizen bulk requests of up to 100), and records each
// outcome, the links it creates or drops and, once a batch is committed,
// the watermarks, through engine/store. Every create carries an idempotency
// key into the target, so a rerun after a crash finds the record it created
// instead of creating a second one.
//
// The package owns the run's I/O; the per-field rules live in engine/plan
// and engine/mapping, and SQL lives in engine/store. It must not import
// app/, Wails or any UI package.
package syncer
