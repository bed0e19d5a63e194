// Package failure turns the error of a remote write into the fields the
// sync registry stores for it. Those are the service's error code, a
// message with secrets redacted, the class (transient, permanent, auth or
// quota) and a hint that names the object, the fields and the fix. The
// sync engine, the user pairing of the best-practices package and the
// social sync all write registry rows, and share this package so that
// every failed row reads alike.
//
// It imports the two API clients, engine/oauth and engine/logging. It must
// not import the packages that use it (syncer, social, bestpractice), the
// store, app/ or Wails.
package failure
