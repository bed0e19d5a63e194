// Package api holds the JSON shapes of the Clarizen REST API v2 (Planview
// AdaptiveWork): request and response bodies, the error object, paging and
// the metadata descriptions.
//
// The types carry no behaviour beyond JSON encoding. Request keys are the
// camelCase names of the official documentation; the service matches keys
// case-insensitively, and so does encoding/json when decoding. Entity field
// values stay json.RawMessage here, because their shape depends on the
// field's type; package clarizen decodes them. This package imports nothing
// from engine/.
package api
