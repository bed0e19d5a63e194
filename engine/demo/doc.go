// Package demo is the demo workspace: Liaison working against simulated
// orgs without owning any.
//
// Start runs the Salesforce simulator with its demo org and two Clarizen
// simulators in this process on loopback. The two Clarizen simulators are
// independent instances, each with its own demo data. Start then opens an
// engine in a data folder and connects to the simulators through the same
// token exchanges as real orgs. Salesforce uses the OAuth web-server flow,
// where the demo approves the simulator's login page itself or the user
// does in the system browser, and Clarizen uses a password or API-key
// login. Last, it installs the best-practices package, agreeing to create
// its custom objects, and enables the package's event for the
// opportunities that already match.
//
// Secrets go to the OS keychain as in real use. Where the keychain does
// not answer within a few seconds without a password prompt, or when the
// caller turns it off, and only here, they stay in memory for the life of
// the process, with a printed notice. They are never written to disk.
//
// demo imports the engine façade, the simulators and the packages it sets
// up. It must not import app/, Wails or any UI package.
package demo
