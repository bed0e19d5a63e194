// Package social syncs Salesforce Chatter with Clarizen discussions for the
// linked records of mappings that have social sync on. Posts and comments
// go both ways. Each copy names its author as the user mapping resolves
// them: a mention in Salesforce, a notified user in Clarizen.
//
// Every copy is a registry row (operation "post") that holds the ids of
// the original and of the copy, written Pending before the remote call.
// For each record, the run looks up the rows of the posts in its feeds by
// Salesforce id and by idempotency key, to skip what was copied already.
// So a rerun never duplicates a post, and a copy is never copied back. A
// copy that keeps failing keeps one row, which each attempt reuses.
// Copies into Clarizen carry an ExternalID derived from the Salesforce id,
// so a retried create finds the first one. A Salesforce copy whose outcome
// is unknown is looked up in the record's feed by its text. Before each
// record, the run stops cleanly when the Salesforce daily API budget is
// under the sync's reserve.
//
// The package owns no schedule: the engine runs it every social interval
// and after Sync Now. It uses engine/store for rows and links, the
// Salesforce and Clarizen clients for the feeds, engine/failure for the
// error class and hint of a failed copy, and engine/syncer for the budget
// reserve setting. It must not import app/, Wails or any UI package.
package social
