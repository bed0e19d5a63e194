// The connections manager is what the engine passes as both the client
// provider and the connection reporter.
package syncer_test

import (
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/syncer"
)

var _ syncer.ClientProvider = (*connect.Manager)(nil)
var _ syncer.ConnectionReporter = (*connect.Manager)(nil)
