// Package synctest runs whole sync scenarios end to end: a simulated
// Salesforce org and one or two simulated Clarizen instances
// (engine/sim/sfsim, engine/sim/czsim) on loopback HTTP, the real clients
// logged in to them, a real store in a temporary folder, and the sync
// runner of engine/syncer over them. It owns the test world (Env), the
// definitions the scenarios use (AccountCustomer, NewProjectFlow, ...),
// and the golden transcripts under testdata, rewritten with -update.
//
// Other packages' tests (the syncer's benchmarks, the workspace) build on
// Env too. It must not import app/, Wails or any UI package, and nothing
// outside tests may import it.
package synctest
