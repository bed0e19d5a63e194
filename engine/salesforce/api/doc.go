// Package api holds the Salesforce REST wire types: the JSON shapes of
// requests and responses exactly as the API sends them, with no behaviour.
// The salesforce package translates them into Liaison's own types.
//
// It imports nothing from engine/.
package api
