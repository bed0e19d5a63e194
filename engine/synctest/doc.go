// Package synctest runs whole sync scenarios end to end. Its test world
// (Env) is a simulated Salesforce org and one or two simulated Clarizen
// instances (engine/sim/sfsim, engine/sim/czsim) on loopback HTTP, the
// real clients logged in to them and a real store in a temporary folder.
// The sync runner of engine/syncer runs over them. The package also owns
// the definitions the scenarios use (AccountCustomer, NewProjectFlow, ...)
// and the golden transcripts under testdata, rewritten with -update.
//
// Other packages' tests (the syncer's benchmarks, the workspace) build on
// Env too. It must not import app/, Wails or any UI package, and nothing
// outside tests may import it.
package synctest
