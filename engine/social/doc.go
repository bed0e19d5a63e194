// Package social syncs Salesforce Chatter with Clarizen discussions for the
// linked records of mappings that have social sync on. Posts and comments
// go both ways. Each copy names its author as the user mapping resolves
// them: a mention in Salesforce, a notified user in Clarizen.
//
// Every copy is a registry row (operation "post") that holds the ids of
// the original and of the copy, written Pending before the remote call.
// The next run reads those rows to skip what was copied already, so a
// rerun never duplicates a post, and a copy is never copied back. Copies
// into Clarizen carry an ExternalID derived from the Salesforce id, so a
// retried create finds the first one. A Salesforce copy whose outcome is
// unknown is looked up in the record's feed by its text.
//
// The package owns no schedule: the engine runs it every social interval
// and after Sync Now. It uses engine/store for rows and links and the
// Salesforce and Clarizen clients for the feeds. It must not import app/,
// Wails or any UI package.
package social
