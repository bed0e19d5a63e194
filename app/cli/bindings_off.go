//go:build !bindings

package cli

// bindingsBuild is false in every binary that may open a window.
const bindingsBuild = false
