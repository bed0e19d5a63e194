// Package engine wires Liaison's parts together: the store, the keychain,
// the connections, the sync runner and the scheduler. Everything that
// syncs lives below this folder.
//
// Nothing under engine/ imports app/, the frontend or Wails, so the engine
// runs the same headless, in tests and behind the desktop window;
// TestEngine_ImportsNoUI checks it.
package engine
